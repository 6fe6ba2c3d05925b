import Registry
import SQLiteDB

/// Decides the demo's employers, agents, projects and workers from the seed, in a fixed order
/// of draws, so the same options always give the same plan.
struct PopulationPlanner {
    let options: DemoOptions
    let regions: RegionIndex
    private var random: SeededGenerator
    private var niks = NIKFactory()
    private var plan = DemoPlan()
    private let regencyTable: WeightedTable

    init(options: DemoOptions, regions: RegionIndex) {
        self.options = options
        self.regions = regions
        random = SeededGenerator(seed: options.seed)
        regencyTable = WeightedTable(regions.regencies.map(\.weight))
    }

    private var months: Int { options.months }
    private var goLive: CalendarDate { options.firstMonth.firstDay }
    private var asOf: CalendarDate { options.asOf }

    mutating func make() throws -> DemoPlan {
        let total = options.workers
        let wageEarners = total * 60 / 100, informal = total * 30 / 100, construction = total * 5 / 100
        let migrants = total - wageEarners - informal - construction
        planEmployers(count: max(40, wageEarners / 15))
        planAgents(count: max(6, informal / 120))
        planProjects(count: max(3, construction / 20))
        for _ in 0..<wageEarners { try plan.workers.append(wageEarner()) }
        for _ in 0..<informal { try plan.workers.append(informalWorker()) }
        for _ in 0..<construction { try plan.workers.append(constructionWorker()) }
        for index in 0..<migrants {
            // The last migrant signs up just before the report, leaving after it: not started yet.
            try plan.workers.append(migrant(registered: index == migrants - 1 ? asOf.adding(days: -5) : nil))
        }
        return plan
    }

    // MARK: Dates

    /// A day of history month `offset`, never after the as-of date.
    private mutating func day(inMonth offset: Int, from first: Int = 2, to last: Int = 28) -> CalendarDate {
        let month = options.firstMonth.adding(months: offset)
        let date = month.day(random.int(in: first...max(first, last)))
        return min(date, asOf)
    }

    /// A date between `from` and `to`, both included.
    private mutating func date(from: CalendarDate, to: CalendarDate) -> CalendarDate {
        from.adding(days: random.int(in: 0...max(0, to.dayNumber - from.dayNumber)))
    }

    /// A birth date giving an age of `ages` on `on`.
    private mutating func birthDate(age ages: ClosedRange<Int>, on date: CalendarDate) -> CalendarDate {
        let year = date.year - random.int(in: ages) - 1
        let month = random.int(in: 1...12)
        let last = ContributionMonth(year: year, month: month)?.lastDay.day ?? 28
        return CalendarDate(year: year, month: month, day: random.int(in: 1...last)) ?? date.adding(days: -20 * 365)
    }

    /// A registration date: the go-live day for members already there, else a day of a month.
    private mutating func registration(stock: Bool) -> (date: CalendarDate, month: Int) {
        if stock { return (goLive, -1) }
        let month = random.below(months)
        return (day(inMonth: month, from: 2, to: month == months - 1 ? 20 : 28), month)
    }

    // MARK: Organisation

    private mutating func planEmployers(count: Int) {
        let sizes: [EmployerSizeClass] = [.micro, .small, .medium, .large]
        let industryTable = WeightedTable(NameData.industries.map(\.weight))
        for index in 0..<count {
            // The first employers take each industry (so each risk group) and each size class in turn.
            let industry = index < NameData.industries.count ? index : industryTable.draw(&random)
            let size = index < NameData.industries.count ? sizes[index % 4] : sizes[random.weighted([40, 32, 20, 8])]
            let regency = regencyTable.draw(&random)
            let village = random.pick(regions.regencies[regency].villages)
            let joinsLater = index >= 20 && random.chance(0.2)
            let joinMonth = joinsLater ? random.int(in: 0...max(0, months - 4)) : -1
            let conduct: EmployerConduct
            if index == 5 {
                // One small employer stops paying for good half a year before the report: lapsed wage earners.
                conduct = .struggling(month: max(1, months - 6), months: 12, catchesUp: false)
            } else {
                switch random.weighted([78, 15, 7]) {
                case 0: conduct = .punctual
                case 1: conduct = .sometimesLate
                default:
                    conduct = .struggling(month: random.int(in: 2...max(2, months - 3)), months: random.int(in: 2...9),
                                          catchesUp: random.chance(0.5))
                }
            }
            let prefix = switch size {
            case .micro: random.chance(0.5) ? "UD" : "CV"
            case .small: "CV"
            case .medium, .large: "PT"
            }
            let name = "\(prefix) \(random.pick(NameData.companyWords)) \(random.pick(NameData.companyWords)) "
                + NameData.industries[industry].word
            let weight: Double = switch size {
            case .micro: 2
            case .small: 8
            case .medium: 40
            case .large: 250
            }
            let regencyDigits = regions.regencies[regency].code.code.filter { $0 != "." }
            plan.employers.append(EmployerPlan(
                npp: "NPP-\(regencyDigits)-\(pad(index + 1, 6))", name: name, sizeClass: size, industry: industry,
                village: village, joinMonth: joinMonth, joinDay: random.int(in: 2...12), conduct: conduct,
                hiringWeight: weight))
        }
    }

