import Foundation
import Registry
import SQLiteDB
import Testing

/// Construction (JAKON) dues paid against a project's bill count in `dues_received` and in the
/// dues targets (0031): as construction, in the regency of the project's site, or of its
/// contractor when it has none, on the payment's Jakarta day. The view `target_achievement`
/// (from the ledger) and the library (from `dues_received`) agree, and `registry check`
/// recomputes the table the way its triggers keep it.
@Suite struct ProjectDuesReceivedTests {
    let world: DomainWorld
    static let purwakarta = try! RegionCode("32.14")
    static let bantul = try! RegionCode("34.02")
    /// 18:00 UTC on 10 March is 01:00 on the 11th in Jakarta: the day the payment counts on.
    static let paidAt = Date(iso8601: "2025-03-10T18:00:00.000Z")!

    init() throws {
        world = try DomainWorld(today: day("2025-02-21"))
    }

    var session: RegistrySession { world.session }

    /// A Rp1,000,000,000 contract of the world's employer (in Purwakarta): Rp1,750,000 of dues.
    func project(_ name: String, site: RegionCode?) throws -> ConstructionProject {
        try session.registerProject(NewConstructionProject(
            contractor: world.employer.id, name: name, contractValue: Rupiah(1_000_000_000), workOrderDate: day("2025-02-20"),
            startDate: day("2025-03-01"), endDate: day("2025-12-31"), site: site))
    }

    /// Rows of `dues_received` as `segment regency day amount`.
    func duesReceived() throws -> [String] {
        try world.db.fetchValues(String.self, """
            SELECT segment_code || ' ' || regency_code || ' ' || paid_on || ' ' || amount FROM dues_received ORDER BY 1
            """)
    }

    /// A March dues target for `area` and `segment` (nil: all segments).
    func target(_ area: RegionCode, _ segment: Segment?, through end: String = "2025-03-31") throws -> Int64 {
        try session.addTarget(NewTarget(area: .regency(area), segment: segment, kind: .duesAmount, value: 1_750_000,
                                        periodStart: day("2025-03-01"), periodEnd: day(end)))
    }

