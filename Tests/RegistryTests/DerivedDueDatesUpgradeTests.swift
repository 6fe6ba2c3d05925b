import Foundation
import Registry
import SQLiteDB
import Testing

/// 0028 drops `bills.due_date`: the rules date a bill (`bill_due_dates`), in the views and in the
/// library. A register built through 0027 shows the same due dates, balances, statuses and
/// arrears after the upgrade; a due date set by hand that the rule does not give stops it.
@Suite struct DerivedDueDatesUpgradeTests {
    /// Beyond the fixture (informal and wage-earner bills, a reversal, a bounced payment, a
    /// JAKON membership's bill) and CompactBillsUpgradeTests' ledger (late penalties, a late
    /// payment, cancelled and re-billed months): a migrant placement from 2025-02-10, billed in
    /// its first month, due on departure, paid two days after.
    static let migrant = """
        UPDATE audit_context SET actor = 'fixture-loader' WHERE id = 1;
        INSERT INTO memberships (id, worker_id, segment_code, employer_id, construction_project_id, payer_code,
                                 declared_income, start_date, end_date, end_reason_code, registered_at) VALUES
            (8, 1, 'migrant', NULL, NULL, 'self', NULL, '2025-02-10', '2026-02-09', NULL, '2025-02-01T02:00:00.000Z');
        INSERT INTO membership_programs (membership_id, program_code) VALUES (8, 'JKK'), (8, 'JKM');
        UPDATE audit_context SET actor = NULL WHERE id = 1;
        INSERT INTO bills (id, membership_id, contribution_month, due_date, recorded_at) VALUES
            (81, 8, '2025-02', '2025-02-10', '2025-02-01T02:00:00.000Z');
        INSERT INTO bill_lines (bill_id, program_code, payer_code, amount, recorded_at) VALUES
            (81, 'JKK', 'self', 112500, '2025-02-01T02:00:00.000Z'), (81, 'JKM', 'self', 76500, '2025-02-01T02:00:00.000Z');
        INSERT INTO payments (id, receipt_number, payer_code, amount, paid_at, channel_code, recorded_at) VALUES
            (9, 'RCPT-0009', 'self', 189000, '2025-02-12T03:00:00.000Z', 'bank_transfer', '2025-02-12T03:00:00.000Z');
        INSERT INTO payment_allocations (payment_id, bill_id, amount, recorded_at) VALUES
            (9, 81, 189000, '2025-02-12T03:00:00.000Z');
        """

    /// A register at 0027: the fixture, the ledger of the 0026 upgrade test and the migrant.
    static func registerAt0027(_ db: Connection) throws {
        let all = try RegistrySchema.migrations()
        try Migrator(migrations: all.filter { $0.number <= 25 }).migrate(db)
        try SchemaFixture.load(into: db)
        try db.executeScript(CompactBillsUpgradeTests.moreLedger)
        try db.executeScript(migrant)
        #expect(try Migrator(migrations: all.filter { $0.number <= 27 }).migrate(db) == ["0026_compact_bills.sql", "0027_compact_payments.sql"])
    }

