import Foundation
@testable import Registry
import SQLiteDB
import Testing

/// The standing tables of 0011_standing.sql, which the reports read: kept by every library
/// write, marked stale by SQL typed by hand, and giving the ledger's answer for head counts
/// over a period (re-joins), moves between regencies and dues. ReportQueryTests compares every
/// report with its view at many dates on a hand-made ledger; DemoStandingTests on the demo.
@Suite struct StandingTests {
    /// A worker who leaves and comes back inside a target's period counts once; one who left
    /// before the period and came back in it counts, once; the view agrees.
    @Test func headCountOverAPeriodCountsARejoiningWorkerOnce() throws {
        let world = try DomainWorld()
        let session = world.session
        let first = try world.register(serial: 1)
        let second = try world.register(serial: 2)
        for (worker, spells) in [(first, [("2025-01-01", "2025-03-31"), ("2025-05-01", "2025-05-31"), ("2025-07-01", nil)]),
                                 (second, [("2024-01-01", "2024-12-31"), ("2025-08-01", nil)])] as [(Worker, [(String, String?)])] {
            for (start, end) in spells {
                let membership = try session.enrol(.informal(worker: worker.id, declaredIncome: 1_000_000, startDate: day(start)))
                if let end { try session.endMembership(membership.id, on: day(end), reason: .withdrawn) }
            }
        }
        let periods = [("2025-02-01", "2025-12-31", 2), ("2025-04-01", "2025-06-30", 1), ("2025-04-01", "2025-04-30", 0),
                       ("2024-06-01", "2025-01-01", 2), ("2025-06-01", "2025-07-31", 1), ("2025-07-31", "2025-08-01", 2)]
        var targets: [Int64: Int64] = [:]
        for (start, end, expected) in periods {
            for segment in [nil, Segment.informal] {
                let id = try session.addTarget(NewTarget(area: .regency(try RegionCode("32.14")), segment: segment, kind: .headCount,
                                                         value: 10, periodStart: day(start), periodEnd: day(end)))
                targets[id] = Int64(expected)
            }
        }
        let achievements = try session.targetAchievements()
        for achievement in achievements {
            #expect(achievement.actualValue == targets[achievement.targetID], "target \(achievement.targetID)")
        }
        let view = try Dictionary(uniqueKeysWithValues: world.db.fetchAll("SELECT target_id, actual_value FROM target_achievement").map {
            (try $0.get(0, as: Int64.self), try $0.get(1, as: Int64.self))
        })
        #expect(view == targets)
    }

    /// SQL typed by hand leaves memberships stale: a read-only session refuses the reports with
    /// a typed error naming `standing_stale`; `Registry.read` refreshes and answers; a library
    /// write leaves nothing stale.
    @Test func handWrittenSQLMarksStaleAndReadRefreshes() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("standing-\(UUID()).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let clock = TestClock(day("2025-01-02"))
        let registry = try Registry(path: path, clock: clock.read)
        let membership = try registry.write { session in
            for (code, name) in [("32", "Jawa Barat"), ("32.14", "Purwakarta"), ("32.14.01", "Purwakarta"),
                                 ("32.14.01.2001", "Desa Satu")] {
                try session.addRegion(try RegionCode(code), name: name)
            }
            let head = try session.addOffice(NewOffice(code: "KP", name: "Kantor Pusat", kind: .headOffice))
            let region = try session.addOffice(NewOffice(code: "KW", name: "Kantor Wilayah", kind: .regionalOffice, parent: head.id))
            let office = try session.addOffice(NewOffice(code: "KC", name: "Kantor Cabang", kind: .branch, parent: region.id))
            let worker = try session.register(NewWorker(
                nik: try NIK("3214011203850001"), fullName: "Budi", birthDate: day("1985-03-12"), sex: .male,
                village: try RegionCode("32.14.01.2001"), branchOffice: office.id))
            let membership = try session.enrol(.informal(worker: worker.id, declaredIncome: 1_000_000, startDate: day("2025-01-01")))
            try session.issueBill(for: membership.id, month: month("2025-01"))
            return membership
        }
        #expect(try registry.read { try $0.isStandingCurrent() })
        let informal = { (counts: [SegmentStatusCount]) in counts.first { $0.segment == .informal } }
        #expect(try informal(registry.read { try $0.statusCounts(on: day("2025-01-20")) })?.inArrears == 1)

        // A clerk pays in the shell: a payment and its allocation, by hand.
        try registry.pool.write { db in
            try db.executeScript("""
                INSERT INTO payments (receipt_number, payer_code, amount, paid_at, channel_code, recorded_at)
                VALUES ('HAND-1', 'self', 16800, unixepoch('2025-01-10T03:00:00.000Z') * 1000, 'agent', unixepoch('2025-01-10T03:00:00.000Z') * 1000);
                INSERT INTO payment_allocations (payment_id, bill_id, amount, recorded_at)
                SELECT p.id, b.id, 16800, unixepoch('2025-01-10T03:00:00.000Z') * 1000 FROM payments p, bills b WHERE p.receipt_number = 'HAND-1';
                """)
        }
        let readOnly = RegistrySession(try Connection(.file(path), mode: .readOnly))
        #expect(try !readOnly.isStandingCurrent())
        #expect(registryError { _ = try readOnly.statusCounts(on: day("2025-01-20")) }?.field == "standing_stale")
        #expect(try informal(registry.read { try $0.statusCounts(on: day("2025-01-20")) })?.active == 1)
        #expect(try registry.read { try $0.isStandingCurrent() })
        #expect(try registry.read { try $0.status(of: membership.id, on: day("2025-01-20")) }.state == .active)
    }

