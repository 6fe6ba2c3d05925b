import SQLiteDB

/// One membership's status at a date, with the arrears run it was derived from: a row of the
/// view `membership_status`, for any date.
public struct MembershipStanding: Sendable, Hashable {
    public var membershipID: Int64
    public var workerID: Int64
    public var segment: Segment
    public var startDate: CalendarDate
    public var endDate: CalendarDate?
    /// The date the status is evaluated at.
    public var date: CalendarDate
    /// The latest contribution month whose overdue bill was settled; nil when none was.
    public var lastPaidMonth: ContributionMonth?
    /// Overdue, unsettled bills after ``lastPaidMonth`` (reported for every membership; only
    /// the status of started, open memberships depends on it).
    public var unpaidMonths: Int
    public var status: MembershipState
}

extension RegistrySession {
    /// The status of every membership at `date`, by membership id: what the view
    /// `membership_status` shows when `report_as_of` is `date`.
    public func membershipStatuses(on date: CalendarDate) throws -> [MembershipStanding] {
        try reportRows(Self.membershipStatusesSQL, ReportDate(date).parameters) { row in
            MembershipStanding(
                membershipID: try row.get(0), workerID: try row.get(1), segment: try row.get(2),
                startDate: try row.get(3), endDate: try row.get(4), date: date,
                lastPaidMonth: try row.get(5), unpaidMonths: try row.get(6), status: try row.get(7))
        }
    }

    static let membershipStatusesSQL = """
        WITH \(MembershipStatusSQL.commonTableExpressions())
        SELECT membership_id, worker_id, segment_code, start_date, end_date,
               last_paid_month, unpaid_months, status
        FROM membership_status
        ORDER BY membership_id
        """
}
