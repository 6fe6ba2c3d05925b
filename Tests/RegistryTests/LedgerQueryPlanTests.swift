import Foundation
import Registry
import SQLiteDB
import Testing

/// The dues ledger keeps only the indexes a lookup reads (0023): each kept index is pinned here
/// by the shape of the lookup that needs it, so dropping or narrowing one more shows as a scan.
@Suite struct LedgerQueryPlanTests {
    /// The plan's `detail` lines, its parameters bound to NULL (a plan does not depend on them).
    func plan(_ db: Connection, _ sql: String) throws -> [String] {
        let statement = try db.prepare("EXPLAIN QUERY PLAN " + sql)
        try statement.bind(arguments: Array(repeating: .null, count: statement.parameterCount))
        var lines: [String] = []
        while try statement.step() { lines.append(try statement.currentRow.get(3, as: String.self)) }
        return lines
    }

    /// Whether some step of the plan searches `index` (rather than scanning a table).
    func searches(_ plan: [String], _ index: String) -> Bool {
        plan.contains { $0.hasPrefix("SEARCH ") && $0.contains(" INDEX \(index) (") }
    }

    /// The lookups of the library and of the ledger's triggers, each with the index it needs.
    static let lookups: [(sql: String, index: String)] = [
        // A membership's bills (Bill.loadBills, the balances, the standing refresh).
        ("SELECT id FROM bills WHERE membership_id = ? ORDER BY contribution_month", "sqlite_autoindex_bills_1"),
        // The lines beyond a bill's columns (Bill.loadBills; the amount due in the balances, the
        // allocation check, the standing refresh).
        ("SELECT l.id, l.amount FROM bill_adjustments l JOIN bills b ON b.id = l.bill_id WHERE b.membership_id = ? ORDER BY l.id",
         "bill_adjustments_bill_id"),
        ("SELECT coalesce(sum(amount), 0) FROM bill_adjustments WHERE bill_id = ?", "bill_adjustments_bill_id"),
        // What a bill has been paid, and what a payment settles (Bill, payment reversal, sync).
        ("SELECT coalesce(sum(amount), 0) FROM payment_allocations WHERE bill_id = ?", "payment_allocations_bill_id"),
        ("SELECT a.bill_id, a.amount FROM payment_allocations a WHERE a.payment_id = ? ORDER BY a.id",
         "payment_allocations_payment_id"),
        // "Already reversed?" in each append-only table's insert trigger.
        // (bill_adjustments: a partial index, which `reverses_id = ?` implies.)
        ("SELECT 1 FROM bill_adjustments WHERE reverses_id = ?", "bill_adjustments_reverses_id"),
        ("SELECT 1 FROM payment_allocations WHERE reverses_id = ?", "sqlite_autoindex_payment_allocations_1"),
        ("SELECT receipt_number FROM payments WHERE reverses_id = ?", "sqlite_autoindex_payments_2"),
        // A payment by its receipt (import, the payment batch).
        ("SELECT 1 FROM payments WHERE receipt_number = ?", "sqlite_autoindex_payments_1"),
        // SQLite's own foreign-key check when an employer row is deleted or renumbered: the
        // equality implies `employer_id IS NOT NULL`, so the partial index serves it.
        ("SELECT 1 FROM payments WHERE employer_id = ?", "payments_employer_id"),
    ]

    @Test func everyLedgerLookupSearchesItsIndex() throws {
        let db = try migratedDatabase()
        for lookup in Self.lookups {
            let steps = try plan(db, lookup.sql)
            #expect(searches(steps, lookup.index), "\(lookup.sql): \(steps)")
            #expect(!steps.contains { $0.hasPrefix("SCAN ") }, "\(lookup.sql): \(steps)")
        }
    }