    @Test func upgradingFrom0027KeepsEveryDueDateBalanceAndStatus() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("upgrade-\(UUID()).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let dates = ["2025-02-11", "2025-03-13", "2025-05-16", "2025-06-20", "2025-07-20", "2025-09-01"]
        var stored: [String: String] = [:], views: [String] = [], statuses: [String] = [], arrears: [String] = []
        do {
            let db = try Connection(.file(path))
            try Self.registerAt0027(db)
            for row in try db.fetchAll("SELECT b.id, b.due_date, m.segment_code FROM bills b JOIN memberships m ON m.id = b.membership_id") {
                stored[String(try row.get(0, as: Int64.self))] = try row.get(1, as: String.self)
            }
            // Every segment the rule distinguishes is there.
            #expect(try db.fetchValues(String.self, """
                SELECT DISTINCT m.segment_code FROM bills b JOIN memberships m ON m.id = b.membership_id ORDER BY 1
                """) == ["construction", "informal", "migrant", "wage_earner"])
            views = try CompactBillsUpgradeTests().derived(db)
            for date in dates {
                try setReportDate(db, date)
                statuses += try db.fetchAll("SELECT membership_id, status, unpaid_months FROM membership_status WHERE \(registeredByKnownOn) ORDER BY 1")
                    .map { "\(date) \(try $0.get(0, as: Int64.self)) \(try $0.get(1, as: String.self)) \(try $0.get(2, as: Int.self))" }
                arrears += try db.fetchAll("SELECT membership_id, amount_owed, overdue_bills FROM arrears WHERE \(registeredByKnownOn) ORDER BY 1")
                    .map { "\(date) \(try $0.get(0, as: Int64.self)) Rp\(try $0.get(1, as: Int64.self)) \(try $0.get(2, as: Int.self))" }
            }
            try db.executeScript("DROP VIEW report_as_of; CREATE VIEW report_as_of AS SELECT date('now', '+7 hours') AS as_of;")
        }
        #expect(stored.count == 18 + 3 + 1 + 1 + 1 + 1, "the fixture's bills, July of m4 and the migrant's")
        #expect(statuses.contains { $0.hasSuffix("in_arrears 1") } && arrears.contains { $0.hasPrefix("2025-06-20") })
        // Control: the dates differ, so comparing at each of them is not comparing one answer.
        #expect(Set(statuses.map { $0.split(separator: " ").dropFirst().joined(separator: " ") }).count > 7)

        let db = try Connection(.file(path))
        #expect(try RegistrySchema.migrate(db) == ["0028_derived_due_dates.sql", "0029_payment_instants.sql", "0030_allocation_totals_of_many.sql", "0031_project_dues_received.sql", "0032_extract_partial_payments.sql", "0033_status_as_known_on_registered.sql"])
        #expect(try db.fetchAll("PRAGMA foreign_key_check").isEmpty)
        #expect(try db.fetchValue(String.self, "PRAGMA integrity_check") == "ok")
        #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM pragma_table_info('bills') WHERE name = 'due_date'") == 0)
        // The views show every bill's due date as it was stored; balances, statuses and arrears
        // at each date and as known on each day are those of before.
        var derivedDates: [String: String] = [:]
        for row in try db.fetchAll("SELECT bill_id, due_date FROM bill_due_dates") {
            derivedDates[String(try row.get(0, as: Int64.self))] = try row.get(1, as: String.self)
        }
        #expect(derivedDates == stored)
        #expect(try CompactBillsUpgradeTests().derived(db) == views)
        var statusesAfter: [String] = [], arrearsAfter: [String] = []
        for date in dates {
            try setReportDate(db, date)
            statusesAfter += try db.fetchAll("SELECT membership_id, status, unpaid_months FROM membership_status WHERE \(registeredByKnownOn) ORDER BY 1")
                .map { "\(date) \(try $0.get(0, as: Int64.self)) \(try $0.get(1, as: String.self)) \(try $0.get(2, as: Int.self))" }
            arrearsAfter += try db.fetchAll("SELECT membership_id, amount_owed, overdue_bills FROM arrears WHERE \(registeredByKnownOn) ORDER BY 1")
                .map { "\(date) \(try $0.get(0, as: Int64.self)) Rp\(try $0.get(1, as: Int64.self)) \(try $0.get(2, as: Int.self))" }
        }
        #expect(statusesAfter == statuses)
        #expect(arrearsAfter == arrears)
        try db.executeScript("DROP VIEW report_as_of; CREATE VIEW report_as_of AS SELECT date('now', '+7 hours') AS as_of;")

        // The library derives the same dates, and its statuses are the views' of before.
        let registry = try Registry(path: path, clock: TestClock(day(SchemaFixture.asOf)).read)
        try registry.read { session in
            for membership in 1...8 {
                for bill in try session.bills(of: Membership.ID(Int64(membership))) {
                    #expect(bill.dueDate.isoString == stored[String(bill.id.rawValue)], "bill \(bill.id)")
                }
            }
            for date in dates {
                let library = try (1...8).map { id in
                    let status = try session.status(of: Membership.ID(Int64(id)), on: day(date))
                    return "\(date) \(id) \(status.state.rawValue) \(status.unpaidMonths)"
                }
                #expect(library == statuses.filter { $0.hasPrefix(date) }, "\(date)")
            }
        }
        let problems = try registry.read { try $0.consistencyProblems(on: day(SchemaFixture.asOf)) }
        #expect(problems.filter { [.schema, .foreignKeys, .standing, .standingHorizons].contains($0.check) }.isEmpty, "\(problems)")
    }

    /// A bill whose stored due date is not the rule's stops the upgrade, naming the rule, and the
    /// register stays at 0027 as it was; each segment's rule is named.
    @Test(arguments: [
        ("INSERT INTO bills (id, membership_id, contribution_month, due_date, recorded_at) VALUES (17, 1, '2025-07', '2025-07-20', 0)",
         "bpu_due_day_of_month"),
        ("INSERT INTO bills (id, membership_id, contribution_month, due_date, recorded_at) VALUES (45, 4, '2025-08', '2025-09-10', 0)",
         "pu_due_day_of_following_month"),
        ("INSERT INTO bills (id, membership_id, contribution_month, due_date, recorded_at) VALUES (82, 8, '2025-03', '2025-03-15', 0)",
         "the membership's start_date"),
    ])
    func aDueDateSetByHandStopsTheUpgrade(_ insert: String, _ rule: String) throws {
        let db = try Connection(.memory)
        try Self.registerAt0027(db)
        try db.execute(insert)
        let before = try snapshot(db)
        do {
            _ = try RegistrySchema.migrate(db)
            Issue.record("0028 applied over a hand-set due date")
        } catch let MigrationError.failed(file, error) {
            #expect(file == "0028_derived_due_dates.sql")
            #expect(error.message.contains("0028 not applied") && error.message.contains(rule), "\(error.message)")
            #expect(error.message.contains("stored due_date differs from the rule"), "\(error.message)")
        }
        #expect(try snapshot(db) == before, "nothing changed")
        #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM pragma_table_info('bills') WHERE name = 'due_date'") == 1)
    }

    /// Control for the refusal: the same bills dated by the rule upgrade.
    @Test func theSameBillsDatedByTheRuleUpgrade() throws {
        let db = try Connection(.memory)
        try Self.registerAt0027(db)
        try db.executeScript("""
            INSERT INTO bills (id, membership_id, contribution_month, due_date, recorded_at) VALUES
                (17, 1, '2025-07', '2025-07-15', 0), (45, 4, '2025-08', '2025-09-15', 0);
            """)
        #expect(try RegistrySchema.migrate(db) == ["0028_derived_due_dates.sql", "0029_payment_instants.sql", "0030_allocation_totals_of_many.sql", "0031_project_dues_received.sql", "0032_extract_partial_payments.sql", "0033_status_as_known_on_registered.sql"])
        #expect(try db.fetchValues(String.self, "SELECT due_date FROM bill_due_dates WHERE bill_id IN (17, 45) ORDER BY bill_id")
                == ["2025-07-15", "2025-09-15"])
    }

    /// After 0028 a bill written by hand with a due date is refused loudly, not stored without it.
    @Test func aHandWrittenBillWithADueDateIsRefused() throws {
        let db = try Connection(.memory)
        _ = try RegistrySchema.migrate(db)
        try SchemaFixture.load(into: db)
        let count = try db.fetchValue(Int.self, "SELECT count(*) FROM bills")
        #expect(throws: SQLiteError.self) {
            try db.execute("INSERT INTO bills (membership_id, contribution_month, due_date) VALUES (1, '2025-07', '2025-07-15')")
        }
        do {
            try db.execute("INSERT INTO bills (membership_id, contribution_month, due_date) VALUES (1, '2025-07', '2025-07-15')")
        } catch let error as SQLiteError {
            #expect(error.message.contains("table bills has no column named due_date"), "\(error.message)")
        }
        #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM bills") == count)
        // Control: without it the bill is written, and the rule dates it.
        try db.execute("INSERT INTO bills (id, membership_id, contribution_month) VALUES (17, 1, '2025-07')")
        #expect(try db.fetchValue(String.self, "SELECT due_date FROM bill_balances WHERE bill_id = 17") == "2025-07-15")
    }

    /// The view and the library derive a bill's date alike where the rule is unusual: a due day
    /// past the month's end is its last day (February), and a month with no due-day rule in
    /// force (the rule closed after billing; the billing run refuses such a month) is due on
    /// day 15, as an unbilled month is.
    @Test func theViewAndTheLibraryDateEveryBillAlike() throws {
        let db = try Connection(.memory)
        _ = try RegistrySchema.migrate(db)
        try SchemaFixture.load(into: db)
        try db.executeScript("""
            UPDATE scheme_parameters SET effective_to = '2025-06-30' WHERE code = 'bpu_due_day_of_month' AND effective_to IS NULL;
            INSERT INTO scheme_parameters (code, value, effective_from, effective_to, confidence, note)
            VALUES ('bpu_due_day_of_month', 31, '2025-07-01', '2026-02-28', 'L', 'test: past the month''s end');
            UPDATE scheme_parameters SET effective_to = '2025-12-31' WHERE code = 'pu_due_day_of_following_month' AND effective_to IS NULL;
            INSERT INTO bills (id, membership_id, contribution_month, recorded_at) VALUES
                (17, 1, '2025-07', 0), (18, 1, '2026-02', 0), (19, 1, '2026-03', 0),
                (44, 4, '2025-12', 0), (45, 4, '2026-01', 0);
            """)
        let view = try db.fetchAll("SELECT bill_id, due_date FROM bill_due_dates WHERE bill_id IN (17, 18, 19, 44, 45, 11, 41, 71) ORDER BY bill_id")
            .map { "\(try $0.get(0, as: Int64.self)) \(try $0.get(1, as: String.self))" }
        #expect(view == ["11 2025-01-15", "17 2025-07-31", "18 2026-02-28", "19 2026-03-15",
                         "41 2025-05-15", "44 2026-01-15", "45 2026-02-15", "71 2025-04-15"])
        let session = RegistrySession(db, clock: TestClock(day(SchemaFixture.asOf)).read)
        var library: [String] = [], all: [String] = []
        for membership in 1...7 {
            for bill in try session.bills(of: Membership.ID(Int64(membership))) {
                library.append("\(bill.id) \(bill.dueDate.isoString)")
            }
        }
        for row in try db.fetchAll("SELECT bill_id, due_date FROM bill_due_dates") {
            all.append("\(try row.get(0, as: Int64.self)) \(try row.get(1, as: String.self))")
        }
        #expect(library.sorted() == all.sorted())
        // The billing run itself refuses the month without a rule.
        #expect(throws: RegistryError.noRuleInForce(rule: "scheme_parameters pu_due_day_of_following_month", date: "2026-02-01")) {
            try session.issueBill(for: Membership.ID(4), month: month("2026-02"))
        }
        // Statuses: the view and the library agree on either side of the clamped due date
        // (July due the 31st: not yet owed on the 20th) and after the month without a rule.
        for date in ["2025-07-20", "2025-08-05", "2026-03-20"] {
            try setReportDate(db, date)
            let viewStatuses = try db.fetchAll("SELECT membership_id, status, unpaid_months FROM membership_status WHERE membership_id <= 4 ORDER BY 1")
                .map { "\(try $0.get(0, as: Int64.self)) \(try $0.get(1, as: String.self)) \(try $0.get(2, as: Int.self))" }
            let libraryStatuses = try (1...4).map { id in
                let status = try session.status(of: Membership.ID(Int64(id)), on: day(date))
                return "\(id) \(status.state.rawValue) \(status.unpaidMonths)"
            }
            #expect(libraryStatuses == viewStatuses, "\(date)")
        }
    }
}
