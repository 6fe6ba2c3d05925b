import Foundation
import Registry
import SQLiteDB
import Testing

/// 0029 turns a payment's `paid_at` from ISO text into INTEGER milliseconds. A register built
/// through 0027 (the fixture: a BPU payment of six months, a sponsor's of three, a bounced payment
/// reversed, an employer's, a JAKON bill paid; added here: an employer paying two bills late in
/// one payment with their penalties, and a BPU member paying three months at 16:59:59.999 UTC and
/// a fourth at 17:00:00.000, either side of a Jakarta midnight) keeps every payment's instant,
/// every bill's amount paid, every status and the arrears list, at several dates and as known on
/// several days.
@Suite struct PaymentInstantsUpgradeTests {
    /// An instant as 0027 stores `recorded_at`: milliseconds, converted from the text by SQLite.
    private static func ms(_ text: String) -> String {
        "CAST(round((julianday('\(text)') - 2440587.5) * 86400000) AS INTEGER)"
    }

    /// What a register on 0027 holds beyond the fixture, in 0027's layout (`paid_at` text).
    static let moreLedger = """
        -- m4's May (due 15 June) and June (due 15 July) paid on 20 July in one payment: 2% late
        -- penalty on each dues column of both bills (Rp11,124 a bill).
        INSERT INTO bill_adjustments (bill_id, program_code, payer_code, kind, amount, recorded_at, note)
        SELECT b.id, x.program, 'employer', 'late_penalty', x.amount, \(ms("2025-07-20T03:00:00.000Z")), '1 month(s) late'
        FROM (SELECT 42 AS id UNION ALL SELECT 43) b,
             (SELECT 'JKK' AS program, 324 AS amount UNION ALL SELECT 'JKM', 360 UNION ALL SELECT 'JHT', 4440
              UNION ALL SELECT 'JHT', 2400 UNION ALL SELECT 'JP', 2400 UNION ALL SELECT 'JP', 1200) x
        ORDER BY b.id;
        INSERT INTO payments (id, receipt_number, payer_code, employer_id, amount, paid_at, months_covered,
                              channel_code, reverses_id, recorded_at) VALUES
            (20, 'RCPT-LATE', 'employer', 1, 1134648, '2025-07-20T03:00:00.000Z', NULL, 'bank_transfer', NULL,
             \(ms("2025-07-20T03:00:00.000Z"))),
            -- m3 pays February to April at the last millisecond of 19 June in Jakarta, May at the first of 20 June.
            (21, 'RCPT-EDGE-1', 'self', NULL, 77400, '2025-06-19T16:59:59.999Z', 3, 'agent', NULL, \(ms("2025-06-20T01:00:00.000Z"))),
            (22, 'RCPT-EDGE-2', 'self', NULL, 25800, '2025-06-19T17:00:00.000Z', 1, 'agent', NULL, \(ms("2025-06-20T01:00:00.000Z")));
        INSERT INTO payment_allocations (bill_id, payment_id, reversal, amount, recorded_at) VALUES
            (42, 20, 0, 567324, \(ms("2025-07-20T03:00:00.000Z"))), (43, 20, 0, 567324, \(ms("2025-07-20T03:00:00.000Z"))),
            (32, 21, 0, 25800, \(ms("2025-06-20T01:00:00.000Z"))), (33, 21, 0, 25800, \(ms("2025-06-20T01:00:00.000Z"))),
            (34, 21, 0, 25800, \(ms("2025-06-20T01:00:00.000Z"))), (35, 22, 0, 25800, \(ms("2025-06-20T01:00:00.000Z")));
        """

    static let asOfDates = ["2025-04-11", "2025-06-19", "2025-06-20", "2025-07-20", "2025-07-21", "2025-09-01"]

