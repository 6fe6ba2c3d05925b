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
        try requireCurrentStanding()
        return try reportRows(Self.statusCountsSQL, ReportDate(date).parameters) { row in
            SegmentStatusCount(
                segment: try row.get(0), date: date, memberships: try row.get(1), active: try row.get(2),
                inArrears: try row.get(3), lapsed: try row.get(4), ended: try row.get(5), notStarted: try row.get(6))
        }
    }

    /// The sums of `status_count_changes` up to the date (`0011_standing.sql`): every
    /// membership is in exactly one status on any day, so the sums are the view's counts.
    static let statusCountsSQL = """
        WITH counts AS (
            SELECT segment_code, status, sum(change) AS n
            FROM status_count_changes
            WHERE day <= :as_of
            GROUP BY segment_code, status)
        SELECT s.code, coalesce(sum(c.n), 0),
               coalesce(sum(CASE c.status WHEN 'active' THEN c.n END), 0),
               coalesce(sum(CASE c.status WHEN 'in_arrears' THEN c.n END), 0),
               coalesce(sum(CASE c.status WHEN 'lapsed' THEN c.n END), 0),
               coalesce(sum(CASE c.status WHEN 'ended' THEN c.n END), 0),
               coalesce(sum(CASE c.status WHEN 'not_started' THEN c.n END), 0)
        FROM segments s
        LEFT JOIN counts c ON c.segment_code = s.code
        GROUP BY s.code
        ORDER BY s.code
        """
}
