import Foundation
import Registry
import SQLiteDB
import Testing

/// A register kept through 0025, upgraded by 0027 (payments and allocations rebuilt compact):
/// every payment and allocation is carried over, and nothing derived from them changes.
@Suite struct CompactPaymentsUpgradeTests {
    /// The fixture (a BPU payment of six months, a sponsor's of three, a bounced payment with its
    /// allocation reversed, an employer's, a JAKON bill paid) and, added here, an employer paying
    /// two bills late, with their late-penalty lines, in one payment.
    private static let latePayment = """
        INSERT INTO bill_lines (bill_id, program_code, payer_code, kind, amount, recorded_at, note)
        SELECT bill_id, program_code, payer_code, 'late_penalty', (amount * 2 + 50) / 100, '2025-05-20T03:00:00.000Z', '1 month(s) late'
        FROM bill_lines WHERE bill_id IN (42, 43) AND kind = 'dues' ORDER BY id;
        INSERT INTO payments (id, receipt_number, payer_code, employer_id, amount, paid_at, months_covered,
                              channel_code, reverses_id, recorded_at)
        SELECT 20, 'RCPT-LATE', 'employer', 1, sum(amount), '2025-05-20T03:00:00.000Z', NULL, 'bank_transfer', NULL,
               '2025-05-20T03:00:00.000Z'
        FROM bill_lines WHERE bill_id IN (42, 43);
        INSERT INTO payment_allocations (payment_id, bill_id, amount, reverses_id, recorded_at)
        SELECT 20, bill_id, sum(amount), NULL, '2025-05-20T03:00:00.123Z' FROM bill_lines WHERE bill_id IN (42, 43)
        GROUP BY bill_id ORDER BY bill_id;
        """

    /// What 0027 must keep: the rows, in a layout-free form, and everything derived from them.
    private static let derived: [(String, String)] = [
        ("bill_balances", "SELECT * FROM bill_balances ORDER BY bill_id"),
        ("membership_status", "SELECT * FROM membership_status WHERE \(registeredByKnownOn) ORDER BY membership_id"),
        ("arrears", "SELECT * FROM arrears WHERE \(registeredByKnownOn) ORDER BY membership_id"),
        ("owed_months", "SELECT * FROM owed_months ORDER BY membership_id, contribution_month"),
        ("dues_received", "SELECT * FROM dues_received ORDER BY 1, 2, 3"),
        // Since 0030 only payments not made by the member keep a running total.
        ("payment_allocation_totals", "SELECT t.* FROM payment_allocation_totals t JOIN payments p ON p.id = t.payment_id WHERE p.payer_code <> 'self' ORDER BY t.payment_id"),
        ("target_achievement", "SELECT * FROM target_achievement ORDER BY target_id"),
        ("project_bill_balances", "SELECT * FROM project_bill_balances ORDER BY project_bill_id"),
    ]

    private static let paymentsBefore = """
        SELECT id, receipt_number, payer_code, employer_id, amount, paid_at, months_covered, channel_code, reverses_id,
               CAST(round((julianday(recorded_at) - 2440587.5) * 86400000) AS INTEGER), note
        FROM payments ORDER BY id
        """
    // paid_at is milliseconds since 0029: read back as 0027's text.
    private static let paymentsAfter = """
        SELECT id, receipt_number, payer_code, employer_id, amount, strftime('%Y-%m-%dT%H:%M:%fZ', paid_at / 1000.0, 'unixepoch'),
               months_covered, channel_code, reverses_id,
               recorded_at, note
        FROM payments ORDER BY id
        """
    private static let allocationsBefore = """
        SELECT payment_id, bill_id, reverses_id IS NOT NULL, amount,
               CAST(round((julianday(recorded_at) - 2440587.5) * 86400000) AS INTEGER)
        FROM payment_allocations ORDER BY 1, 2, 3
        """
    private static let allocationsAfter = """
        SELECT payment_id, bill_id, reversal, amount, recorded_at FROM payment_allocations ORDER BY 1, 2, 3
        """