    /// Moving house to another regency moves the worker's participation and their dues.
    /// No trigger watches the standing tables themselves: the check compares them with the
    /// ledger, and a full refresh repairs them.
    @Test func theCheckFindsStandingEditedByHandAndRefreshAllRepairsIt() throws {
        let world = try DomainWorld()
        let session = world.session
        let worker = try world.register(serial: 1)
        let membership = try session.enrol(.informal(worker: worker.id, declaredIncome: 1_000_000, startDate: day("2025-01-01")))
        try session.refreshStanding()
        func standingProblems() throws -> [String] {
            try session.consistencyProblems(on: day("2025-01-02")).filter { $0.check == .standing }.map(\.subject)
        }
        #expect(try standingProblems().isEmpty)

        try world.db.execute("UPDATE membership_status_spans SET until_date = '2025-06-30' WHERE membership_id = ?", membership.id)
        #expect(try standingProblems() == ["membership \(membership.id)"])
        #expect(try session.refreshStanding() == 0, "no trigger saw the edit")
        #expect(try session.refreshStanding(all: true) == 1)
        #expect(try standingProblems().isEmpty)
    }

    @Test func aMoveToAnotherRegencyMovesCoverageAndDues() throws {
        let world = try DomainWorld()
        let session = world.session
        let worker = try world.register(serial: 1)
        let membership = try session.enrol(.informal(worker: worker.id, declaredIncome: 1_000_000, startDate: day("2025-01-01")))
        try session.issueBills(for: month("2025-01"))
        try session.payInformalDues(for: membership.id, months: 1, amount: 16_800, receipt: "R-1", channel: .agent)
        let purwakarta = try RegionCode("32.14"), bantul = try RegionCode("34.02")
        let dues = { (area: RegionCode) in
            try session.addTarget(NewTarget(area: .regency(area), kind: .duesAmount, value: 16_800,
                                            periodStart: day("2025-01-01"), periodEnd: day("2025-12-31")))
        }
        let purwakartaDues = try dues(purwakarta), bantulDues = try dues(bantul)
        func figures() throws -> [Int] {
            let achieved = Dictionary(uniqueKeysWithValues: try session.targetAchievements().map { ($0.targetID, $0.actualValue) })
            return [try session.coverage(of: .regency(purwakarta), on: day("2025-01-20")).activeParticipants,
                    try session.coverage(of: .regency(bantul), on: day("2025-01-20")).activeParticipants,
                    Int(achieved[purwakartaDues]!!), Int(achieved[bantulDues]!!)]
        }
        #expect(try figures() == [1, 0, 16_800, 0])
        try world.db.execute("UPDATE workers SET village_code = ? WHERE id = ?", DomainWorld.bantulVillage, worker.id)
        #expect(try figures() == [0, 1, 0, 16_800])
        let view = try world.db.fetchValues(Int64.self, "SELECT actual_value FROM target_achievement ORDER BY target_id")
        #expect(view == [0, 16_800])
    }
}

