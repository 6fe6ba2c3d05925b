import Foundation
import Registry
import SQLiteDB
import Testing

/// Since 0030 a payment its member made (`payer_code` 'self') keeps no running total: the guard
/// "a payment cannot be allocated for more than was paid" sums its few allocations instead, and
/// every other payer's payment keeps its total as before. Both are guarded alike, by hand in the
/// shell as through the library. The fixture leaves m3's bills 32–36 (Rp25,800 each) unpaid.
@Suite struct AllocationTotalsTests {
    let db: Connection

    init() throws {
        db = try Connection(.memory)
        try RegistrySchema.migrate(db)
        try SchemaFixture.load(into: db)
        let at = "unixepoch('2025-06-02T03:00:00Z') * 1000"
        try db.executeScript("""
            INSERT INTO payments (id, receipt_number, payer_code, amount, paid_at, months_covered, channel_code, recorded_at)
            VALUES (8, 'RCPT-SELF', 'self', 51600, \(at), 2, 'agent', \(at)),
                   (9, 'RCPT-SPONSOR', 'local_government', 51600, \(at), 2, 'bank_transfer', \(at));
            """)
    }

    private func allocate(_ payment: Int64, bill: Int64, _ amount: Int64) throws {
        try db.execute("""
            INSERT INTO payment_allocations (bill_id, payment_id, amount, recorded_at)
            VALUES (?, ?, ?, unixepoch('2025-06-02T03:00:00Z') * 1000)
            """, bill, payment, amount)
    }

    private func refusal(_ body: () throws -> Void) -> String? {
        do { try body() } catch let error as SQLiteError { return error.message } catch { return "\(error)" }
        return nil
    }

    private func total(_ payment: Int64) throws -> Int64? {
        try db.fetchValue(Int64.self, "SELECT allocated FROM payment_allocation_totals WHERE payment_id = ?", payment)
    }

    @Test func aMembersOwnPaymentIsGuardedByTheSumOfItsAllocations() throws {
        try allocate(8, bill: 32, 25_800)
        try allocate(8, bill: 33, 25_000)   // Rp800 of the payment left
        #expect(refusal { try allocate(8, bill: 34, 801) }?.contains("allocations would exceed the payment amount") == true)
        try allocate(8, bill: 34, 800)      // control: exactly what is left is allowed
        #expect(try db.fetchValue(Int64.self, "SELECT sum(amount) FROM payment_allocations WHERE payment_id = 8") == 51_600)
        #expect(try total(8) == nil, "no running total for a member's own payment")
    }

    @Test func anotherPayersPaymentKeepsItsTotalAndIsGuardedByIt() throws {
        try allocate(9, bill: 35, 25_800)
        #expect(try total(9) == 25_800)
        try allocate(9, bill: 36, 25_800)
        #expect(try total(9) == 51_600)
        // Bill 32 still owes; the payment has nothing left.
        #expect(refusal { try allocate(9, bill: 32, 1) }?.contains("allocations would exceed the payment amount") == true)
        #expect(try total(9) == 51_600)
    }

    @Test func aBouncedMembersPaymentHasNothingLeftToAllocate() throws {
        try allocate(8, bill: 32, 25_800)
        let at = "unixepoch('2025-06-03T03:00:00Z') * 1000"
        try db.executeScript("""
            INSERT INTO payment_allocations (bill_id, payment_id, reversal, amount, recorded_at) VALUES (32, 8, 1, -25800, \(at));
            INSERT INTO payments (id, receipt_number, payer_code, amount, paid_at, months_covered, channel_code, reverses_id, recorded_at)
            VALUES (10, 'RCPT-SELF-R', 'self', -51600, \(at), 2, 'agent', 8, \(at));
            """)
        // Net of its reversal the payment is Rp0, and its allocations sum to Rp0: one rupiah is too much.
        #expect(refusal { try allocate(8, bill: 33, 1) }?.contains("allocations would exceed the payment amount") == true)
        #expect(try total(8) == nil)
    }
}
