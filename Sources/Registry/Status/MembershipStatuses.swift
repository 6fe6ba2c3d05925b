import SQLiteDB

extension RegistrySession {
    /// The status of every membership at `date`, by membership id: what the view
    /// `membership_status` shows when `report_as_of` is `date`, and what ``status(of:on:)``
    /// gives one membership at a time, in one query.
    public func membershipStatuses(on date: CalendarDate) throws -> [MembershipStatus] {
        try reportRows(Self.membershipStatusesSQL, ReportDate(date).parameters, MembershipStatus.init(row:))
    }

    static let membershipStatusesSQL = """
        WITH \(MembershipStatusSQL.commonTableExpressions())
        SELECT \(MembershipStatus.columns) FROM membership_status
        ORDER BY membership_id
        """
}
