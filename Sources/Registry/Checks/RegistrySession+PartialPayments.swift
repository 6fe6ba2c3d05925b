import SQLiteDB

/// How the payment checks count a payment an extract holds only part of.
///
/// An extract holds, of a payment shared with workers outside its area (an employer's monthly
/// payment), only the allocations to the area's bills; what the payment allocated elsewhere is
/// one figure per payment, `sync_extract_partial_payments.allocated_centrally` (0032). The checks
/// that compare a payment's allocations with its amount or its running total add that figure, so
/// they mean on an extract what they mean on the centre.
extension RegistrySession {
    /// Whether this register has the table (0032); a register not yet migrated is checked without it.
    func hasPartialPayments() throws -> Bool {
        try exists("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?", "sync_extract_partial_payments")
    }

    /// SQL for what the payment `payment` (an SQL expression for its id) allocated at the
    /// centre, outside this extract: 0 for a payment held whole, and on the centre.
    static func allocatedCentrallySQL(of payment: String) -> String {
        "coalesce((SELECT allocated_centrally FROM sync_extract_partial_payments WHERE payment_id = \(payment)), 0)"
    }

    /// Rows of `sync_extract_partial_payments` in a register that is not an extract: a central
    /// register holds every allocation, and such a row would hide unallocated money from the
    /// checks that add it.
    func partialPaymentsOutsideAnExtract() throws -> [ConsistencyProblem] {
        guard try hasPartialPayments(), try ExtractMarker.read(db) == nil else { return [] }
        return try db.fetchAll("SELECT payment_id, allocated_centrally FROM sync_extract_partial_payments ORDER BY payment_id").map { row in
            ConsistencyProblem(
                check: .allocationTotals, subject: "payment \(try row.get("payment_id", as: Int64.self))",
                detail: "sync_extract_partial_payments says \(Rupiah(try row.get("allocated_centrally", as: Int64.self))) of it is allocated at the centre, but this register is not an extract: all its allocations are here")
        }
    }
}
