import Foundation
@testable import Registry
import SQLiteDB
import Testing

/// What the monthly refresh writes without reading back: a worker with one membership has their
/// coverage moved from the spans the refresh holds, coverage rows whose key survives are
/// updated in place, informal months are priced once per band. Each must leave the standing
/// tables exactly as a rebuild from nothing does.
@Suite struct StandingRefreshWriteTests {
    /// A paying single-membership worker's coverage (the active span's end moves every month)
    /// and a non-paying one's, month after month, are what a rebuild gives.
    @Test func aSingleMembershipWorkersCoverageMovesAsARebuildWouldLeaveIt() throws {
        let world = try DomainWorld()
        let session = world.session
        let payer = try session.enrol(.informal(worker: try world.register(serial: 1).id, declaredIncome: 1_000_000,
                                                startDate: day("2025-01-01")))
        _ = try session.enrol(.informal(worker: try world.register(serial: 2).id, declaredIncome: 1_000_000,
                                        startDate: day("2025-01-01")))
        try session.refreshStanding()
        var activeUntil: [String] = []
        for (index, text) in ["2025-01", "2025-02", "2025-03"].enumerated() {
            world.clock.set(day("\(text)-05"))
            try session.issueBills(for: month(text))
            try session.payInformalDues(for: payer.id, months: 1, amount: 16_800, receipt: "R-\(index)", channel: .agent)
            #expect(try session.refreshStanding() > 0)
            activeUntil += try world.db.fetchValues(String.self, """
                SELECT until_date FROM worker_coverage_spans WHERE worker_id = ? AND segment_code = 'all' AND kind = 'active'
                """, try workerID(of: payer.id, in: world.db))
            try expectStandingAsRebuilt(world.db)
        }
        #expect(activeUntil == ["2025-02-16", "2025-03-16", "2025-04-16"], "the payer's active span grows a month at a time")
    }