/// A register kept by the 0011 library, upgraded: 0012 rebuilds the status spans with what each
/// membership owes and recomputes everything derived from them, so counts left by the old code
/// do not add to the new ones.
@Suite struct ArrearsOnSpansUpgradeTests {
    @Test func upgradingFrom0011RecomputesSpansAndCounts() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("upgrade-\(UUID()).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let all = try RegistrySchema.migrations()
        let through0011 = all.filter { $0.number <= 11 }
        // 0016 (rule tables append-only), 0017 (migrant_dues_split), 0018 (eligibility) and 0019
        // (published counts) add rules, tables and triggers and derive nothing from the ledger;
        // 0020 (project bills) adds a ledger that the fixture, written before it, has no rows in;
        // 0021 (sync) adds the extract marker and push log, empty in a central register, and 0024
        // the extract's baseline chunks, empty there too; 0023 drops and narrows ledger indexes; 0025
        // adds the recorded-time cut-off in milliseconds to a view; 0026 (compact bills) moves the
        // bills' lines into columns and adjustments, the same amounts (CompactBillsUpgradeTests), and
        // 0027 rebuilds the payment tables compact and copies every row (CompactPaymentsUpgradeTests);
        // 0028 drops the bills' stored due dates, the rules' (DerivedDueDatesUpgradeTests);
        // 0029 turns paid_at into milliseconds, the same instants (PaymentInstantsUpgradeTests); 0030
        // keeps running totals for payments not made by the member only (derived, checked below);
        // 0031 adds project allocations to dues_received, and the fixture has none; 0032 adds an
        // extract's table of partly held payments, empty in a central register; 0033 recreates a view;
        // 0022 (valid time) rebuilds the spans once more and recomputes them, as 0012 does.
        #expect(all.filter { $0.number > 11 }.map(\.number) == [12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33], "the migrations after 0011")
        do {
            let db = try Connection(.file(path))
            try Migrator(migrations: through0011).migrate(db)
            try SchemaFixture.load(into: db)
            // What the 0011 library would have left: spans in the old shape, their counts, nothing stale.
            try db.executeScript("""
                INSERT INTO membership_status_spans
                    (membership_id, from_date, until_date, status, owes, worker_id, segment_code, regency_code)
                SELECT id, '0000-01-01', '9999-12-31', 'active', 0, worker_id, segment_code, '32.14' FROM memberships;
                INSERT INTO status_count_changes (segment_code, status, day, change)
                SELECT segment_code, 'active', '0000-01-01', count(*) FROM memberships GROUP BY segment_code;
                INSERT INTO participation_changes (segment_code, regency_code, day, participants, active_participants, first_joins)
                VALUES ('all', '32.14', '0000-01-01', 1000, 1000, 1000);
                INSERT INTO worker_coverage_spans (worker_id, segment_code, kind, from_date, until_date, previous_until, regency_code)
                SELECT id, 'all', 'active', '0000-01-01', '9999-12-31', NULL, '32.14' FROM workers;
                DELETE FROM standing_stale;
                """)
        }
        let registry = try Registry(path: path, clock: TestClock(day(SchemaFixture.asOf)).read)
        let date = day(SchemaFixture.asOf)
        let (arrears, counts, coverage, problems) = try registry.read { session in
            (try session.arrears(on: date), try session.statusCounts(on: date),
             try session.coverageByRegency(on: date), try session.consistencyProblems(on: date))
        }
        // The fixture carries deliberate faults for the other checks; the standing has none.
        #expect(problems.filter { [.standing, .standingHorizons].contains($0.check) }.isEmpty, "\(problems)")
        #expect(!problems.isEmpty, "the check ran")

        let db = try Connection(.file(path))
        try setReportDate(db, SchemaFixture.asOf)
        let viewArrears = try db.fetchAll("SELECT membership_id, amount_owed, overdue_bills, unpaid_months FROM arrears ORDER BY membership_id")
            .map { "\(try $0.get(0, as: Int64.self)) Rp\(try $0.get(1, as: Int64.self)) \(try $0.get(2, as: Int.self))/\(try $0.get(3, as: Int.self))" }
        #expect(!viewArrears.isEmpty)
        #expect(arrears.map { "\($0.membership.rawValue) Rp\(($0.amountOwed - $0.unbilledAmount).amount) \($0.overdueBills)/\($0.unpaidMonths)" } == viewArrears)
        let viewCounts = try db.fetchAll(SegmentCounts.self, "SELECT * FROM segment_status_counts ORDER BY segment_code")
        #expect(counts.map { [$0.segment.rawValue: [$0.active, $0.inArrears, $0.lapsed, $0.ended, $0.notStarted]] }
                == viewCounts.map { [$0.segment_code: [$0.active, $0.in_arrears, $0.lapsed, $0.ended, $0.not_started]] })
        let viewParticipants = try db.fetchValue(Int.self, "SELECT count(*) FROM worker_participation WHERE is_participant") ?? -1
        #expect(coverage.reduce(0) { $0 + $1.coverage.participants } == viewParticipants)
    }
}