    private mutating func planAgents(count: Int) {
        let purwakarta = regions.regencyIndex(of: "32.14") ?? 0, bantul = regions.regencyIndex(of: "34.02") ?? 0
        for index in 0..<count {
            let regency = index < 4 ? (index % 2 == 0 ? purwakarta : bantul) : regencyTable.draw(&random)
            let villages = regions.regencies[regency].villages
            let served = (0..<random.int(in: 3...8)).map { _ in random.pick(villages) }
            let joinsLater = index >= 4 && random.chance(0.2)
            let joinMonth = joinsLater ? random.int(in: 1...max(1, months - 3)) : -1
            let activeFrom = joinsLater ? day(inMonth: joinMonth, from: 1, to: 10)
                : date(from: CalendarDate(year: 2018, month: 3, day: 1) ?? goLive, to: goLive.adding(days: -1))
            let sex: Sex = random.chance(0.5) ? .female : .male
            plan.agents.append(AgentPlan(
                name: personName(sex), phone: "0812" + pad(random.below(100_000_000), 8), regency: regency,
                villages: served, activeFrom: activeFrom, joinMonth: joinMonth))
        }
    }

    private mutating func planProjects(count: Int) {
        let values: [Int64] = [300_000_000, 500_000_000, 750_000_000, 1_000_000_000, 1_500_000_000, 2_500_000_000,
                               4_000_000_000, 7_500_000_000, 12_000_000_000, 25_000_000_000, 40_000_000_000]
        for index in 0..<count {
            let started = index == 0 || random.chance(0.3)
            let start = started ? goLive.adding(days: -random.int(in: 30...200))
                : date(from: goLive.adding(days: 5), to: asOf.adding(days: -30))
            let end = start.adding(days: started ? random.int(in: 240...540) : random.int(in: 120...540))
            let workOrder = start.adding(days: -random.int(in: 5...20))
            let registeredOn = started ? goLive : max(goLive, workOrder.adding(days: random.int(in: 1...14)))
            let contractors = plan.employers.indices.filter {
                plan.employers[$0].isContractor && registrationDate(ofEmployer: $0) <= registeredOn
            }
            // The first employers take every industry in turn, so a contractor exists from go-live.
            let contractor = contractors.isEmpty ? (plan.employers.firstIndex(where: \.isContractor) ?? 0)
                : random.pick(contractors)
            let regency = regions.villages[plan.employers[contractor].village].regency
            let site = random.pick(regions.regencies[regency].villages)
            let value = random.pick(values) / 100 * Int64(random.int(in: 90...110))
            plan.projects.append(ProjectPlan(
                contractor: contractor, name: "\(random.pick(NameData.projectKinds)) \(regions.villages[site].name)",
                contractValue: value, workOrder: workOrder, start: start, end: end, site: site, registeredOn: registeredOn))
        }
    }

    func registrationDate(ofEmployer index: Int) -> CalendarDate {
        let employer = plan.employers[index]
        return employer.joinMonth < 0 ? goLive : options.firstMonth.adding(months: employer.joinMonth).day(employer.joinDay)
    }

    // MARK: Workers