    /// A bill's lines through the bill_lines view, as the reversal check reads them: each of the
    /// eight column arms and the adjustments arm seeks by the bill; only the view's own result
    /// (the co-routine, `SCAN l`) is scanned.
    @Test func aBillsLinesThroughTheViewAreSoughtByTheBill() throws {
        let db = try migratedDatabase()
        let steps = try plan(db, "SELECT l.amount FROM bill_lines l WHERE l.bill_id = ? AND l.id = ?")
        #expect(steps.filter { $0 == "SEARCH bills USING INTEGER PRIMARY KEY (rowid=?)" }.count == 8, "\(steps)")
        #expect(steps.contains { $0.hasPrefix("SEARCH bill_adjustments USING") }, "\(steps)")
        #expect(steps.filter { $0.hasPrefix("SCAN ") } == ["SCAN l"], "\(steps)")
        // Control: without the bill, every arm scans.
        let unfiltered = try plan(db, "SELECT l.amount FROM bill_lines l WHERE l.amount = ?")
        #expect(unfiltered.filter { $0 == "SCAN bills" }.count == 8, "\(unfiltered)")
    }

    /// Positive control: with its index gone the same lookup scans, and the check says so.
    @Test func aLookupWithoutItsIndexIsSeenToScan() throws {
        let db = try migratedDatabase()
        let sql = "SELECT coalesce(sum(amount), 0) FROM payment_allocations WHERE bill_id = ?"
        #expect(searches(try plan(db, sql), "payment_allocations_bill_id"))
        try db.execute("DROP INDEX payment_allocations_bill_id")
        let steps = try plan(db, sql)
        #expect(!searches(steps, "payment_allocations_bill_id"))
        #expect(steps == ["SCAN payment_allocations"])
    }

    /// 0023 drops the indexes no lookup reads and keeps only the employers' payments in
    /// payments_employer_id; a lookup by program, payer, channel or payment time now scans,
    /// which no query of the library does. 0026 indexes only the adjustments that reverse a line.
    @Test func theUnreadIndexesAreGoneAndTheEmployerIndexIsPartial() throws {
        let db = try migratedDatabase()
        let ledgerIndexes = try db.fetchValues(String.self, """
            SELECT name FROM sqlite_schema
            WHERE type = 'index' AND tbl_name IN ('bills', 'bill_adjustments', 'payments', 'payment_allocations')
            ORDER BY name
            """)
        #expect(ledgerIndexes == [
            "bill_adjustments_bill_id", "bill_adjustments_reverses_id",
            "payment_allocations_bill_id", "payment_allocations_payment_id", "payments_employer_id", "sqlite_autoindex_bills_1",
            "sqlite_autoindex_payment_allocations_1", "sqlite_autoindex_payments_1", "sqlite_autoindex_payments_2",
        ])
        let partial = try db.fetchValue(Int.self, "SELECT \"partial\" FROM pragma_index_list('payments') WHERE name = 'payments_employer_id'")
        #expect(partial == 1)
        #expect(try db.fetchValue(Int.self, "SELECT \"partial\" FROM pragma_index_list('bill_adjustments') WHERE name = 'bill_adjustments_reverses_id'") == 1)
        #expect(!searches(try plan(db, "SELECT 1 FROM bill_adjustments WHERE reverses_id IS NULL"), "bill_adjustments_reverses_id"))
        // Informal payments (no employer) are not in the index: a lookup of them cannot use it.
        #expect(!searches(try plan(db, "SELECT 1 FROM payments WHERE employer_id IS NULL"), "payments_employer_id"))
        #expect(try plan(db, "SELECT 1 FROM bill_adjustments WHERE program_code = ?") == ["SCAN bill_adjustments"])
    }

    /// The UNIQUE on reverses_id is a column constraint: its index cannot be dropped or made
    /// partial without rebuilding the table, which 0023 does not do (docs/ledger-design.md). 0026
    /// rebuilt the bills and gave their adjustments a partial index; payments keep theirs.
    @Test func theReversalIndexesCannotBeDroppedInPlace() throws {
        let db = try migratedDatabase()
        #expect(throws: SQLiteError.self) { try db.execute("DROP INDEX sqlite_autoindex_payments_2") }
        #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_autoindex_payments_2'") == 1)
    }
}
