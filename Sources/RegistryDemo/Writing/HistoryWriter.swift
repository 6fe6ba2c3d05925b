import Registry
import SQLiteDB

/// Replays a ``DemoPlan`` through the domain API, one write transaction per month, with the
/// registry's clock set to each event's day: so every rule is enforced, and every row carries
/// the date it would have in a real register.
final class HistoryWriter {
    let registry: Registry
    let clock: DemoClock
    let plan: DemoPlan
    let regions: RegionIndex
    let options: DemoOptions
    var offices: [String: Office.ID] = [:]
    var random: SeededGenerator

    var employerIDs: [Employer.ID?]
    var agentIDs: [Agent.ID?]
    var projectIDs: [ConstructionProject.ID?]
    var membershipIDs: [Membership.ID?]
    /// Informal workers' months paid through (offset; -1 = the month before the history), by worker.
    var paidThrough: [Int]
    /// Memberships ended by an event (informal workers stop being scheduled).
    var hasEnded: [Bool]
    /// Employer payments planned for later months: month offset → (employer, contribution month, date).
    var employerPayments: [[(employer: Int, month: ContributionMonth, date: CalendarDate)]]
    var receipts = 0
    var rulesByMonth: [ContributionMonth: ContributionRules] = [:]
    var informalDues: [InformalDuesKey: Rupiah] = [:]

    /// Registrations on the go-live day, before the first billing run.
    private var atGoLive: [HistoryEvent] = []
    /// Registrations during the history, by month offset.
    private var workersByMonth: [[Int]]
    private var employersByMonth: [[Int]]
    private var agentsByMonth: [[Int]]
    private var projectsByMonth: [[Int]]
    /// When each project's contractor pays its bill (nil: never, in the history).
    private var projectPayments: [CalendarDate?]

    init(registry: Registry, clock: DemoClock, plan: DemoPlan, regions: RegionIndex, options: DemoOptions) {
        self.registry = registry
        self.clock = clock
        self.plan = plan
        self.regions = regions
        self.options = options
        random = SeededGenerator(seed: options.seed).fork(11)
        employerIDs = Array(repeating: nil, count: plan.employers.count)
        agentIDs = Array(repeating: nil, count: plan.agents.count)
        projectIDs = Array(repeating: nil, count: plan.projects.count)
        membershipIDs = Array(repeating: nil, count: plan.workers.count)
        paidThrough = Array(repeating: -1, count: plan.workers.count)
        hasEnded = Array(repeating: false, count: plan.workers.count)
        employerPayments = Array(repeating: [], count: options.months + 2)
        let first = options.firstMonth
        func offset(_ date: CalendarDate) -> Int { max(0, first.months(until: ContributionMonth(containing: date))) }
        workersByMonth = Array(repeating: [], count: options.months)
        employersByMonth = Array(repeating: [], count: options.months)
        agentsByMonth = Array(repeating: [], count: options.months)
        projectsByMonth = Array(repeating: [], count: options.months)
        let goLive = first.firstDay
        for (index, employer) in plan.employers.enumerated() {
            if employer.joinMonth < 0 { atGoLive.append(.registerEmployer(index)) } else { employersByMonth[employer.joinMonth].append(index) }
        }
        for (index, agent) in plan.agents.enumerated() {
            if agent.joinMonth < 0 { atGoLive.append(.registerAgent(index)) } else { agentsByMonth[agent.joinMonth].append(index) }
        }
        for (index, project) in plan.projects.enumerated() {
            if project.registeredOn == goLive { atGoLive.append(.registerProject(index)) } else { projectsByMonth[offset(project.registeredOn)].append(index) }
        }
        for (index, worker) in plan.workers.enumerated() {
            if worker.registeredOn == goLive { atGoLive.append(.registerWorker(index)) } else { workersByMonth[offset(worker.registeredOn)].append(index) }
        }
        projectPayments = Self.projectPayments(plan.projects, seed: options.seed)
        // Projects taken over at go-live had paid the system the register replaces: their bills
        // are settled on the day, after every registration.
        for (index, project) in plan.projects.enumerated() where project.registeredOn == goLive {
            atGoLive.append(.payProject(index))
        }
    }

    var goLive: CalendarDate { options.firstMonth.firstDay }

