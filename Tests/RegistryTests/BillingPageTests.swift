import Foundation
@testable import Registry
import SQLiteDB
import Testing

/// The billing runs read memberships a page at a time, in id order: every page must start
/// where the last one ended, and cost nothing for the pages before it.
@Suite struct BillingPageTests {
    /// Twelve memberships whose ids interleave the segments and two employers: informal,
    /// wage earner of `employer`, wage earner of `otherEmployer`, informal, and so on. The
    /// fifth (informal) ended on 28 February; the ninth (informal) starts in April.
    struct Scenario {
        let world: DomainWorld
        let otherEmployer: Employer
        let memberships: [Membership.ID]
        let march = month("2025-03")

        init() throws {
            world = try DomainWorld()
            let session = world.session
            otherEmployer = try session.registerEmployer(NewEmployer(
                npp: try EmployerNumber("NPP-0002"), name: "CV Mebel Jati", sizeClass: .small, riskGroup: .low,
                village: DomainWorld.village, branchOffice: world.branch.id))
            var memberships: [Membership.ID] = []
            for index in 0..<12 {
                let worker = try session.register(world.newWorker(serial: index + 1)).id
                let start = day(index == 8 ? "2025-04-01" : "2025-01-01")
                let enrolment: NewMembership = switch index % 4 {
                case 1: .wageEarner(worker: worker, employer: world.employer.id, wage: 5_000_000, startDate: start,
                                    programs: [.jkk, .jkm, .jht, .jp])
                case 2: .wageEarner(worker: worker, employer: otherEmployer.id, wage: 4_000_000, startDate: start,
                                    programs: [.jkk, .jkm, .jht])
                default: .informal(worker: worker, declaredIncome: 1_500_000, startDate: start)
                }
                memberships.append(try session.enrol(enrolment).id)
            }
            try session.endMembership(memberships[4], on: day("2025-02-28"), reason: .withdrawn)
            world.clock.set(march.firstDay)
            self.memberships = memberships
        }

        /// Every membership but the ended one and the one not yet started.
        var billable: Set<Int64> {
            Set(memberships.indices.filter { $0 != 4 && $0 != 8 }.map { memberships[$0].rawValue })
        }

        func employees(of employer: Employer) -> Set<Int64> {
            Set(memberships.indices.filter { $0 % 4 == (employer.id == world.employer.id ? 1 : 2) }.map { memberships[$0].rawValue })
        }

        func billed() throws -> Set<Int64> {
            Set(try world.db.fetchAll("SELECT membership_id FROM bills WHERE contribution_month = ?", march)
                .map { try $0.get(0, as: Int64.self) })
        }
    }

    @Test(arguments: [1, 2, 3, 10, 11, 2_000])
    func everyPageSizeBillsEachMembershipOnce(pageSize: Int) throws {
        let scenario = try Scenario()
        let run = try scenario.world.session.issueBills(for: scenario.march, employer: nil, pageSize: pageSize).run
        #expect(try scenario.billed() == scenario.billable)
        #expect(run.bills == scenario.billable.count)
        #expect(try scenario.world.session.issueBills(for: scenario.march, employer: nil, pageSize: pageSize).run.bills == 0)
    }

    @Test func oneEmployersRunPagesThroughItsOwnWageEarnersOnly() throws {
        let scenario = try Scenario()
        let session = scenario.world.session
        let first = try session.issueBills(for: scenario.march, employer: scenario.otherEmployer.id, pageSize: 1).run
        #expect(try scenario.billed() == scenario.employees(of: scenario.otherEmployer))
        #expect(first.bills == 3)
        let rest = try session.issueBills(for: scenario.march, employer: nil, pageSize: 2).run
        #expect(rest.bills == scenario.billable.count - 3)
        #expect(try scenario.billed() == scenario.billable)
    }