    @Test func upgradingFrom0025KeepsEveryPaymentAndEverythingDerived() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("upgrade-\(UUID()).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let all = try RegistrySchema.migrations()
        #expect(all.filter { $0.number > 25 }.map(\.number) == [26, 27, 28, 29, 30, 31, 32, 33], "the migrations after 0025 (0026 compacts the bills, 0028 derives their due dates, 0029 the payment instants, 0030 keeps fewer totals, 0031 counts project dues received, 0032 adds an extract's table of partly held payments, 0033 leaves memberships registered later out of a status as known on a day)")

        var before: [String: [String]] = [:]
        var beforeKnownOn: [String] = []
        var arrearsBefore: [String] = []
        var statesBefore: [String] = []
        do {
            let db = try Connection(.file(path))
            try Migrator(migrations: all.filter { $0.number <= 25 }).migrate(db)
            try SchemaFixture.load(into: db)
            try db.executeScript(Self.latePayment)
            try setReportDate(db, SchemaFixture.asOf)
            for (name, sql) in Self.derived { before[name] = try rows(db, sql) }
            before["payments"] = try rows(db, Self.paymentsBefore)
            before["payment_allocations"] = try rows(db, Self.allocationsBefore)
            statesBefore = try db.fetchValues(String.self, "SELECT status FROM membership_status WHERE \(registeredByKnownOn) ORDER BY membership_id")
            arrearsBefore = try db.fetchAll("SELECT membership_id, amount_owed, overdue_bills, unpaid_months FROM arrears WHERE \(registeredByKnownOn) ORDER BY membership_id")
                .map { "\(try $0.get(0, as: Int64.self)) Rp\(try $0.get(1, as: Int64.self)) \(try $0.get(2, as: Int.self))/\(try $0.get(3, as: Int.self))" }
            // As known between the bounced payment and its reversal, and before the late payment.
            try setKnownOn(db, "2025-04-11")
            beforeKnownOn = try rows(db, "SELECT * FROM membership_status WHERE \(registeredByKnownOn) ORDER BY membership_id")
                + rows(db, "SELECT * FROM bill_balances ORDER BY bill_id")
            try setKnownOn(db, nil)
        }
        #expect(before["payment_allocations"]!.count == 16)
        #expect(before["payments"]!.count == 8)
        #expect(before["arrears"]!.isEmpty == false)
        // Control: the known-on day changes the answers (the reversal and the late payment are left out).
        #expect(beforeKnownOn != before["membership_status"]! + before["bill_balances"]!)
        #expect(statesBefore.count == 7 && Set(statesBefore).count > 2, "\(statesBefore)")

        let db = try Connection(.file(path))
        #expect(try Migrator(migrations: all).migrate(db) == ["0026_compact_bills.sql", "0027_compact_payments.sql", "0028_derived_due_dates.sql", "0029_payment_instants.sql", "0030_allocation_totals_of_many.sql", "0031_project_dues_received.sql", "0032_extract_partial_payments.sql", "0033_status_as_known_on_registered.sql"])
        #expect(try db.fetchAll("PRAGMA foreign_key_check").isEmpty)
        #expect(try db.fetchValue(String.self, "PRAGMA integrity_check") == "ok")
        #expect(try db.fetchValues(String.self, "SELECT name FROM sqlite_schema WHERE sql LIKE '%before_0027%'").isEmpty)
        #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM payment_allocations WHERE reversal = 1") == 1)
        // The reports' date is the view the fixture fixed; the migration left it alone.
        for (name, sql) in Self.derived {
            let after = try rows(db, sql)
            #expect(after == before[name], "\(name): \(after.difference(from: before[name]!))")
        }
        #expect(try rows(db, Self.paymentsAfter) == before["payments"])
        #expect(try rows(db, Self.allocationsAfter) == before["payment_allocations"])
        try setKnownOn(db, "2025-04-11")
        #expect(try rows(db, "SELECT * FROM membership_status WHERE \(registeredByKnownOn) ORDER BY membership_id")
                + rows(db, "SELECT * FROM bill_balances ORDER BY bill_id") == beforeKnownOn)
        try setKnownOn(db, nil)