/// The refresh in chunks of one membership: a worker's coverage is recomputed with each of their
/// memberships, the others still as they were, and must end as a refresh in one piece leaves it.
@Suite struct StandingChunkBoundaryTests {
    @Test func workersWhoseMembershipsFallInSeveralChunksEndCountedOnce() throws {
        let world = try DomainWorld()
        let session = world.session
        let spells: [[(String, String?)]] = [
            [("2024-01-01", "2024-03-31"), ("2024-04-01", "2024-08-31"), ("2024-11-01", nil)],   // back to back, then a gap
            [("2023-06-01", "2024-12-31"), ("2025-08-01", nil)],
            [("2024-02-01", nil)],
        ]
        for (serial, worker) in spells.enumerated() {
            let registered = try world.register(serial: serial + 1)
            for (start, end) in worker {
                let membership = try session.enrol(.informal(worker: registered.id, declaredIncome: 1_000_000, startDate: day(start)))
                if let end { try session.endMembership(membership.id, on: day(end), reason: .withdrawn) }
            }
        }
        try session.refreshStanding()
        let kept = try standingTableRows(world.db)
        #expect(kept["worker_coverage_spans"]!.count >= 6)
        try world.db.executeScript("""
            DELETE FROM membership_status_spans; DELETE FROM worker_coverage_spans;
            DELETE FROM status_count_changes; DELETE FROM participation_changes;
            """)
        #expect(try session.refreshStanding(all: true, chunk: 1) == 6)
        #expect(try standingTableRows(world.db) == kept)
    }
}

/// A register kept by the 0012 library, upgraded: 0013 totals every payment's allocations
/// (reversals included) once, and the over-allocation check reads those totals from then on.
@Suite struct AllocationTotalsUpgradeTests {
    @Test func upgradingFrom0012TotalsTheAllocationsAndKeepsRefusingTooMuch() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("upgrade-\(UUID()).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let through0012 = try RegistrySchema.migrations().filter { $0.number <= 12 }
        do {
            let db = try Connection(.file(path))
            try Migrator(migrations: through0012).migrate(db)
            try SchemaFixture.load(into: db)
        }
        let db = try Connection(.file(path))
        try RegistrySchema.migrate(db)
        let totals = try db.fetchAll("SELECT payment_id, allocated FROM payment_allocation_totals ORDER BY 1")
            .map { "\(try $0.get(0, as: Int64.self)):\(try $0.get(1, as: Int64.self))" }
        // The fixture's payments 2, 4, 5 and 6 (a local government's and employers'; payment 6's
        // allocation was reversed, so it totals 0). Payments 1 and 3, the members' own, keep no
        // total since 0030: their guard sums their allocations.
        #expect(totals == ["2:110400", "4:556200", "5:1750000", "6:0"])
        // Payment 3 (Rp25,800) is fully allocated: one rupiah more is refused, by its allocations' sum.
        #expect(throws: SQLiteError.self) {
            try db.execute("""
                INSERT INTO payment_allocations (payment_id, bill_id, amount, recorded_at)
                VALUES (3, 32, 1, '2025-01-12T03:00:00.000Z')
                """)
        }
        #expect(try db.fetchValue(Int64.self, "SELECT sum(amount) FROM payment_allocations WHERE payment_id = 3") == 25_800)
    }
}

