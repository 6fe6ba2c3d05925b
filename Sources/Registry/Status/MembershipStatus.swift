import SQLiteDB

/// A membership's standing on a date, derived from the ledger as it stood that day; never
/// stored, so it is the same whenever it is asked and needs no batch job.
public struct MembershipStatus: Sendable, Hashable {
    public enum State: String, Sendable, Hashable, Codable, CaseIterable, DatabaseValueConvertible {
        /// The membership starts after the date.
        case notStarted = "not_started"
        /// Every bill due before the date is paid (or none is due yet).
        case active
        /// 1 to 3 consecutive unpaid months (the lapse limit is data: `arrears_lapse_months`).
        case inArrears = "in_arrears"
        /// More consecutive unpaid months than the limit; open until someone ends it.
        case lapsed
        /// The membership ended before the date.
        case ended
    }

    public let membership: Membership.ID
    public let date: CalendarDate
    public let state: State
    /// Overdue, unpaid bills since the last paid overdue month.
    public let unpaidMonths: Int
    /// The latest overdue month that is paid.
    public let lastPaidMonth: ContributionMonth?
}

extension RegistrySession {
    /// The status of a membership at the end of `date`: the definition of the view
    /// `membership_status` (see `Migrations/0010_views.sql`), for any date.
    ///
    /// Only ledger rows recorded before the next day count (UTC, as the view), so a payment
    /// recorded later does not change a past status. A bill is overdue when its due date is
    /// before `date` and it owes money; the unpaid months are the overdue unsettled bills after
    /// the latest settled overdue one.
    public func status(of id: Membership.ID, on date: CalendarDate) throws -> MembershipStatus {
        guard let row = try db.fetchOne("SELECT start_date, end_date FROM memberships WHERE id = ?", id) else {
            throw RegistryError.notFound(field: "membership_id", value: id.description)
        }
        let start: CalendarDate = try row["start_date"]
        let end: CalendarDate? = try row["end_date"]
        let cutoff = date.adding(days: 1)
        var lastPaid: ContributionMonth?
        var overdueUnpaid: [ContributionMonth] = []
        try db.forEach("""
            SELECT b.contribution_month,
                   (SELECT coalesce(sum(l.amount), 0) FROM bill_lines l WHERE l.bill_id = b.id AND l.recorded_at < ?2) AS due,
                   (SELECT coalesce(sum(a.amount), 0) FROM payment_allocations a WHERE a.bill_id = b.id AND a.recorded_at < ?2) AS paid
            FROM bills b
            WHERE b.membership_id = ?1 AND b.recorded_at < ?2 AND b.due_date < ?3
            ORDER BY b.contribution_month
            """, id, cutoff, date) { bill in
            let due: Int64 = try bill["due"]
            guard due > 0 else { return }
            let month: ContributionMonth = try bill["contribution_month"]
            if try bill.get("paid", as: Int64.self) >= due {
                lastPaid = month
            } else {
                overdueUnpaid.append(month)
            }
        }
        let unpaid = overdueUnpaid.filter { lastPaid == nil || $0 > lastPaid! }.count
        let limit = try parameter("arrears_lapse_months", on: date) ?? 3
        let state: MembershipStatus.State =
            if start > date { .notStarted }
            else if let end, end < date { .ended }
            else if unpaid == 0 { .active }
            else if unpaid <= limit { .inArrears }
            else { .lapsed }
        return MembershipStatus(membership: id, date: date, state: state, unpaidMonths: unpaid, lastPaidMonth: lastPaid)
    }

    /// The status of each of a worker's memberships on `date`, oldest first.
    public func statuses(ofWorker worker: Worker.ID, on date: CalendarDate) throws -> [MembershipStatus] {
        try db.fetchValues(Membership.ID.self, "SELECT id FROM memberships WHERE worker_id = ? ORDER BY start_date, id", worker)
            .map { try status(of: $0, on: date) }
    }
}