    /// What the views say, at each date and as known on each day; the fixture's report date is
    /// put back after.
    func derived(_ db: Connection) throws -> [String] {
        let asOf = try #require(try db.fetchValue(String.self, "SELECT sql FROM sqlite_schema WHERE name = 'report_as_of'"))
        var rows: [String] = []
        for knownOn in ["2025-04-11", "2025-06-19", nil] as [String?] {
            try setKnownOn(db, knownOn)
            for date in Self.asOfDates {
                try setReportDate(db, date)
                let at = "\(date) known \(knownOn ?? "now")"
                rows += try db.fetchAll("SELECT * FROM bill_balances ORDER BY bill_id").map { "\(at) balance \($0)" }
                rows += try db.fetchAll("SELECT * FROM project_bill_balances ORDER BY project_bill_id").map { "\(at) project \($0)" }
                rows += try db.fetchAll("SELECT * FROM membership_status WHERE \(registeredByKnownOn) ORDER BY membership_id").map { "\(at) status \($0)" }
                rows += try db.fetchAll("SELECT * FROM arrears WHERE \(registeredByKnownOn) ORDER BY membership_id").map { "\(at) arrears \($0)" }
            }
        }
        try setKnownOn(db, nil)
        try db.executeScript("DROP VIEW report_as_of; \(asOf);")
        rows += try db.fetchAll("SELECT * FROM dues_received ORDER BY 1, 2, 3").map { "dues_received \($0)" }
        rows += try db.fetchAll("SELECT * FROM target_achievement ORDER BY target_id").map { "target \($0)" }
        // Since 0030 only payments not made by the member keep a running total.
        rows += try db.fetchAll("""
            SELECT t.* FROM payment_allocation_totals t JOIN payments p ON p.id = t.payment_id
            WHERE p.payer_code <> 'self' ORDER BY t.payment_id
            """).map { "totals \($0)" }
        return rows
    }

    /// Every payment, its instant as 0027's text; the other columns as stored.
    static let paymentsAsText = """
        SELECT id || ' ' || receipt_number || ' ' || payer_code || ' ' || coalesce(employer_id, '-') || ' ' || amount || ' '
               || CASE typeof(paid_at) WHEN 'integer' THEN strftime('%Y-%m-%dT%H:%M:%fZ', paid_at / 1000.0, 'unixepoch')
                                       ELSE paid_at END
               || ' ' || coalesce(months_covered, '-') || ' ' || channel_code || ' ' || coalesce(reverses_id, '-') || ' '
               || recorded_at || ' ' || coalesce(note, '-')
        FROM payments ORDER BY id
        """

    @Test func upgradingFrom0027KeepsEveryPaymentInstantBalanceAndStatus() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("upgrade-\(UUID()).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let all = try RegistrySchema.migrations()
        var payments: [String] = [], instants: [Int64] = [], views: [String] = [], statuses: [String] = [], arrears: [String] = []
        do {
            let db = try Connection(.file(path))
            // The fixture as a register before 0026 holds it (bills with their stored due dates),
            // upgraded to 0027's layout, as DerivedDueDatesUpgradeTests builds it.
            try Migrator(migrations: all.filter { $0.number <= 25 }).migrate(db)
            try SchemaFixture.load(into: db)
            try Migrator(migrations: all.filter { $0.number <= 27 }).migrate(db)
            try db.executeScript(Self.moreLedger)
            #expect(try db.fetchValue(String.self, "SELECT DISTINCT typeof(paid_at) FROM payments") == "text")
            payments = try db.fetchValues(String.self, Self.paymentsAsText)
            instants = try db.fetchValues(Int64.self, "SELECT \(Self.ms("x").replacingOccurrences(of: "'x'", with: "paid_at")) FROM payments ORDER BY id")
            views = try derived(db)
            // The library's answers are compared with these: each membership at each date, known now.
            for date in Self.asOfDates {
                try setReportDate(db, date)
                statuses += try db.fetchAll("SELECT membership_id, status, unpaid_months FROM membership_status WHERE \(registeredByKnownOn) ORDER BY membership_id")
                    .map { "\(date) \(try $0.get(0, as: Int64.self)) \(try $0.get(1, as: String.self)) \(try $0.get(2, as: Int.self))" }
                arrears += try db.fetchAll("SELECT membership_id, amount_owed, overdue_bills, unpaid_months FROM arrears WHERE \(registeredByKnownOn) ORDER BY membership_id")
                    .map { "\(date) \(try $0.get(0, as: Int64.self)) Rp\(try $0.get(1, as: Int64.self)) \(try $0.get(2, as: Int.self))/\(try $0.get(3, as: Int.self))" }
            }
            try db.executeScript("DROP VIEW report_as_of; CREATE VIEW report_as_of AS\nSELECT date('now', '+7 hours') AS as_of;")
        }
        #expect(payments.count == 10)
        #expect(views.contains { $0.contains("arrears") }, "some membership owes")
        // Control: the Jakarta midnight between the two edge payments moves the answers.
        #expect(views.filter { $0.hasPrefix("2025-06-19 known now") }.map { $0.dropFirst(10) }
                != views.filter { $0.hasPrefix("2025-06-20 known now") }.map { $0.dropFirst(10) })