    /// Each target's actual value from the view and from the library, which must agree.
    func achieved(_ targets: [Int64]) throws -> [Int64] {
        let library = Dictionary(uniqueKeysWithValues: try session.targetAchievements().map { ($0.targetID, $0.actualValue) })
        let view = try targets.map { try #require(try world.db.fetchValue(Int64.self, "SELECT actual_value FROM target_achievement WHERE target_id = ?", $0)) }
        #expect(targets.map { library[$0] ?? nil } == view.map { Optional($0) }, "the library and the view")
        return view
    }

    func duesReceivedProblems() throws -> [String] {
        try session.consistencyProblems(on: day("2025-03-20")).filter { $0.check == .duesReceived }.map(\.description)
    }

    @Test func aProjectPaidThroughTheLibraryCountsInItsSitesRegencyForConstructionAndAllTargets() throws {
        let jembatan = try project("Jembatan Desa Satu", site: DomainWorld.bantulVillage)
        let construction = try target(Self.bantul, .construction)
        let all = try target(Self.bantul, nil)
        let informal = try target(Self.bantul, .informal)
        let contractorsRegency = try target(Self.purwakarta, .construction)
        let toThe10th = try target(Self.bantul, .construction, through: "2025-03-10")
        let targets = [construction, all, informal, contractorsRegency, toThe10th]
        #expect(try achieved(targets) == [0, 0, 0, 0, 0], "nothing paid yet")

        world.clock.set(day("2025-03-20"))
        try session.payProjectDues(project: jembatan.id, amount: 1_750_000, receipt: "JK-1", channel: .bankTransfer, paidAt: Self.paidAt)
        #expect(try duesReceived() == ["construction 34.02 2025-03-11 1750000"])
        // Construction and all segments count it; another segment, the contractor's regency and a
        // period ending the (Jakarta) day before do not.
        #expect(try achieved(targets) == [1_750_000, 1_750_000, 0, 0, 0])
        #expect(try duesReceivedProblems() == [])

        // A reversal takes it back out, on the day the payment counted.
        try session.reversePayment(receipt: "JK-1")
        #expect(try duesReceived() == ["construction 34.02 2025-03-11 0"])
        #expect(try achieved(targets) == [0, 0, 0, 0, 0])
        #expect(try duesReceivedProblems() == [])
    }

    /// Without a site a project's dues count in its contractor's regency; they follow the site
    /// when one is set or moved, and the contractor's address while there is none.
    @Test func aProjectWithoutASiteCountsWhereItsContractorIsAndMovesWithSiteAndContractor() throws {
        try session.addRegion(try RegionCode("32.73"), name: "Kota Bandung")
        try session.addRegion(try RegionCode("32.73.01"), name: "Sukasari")
        try session.addRegion(try RegionCode("32.73.01.1001"), name: "Gegerkalong")
        let bandung = try RegionCode("32.73")
        let jembatan = try project("Jembatan Desa Satu", site: nil)
        let targets = try [Self.purwakarta, Self.bantul, bandung].map { try target($0, .construction) }
        world.clock.set(day("2025-03-20"))
        try session.payProjectDues(project: jembatan.id, amount: 1_750_000, receipt: "JK-1", channel: .bankTransfer, paidAt: Self.paidAt)
        #expect(try duesReceived() == ["construction 32.14 2025-03-11 1750000"], "the contractor's regency")
        #expect(try achieved(targets) == [1_750_000, 0, 0])

        // The contractor moves to Bantul: the project without a site goes with it.
        try world.db.execute("UPDATE employers SET village_code = ? WHERE id = ?", DomainWorld.bantulVillage, world.employer.id)
        #expect(try achieved(targets) == [0, 1_750_000, 0])
        #expect(try duesReceivedProblems() == [])

        // A site in Purwakarta: the dues count there from now on, wherever the contractor is.
        try world.db.execute("UPDATE construction_projects SET village_code = ? WHERE id = ?", DomainWorld.otherVillage, jembatan.id)
        #expect(try achieved(targets) == [1_750_000, 0, 0])
        try world.db.execute("UPDATE employers SET village_code = '32.73.01.1001' WHERE id = ?", world.employer.id)
        #expect(try achieved(targets) == [1_750_000, 0, 0], "a project with a site stays there")
        #expect(try duesReceivedProblems() == [])

        // The site cleared: back to the contractor, now in Bandung.
        try world.db.execute("UPDATE construction_projects SET village_code = NULL WHERE id = ?", jembatan.id)
        #expect(try achieved(targets) == [0, 0, 1_750_000])
        #expect(try duesReceivedProblems() == [])
        #expect(try world.db.fetchValue(Int64.self, "SELECT sum(amount) FROM dues_received") == 1_750_000, "moved, never doubled")
    }

    /// A project billed and paid in the sqlite3 shell, as docs/schema-by-hand.md shows: the
    /// triggers count it, whoever writes the rows.
    @Test func aProjectPaymentTypedInSQLCounts() throws {
        let construction = try target(Self.bantul, .construction)
        let all = try target(Self.bantul, nil)
        try world.db.executeScript("""
            INSERT INTO construction_projects (id, contractor_employer_id, name, contract_value, work_order_date,
                                               start_date, end_date, village_code)
            VALUES (41, \(world.employer.id.rawValue), 'Irigasi Poncosari', 1000000000, '2025-02-20', '2025-03-01', '2025-12-31', '34.02.01.2001');
            INSERT INTO project_bills (id, construction_project_id, contribution_month, due_date) VALUES (42, 41, '2025-03', '2025-03-12');
            INSERT INTO project_bill_lines (project_bill_id, program_code, payer_code, amount) VALUES
                (42, 'JKK', 'employer', 1540000), (42, 'JKM', 'employer', 210000);
            INSERT INTO payments (id, receipt_number, payer_code, employer_id, amount, paid_at, channel_code)
            VALUES (43, 'HAND-JK-1', 'employer', \(world.employer.id.rawValue), 1750000, \(UnixMilliseconds(Self.paidAt).value), 'bank_transfer');
            INSERT INTO project_payment_allocations (payment_id, project_bill_id, amount) VALUES (43, 42, 1750000);
            """)
        #expect(try duesReceived() == ["construction 34.02 2025-03-11 1750000"])
        #expect(try achieved([construction, all]) == [1_750_000, 1_750_000])
        #expect(try duesReceivedProblems() == [])
    }

    /// The check sums the ledger as the triggers do: a register kept by them is clean, with
    /// membership and project allocations both; a row deleted by hand, or a project payment made
    /// while the trigger was dropped, is found.
    @Test func theCheckFindsADeletedRowAndAProjectPaymentTheTriggerMissed() throws {
        let member = try world.register(serial: 1)
        let informal = try session.enrol(.informal(worker: member.id, declaredIncome: 1_000_000, startDate: day("2025-03-01"), withJHT: false))
        let jembatan = try project("Jembatan Desa Satu", site: DomainWorld.bantulVillage)
        world.clock.set(day("2025-03-20"))
        try session.payInformalDues(for: informal.id, months: 1, amount: 16_800, receipt: "BPU-1", channel: .agent)
        try session.payProjectDues(project: jembatan.id, amount: 1_750_000, receipt: "JK-1", channel: .bankTransfer, paidAt: Self.paidAt)
        #expect(try duesReceived() == ["construction 34.02 2025-03-11 1750000", "informal 32.14 2025-03-20 16800"])
        #expect(try duesReceivedProblems() == [], "clean")

        try world.db.execute("DELETE FROM dues_received WHERE segment_code = 'construction'")
        #expect(try duesReceivedProblems() == [
            "dues_received: dues_received construction 34.02 2025-03-11: says Rp0, the allocations paid that day sum to Rp1.750.000",
        ])
        try world.db.execute("INSERT INTO dues_received VALUES ('construction', '34.02', '2025-03-11', 1750000)")
        #expect(try duesReceivedProblems() == [], "put back")

