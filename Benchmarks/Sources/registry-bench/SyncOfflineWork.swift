// The offline work of the sync workload, done on an extract through the library as a Perisai
// agent's app would do it: one call per worker and per payment, never a bulk API.
//
// Over the three months after the centre's ledger, in one write transaction per working day
// (days 1–25): in the first month each day's workers are registered, enrolled as informal
// (BPU) members from that day and pay their first month; in the second and third month the same
// day's workers pay one month each, the amount read first with `amountOwed` (what the app shows
// before taking the money). So `workers` new members make `3 × workers` payments, each billing
// its month on the extract (bill, JKK and JKM lines, payment, allocation).
//
// NIKs are new to the whole centre (checked against it, untimed), in the office's villages and
// districts; card numbers (KPJ) are left to the extract to issue, as on a device, so the push
// meets taken card numbers and reissues them. Deterministic: SplitMix64 with a fixed seed.
import Foundation
import Registry
import SQLiteDB

struct SyncOfflineWork {
    static let seed: UInt64 = 0x5EED_5_1AC_2026
    static let days = 25
    static let paymentsPerWorker = 3

    let extractPath: String
    let centrePath: String
    let office: String
    let workers: Int
    /// The first month worked offline (the month after the centre's last ledger month).
    let firstMonth: ContributionMonth

    struct Outcome {
        var workers = 0
        var payments = 0
        var seconds = 0.0
    }

    func run() throws -> Outcome {
        let clock = SteppedClock(BenchCalendar.instant(firstMonth.firstDay, hour: 8))
        let registry = try Registry(path: extractPath, clock: clock.read)
        defer { try? registry.close() }
        let (officeID, villages) = try registry.read { session -> (Office.ID, [String]) in
            let db = session.connection
            guard let id = try db.fetchValue(Int64.self, "SELECT id FROM offices WHERE code = ?", office) else {
                throw RawError(description: "no office \(office) in the extract")
            }
            let villages = try db.fetchValues(String.self, """
                SELECT v.code FROM villages v
                JOIN branch_regencies br ON br.regency_code = substr(v.code, 1, 5) AND br.effective_to IS NULL
                WHERE br.branch_office_id = ? ORDER BY v.code
                """, id)
            return (Office.ID(id), villages)
        }
        guard !villages.isEmpty else { throw RawError(description: "office \(office) serves no village in the extract") }
        let people = try newPeople(villages: villages, officeID: officeID)

        var outcome = Outcome()
        var memberships = [Membership.ID?](repeating: nil, count: people.count)
        let perDay = (people.count + Self.days - 1) / Self.days
        let start = ContinuousClock.now
        for monthOffset in 0..<Self.paymentsPerWorker {
            let month = firstMonth.adding(months: monthOffset)
            for day in 1...Self.days {
                let range = min((day - 1) * perDay, people.count)..<min(day * perDay, people.count)
                guard !range.isEmpty else { continue }
                let date = month.day(day)
                clock.set(BenchCalendar.instant(date, hour: 9))
                try registry.write(actor: "agent:registry-bench") { session in
                    for index in range {
                        if monthOffset == 0 {
                            let worker = try session.register(people[index].worker)
                            let membership = try session.enrol(.informal(
                                worker: worker.id, declaredIncome: people[index].income, startDate: date))
                            memberships[index] = membership.id
                            outcome.workers += 1
                        }
                        let membership = memberships[index]!
                        let amount = try session.amountOwed(for: membership, months: 1)
                        try session.payInformalDues(
                            for: membership, months: 1, amount: amount, receipt: "AGENT-\(month)-\(index)", channel: .agent)
                        outcome.payments += 1
                    }
                }
            }
        }
        outcome.seconds = seconds(ContinuousClock.now - start)
        return outcome
    }

    private struct Person {
        var worker: NewWorker
        var income: Rupiah
    }

    /// The new members: names, birth dates and sexes drawn as PopulationWriter draws them, a NIK
    /// in their village's district with a serial no worker of the centre has there.
    private func newPeople(villages: [String], officeID: Office.ID) throws -> [Person] {
        let centre = try RawDB(centrePath, cacheKiB: 8192, readOnly: true)
        let taken = try centre.prepare("SELECT count(*) FROM workers WHERE nik = ?")
        var rng = SplitMix64(state: Self.seed)
        let firstBirth = CalendarDate(year: 1966, month: 1, day: 1)!.dayNumber
        let birthSpan = CalendarDate(year: 2006, month: 12, day: 31)!.dayNumber - firstBirth + 1
        var chosen: Set<String> = []
        var people: [Person] = []
        people.reserveCapacity(workers)
        while people.count < workers {
            let village = villages[rng.below(villages.count)]
            let birth = CalendarDate(dayNumber: firstBirth + rng.below(birthSpan))
            let female = rng.below(2) == 0
            let day = female ? birth.day + 40 : birth.day
            let serial = 5000 + rng.below(5000)
            let nik = village.prefix(8).filter(\.isNumber) + pad(day) + pad(birth.month) + pad(birth.year % 100) + pad(serial, 4)
            taken.bind(1, nik)
            let used = try taken.step() && taken.int(0) > 0
            taken.reset()
            guard !used, chosen.insert(nik).inserted else { continue }
            let (given, second) = female
                ? (PopulationWriter.womenNames, PopulationWriter.womenSecondNames)
                : (PopulationWriter.menNames, PopulationWriter.menSecondNames)
            let name = given[rng.below(given.count)] + " " + second[rng.below(second.count)]
            let occupation = PopulationWriter.occupations[rng.below(PopulationWriter.occupations.count)]
            people.append(Person(
                worker: NewWorker(nik: try NIK(nik), fullName: name, birthDate: birth, sex: female ? .female : .male,
                                  village: try RegionCode(village), occupation: occupation, branchOffice: officeID),
                income: Rupiah(Int64(1_000_000 + 100_000 * rng.below(40)))))
        }
        return people
    }

    private func pad(_ value: Int, _ width: Int = 2) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
