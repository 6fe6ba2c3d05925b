import Foundation
import Registry
import SQLiteDB
import Testing

/// Registering and enrolling many members at once: the same checks and the same rows as one
/// at a time, a batch per transaction, the input read as it goes.
@Suite struct BulkLoadTests {
    let directory: URL
    let clock = TestClock(day("2025-03-02"))

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("bulk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func register(_ name: String) throws -> (Registry, Office.ID, Employer.ID) {
        let world = try FileWorld(at: directory.appendingPathComponent(name).path, clock: clock)
        return (world.registry, world.branch, world.employer)
    }

    /// Member `serial`: every third a wage earner, the others informal.
    static func member(_ serial: Int, branch: Office.ID, employer: Employer.ID, income: Rupiah = 1_500_000) -> NewMember {
        let worker = NewWorker(nik: nik(String(format: "3214011203%02d%04d", 70 + serial % 30, serial + 1)), fullName: "Pekerja \(serial)",
                               birthDate: day(String(format: "19%02d-03-12", 70 + serial % 30)), sex: .male,
                               village: try! RegionCode("32.14.01.2001"), branchOffice: branch)
        return NewMember(worker: worker) { id in
            serial % 3 == 0
                ? .wageEarner(worker: id, employer: employer, wage: 4_000_000, startDate: day("2025-02-01"), programs: [.jkk, .jkm, .jht, .jp])
                : .informal(worker: id, declaredIncome: income, startDate: day("2025-03-01"))
        }
    }

    static let rows = """
        SELECT w.nik, w.kpj, w.full_name, w.birth_date, w.branch_office_id, w.registered_at,
               m.segment_code, m.employer_id, m.declared_income, m.start_date, m.payer_code,
               (SELECT group_concat(program_code) FROM membership_programs WHERE membership_id = m.id)
        FROM workers w JOIN memberships m ON m.worker_id = w.id ORDER BY w.id
        """

    func stored(_ registry: Registry) throws -> [[String]] {
        try registry.read { session in
            try session.connection.fetchAll(Self.rows).map { row in (0..<12).map { (try? row.get($0, as: String?.self)) ?? nil ?? "∅" } }
        }
    }

    @Test func aLoadStoresWhatOneAtATimeStoresABatchPerTransaction() throws {
        let (bulk, branch, employer) = try register("bulk.sqlite")
        let (single, singleBranch, singleEmployer) = try register("single.sqlite")
        #expect(branch == singleBranch && employer == singleEmployer)
        var reported: [Int] = []
        let outcome = try bulk.load((0..<25).map { Self.member($0, branch: branch, employer: employer) }, actor: "migration:jabar",
                                    batchSize: 10) { reported.append($0) }
        #expect(outcome == BulkLoadOutcome(members: 25, batches: 3))
        #expect(reported == [10, 20, 25])
        try single.write(actor: "migration:jabar") { session in
            for serial in 0..<25 {
                let member = Self.member(serial, branch: branch, employer: employer)
                let worker = try session.register(member.worker)
                try session.enrol(member.membership(worker.id))
            }
        }
        let loaded = try stored(bulk)
        #expect(loaded.count == 25)
        #expect(loaded == (try stored(single)))
        let actors = try bulk.read { try $0.connection.fetchValues(String.self, "SELECT DISTINCT actor FROM audit_log WHERE actor <> 'setup'") }
        #expect(actors == ["migration:jabar"])
        #expect(try bulk.read { try $0.statusCounts(on: day("2025-03-02")) }.reduce(0) { $0 + $1.memberships } == 25,
                "the standing tables hold every new membership")
    }

    @Test func aRefusedMemberStopsTheLoadAfterTheCommittedBatchesAndNothingOfItsOwn() throws {
        let (registry, branch, employer) = try register("refused.sqlite")
        var pulled = 0
        let members = (0..<1_000).lazy.map { serial -> NewMember in
            pulled += 1
            // Member 13 declares an income under the floor.
            return Self.member(serial, branch: branch, employer: employer, income: serial == 13 ? 900_000 : 1_500_000)
        }
        let error = try #require(throws: BulkLoadError.self) {
            try registry.load(members, actor: "migration", batchSize: 10)
        }
        #expect(error.index == 13 && error.committed == 10)
        #expect(error.error.field == "declared_income")
        #expect(error.description.hasPrefix("member 13: declared_income: declared income Rp900.000 is below"))
        #expect(try registry.read { try $0.connection.fetchValue(Int.self, "SELECT count(*) FROM workers") } == 10)
        #expect(try registry.read { try $0.connection.fetchValue(Int.self, "SELECT count(*) FROM memberships") } == 10)
        #expect(pulled == 20, "the input is read a batch at a time, not all at once")
    }

    @Test func theSessionsLoadIsAllOrNothing() throws {
        let (registry, branch, employer) = try register("session.sqlite")
        let members = [0, 1, 1].map { Self.member($0, branch: branch, employer: employer) }   // 1 twice: a duplicate NIK
        let error = try #require(throws: BulkLoadError.self) {
            try registry.write(actor: "script") { session in try session.registerAndEnrol(members) }
        }
        #expect(error.index == 2 && error.error.field == "nik")
        #expect(try registry.read { try $0.connection.fetchValue(Int.self, "SELECT count(*) FROM workers") } == 0)
        #expect(try registry.write(actor: "script") { session in try session.registerAndEnrol(members.prefix(2)) } == 2)
    }
}