        // A second project paid with the trigger dropped: dues_received misses it, the check does not.
        try world.db.execute("DROP TRIGGER project_payment_allocations_dues_received_on_insert")
        let bendungan = try project("Bendungan", site: nil)
        try session.payProjectDues(project: bendungan.id, amount: 1_750_000, receipt: "JK-2", channel: .bankTransfer, paidAt: Self.paidAt)
        #expect(try duesReceivedProblems() == [
            "dues_received: dues_received construction 32.14 2025-03-11: says Rp0, the allocations paid that day sum to Rp1.750.000",
        ])
    }
}

/// A register kept by the library through 0030 holds project payments that no dues target
/// counts; 0031 sums them into `dues_received` once, and counts the ones paid after.
@Suite struct ProjectDuesReceivedUpgradeTests {
    @Test func upgradingFrom0030BackfillsTheProjectPaymentsAlreadyStored() throws {
        let all = try RegistrySchema.migrations()
        let world = try DomainWorld(today: day("2025-02-21"), migrations: all.filter { $0.number <= 30 })
        let session = world.session
        let db = world.db
        func project(_ name: String, site: RegionCode?) throws -> ConstructionProject {
            try session.registerProject(NewConstructionProject(
                contractor: world.employer.id, name: name, contractValue: Rupiah(1_000_000_000), workOrderDate: day("2025-02-20"),
                startDate: day("2025-03-01"), endDate: day("2025-12-31"), site: site))
        }
        let jembatan = try project("Jembatan", site: DomainWorld.bantulVillage)
        let bendungan = try project("Bendungan", site: nil)
        let member = try world.register(serial: 1)
        let informal = try session.enrol(.informal(worker: member.id, declaredIncome: 1_000_000, startDate: day("2025-03-01"), withJHT: false))
        world.clock.set(day("2025-03-20"))
        // Jembatan paid on the 11th (Jakarta), bounced and reversed, paid again on the 20th;
        // Bendungan (no site: the contractor's Purwakarta) on the 20th; a member's own dues beside.
        try session.payProjectDues(project: jembatan.id, amount: 1_750_000, receipt: "JK-1", channel: .bankTransfer,
                                   paidAt: Date(iso8601: "2025-03-10T18:00:00.000Z")!)
        try session.reversePayment(receipt: "JK-1")
        try session.payProjectDues(project: jembatan.id, amount: 1_750_000, receipt: "JK-2", channel: .bankTransfer)
        try session.payProjectDues(project: bendungan.id, amount: 1_750_000, receipt: "JK-3", channel: .bankTransfer)
        try session.payInformalDues(for: informal.id, months: 1, amount: 16_800, receipt: "BPU-1", channel: .agent)
        let bantul = try RegionCode("34.02"), purwakarta = try RegionCode("32.14")
        let scopes: [(RegionCode, Segment?)] = [(bantul, .construction), (purwakarta, nil), (purwakarta, .informal)]
        let targets = try scopes.map { area, segment in
            try session.addTarget(NewTarget(area: .regency(area), segment: segment, kind: .duesAmount, value: 1_750_000,
                                            periodStart: day("2025-03-01"), periodEnd: day("2025-03-31")))
        }
        func rows() throws -> [String] {
            try db.fetchValues(String.self, "SELECT segment_code || ' ' || regency_code || ' ' || paid_on || ' ' || amount FROM dues_received ORDER BY 1")
        }
        func view() throws -> [Int64] {
            try targets.map { try #require(try db.fetchValue(Int64.self, "SELECT actual_value FROM target_achievement WHERE target_id = ?", $0)) }
        }
        // The gap 0031 closes: at 0030 only the member's payment counts.
        #expect(try rows() == ["informal 32.14 2025-03-20 16800"])
        #expect(try view() == [0, 16_800, 16_800])
        #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM project_payment_allocations") == 4)

        #expect(try RegistrySchema.migrate(db) == ["0031_project_dues_received.sql", "0032_extract_partial_payments.sql", "0033_status_as_known_on_registered.sql"])
        #expect(try rows() == [
            "construction 32.14 2025-03-20 1750000",
            "construction 34.02 2025-03-11 0",
            "construction 34.02 2025-03-20 1750000",
            "informal 32.14 2025-03-20 16800",
        ])
        #expect(try view() == [1_750_000, 1_766_800, 16_800])
        let library = Dictionary(uniqueKeysWithValues: try session.targetAchievements().map { ($0.targetID, $0.actualValue) })
        #expect(targets.map { library[$0] ?? nil } == [1_750_000, 1_766_800, 16_800])
        let problems = try session.consistencyProblems(on: day("2025-03-20"))
        #expect(problems.filter { [.schema, .duesReceived].contains($0.check) }.isEmpty, "\(problems)")

        // And a project paid after the upgrade counts through the trigger.
        let irigasi = try project("Irigasi", site: DomainWorld.bantulVillage)
        try session.payProjectDues(project: irigasi.id, amount: 1_750_000, receipt: "JK-4", channel: .bankTransfer)
        #expect(try view() == [3_500_000, 1_766_800, 16_800])
    }
}
