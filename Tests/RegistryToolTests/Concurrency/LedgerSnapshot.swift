import Registry
import SQLiteDB

/// The totals a reader takes inside one snapshot while others write, and what must hold
/// between them if every write is atomic and every read sees one committed state.
///
/// "Unallocated" is not stored: it is each payment's amount (net of its reversal) minus what
/// is allocated from it. Every payment the registry records is allocated in full to the bills
/// it settles, in the same transaction (the amount must be exactly what is owed), so a reader
/// that ever sees money unallocated has seen a payment without its allocations.
struct LedgerSnapshot: Equatable {
    var payments = 0
    var paid: Int64 = 0
    var allocated: Int64 = 0
    var unallocated: Int64 = 0
    /// The least unallocated amount of any one payment (0 when there is no payment).
    var leastUnallocated: Int64 = 0
    /// `dues_received`: the allocations as the coverage reports count them, kept by a trigger.
    var duesReceived: Int64 = 0
    var memberships = 0
    /// The memberships the status report counts on `date`: each is in exactly one status.
    var membershipsByStatus = 0

    /// Reads the totals on `session`'s snapshot; `date` is the status report's date.
    init(_ session: RegistrySession, statusOn date: CalendarDate) throws {
        let db = session.connection
        let money = try db.fetchAll("""
            WITH per_payment AS (
                SELECT p.amount
                       + coalesce((SELECT sum(r.amount) FROM payments r WHERE r.reverses_id = p.id), 0)
                       - coalesce((SELECT sum(a.amount) FROM payment_allocations a WHERE a.payment_id = p.id), 0)
                       AS unallocated
                FROM payments p WHERE p.reverses_id IS NULL)
            SELECT (SELECT count(*) FROM payments),
                   (SELECT coalesce(sum(amount), 0) FROM payments),
                   (SELECT coalesce(sum(amount), 0) FROM payment_allocations),
                   (SELECT coalesce(sum(unallocated), 0) FROM per_payment),
                   (SELECT coalesce(min(unallocated), 0) FROM per_payment),
                   (SELECT coalesce(sum(amount), 0) FROM dues_received),
                   (SELECT count(*) FROM memberships)
            """)[0]
        payments = try money.get(0)
        paid = try money.get(1)
        allocated = try money.get(2)
        unallocated = try money.get(3)
        leastUnallocated = try money.get(4)
        duesReceived = try money.get(5)
        memberships = try money.get(6)
        membershipsByStatus = try session.statusCounts(on: date).map(\.memberships).reduce(0, +)
    }

    /// What does not add up, in words; empty when the snapshot is consistent.
    var problems: [String] {
        var problems: [String] = []
        if paid != allocated + unallocated {
            problems.append("paid \(paid) ≠ allocated \(allocated) + unallocated \(unallocated)")
        }
        if leastUnallocated < 0 { problems.append("a payment is allocated \(-leastUnallocated) beyond its amount") }
        if unallocated != 0 { problems.append("\(unallocated) paid but not allocated: a payment seen without its allocations") }
        if duesReceived != allocated { problems.append("dues_received \(duesReceived) ≠ allocated \(allocated)") }
        if membershipsByStatus != memberships {
            problems.append("the status report counts \(membershipsByStatus) memberships, the table holds \(memberships)")
        }
        return problems
    }
}