        // The library, on the upgraded file: its statuses and arrears are the views' of before.
        // (The fixture's report date goes back to the migrations' view first: `registry check`
        // compares the schema with theirs.)
        try db.executeScript("""
            DROP VIEW report_as_of;
            CREATE VIEW report_as_of AS
            SELECT date('now', '+7 hours') AS as_of;
            """)
        let registry = try Registry(path: path, clock: TestClock(day(SchemaFixture.asOf)).read)
        let date = day(SchemaFixture.asOf)
        let (statuses, arrears, problems) = try registry.read { session in
            (try (1...7).map { try session.status(of: Membership.ID($0), on: date).state.rawValue },
             try session.arrears(on: date), try session.consistencyProblems(on: date))
        }
        #expect(statuses == statesBefore)
        #expect(arrears.map { "\($0.membership.rawValue) Rp\(($0.amountOwed - $0.unbilledAmount).amount) \($0.overdueBills)/\($0.unpaidMonths)" }
                == arrearsBefore)
        // The fixture carries deliberate faults for other checks; the schema and standing have none.
        #expect(problems.filter { [.schema, .standing, .standingHorizons, .allocationTotals].contains($0.check) }.isEmpty, "\(problems)")
        #expect(!problems.isEmpty, "the check ran")
        // The late payment: one payment over two bills, read back through the library.
        let late = try registry.read { try $0.payment(receipt: "RCPT-LATE") }
        #expect(late?.allocations.map(\.bill.rawValue) == [42, 43])
        #expect(late?.allocations.map(\.amount).sum() == late?.amount)
    }

    /// An allocation with two originals of one payment to one bill cannot be keyed by 0027: the
    /// migration fails, naming the key, and the register stays at 0026 untouched.
    @Test func aSecondAllocationOfOnePaymentToOneBillStopsTheUpgrade() throws {
        let db = try Connection(.memory)
        let all = try RegistrySchema.migrations()
        try Migrator(migrations: all.filter { $0.number <= 25 }).migrate(db)
        try SchemaFixture.load(into: db)
        // Payment 1 (6 × 21,800 over bills 11–16) split its first bill in two by hand: allowed by
        // 0007, which keyed allocations by id.
        try db.executeScript("""
            INSERT INTO bill_lines (bill_id, program_code, payer_code, amount, recorded_at)
            VALUES (11, 'JKK', 'self', 1000, '2025-01-05T03:00:00.000Z');
            INSERT INTO payments (id, receipt_number, payer_code, amount, paid_at, months_covered, channel_code, recorded_at)
            VALUES (30, 'RCPT-SPLIT', 'self', 2000, '2025-01-06T03:00:00.000Z', 1, 'agent', '2025-01-06T03:00:00.000Z');
            INSERT INTO payment_allocations (payment_id, bill_id, amount, recorded_at) VALUES
                (30, 11, 500, '2025-01-06T03:00:00.000Z'), (30, 11, 500, '2025-01-06T03:00:00.000Z');
            """)
        #expect(try Migrator(migrations: all.filter { $0.number <= 26 }).migrate(db) == ["0026_compact_bills.sql"])
        let stored = try snapshot(db)
        #expect(throws: MigrationError.self) { try Migrator(migrations: all).migrate(db) }
        do {
            try Migrator(migrations: all).migrate(db)
        } catch let MigrationError.failed(file, error) {
            #expect(file == "0027_compact_payments.sql")
            #expect(error.message.contains("payment_allocations.bill_id, payment_allocations.payment_id, payment_allocations.reversal"), "\(error.message)")
        }
        #expect(try snapshot(db) == stored)
        // Control: without the second allocation the same register upgrades.
        let clean = try Connection(.memory)
        try Migrator(migrations: all.filter { $0.number <= 25 }).migrate(clean)
        try SchemaFixture.load(into: clean)
        #expect(try Migrator(migrations: all).migrate(clean) == ["0026_compact_bills.sql", "0027_compact_payments.sql", "0028_derived_due_dates.sql", "0029_payment_instants.sql", "0030_allocation_totals_of_many.sql", "0031_project_dues_received.sql", "0032_extract_partial_payments.sql", "0033_status_as_known_on_registered.sql"])
    }

    private func rows(_ db: Connection, _ sql: String) throws -> [String] {
        try db.fetchAll(sql).map { row in row.values.map { "\($0)" }.joined(separator: "|") }
    }
}