    /// The plans that keep a billing run linear: memberships read by rowid from the last
    /// page's id (or through the employer's index, which holds them in rowid order), and no
    /// sort, which would mean reading every later membership to keep one page.
    @Test func pagesSeekByRowidAndNeverSort() throws {
        let scenario = try Scenario()
        func plan(_ sql: String, _ values: any DatabaseValueConvertible...) throws -> [String] {
            let statement = try scenario.world.db.prepare("EXPLAIN QUERY PLAN " + sql)
            try statement.bind(arguments: values.map(\.databaseValue))
            var lines: [String] = []
            while try statement.step() { lines.append(try statement.currentRow.get(3, as: String.self)) }
            return lines
        }
        let march = scenario.march
        let all = try plan(RegistrySession.billingPageSQL, 5, march.lastDay, march.firstDay, march, 2_000)
        #expect(all.contains("SEARCH m USING INTEGER PRIMARY KEY (rowid>?)"), "\(all)")
        #expect(!all.contains { $0.contains("TEMP B-TREE") }, "\(all)")

        let employer = try plan(RegistrySession.employerBillingPageSQL, scenario.world.employer.id, 5, march.lastDay,
                                march.firstDay, march, 2_000)
        #expect(employer.contains("SEARCH m USING INDEX memberships_employer_id (employer_id=? AND rowid>?)"), "\(employer)")
        #expect(!employer.contains { $0.contains("TEMP B-TREE") }, "\(employer)")
    }

    /// `Registry.issueBills(for:pageSize:progress:)`: the batch job, a page per transaction.
    struct BatchRun {
        let scenario: Scenario
        let registry: Registry
        let path: String

        init() throws {
            scenario = try Scenario()
            path = FileManager.default.temporaryDirectory.appendingPathComponent("billing-\(UUID()).sqlite").path
            try scenario.world.db.execute("VACUUM INTO ?", path)
            registry = try Registry(path: path, clock: scenario.world.clock.read)
        }

        func remove() {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }

        func billed() throws -> [Int64] {
            try registry.read { session in
                try session.connection.fetchAll("SELECT membership_id FROM bills WHERE contribution_month = ? ORDER BY 1",
                                                scenario.march).map { try $0.get(0, as: Int64.self) }
            }
        }
    }

    @Test func theBatchJobBillsEveryMembershipAPageAtATime() throws {
        let batch = try BatchRun()
        defer { batch.remove() }
        var progress: [Int] = []
        let run = try batch.registry.issueBills(for: batch.scenario.march, pageSize: 3) { progress.append($0.bills) }
        #expect(progress == [3, 6, 9, 10])
        #expect(run.bills == 10)
        #expect(Set(try batch.billed()) == batch.scenario.billable)
        let total = try batch.registry.read { session in
            try session.connection.fetchValue(Int64.self, """
                SELECT sum(amount) FROM bill_lines WHERE bill_id IN (SELECT id FROM bills WHERE contribution_month = ?)
                  AND program_code <> 'JKP'
                """, batch.scenario.march)
        }
        #expect(run.total.amount == total)
        #expect(try batch.registry.issueBills(for: batch.scenario.march, pageSize: 3).bills == 0)
    }

    /// A page that fails leaves the pages before it committed and nothing of its own; the
    /// next run bills the rest.
    @Test func aStoppedBatchJobKeepsItsPagesAndTheNextRunBillsTheRest() throws {
        let batch = try BatchRun()
        defer { batch.remove() }
        let order = batch.scenario.billable.sorted()
        try batch.registry.pool.write { db in
            try db.execute("""
                CREATE TRIGGER refuse_one_bill BEFORE INSERT ON bills WHEN NEW.membership_id = \(order[7])
                BEGIN SELECT RAISE(ABORT, 'refused by the test'); END
                """)
        }
        #expect(throws: SQLiteError.self) { try batch.registry.issueBills(for: batch.scenario.march, pageSize: 3) }
        #expect(try batch.billed() == Array(order[0..<6]))

        try batch.registry.pool.write { try $0.execute("DROP TRIGGER refuse_one_bill") }
        let rest = try batch.registry.issueBills(for: batch.scenario.march, pageSize: 3)
        #expect(rest.bills == 4)
        #expect(try batch.billed() == order)
    }

    @Test func aPageSizeBelowOneIsRefused() throws {
        let batch = try BatchRun()
        defer { batch.remove() }
        #expect(throws: RegistryError.invalid(field: "page_size", value: "0", reason: "must be at least 1")) {
            try batch.registry.issueBills(for: batch.scenario.march, pageSize: 0)
        }
        #expect(try batch.billed().isEmpty)
    }
}
