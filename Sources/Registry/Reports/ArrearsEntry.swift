import SQLiteDB

/// A membership owing money at a date: a row of the view `arrears`, with the worker's NIK
/// masked (reports are printed, mailed and left on desks; the full NIK never leaves the
/// database through this type).
public struct ArrearsEntry: Sendable, Hashable {
    public var membership: Membership.ID
    public var worker: Worker.ID
    /// `3402**********0001` (``NIK/mask(_:)``).
    public var maskedNIK: String
    /// The membership card number, the worker's reference at the counter.
    public var kpj: String
    public var fullName: String
    public var segment: Segment
    public var status: MembershipStatus.State
    public var date: CalendarDate
    /// The status run: unpaid overdue bills since the last settled one.
    public var unpaidMonths: Int
    /// Every overdue unsettled bill, older holes before the last settled one included.
    public var overdueBills: Int
    public var firstUnpaidMonth: ContributionMonth
    public var lastUnpaidMonth: ContributionMonth
    /// Σ (due − paid) over the overdue unsettled bills.
    public var amountOwed: Rupiah
}

extension RegistrySession {
    /// Every membership with an overdue, unsettled bill at `date` (ended and not yet started
    /// memberships included), by membership id: the view `arrears` when `report_as_of` is
    /// `date`, the NIK masked.
    public func arrears(on date: CalendarDate) throws -> [ArrearsEntry] {
        try requireCurrentStanding()
        return try reportRows(Self.arrearsSQL, ReportDate(date).parameters) { row in
            ArrearsEntry(
                membership: try row.get(0), worker: try row.get(1),
                maskedNIK: NIK.mask(try row.get(2, as: String.self)),
                kpj: try row.get(3), fullName: try row.get(4), segment: try row.get(5), status: try row.get(6),
                date: date, unpaidMonths: try row.get(7), overdueBills: try row.get(8),
                firstUnpaidMonth: try row.get(9), lastUnpaidMonth: try row.get(10), amountOwed: try row.get(11))
        }
    }

    /// The memberships owing on the date come from `membership_status_spans` (`owes`, through
    /// its partial index); their overdue bills are aggregated per membership, and statuses are
    /// derived from the ledger for those memberships only, carrying the aggregates along.
    static let arrearsSQL = """
        WITH owing AS (
            SELECT membership_id FROM membership_status_spans
            WHERE owes = 1 AND from_date <= :as_of AND until_date > :as_of),
        overdue AS (
            SELECT bb.membership_id,
                   count(*) AS overdue_bills,
                   min(bb.contribution_month) AS first_unpaid_month,
                   max(bb.contribution_month) AS last_unpaid_month,
                   sum(bb.amount_due - bb.amount_paid) AS amount_owed
            FROM \(MembershipStatusSQL.overdueBalances(where: "b.membership_id IN (SELECT membership_id FROM owing)")) bb
            WHERE bb.amount_due > bb.amount_paid
            GROUP BY bb.membership_id),
        \(MembershipStatusSQL.commonTableExpressions(
            over: """
                (SELECT m.*, o.overdue_bills, o.first_unpaid_month, o.last_unpaid_month, o.amount_owed
                 FROM overdue o JOIN memberships m ON m.id = o.membership_id)
                """,
            passing: ["overdue_bills", "first_unpaid_month", "last_unpaid_month", "amount_owed"]))
        SELECT ms.membership_id, w.id, w.nik, w.kpj, w.full_name, ms.segment_code, ms.status,
               ms.unpaid_months, ms.overdue_bills, ms.first_unpaid_month, ms.last_unpaid_month, ms.amount_owed
        FROM membership_status ms
        JOIN workers w ON w.id = ms.worker_id
        ORDER BY ms.membership_id
        """
}