    private mutating func wageEarner() throws -> WorkerPlan {
        var (registered, month) = registration(stock: random.chance(0.5))
        let table = employerTable
        var employer = table.draw(&random)
        var tries = 0
        while registrationDate(ofEmployer: employer) > registered, tries < 30 {
            employer = table.draw(&random)
            tries += 1
        }
        if registrationDate(ofEmployer: employer) > registered {
            employer = 0   // registered at go-live
            if month >= 0 { registered = max(registered, goLive.adding(days: 1)) }
        }
        let start: CalendarDate
        if month < 0 {
            start = date(from: CalendarDate(year: 2016, month: 1, day: 4) ?? goLive, to: goLive.adding(days: -1))
        } else {
            start = random.chance(0.15) ? ContributionMonth(containing: registered).next.firstDay : registered
        }
        let employerPlan = plan.employers[employer]
        let employerRegency = regions.villages[employerPlan.village].regency
        let village = random.chance(0.75) ? random.pick(regions.regencies[employerRegency].villages) : anyVillage()
        let percent: Int64 = switch employerPlan.sizeClass {
        case .micro, .small: Int64(random.int(in: 100...130))
        case .medium, .large: random.chance(0.05) ? Int64(random.int(in: 300...600)) : Int64(random.int(in: 100...250))
        }
        let wage = regions.regencies[employerRegency].minimumWage * percent / 100 / 1000 * 1000
        var optional: Set<Program> = []
        if random.chance(0.6) { optional.insert(.jht) }
        if random.chance(employerPlan.sizeClass == .small ? 0.4 : 0.15) { optional.insert(.jp) }
        let inJKN = random.chance(0.93)
        var resigns: CalendarDate?
        if random.chance(0.28) {
            let earliest = max(start, goLive).adding(days: 45)
            let candidate = date(from: earliest, to: earliest.adding(days: 700))
            if candidate < asOf { resigns = candidate }
        }
        let sex: Sex = random.chance(employerPlan.isLabourIntensive ? 0.7 : 0.4) ? .female : .male
        return try worker(sex: sex, age: 18...54, on: start, village: village, registered: registered, start: start,
                          occupation: random.pick(NameData.wageOccupations),
                          role: .wageEarner(employer: employer, wage: wage, optionalPrograms: optional, inJKN: inJKN,
                                            resigns: resigns))
    }

    private mutating func informalWorker() throws -> WorkerPlan {
        let (registered, month) = registration(stock: random.chance(0.4))
        let start = month < 0
            ? date(from: CalendarDate(year: 2018, month: 1, day: 2) ?? goLive, to: goLive.adding(days: -1)) : registered
        let regency = regencyTable.draw(&random)
        let village = random.pick(regions.regencies[regency].villages)
        var agent: Int?
        if random.chance(month < 0 ? 0.3 : 0.55) {
            let candidates = agentsByRegency[regency].filter { plan.agents[$0].activeFrom <= registered }
            if !candidates.isEmpty { agent = random.pick(candidates) }
        }
        let incomes: [Int64] = [1_200_000, 1_500_000, 2_000_000, 2_500_000, 3_000_000, 4_000_000, 5_000_000]
        let income = random.chance(0.45) ? 1_000_000 : random.pick(incomes)
        let withJHT = random.chance(0.25)
        let payer: Payer = switch random.weighted([85, 12, 3]) {
        case 0: .self
        case 1: .localGovernment
        default: .companyCSR
        }
        let sponsored = payer != .self
        let monthsPerPayment = sponsored ? (random.chance(0.7) ? 12 : 6) : [1, 3, 6, 12][random.weighted([55, 20, 10, 15])]
        let payDay = sponsored ? random.int(in: 2...10) : (random.chance(0.72) ? random.int(in: 1...15) : random.int(in: 16...28))
        let first = max(month, 0)
        var conduct = InformalConduct.loyal
        if !sponsored {
            switch random.weighted([60, 15, 20, 5]) {
            case 1: conduct = .irregular
            case 2 where first + 1 <= months - 1:
                conduct = .stops(month: random.int(in: (first + 1)...(months - 1)),
                                 endsAfter: random.chance(0.5) ? random.int(in: 5...8) : nil)
            case 3 where first + 2 <= months - 1:
                conduct = .withdraws(month: random.int(in: (first + 2)...(months - 1)))
            default: break
            }
        }
        let sex: Sex = random.chance(0.45) ? .female : .male
        return try worker(sex: sex, age: 18...60, on: start, village: village, registered: registered, start: start,
                          occupation: random.pick(NameData.informalOccupations),
                          role: .informal(income: income, withJHT: withJHT, payer: payer, agent: agent,
                                          monthsPerPayment: monthsPerPayment, payDay: payDay, conduct: conduct))
    }