    /// The go-live day, before the first month: the register takes over the employers, agents,
    /// projects and members of the system it replaces, with their start dates in the past.
    func writeGoLive() throws {
        try registry.write(actor: "demo:go-live") { session in
            try session.openLedger(from: options.firstMonth, note: "demo go-live: earlier months were settled in the system it replaces")
            for event in atGoLive {
                clock.set(goLive, minute: event.order * 60)
                try run(event, on: goLive, month: 0, in: session)
            }
        }
    }

    /// Writes month `offset` of the history in one transaction.
    func writeMonth(_ offset: Int) throws {
        let events = schedule(offset)
        try registry.write(actor: "demo:generator") { session in
            for scheduled in events {
                clock.set(scheduled.date, minute: scheduled.event.order * 60)
                try run(scheduled.event, on: scheduled.date, month: offset, in: session)
            }
        }
    }

    /// The month's events, sorted; nothing after the as-of date.
    private func schedule(_ offset: Int) -> [ScheduledEvent] {
        let month = options.firstMonth.adding(months: offset)
        let lastDay = min(month.lastDay, options.asOf)
        var events: [ScheduledEvent] = []
        var sequence = 0
        func add(_ date: CalendarDate, _ event: HistoryEvent) {
            guard date <= options.asOf else { return }
            events.append(ScheduledEvent(date: date, sequence: sequence, event: event))
            sequence += 1
        }
        for index in employersByMonth[offset] { add(month.day(plan.employers[index].joinDay), .registerEmployer(index)) }
        for index in agentsByMonth[offset] { add(plan.agents[index].activeFrom, .registerAgent(index)) }
        for index in projectsByMonth[offset] { add(plan.projects[index].registeredOn, .registerProject(index)) }
        for index in workersByMonth[offset] { add(plan.workers[index].registeredOn, .registerWorker(index)) }
        add(month.firstDay, .issueBills(month))
        add(lastDay, .issueBills(month))
        scheduleInformal(offset, add: add)
        scheduleEmployers(offset)
        for payment in employerPayments[offset] { add(payment.date, .payEmployer(employer: payment.employer, month: payment.month)) }
        for (index, date) in projectPayments.enumerated() where plan.projects[index].registeredOn != goLive {
            if let date, ContributionMonth(containing: date) == month { add(date, .payProject(index)) }
        }
        scheduleEndings(month, add: add)
        return events.sorted(by: <)
    }

    /// Informal workers whose paid months have run out pay (or skip, stop, leave) this month.
    private func scheduleInformal(_ offset: Int, add: (CalendarDate, HistoryEvent) -> Void) {
        let month = options.firstMonth.adding(months: offset)
        for index in plan.workers.indices where membershipIDs[index] != nil && !hasEnded[index] {
            guard case .informal(_, _, _, _, let perPayment, let payDay, let conduct) = plan.workers[index].role
            else { continue }
            let date = month.day(payDay)
            switch conduct {
            case .stops(let stop, let endsAfter) where offset >= stop:
                if let endsAfter, offset == stop + endsAfter, paidThrough[index] < offset { add(month.day(random.int(in: 16...28)), .lapse(worker: index)) }
                continue
            case .withdraws(let from) where offset >= from && paidThrough[index] == offset - 1:
                add(month.day(random.int(in: 16...25)), .withdraw(worker: index))
                continue
            case .irregular where paidThrough[index] < offset && random.chance(0.25):
                continue
            default:
                break
            }
            guard paidThrough[index] < offset else { continue }
            let behind = offset - paidThrough[index]
            add(date, .payInformal(worker: index, months: behind > 1 ? max(perPayment, 3) : perPayment))
        }
    }

    /// Each registered employer's payment of last month's bills, on time or not, by its conduct.
    private func scheduleEmployers(_ offset: Int) {
        guard offset >= 1 else { return }
        let billMonth = options.firstMonth.adding(months: offset - 1)
        let month = options.firstMonth.adding(months: offset)
        for index in plan.employers.indices where employerIDs[index] != nil {
            var target = offset, date = month.day(random.int(in: 3...14))
            switch plan.employers[index].conduct {
            case .punctual:
                break
            case .sometimesLate:
                switch random.weighted([70, 25, 5]) {
                case 0: break
                case 1: date = month.day(random.int(in: 16...28))
                default:
                    target = offset + 1
                    date = month.next.day(random.int(in: 3...14))
                }
            case .struggling(let stop, let length, let catchesUp):
                if (stop..<(stop + length)).contains(offset - 1) {
                    guard catchesUp else { continue }
                    target = stop + length
                    date = options.firstMonth.adding(months: target).day(20)
                }
            }
            if target < employerPayments.count {
                employerPayments[target].append((index, billMonth, date))
            }
        }
    }