/// The refresh recomputes a membership from the day its ledger changed, reading only the bills
/// after its settled horizon (0014). After every kind of change, what it leaves must be what a
/// whole recomputation leaves: a later payment, new bills, a reversal reaching behind the
/// horizon, rows typed by hand with an earlier date than the settled bills' own.
@Suite struct StandingSinceTests {
    let world: DomainWorld
    let membership: Membership.ID

    init() throws {
        world = try DomainWorld()
        let worker = try world.register(serial: 1)
        membership = try world.session.enrol(
            .informal(worker: worker.id, declaredIncome: 1_500_000, startDate: day("2025-01-01"))).id
    }

    /// Pays `months` at the amount the library quotes for them.
    @discardableResult
    func pay(months: Int, receipt: String) throws -> Payment {
        do {
            return try world.session.payInformalDues(for: membership, months: months, amount: Rupiah(1), receipt: receipt, channel: .bankTransfer)
        } catch RegistryError.amountMismatch(_, _, let expected, _) {
            return try world.session.payInformalDues(for: membership, months: months, amount: expected, receipt: receipt, channel: .bankTransfer)
        }
    }

    func horizon() throws -> String? {
        try world.db.fetchValue(String.self, """
            SELECT settled_before_month || ' since ' || settled_since FROM standing_horizons WHERE membership_id = ?
            """, membership)
    }

    /// Refreshes what is stale; expects the whole recomputation to change nothing after it.
    func refreshMatchesWholeRecomputation(_ step: Comment, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try world.session.refreshStanding()
        let refreshed = try standingTableRows(world.db)
        try world.session.refreshStanding(all: true)
        #expect(try standingTableRows(world.db) == refreshed, step, sourceLocation: sourceLocation)
        let problems = try world.session.consistencyProblems(on: day("2025-07-31"))
            .filter { [.standing, .standingHorizons].contains($0.check) }
        #expect(problems.isEmpty, "\(step): \(problems)", sourceLocation: sourceLocation)
    }

    @Test func eachRefreshLeavesWhatAWholeRecomputationGives() throws {
        let session = world.session
        let first = try pay(months: 3, receipt: "R-1")                     // January to March, ahead
        try refreshMatchesWholeRecomputation("paid three months ahead")
        #expect(try horizon() == "2025-04 since 2025-01-02", "paid at 03:00 in Jakarta: its Jakarta day, not the UTC day before")

        world.clock.set(day("2025-06-20"))
        for month in ["2025-04", "2025-05", "2025-06"] { _ = try session.issueBills(for: ContributionMonth(month)!) }
        try refreshMatchesWholeRecomputation("three months billed, none paid")
        #expect(try session.status(of: membership, on: day("2025-06-20")).state == .inArrears)

        world.clock.set(day("2025-06-25"))
        try pay(months: 1, receipt: "R-2")                                  // April, the oldest unpaid
        try refreshMatchesWholeRecomputation("the oldest unpaid month paid")
        #expect(try horizon() == "2025-05 since 2025-06-25")

        // A row of a later month, but recorded (by hand) before the settled months' last row.
        let may = try #require(try world.db.fetchValue(Int64.self, "SELECT id FROM bills WHERE membership_id = ? AND contribution_month = '2025-05'", membership))
        try world.db.execute("""
            INSERT INTO bill_lines (bill_id, program_code, payer_code, kind, amount, recorded_at)
            VALUES (?, 'JKK', 'self', 'late_penalty', 1000, '2025-06-10T00:00:00.000Z')
            """, may)
        try refreshMatchesWholeRecomputation("a line recorded before the horizon's day")

        world.clock.set(day("2025-07-01"))
        _ = try session.reversePayment(receipt: first.receiptNumber, note: "bounced")   // behind the horizon
        // Paid before the refresh, in the same transaction: the payment must see January owed
        // again behind the horizon still stored.
        let again = try pay(months: 1, receipt: "R-3")
        #expect(again.allocations.map(\.month.description) == ["2025-01"])
        try refreshMatchesWholeRecomputation("a payment of the settled months reversed, January paid again")
        #expect(try horizon() == "2025-02 since 2025-07-01", "February is unsettled again")
        // February and March overdue, April settled, May and June overdue (bills fall due on the
        // 15th of their month): two unpaid months in the run.
        #expect(try session.status(of: membership, on: day("2025-07-01")).unpaidMonths == 2)
        #expect(try session.arrears(on: day("2025-07-01")).map(\.overdueBills) == [4])
    }