    private mutating func constructionWorker() throws -> WorkerPlan {
        let index = random.below(plan.projects.count)
        let project = plan.projects[index]
        let registered: CalendarDate, start: CalendarDate
        if project.start < goLive {
            registered = goLive
            start = min(project.start.adding(days: random.int(in: 0...20)), goLive.adding(days: -1))
        } else {
            registered = min(max(project.start.adding(days: random.int(in: 0...20)), project.registeredOn),
                             project.end, asOf)
            start = max(registered, project.start)
        }
        let regency = regions.villages[project.site].regency
        let sex: Sex = random.chance(0.92) ? .male : .female
        return try worker(sex: sex, age: 18...55, on: start, village: random.pick(regions.regencies[regency].villages),
                          registered: registered, start: start, occupation: random.pick(NameData.constructionOccupations),
                          role: .construction(project: index))
    }

    private mutating func migrant(registered fixed: CalendarDate?) throws -> WorkerPlan {
        let registered = fixed ?? registration(stock: false).date
        let departure = registered.adding(days: random.int(in: 14...45))
        let months = [6, 12, 24][random.weighted([20, 35, 45])]
        let (country, occupation) = random.pick(NameData.placements)
        let payer: Payer = random.chance(0.8) ? .self : .otherSponsor
        let sex: Sex = random.chance(0.7) ? .female : .male
        return try worker(sex: sex, age: 20...40, on: departure, village: anyVillage(), registered: registered,
                          start: departure, occupation: "\(occupation) (\(country))",
                          role: .migrant(country: country, months: months, withJHT: random.chance(0.3), payer: payer))
    }

    /// The person common to every role: name, birth date, NIK (usually issued in the district they live in).
    private mutating func worker(
        sex: Sex, age: ClosedRange<Int>, on date: CalendarDate, village: Int, registered: CalendarDate,
        start: CalendarDate, occupation: String, role: WorkerRole
    ) throws -> WorkerPlan {
        let birth = birthDate(age: age, on: date)
        let home = regions.villages[village]
        let district: RegionCode
        switch random.weighted([70, 15, 15]) {
        case 0: district = home.code.parent ?? regions.regencies[home.regency].districts[0]
        case 1: district = random.pick(regions.regencies[home.regency].districts)
        default: district = random.pick(regions.allDistricts)
        }
        let nik = try niks.make(district: district, birthDate: birth, sex: sex)
        let phone = random.chance(0.7) ? "08" + pad(random.int(in: 1_100_000_000...9_899_999_999), 10) : nil
        return WorkerPlan(nik: nik, name: personName(sex), sex: sex, birthDate: birth, village: village,
                          occupation: occupation, phone: phone, registeredOn: registered, startDate: start, role: role)
    }

    /// The agents of each regency, by index.
    private var agentsByRegency: [[Int]] {
        mutating get {
            if let cached = agentsByRegencyCache { return cached }
            var lists = Array(repeating: [Int](), count: regions.regencies.count)
            for (index, agent) in plan.agents.enumerated() { lists[agent.regency].append(index) }
            agentsByRegencyCache = lists
            return lists
        }
    }
    private var agentsByRegencyCache: [[Int]]?

    private var employerTable: WeightedTable {
        mutating get {
            if let cached = employerTableCache { return cached }
            let table = WeightedTable(plan.employers.map(\.hiringWeight))
            employerTableCache = table
            return table
        }
    }
    private var employerTableCache: WeightedTable?

    private mutating func anyVillage() -> Int {
        random.pick(regions.regencies[regencyTable.draw(&random)].villages)
    }

    private mutating func personName(_ sex: Sex) -> String {
        let first = random.pick(sex == .female ? NameData.femaleFirstNames : NameData.maleFirstNames)
        return random.chance(0.75) ? "\(first) \(random.pick(NameData.familyNames))" : first
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