    /// Resignations, project and placement ends falling in `month`.
    private func scheduleEndings(_ month: ContributionMonth, add: (CalendarDate, HistoryEvent) -> Void) {
        for (index, worker) in plan.workers.enumerated() {
            switch worker.role {
            case .wageEarner(_, _, _, _, let resigns?) where ContributionMonth(containing: resigns) == month:
                add(resigns, .resign(worker: index))
            case .construction(let project) where ContributionMonth(containing: plan.projects[project].end) == month:
                add(plan.projects[project].end, .endProject(worker: index))
            case .migrant(_, let months, _, _):
                let end = Self.placementEnd(start: worker.startDate, months: months)
                if ContributionMonth(containing: end) == month { add(end, .endPlacement(worker: index)) }
            default:
                break
            }
        }
    }

    /// When each contractor pays its project's bill, which is issued on registration: most on the
    /// day they register (within 14 working days of the work order: on time), some 20 to 75 days
    /// later (late: the workers are in arrears meanwhile), some never. Drawn from a generator of
    /// their own, so the rest of the history is what it was before projects were billed.
    static func projectPayments(_ projects: [ProjectPlan], seed: UInt64) -> [CalendarDate?] {
        var random = SeededGenerator(seed: seed).fork(23)
        return projects.map { project in
            switch random.weighted([70, 20, 10]) {
            case 0: project.registeredOn
            case 1: project.registeredOn.adding(days: random.int(in: 20...75))
            default: nil
            }
        }
    }

    /// The last day of a placement of `months` months from `start`.
    static func placementEnd(start: CalendarDate, months: Int) -> CalendarDate {
        ContributionMonth(containing: start).adding(months: months).day(start.day).adding(days: -1)
    }

    private func run(_ event: HistoryEvent, on date: CalendarDate, month offset: Int, in session: RegistrySession) throws {
        switch event {
        case .registerEmployer(let index): try registerEmployer(index, in: session)
        case .registerAgent(let index): try registerAgent(index, in: session)
        case .registerProject(let index): try registerProject(index, in: session)
        case .registerWorker(let index): try registerWorker(index, month: offset, in: session)
        case .issueBills(let month): try session.issueBills(for: month)
        case .payInformal(let worker, let months): try payInformal(worker, months: months, in: session)
        case .payEmployer(let employer, let month): try payEmployer(employer, month: month, on: date, in: session)
        case .payProject(let index): try payProject(index, in: session)
        case .resign(let worker): try end(worker, on: date, reason: .employmentEnded, in: session)
        case .endProject(let worker): try end(worker, on: date, reason: .projectEnded, in: session)
        case .endPlacement(let worker): try end(worker, on: date, reason: .placementEnded, in: session)
        case .lapse(let worker): try end(worker, on: date, reason: .lapsed, in: session)
        case .withdraw(let worker): try withdraw(worker, month: offset, in: session)
        }
    }

    private func end(_ worker: Int, on date: CalendarDate, reason: EndReason, in session: RegistrySession) throws {
        guard let membership = membershipIDs[worker], !hasEnded[worker] else { return }
        try session.endMembership(membership, on: date, reason: reason)
        hasEnded[worker] = true
    }

    /// Leaving when the paid months ran out: the unpaid bill of this month is cancelled and the
    /// membership ends on the last paid day.
    private func withdraw(_ worker: Int, month offset: Int, in session: RegistrySession) throws {
        guard let membership = membershipIDs[worker], !hasEnded[worker] else { return }
        let month = options.firstMonth.adding(months: offset)
        if let bill = try session.bills(of: membership).first(where: { $0.month == month && $0.amountPaid == .zero }) {
            try session.cancelBill(bill.id, note: "member withdrew (berhenti) before paying")
        }
        try session.endMembership(membership, on: month.previous.lastDay, reason: .withdrawn)
        hasEnded[worker] = true
    }

    func nextReceipt(_ prefix: String) -> String {
        receipts += 1
        let digits = String(receipts)
        return prefix + "-" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }
}