    /// What the triggers of 0022 write for SQL typed by hand: a ledger row says from which day
    /// (valid time: a bill line from its bill's month, whenever it was recorded) and month, the
    /// earliest of several wins, and a change to the membership itself asks for a whole
    /// recomputation that no later ledger row narrows.
    @Test func theStaleListSaysFromWhenForSQLTypedByHand() throws {
        try pay(months: 3, receipt: "R-1")
        try world.session.refreshStanding()
        func stale() throws -> [String] {
            try world.db.fetchAll("SELECT membership_id, since, from_month FROM standing_stale").map {
                "\(try $0.get(0, as: Int64.self)) \(try $0.get(1, as: String?.self) ?? "whole") \(try $0.get(2, as: String?.self) ?? "whole")"
            }
        }
        #expect(try stale().isEmpty)
        let bill = { (month: String) in
            try #require(try world.db.fetchValue(Int64.self, "SELECT id FROM bills WHERE contribution_month = ?", month))
        }
        try world.db.execute("""
            INSERT INTO bill_lines (bill_id, program_code, payer_code, kind, amount, recorded_at)
            VALUES (?, 'JKK', 'self', 'late_penalty', 500, '2025-03-05T01:00:00.000Z')
            """, try bill("2025-03"))
        #expect(try stale() == ["\(membership) 2025-03-01 2025-03"], "from the first day of its bill's month")
        try world.db.execute("""
            INSERT INTO bill_lines (bill_id, program_code, payer_code, kind, amount, recorded_at)
            VALUES (?, 'JKK', 'self', 'late_penalty', 500, '2025-04-01T01:00:00.000Z')
            """, try bill("2025-02"))
        #expect(try stale() == ["\(membership) 2025-02-01 2025-02"], "the earliest day and the earliest month")
        try world.db.execute("UPDATE memberships SET end_date = '2025-12-31' WHERE id = ?", membership)
        #expect(try stale() == ["\(membership) whole whole"])
        try world.db.execute("""
            INSERT INTO bill_lines (bill_id, program_code, payer_code, kind, amount, recorded_at)
            VALUES (?, 'JKK', 'self', 'late_penalty', 500, '2025-05-01T01:00:00.000Z')
            """, try bill("2025-03"))
        #expect(try stale() == ["\(membership) whole whole"], "a ledger row after it does not narrow it")
        try refreshMatchesWholeRecomputation("penalties and an end date typed by hand")
    }

