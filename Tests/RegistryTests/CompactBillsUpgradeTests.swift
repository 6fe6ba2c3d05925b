import Foundation
import Registry
import SQLiteDB
import Testing

/// 0026 moves each bill's lines into its columns and `bill_adjustments`. A register built through
/// 0025 (the fixture, plus late penalties, two cancelled bills, one billed again, a line for a
/// second sponsor, a line no column holds and a bill whose JP lines carry a note) keeps every
/// line, every amount due and paid, every status and the arrears list, at several dates and as
/// known on several days.
@Suite struct CompactBillsUpgradeTests {
    /// What 0025 held beyond the fixture, in its own shape (a line per row, text timestamps).
    static let moreLedger = """
        -- m4's May paid late (due 15 June, paid 18 June: one month): 2% on each dues line.
        INSERT INTO bill_lines (bill_id, program_code, payer_code, kind, amount, recorded_at, note)
        SELECT 42, program_code, 'employer', 'late_penalty', (amount * 2 + 50) / 100, '2025-06-18T03:00:00.000Z', '1 month(s) late'
        FROM bill_lines WHERE bill_id = 42 AND kind = 'dues';
        INSERT INTO payments (id, receipt_number, payer_code, employer_id, amount, paid_at, channel_code, recorded_at) VALUES
            (8, 'RCPT-0008', 'employer', 1, 567324, '2025-06-18T03:00:00.000Z', 'bank_transfer', '2025-06-18T03:00:00.000Z');
        INSERT INTO payment_allocations (payment_id, bill_id, amount, recorded_at) VALUES
            (8, 42, 567324, '2025-06-18T03:00:00.000Z');
        -- m3's June cancelled (both lines reversed); its May cancelled and billed again.
        INSERT INTO bill_lines (bill_id, program_code, payer_code, kind, amount, reverses_id, recorded_at, note)
        SELECT bill_id, program_code, payer_code, kind, -amount, id, '2025-06-05T03:00:00.000Z', 'cancelled'
        FROM bill_lines WHERE bill_id IN (35, 36) ORDER BY id;
        INSERT INTO bill_lines (bill_id, program_code, payer_code, kind, amount, recorded_at) VALUES
            (35, 'JKK', 'self', 'dues', 18000, '2025-06-06T03:00:00.000Z'),
            (35, 'JKM', 'self', 'dues', 6800, '2025-06-06T03:00:00.000Z');
        -- m2 (sponsored by a local government): a JKK line of another sponsor, written with the bill.
        INSERT INTO bill_lines (bill_id, program_code, payer_code, kind, amount, recorded_at) VALUES
            (26, 'JKK', 'company_csr', 'dues', 500, '2025-01-01T00:00:00.000Z');
        -- m4's July, billed early with a note, its JP lines noting the wage cap, and a JKP line
        -- (no column: a rule the columns do not foresee).
        INSERT INTO bills (id, membership_id, contribution_month, due_date, recorded_at, note) VALUES
            (44, 4, '2025-07', '2025-08-15', '2025-06-19T03:00:00.000Z', 'billed early');
        INSERT INTO bill_lines (bill_id, program_code, payer_code, kind, amount, recorded_at, note) VALUES
            (44, 'JKK', 'employer', 'dues', 16200, '2025-06-19T03:00:00.000Z', NULL),
            (44, 'JP', 'employer', 'dues', 120000, '2025-06-19T03:00:00.000Z', 'wage capped at Rp10.547.400'),
            (44, 'JP', 'self', 'dues', 60000, '2025-06-19T03:00:00.000Z', 'wage capped at Rp10.547.400'),
            (44, 'JHT', 'self', 'dues', 120000, '2025-06-19T03:00:00.000Z', NULL),
            (44, 'JKP', 'central_government', 'dues', 27600, '2025-06-19T03:00:00.000Z', NULL);
        """

    /// Every line of every bill: bill, program, payer, kind, amount, recorded_at in
    /// milliseconds, and what it reverses (that line's bill, program, payer and amount: ids
    /// change when a line becomes a column). Notes are compared apart: a column line's note
    /// moves to its bill's.
    static let linesSQL = """
        SELECT l.bill_id || ' ' || l.program_code || ' ' || l.payer_code || ' ' || l.kind || ' ' || l.amount || ' '
               || CASE typeof(l.recorded_at) WHEN 'text' THEN CAST(round((julianday(l.recorded_at) - 2440587.5) * 86400000) AS INTEGER)
                                             ELSE l.recorded_at END
               || ' reverses '
               || coalesce((SELECT o.bill_id || ' ' || o.program_code || ' ' || o.payer_code || ' ' || o.amount
                            FROM bill_lines o WHERE o.bill_id = l.bill_id AND o.id = l.reverses_id), '-')
        FROM bill_lines l ORDER BY 1
        """

    /// What the views say, at each date and as known on each day.
    func derived(_ db: Connection) throws -> [String] {
        let asOf = try #require(try db.fetchValue(String.self, "SELECT sql FROM sqlite_schema WHERE name = 'report_as_of'"))
        var rows: [String] = []
        for knownOn in ["2025-02-01", "2025-06-10", "2025-06-18", nil] as [String?] {
            try setKnownOn(db, knownOn)
            for date in ["2025-03-13", "2025-06-20", "2025-07-20", "2025-09-01"] {
                try setReportDate(db, date)
                let at = "\(date) known \(knownOn ?? "now")"
                rows += try db.fetchAll("SELECT * FROM bill_balances ORDER BY bill_id").map { "\(at) balance \($0)" }
                rows += try db.fetchAll("SELECT * FROM membership_status WHERE \(registeredByKnownOn) ORDER BY membership_id").map { "\(at) status \($0)" }
                rows += try db.fetchAll("SELECT * FROM arrears WHERE \(registeredByKnownOn) ORDER BY membership_id").map { "\(at) arrears \($0)" }
            }
        }
        try setKnownOn(db, nil)
        try db.executeScript("DROP VIEW report_as_of; \(asOf);")
        return rows
    }

