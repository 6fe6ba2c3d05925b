import SQLiteDB

/// How many memberships of a segment stand in each status at a date: a row of the view
/// `segment_status_counts`.
public struct SegmentStatusCount: Sendable, Hashable {
    public var segment: Segment
    public var date: CalendarDate
    /// Every membership of the segment, whatever its status.
    public var memberships: Int
    public var active: Int
    public var inArrears: Int
    public var lapsed: Int
    public var ended: Int
    public var notStarted: Int

    /// Registered and not ended: active, in arrears or lapsed.
    public var participating: Int { active + inArrears + lapsed }
}

extension RegistrySession {
    /// Membership counts by status for every segment (zeros included), by segment code, at
    /// `date`: the view `segment_status_counts` when `report_as_of` is `date`.
    public func statusCounts(on date: CalendarDate) throws -> [SegmentStatusCount] {
        try reportRows(Self.statusCountsSQL, ReportDate(date).parameters) { row in
            SegmentStatusCount(
                segment: try row.get(0), date: date, memberships: try row.get(1), active: try row.get(2),
                inArrears: try row.get(3), lapsed: try row.get(4), ended: try row.get(5), notStarted: try row.get(6))
        }
    }

    static let statusCountsSQL = """
        WITH \(MembershipStatusSQL.commonTableExpressions()),
        counts AS (
            SELECT segment_code, count(*) AS memberships,
                   sum(status = 'active') AS active, sum(status = 'in_arrears') AS in_arrears,
                   sum(status = 'lapsed') AS lapsed, sum(status = 'ended') AS ended,
                   sum(status = 'not_started') AS not_started
            FROM membership_status
            GROUP BY segment_code)
        SELECT s.code, coalesce(c.memberships, 0), coalesce(c.active, 0), coalesce(c.in_arrears, 0),
               coalesce(c.lapsed, 0), coalesce(c.ended, 0), coalesce(c.not_started, 0)
        FROM segments s
        LEFT JOIN counts c ON c.segment_code = s.code
        ORDER BY s.code
        """
}