    /// The horizon is trusted by the refresh: one edited by hand changes what the refresh
    /// computes, the check names it, and `refreshStanding(all:)` puts it right.
    @Test func aHorizonEditedByHandIsFoundAndRepaired() throws {
        try pay(months: 1, receipt: "R-1")
        world.clock.set(day("2025-03-20"))
        for month in ["2025-02", "2025-03"] { _ = try world.session.issueBills(for: ContributionMonth(month)!) }
        try world.session.refreshStanding()
        #expect(try horizon() == "2025-02 since 2025-01-02")
        #expect(try world.session.arrears(on: day("2025-03-20")).map(\.overdueBills) == [2], "February and March")

        try world.db.execute("UPDATE standing_horizons SET settled_before_month = '2025-03' WHERE membership_id = ?", membership)
        let problems = try world.session.consistencyProblems(on: day("2025-03-20")).filter { $0.check == .standingHorizons }
        #expect(problems.map(\.subject).count == 1)
        #expect(problems.first?.detail.contains("is paid Rp0") == true, "\(problems)")

        world.clock.set(day("2025-04-20"))
        _ = try world.session.issueBills(for: ContributionMonth("2025-04")!)
        try world.session.refreshStanding()
        // Read from the edited horizon, February is left out: only March and April are overdue.
        #expect(try world.session.arrears(on: day("2025-04-20")).map(\.overdueBills) == [2])

        try world.session.refreshStanding(all: true)
        #expect(try world.session.arrears(on: day("2025-04-20")).map(\.overdueBills) == [3])
        #expect(try horizon() == "2025-02 since 2025-01-02")
        #expect(try world.session.consistencyProblems(on: day("2025-04-20")).filter { $0.check == .standingHorizons }.isEmpty)
    }
}

/// A register kept by the 0013 library, upgraded: 0014 lists from when each membership changed
/// (those already listed are recomputed whole) and starts with no horizons. The first refresh
/// leaves what a whole recomputation leaves and sets the horizons; the triggers then say from
/// which day and month.
@Suite struct StandingSinceUpgradeTests {
    @Test func upgradingFrom0013RecomputesWhatWasListedAndThenListsFromWhen() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("upgrade-\(UUID()).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        do {
            let db = try Connection(.file(path))
            try Migrator(migrations: try RegistrySchema.migrations().filter { $0.number <= 13 }).migrate(db)
            try SchemaFixture.load(into: db)
            #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM standing_stale") == 7, "the fixture's memberships")
        }
        let db = try Connection(.file(path))
        try RegistrySchema.migrate(db)
        #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM standing_stale WHERE since IS NULL AND from_month IS NULL") == 7)
        #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM standing_horizons") == 0)

        let session = RegistrySession(db, clock: TestClock(day(SchemaFixture.asOf)).read)
        #expect(try session.refreshStanding() == 7)
        #expect((try db.fetchValue(Int.self, "SELECT count(*) FROM standing_horizons") ?? 0) > 0,
                "memberships with settled months have a horizon")
        let refreshed = try standingTableRows(db)
        try session.refreshStanding(all: true)
        #expect(try standingTableRows(db) == refreshed)
        let problems = try session.consistencyProblems(on: day(SchemaFixture.asOf))
            .filter { [.standing, .standingHorizons].contains($0.check) }
        #expect(problems.isEmpty, "\(problems)")

        try db.execute("""
            INSERT INTO bills (membership_id, contribution_month, recorded_at)
            VALUES (1, '2025-09', unixepoch('2025-06-20T02:00:00') * 1000)
            """)
        #expect(try db.fetchAll("SELECT membership_id, since, from_month FROM standing_stale").map {
            "\(try $0.get(0, as: Int64.self)) \(try $0.get(1, as: String.self)) \(try $0.get(2, as: String.self))"
        } == ["1 2025-09-01 2025-09"], "valid time (0022): from the first day of the bill's month, not the day recorded")
    }
}

/// Every row of the standing tables, as text, table by table in order; rows of zeros in the
/// change tables are left out (a day whose changes cancel may keep one, depending on the order
/// of the writes, and it counts for nothing).
func standingTableRows(_ db: Connection) throws -> [String: [String]] {
    let counting = ["status_count_changes": "change != 0",
                    "participation_changes": "participants != 0 OR active_participants != 0 OR first_joins != 0"]
    var result: [String: [String]] = [:]
    for table in ["membership_status_spans", "worker_coverage_spans", "status_count_changes",
                  "participation_changes", "standing_horizons"] {
        let columns = try db.fetchValues(String.self, "SELECT name FROM pragma_table_info(?)", table)
        let row = columns.map { "quote(\($0))" }.joined(separator: " || '|' || ")
        result[table] = try db.fetchValues(String.self, "SELECT \(row) FROM \(table) WHERE \(counting[table] ?? "true") ORDER BY 1")
    }
    return result
}
