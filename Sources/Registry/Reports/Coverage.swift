import SQLiteDB

/// Coverage of an area at a date: participants ÷ labour force (working + unemployed).
///
/// A *participant* is a worker resident in the area with a membership (of ``segment``, when
/// given) that is active, in arrears or lapsed at the date: started and not ended. An *active
/// participant* has an active membership. Registered ≠ active: both are reported.
///
/// Ratios are exact integers in basis points (``basisPoints``: 2523 = 25.23%), rounded half
/// up; ``percentage`` is derived from them for display. Both are nil when the area has no
/// labour-force figure (or a figure of 0).
public struct Coverage: Sendable, Hashable {
    public var area: CoverageArea
    public var date: CalendarDate
    /// The day whose register the participants were counted from (recorded time: only what
    /// was recorded by its end, Jakarta); nil when counted from everything recorded now.
    public var knownOn: CalendarDate?
    /// The segment counted; nil = all segments.
    public var segment: Segment?
    /// Employed + unemployed: per regency the latest figure for a year up to the date's year,
    /// summed over the area's regencies; for a province, its own figure when it has one (see
    /// ``RegistrySession/coverage(of:on:segment:)``). Nil when no figure exists.
    public var labourForce: Int64?
    /// The year of the labour-force figure (the latest one when several regencies are summed).
    public var labourForceYear: Int?
    public var participants: Int
    public var activeParticipants: Int
    /// participants × 10,000 ÷ labour force, rounded half up.
    public var basisPoints: Int?
    /// active participants × 10,000 ÷ labour force, rounded half up.
    public var activeBasisPoints: Int?
    /// ``basisPoints`` as a percentage, e.g. 25.23.
    public var percentage: Double?
    /// ``activeBasisPoints`` as a percentage.
    public var activePercentage: Double?

    init(area: CoverageArea, date: CalendarDate, segment: Segment?, labourForce: Int64?, labourForceYear: Int?,
         participants: Int, activeParticipants: Int, knownOn: CalendarDate? = nil) {
        self.area = area
        self.date = date
        self.knownOn = knownOn
        self.segment = segment
        self.labourForce = labourForce
        self.labourForceYear = labourForceYear
        self.participants = participants
        self.activeParticipants = activeParticipants
        basisPoints = BasisPoints.ratio(Int64(participants), of: labourForce)
        activeBasisPoints = BasisPoints.ratio(Int64(activeParticipants), of: labourForce)
        percentage = BasisPoints.percentage(basisPoints)
        activePercentage = BasisPoints.percentage(activeBasisPoints)
    }
}
