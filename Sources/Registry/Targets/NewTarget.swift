import SQLiteDB

/// A target to set for an office or a region over a period (see ``TargetKind`` for the units).
public struct NewTarget: Sendable, Hashable {
    /// The office or region the target is for: a province or regency by code, an office by its code.
    public var area: CoverageArea
    /// nil: all segments.
    public var segment: Segment?
    public var kind: TargetKind
    /// A head count, an amount in rupiah, or basis points (40% = 4000), by `kind`.
    public var value: Int64
    public var periodStart: CalendarDate
    public var periodEnd: CalendarDate
    public var note: String?

    public init(area: CoverageArea, segment: Segment? = nil, kind: TargetKind, value: Int64,
                periodStart: CalendarDate, periodEnd: CalendarDate, note: String? = nil) {
        self.area = area
        self.segment = segment
        self.kind = kind
        self.value = value
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.note = note
    }
}