    @Test func upgradingFrom0025KeepsEveryLineAmountAndStatus() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("upgrade-\(UUID()).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let all = try RegistrySchema.migrations()
        var lines: [String] = [], views: [String] = [], notes: [[DatabaseValue]] = []
        do {
            let db = try Connection(.file(path))
            try Migrator(migrations: all.filter { $0.number <= 25 }).migrate(db)
            try SchemaFixture.load(into: db)
            try db.executeScript(Self.moreLedger)
            lines = try db.fetchValues(String.self, Self.linesSQL)
            notes = try db.fetchAll("SELECT bill_id, program_code, note FROM bill_lines WHERE note IS NOT NULL ORDER BY id")
                .map(\.values)
            #expect(notes.count == 3 + 6 + 4 + 2)
            views = try derived(db)
            #expect(lines.count == 66 + 6 + 4 + 2 + 1 + 5, "the fixture's lines and those added")
            #expect(views.contains { $0.contains("arrears") }, "some membership owes")
        }
        let db = try Connection(.file(path))
        #expect(try RegistrySchema.migrate(db) == ["0026_compact_bills.sql", "0027_compact_payments.sql", "0028_derived_due_dates.sql", "0029_payment_instants.sql", "0030_allocation_totals_of_many.sql", "0031_project_dues_received.sql", "0032_extract_partial_payments.sql", "0033_status_as_known_on_registered.sql"])
        #expect(try db.fetchValues(String.self, Self.linesSQL) == lines)
        #expect(try derived(db) == views)

        // Where the lines went: the billing run's into columns, the rest into adjustments.
        #expect(try db.fetchValue(String.self, "SELECT note FROM bills WHERE id = 44") == "billed early; JP: wage capped at Rp10.547.400")
        #expect(try db.fetchValue(String.self, "SELECT note FROM bills WHERE id = 32") == "JKK: wrong band")
        #expect(try db.fetchValue(String.self, """
            SELECT coalesce(jkk_employer, '-') || ' ' || coalesce(jkk_worker, '-') || ' ' || coalesce(jkm_employer, '-') || ' ' || coalesce(jkm_worker, '-')
                   || ' ' || coalesce(jht_employer, '-') || ' ' || coalesce(jht_worker, '-') || ' ' || coalesce(jp_employer, '-') || ' ' || coalesce(jp_worker, '-') || ' ' || coalesce(worker_payer_code, '-')
            FROM bills WHERE id = 44
            """) == "16200 - - - - 120000 120000 60000 self")
        // Every note is kept: on its adjustment, or in its bill's note after its program's name.
        for note in notes {
            let kept = try db.fetchValue(Bool.self, """
                SELECT EXISTS (SELECT 1 FROM bill_adjustments WHERE bill_id = ?1 AND program_code = ?2 AND note = ?3)
                    OR instr((SELECT note FROM bills WHERE id = ?1), ?2 || ': ' || ?3) > 0
                """, note[0], note[1], note[2])
            #expect(kept == true, "\(note)")
        }
        let adjustments = try db.fetchValues(String.self, """
            SELECT bill_id || ' ' || program_code || ' ' || payer_code || ' ' || kind || ' ' || amount || ' ' || coalesce(reverses_id, '-')
            FROM bill_adjustments WHERE kind = 'dues' ORDER BY id
            """)
        #expect(adjustments == [
                "32 JKK self dues -20000 -257",          // the fixture's reversal of a line that became a column
                "32 JKK self dues 19000 -",             // recorded later than its bill
                "35 JKK self dues -19000 -281", "36 JKK self dues -19000 -289",   // in the old lines' id order
                "35 JKM self dues -6800 -283", "36 JKM self dues -6800 -291",
                "35 JKK self dues 18000 -", "35 JKM self dues 6800 -",
                "26 JKK company_csr dues 500 -",        // the bill's worker columns are the local government's
                "44 JKP central_government dues 27600 -",
            ])
        #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM bill_adjustments WHERE kind = 'late_penalty'") == 6)

        // The library reads the same bills as the view, and computes what the views say.
        let session = RegistrySession(db, clock: TestClock(day(SchemaFixture.asOf)).read)
        for membership in 1...7 {
            for bill in try session.bills(of: Membership.ID(Int64(membership))) {
                let view = try #require(try db.fetchOne("SELECT amount_due, amount_paid FROM bill_balances WHERE bill_id = ?", bill.id))
                #expect(try view.get(0, as: Int64.self) == bill.amountDue.amount && view.get(1, as: Int64.self) == bill.amountPaid.amount,
                        "bill \(bill.id)")
                #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM bill_lines WHERE bill_id = ?", bill.id) == bill.lines.count)
            }
        }
        try session.refreshStanding(all: true)
        let problems = try session.consistencyProblems(on: day(SchemaFixture.asOf))
            .filter { [.schema, .foreignKeys, .billReversals, .billOverpaid, .standing, .standingHorizons].contains($0.check) }
        #expect(problems.isEmpty, "\(problems)")
    }
}