        let db = try Connection(.file(path))
        #expect(try RegistrySchema.migrate(db) == ["0028_derived_due_dates.sql", "0029_payment_instants.sql", "0030_allocation_totals_of_many.sql", "0031_project_dues_received.sql", "0032_extract_partial_payments.sql", "0033_status_as_known_on_registered.sql"])
        #expect(try db.fetchAll("PRAGMA foreign_key_check").isEmpty)
        #expect(try db.fetchValue(String.self, "PRAGMA integrity_check") == "ok")
        #expect(try db.fetchValue(String.self, "SELECT DISTINCT typeof(paid_at) FROM payments") == "integer")
        #expect(try db.fetchValues(Int64.self, "SELECT paid_at FROM payments ORDER BY id") == instants)
        #expect(try db.fetchValues(String.self, Self.paymentsAsText) == payments)
        #expect(try derived(db) == views)

        // The edge payments: their Jakarta days, and what each as-of day counts.
        #expect(try db.fetchValues(String.self, "SELECT paid_at || ' ' || paid_on FROM payments_readable WHERE id IN (21, 22) ORDER BY id")
                == ["2025-06-19T16:59:59.999Z 2025-06-19", "2025-06-19T17:00:00.000Z 2025-06-20"])
        try setReportDate(db, "2025-06-19")
        #expect(try db.fetchValues(Int64.self, "SELECT amount_paid FROM bill_balances WHERE bill_id IN (34, 35) ORDER BY bill_id") == [25800, 0])
        try setReportDate(db, "2025-06-20")
        #expect(try db.fetchValues(Int64.self, "SELECT amount_paid FROM bill_balances WHERE bill_id IN (34, 35) ORDER BY bill_id") == [25800, 25800])
        try db.executeScript("DROP VIEW report_as_of; CREATE VIEW report_as_of AS\nSELECT date('now', '+7 hours') AS as_of;")

        // The library on the upgraded file computes what the views said before.
        let registry = try Registry(path: path, clock: TestClock(day("2025-09-01")).read)
        let (libraryStatuses, libraryArrears) = try registry.read { session in
            var statuses: [String] = [], arrears: [String] = []
            for date in Self.asOfDates {
                for membership in 1...7 {
                    let status = try session.status(of: Membership.ID(Int64(membership)), on: day(date))
                    statuses.append("\(date) \(membership) \(status.state.rawValue) \(status.unpaidMonths)")
                }
                arrears += try session.arrears(on: day(date)).map {
                    "\(date) \($0.membership.rawValue) Rp\(($0.amountOwed - $0.unbilledAmount).amount) \($0.overdueBills)/\($0.unpaidMonths)"
                }
            }
            return (statuses, arrears)
        }
        #expect(libraryStatuses == statuses)
        #expect(libraryArrears == arrears)
        let edge = try registry.read { try $0.payment(receipt: "RCPT-EDGE-1") }
        #expect(edge?.paidAt == Date(iso8601: "2025-06-19T16:59:59.999Z"))
        #expect(edge?.allocations.map(\.bill.rawValue) == [32, 33, 34])
        let late = try registry.read { try $0.payment(receipt: "RCPT-LATE") }
        #expect(late?.allocations.map(\.amount).sum() == late?.amount)
        let problems = try registry.read { try $0.consistencyProblems(on: day("2025-09-01")) }
        #expect(problems.filter { [.schema, .foreignKeys, .standing, .standingHorizons, .allocationTotals].contains($0.check) }.isEmpty,
                "\(problems)")
    }
}
