import Foundation
import Registry
import SQLiteDB
import Testing

/// The dues ledger keeps only the indexes a lookup reads (0023, 0027): each kept index is pinned
/// here by the shape of the lookup that needs it, so dropping or narrowing one more shows as a scan.
@Suite struct LedgerQueryPlanTests {
    /// The plan's `detail` lines, its parameters bound to NULL (a plan does not depend on them).
    func plan(_ db: Connection, _ sql: String) throws -> [String] {
        let statement = try db.prepare("EXPLAIN QUERY PLAN " + sql)
        try statement.bind(arguments: Array(repeating: .null, count: statement.parameterCount))
        var lines: [String] = []
        while try statement.step() { lines.append(try statement.currentRow.get(3, as: String.self)) }
        return lines
    }

    /// Whether some step of the plan searches `index` (rather than scanning a table); `PRIMARY
    /// KEY` is the key of a WITHOUT ROWID table.
    func searches(_ plan: [String], _ index: String) -> Bool {
        plan.contains { $0.hasPrefix("SEARCH ") && $0.contains(index == "PRIMARY KEY" ? " USING PRIMARY KEY (" : " INDEX \(index) (") }
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
        // What a bill has been paid (the balances, the allocation check, the payment batch) and a
        // membership's allocations (the standing loader): one range of the allocations' key (0027).
        ("SELECT coalesce(sum(amount), 0) FROM payment_allocations WHERE bill_id = ?", "PRIMARY KEY"),
        ("SELECT a.amount FROM bills b JOIN payment_allocations a ON a.bill_id = b.id WHERE b.membership_id = ?",
         "PRIMARY KEY"),
        // What a payment settles (Payment.allocations, payment reversal, sync, the checks).
        ("SELECT a.bill_id, a.amount FROM payment_allocations a WHERE a.payment_id = ?",
         "payment_allocations_payment_id"),
        // "Already reversed?" in each append-only table's insert trigger, and the reversal's original.
        // (bill_adjustments and payments: partial indexes, which `reverses_id = ?` implies.)
        ("SELECT 1 FROM bill_adjustments WHERE reverses_id = ?", "bill_adjustments_reverses_id"),
        ("SELECT 1 FROM payment_allocations WHERE bill_id = ? AND payment_id = ? AND reversal = 1", "PRIMARY KEY"),
        ("SELECT receipt_number FROM payments WHERE reverses_id = ?", "payments_reverses_id"),
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
        let sql = "SELECT a.bill_id, a.amount FROM payment_allocations a WHERE a.payment_id = ?"
        #expect(searches(try plan(db, sql), "payment_allocations_payment_id"))
        try db.execute("DROP INDEX payment_allocations_payment_id")
        let steps = try plan(db, sql)
        #expect(!searches(steps, "payment_allocations_payment_id"))
        #expect(steps == ["SCAN a"])
    }

    /// Positive control for the key: a lookup by payment alone cannot use the key (bill_id leads
    /// it), and a lookup by bill is not seen to search the payment index.
    @Test func theAllocationKeyServesBillsNotPayments() throws {
        let db = try migratedDatabase()
        #expect(!searches(try plan(db, "SELECT amount FROM payment_allocations NOT INDEXED WHERE payment_id = ?"), "PRIMARY KEY"))
        #expect(!searches(try plan(db, "SELECT amount FROM payment_allocations WHERE bill_id = ?"), "payment_allocations_payment_id"))
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
        // 0027: payment_allocations is keyed by (bill_id, payment_id, reversal), WITHOUT ROWID (its
        // key is the table, no index of its own), and the reversals' uniqueness is a partial index.
        #expect(ledgerIndexes == [
            "bill_adjustments_bill_id", "bill_adjustments_reverses_id", "payment_allocations_payment_id",
            "payments_employer_id", "payments_reverses_id", "sqlite_autoindex_bills_1", "sqlite_autoindex_payments_1",
        ])
        let partial = try db.fetchValues(String.self, "SELECT name FROM pragma_index_list('payments') WHERE \"partial\" ORDER BY name")
        #expect(partial == ["payments_employer_id", "payments_reverses_id"])
        #expect(try db.fetchValue(Int.self, "SELECT \"unique\" FROM pragma_index_list('payments') WHERE name = 'payments_reverses_id'") == 1)
        #expect(try db.fetchValue(Int.self, "SELECT \"partial\" FROM pragma_index_list('bill_adjustments') WHERE name = 'bill_adjustments_reverses_id'") == 1)
        // An original payment or line (no reverses_id) is not in them: a lookup of those cannot use them.
        #expect(!searches(try plan(db, "SELECT 1 FROM payments WHERE reverses_id IS NULL"), "payments_reverses_id"))
        #expect(!searches(try plan(db, "SELECT 1 FROM bill_adjustments WHERE reverses_id IS NULL"), "bill_adjustments_reverses_id"))
        // Informal payments (no employer) are not in the index: a lookup of them cannot use it.
        #expect(!searches(try plan(db, "SELECT 1 FROM payments WHERE employer_id IS NULL"), "payments_employer_id"))
        #expect(try plan(db, "SELECT 1 FROM bill_adjustments WHERE program_code = ?") == ["SCAN bill_adjustments"])
    }
}