    /// Coverage edited by hand (rows and counts agreeing with each other, not with the spans) is
    /// replaced as stored: the rows written are those that differ from the stored ones, so the
    /// missing row comes back and the counts follow, as a rebuild leaves them. Diffed against
    /// what the old spans give instead, the row would be "updated" where none is, and stay missing.
    @Test func coverageEditedByHandIsRecomputedNotMoved() throws {
        let world = try DomainWorld()
        let session = world.session
        let membership = try session.enrol(.informal(worker: try world.register(serial: 1).id, declaredIncome: 1_000_000,
                                                     startDate: day("2025-01-01")))
        world.clock.set(day("2025-01-05"))
        try session.issueBills(for: month("2025-01"))
        try session.payInformalDues(for: membership.id, months: 1, amount: 16_800, receipt: "R-1", channel: .agent)
        try session.refreshStanding()
        try expectStandingAsRebuilt(world.db)

        // The worker's `all` active span goes, and its counts with it: the tables agree with each
        // other, not with the spans.
        let active = try #require(try world.db.fetchOne("""
            SELECT from_date, until_date FROM worker_coverage_spans WHERE segment_code = 'all' AND kind = 'active'
            """))
        try world.db.execute("DELETE FROM worker_coverage_spans WHERE segment_code = 'all' AND kind = 'active'")
        for (column, change) in [(0, -1), (1, 1)] {
            try world.db.execute("""
                UPDATE participation_changes SET active_participants = active_participants + ?
                WHERE segment_code = 'all' AND day = ?
                """, Int64(change), try active.get(column, as: String.self))
        }
        let edited = try world.db.fetchValue(Int.self, "SELECT count(*) FROM worker_coverage_spans")
        world.clock.set(day("2025-02-05"))
        try session.issueBills(for: month("2025-02"))
        try session.payInformalDues(for: membership.id, months: 1, amount: 16_800, receipt: "R-2", channel: .agent)
        try session.refreshStanding()
        #expect(try world.db.fetchValue(Int.self, "SELECT count(*) FROM worker_coverage_spans") == (edited ?? 0) + 1,
                "the deleted row is back")
        try expectStandingAsRebuilt(world.db)
    }

    /// A worker with two memberships is recomputed from both: paying one moves the worker's
    /// `all` coverage only where the other does not already cover the days.
    @Test func aWorkerWithTwoMembershipsIsRecomputedFromBoth() throws {
        let world = try DomainWorld()
        let session = world.session
        let worker = try world.register(serial: 1)
        let informal = try session.enrol(.informal(worker: worker.id, declaredIncome: 1_000_000, startDate: day("2025-01-01")))
        _ = try session.enrol(.wageEarner(worker: worker.id, employer: world.employer.id, wage: 5_000_000,
                                          startDate: day("2025-01-01"), programs: [.jkk, .jkm, .jht, .jp]))
        try session.refreshStanding()
        for (index, text) in ["2025-01", "2025-02"].enumerated() {
            world.clock.set(day("\(text)-05"))
            try session.issueBills(for: month(text))
            try session.payInformalDues(for: informal.id, months: 1, amount: 16_800, receipt: "R-\(index)", channel: .agent)
            try session.refreshStanding()
            try expectStandingAsRebuilt(world.db)
        }
        let scopes = try world.db.fetchValues(String.self, """
            SELECT DISTINCT segment_code FROM worker_coverage_spans WHERE worker_id = ? ORDER BY 1
            """, worker.id.rawValue)
        #expect(scopes == ["all", "informal", "wage_earner"])
    }

    /// Two informal incomes in one band are priced alike (the second from the cache), one in
    /// another band apart, one below the floor not at all; each as the quote prices it.
    @Test func informalMonthsArePricedByTheirBandAsTheQuoteDoes() throws {
        let world = try DomainWorld()
        let session = world.session
        let context = try StandingContext(session)
        let rules = try ContributionRules.load(on: day("2025-03-01"), from: world.db)
        var prices: [Int64] = []
        for (serial, income) in [(1, 1_000_000), (2, 1_050_000), (3, 4_000_000)] as [(Int, Int64)] {
            let membership = try session.enrol(.informal(worker: try world.register(serial: serial).id,
                                                         declaredIncome: Rupiah(income), startDate: day("2025-01-01")))
            let subject = try BillingSubject.load(membership.id, in: session)
            let priced = try context.unbilledMonth(month("2025-03"), of: subject, in: session).price
            #expect(try priced == rules.quote(subject.basis, programs: subject.programs, month: month("2025-03")).billableTotal.amount)
            prices.append(priced)
        }
        #expect(prices[0] == prices[1])
        #expect(prices[2] > prices[0])
        let below = try BillingSubject.load(try session.enrol(.informal(
            worker: try world.register(serial: 4).id, declaredIncome: 1_000_000, startDate: day("2025-01-01"))).id, in: session)
            .with(declaredIncome: 900_000)
        #expect(try context.unbilledMonth(month("2025-03"), of: below, in: session).price == 0)
    }
}

private func workerID(of membership: Membership.ID, in db: Connection) throws -> Int64 {
    try db.fetchValue(Int64.self, "SELECT worker_id FROM memberships WHERE id = ?", membership.rawValue)!
}

/// The standing tables equal, row for row, what a copy of the register rebuilds from nothing
/// (a day whose count changes cancel out may keep a row of zeros: left out on both sides).
private func expectStandingAsRebuilt(_ db: Connection, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("rebuild-\(UUID()).sqlite").path
    defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
    try db.backup(to: path)
    let copy = try Connection(.file(path))
    try copy.executeScript("""
        DELETE FROM membership_status_spans; DELETE FROM worker_coverage_spans; DELETE FROM standing_horizons;
        DELETE FROM status_count_changes; DELETE FROM participation_changes;
        """)
    try RegistrySession(copy).refreshStanding(all: true)
    for table in ["membership_status_spans", "worker_coverage_spans", "standing_horizons", "status_count_changes",
                  "participation_changes"] {
        let kept = try rows(of: table, in: db), rebuilt = try rows(of: table, in: copy)
        #expect(!rebuilt.isEmpty, "\(table) is rebuilt", sourceLocation: sourceLocation)
        #expect(kept == rebuilt, "\(table): \(kept.symmetricDifference(rebuilt).sorted().prefix(4))", sourceLocation: sourceLocation)
    }
}

private func rows(of table: String, in db: Connection) throws -> Set<String> {
    let columns = try db.fetchValues(String.self, "SELECT name FROM pragma_table_info(?)", table)
    let zero: String = switch table {
    case "status_count_changes": " WHERE change <> 0"
    case "participation_changes": " WHERE participants <> 0 OR active_participants <> 0 OR first_joins <> 0"
    default: ""
    }
    let row = columns.map { "quote(\($0))" }.joined(separator: " || '|' || ")
    return Set(try db.fetchValues(String.self, "SELECT \(row) FROM \(table)\(zero)"))
}
