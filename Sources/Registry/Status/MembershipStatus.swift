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

        /// Counts as a participant for coverage: started and not ended (active, in arrears or
        /// lapsed), as in the view `worker_participation`.
        public var isParticipating: Bool { self == .active || self == .inArrears || self == .lapsed }
    }

    public let membership: Membership.ID
    public let worker: Worker.ID
    public let segment: Segment
    public let startDate: CalendarDate
    public let endDate: CalendarDate?
    /// The date the status is evaluated at.
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
    /// the latest settled overdue one. The query is the one ``membershipStatuses(on:)`` runs
    /// for every membership, restricted to this one.
    public func status(of id: Membership.ID, on date: CalendarDate) throws -> MembershipStatus {
        var parameters = ReportDate(date).parameters
        parameters[":membership"] = id.databaseValue
        guard let status = try reportRows(Self.oneMembershipStatusSQL, parameters, MembershipStatus.init(row:)).first else {
            throw RegistryError.notFound(field: "membership_id", value: id.description)
        }
        return status
    }

    /// The status of each of a worker's memberships on `date`, oldest first.
    public func statuses(ofWorker worker: Worker.ID, on date: CalendarDate) throws -> [MembershipStatus] {
        try db.fetchValues(Membership.ID.self, "SELECT id FROM memberships WHERE worker_id = ? ORDER BY start_date, id", worker)
            .map { try status(of: $0, on: date) }
    }

    static let oneMembershipStatusSQL = """
        WITH \(MembershipStatusSQL.commonTableExpressions(over: "(SELECT * FROM memberships WHERE id = :membership)"))
        SELECT \(MembershipStatus.columns) FROM membership_status
        """
}

extension MembershipStatus {
    /// The columns ``init(row:)`` reads, from the `membership_status` expression.
    static let columns = """
        membership_id, worker_id, segment_code, start_date, end_date, last_paid_month, unpaid_months, status, :as_of AS as_of
        """

    init(row: some RowReading) throws {
        membership = try row["membership_id"]
        worker = try row["worker_id"]
        segment = try row["segment_code"]
        startDate = try row["start_date"]
        endDate = try row["end_date"]
        lastPaidMonth = try row["last_paid_month"]
        unpaidMonths = try row["unpaid_months"]
        state = try row["status"]
        date = try row["as_of"]
    }
}
