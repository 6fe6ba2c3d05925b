import SQLiteDB

/// A published participant count with the coverage it implies: head count ÷ the area's labour
/// force *on the figure's own date* (``PublishedCount/asOf``), taken as
/// ``RegistrySession/coverage(of:on:segment:)`` takes it on that date. A February 2023 figure
/// is set against the 2023 labour force even in a report of 2025: the coverage it implies is
/// the coverage it announced.
///
/// Rounded like every coverage ratio: basis points, half up (``basisPoints``: 2523 = 25.23%).
public struct PublishedCoverage: Sendable, Hashable {
    /// The figure (never a withdrawal).
    public var figure: PublishedCount
    /// ``PublishedCount/headCount`` of the figure.
    public var headCount: Int64
    /// The area's labour force on the figure's date; nil when none is recorded.
    public var labourForce: Int64?
    public var labourForceYear: Int?
    /// head count × 10,000 ÷ labour force, rounded half up.
    public var basisPoints: Int?
    /// ``basisPoints`` as a percentage, e.g. 25.23.
    public var percentage: Double?

    init(figure: PublishedCount, headCount: Int64, labourForce: Int64?, labourForceYear: Int?) {
        self.figure = figure
        self.headCount = headCount
        self.labourForce = labourForce
        self.labourForceYear = labourForceYear
        basisPoints = BasisPoints.ratio(headCount, of: labourForce)
        percentage = BasisPoints.percentage(basisPoints)
    }
}

/// Coverage of an area at a date as the register computes it, and beside it, never merged
/// into it, the latest published figures of the same area and segment.
///
/// An area whose members are not in the register yet has ``computed`` participants 0 and still
/// its published figures: which one a report quotes is the reader's choice, and each is named.
public struct CoverageWithPublished: Sendable, Hashable {
    /// From the register's members: ``RegistrySession/coverage(of:on:segment:)``.
    public var computed: Coverage
    /// The latest published count of registered participants dated on or before the date,
    /// the figure to set beside ``Coverage/participants``; nil when none is.
    public var publishedRegistered: PublishedCoverage?
    /// The latest published count of active participants, beside ``Coverage/activeParticipants``.
    public var publishedActive: PublishedCoverage?

    /// The published figure of `measure`.
    public func published(_ measure: PublishedCount.Measure) -> PublishedCoverage? {
        switch measure {
        case .registered: publishedRegistered
        case .active: publishedActive
        }
    }
}

extension RegistrySession {
    /// Coverage of `area` at `date` from the register's members, with the latest published
    /// figures of the area and `segment` (nil: figures of all segments; a one-segment figure is
    /// never used for all) dated on or before `date`, each with the coverage it implies.
    ///
    /// - Throws: what ``coverage(of:on:segment:)`` throws.
    public func coverageWithPublished(of area: CoverageArea, on date: CalendarDate, segment: Segment? = nil) throws -> CoverageWithPublished {
        let computed = try coverage(of: area, on: date, segment: segment)
        func published(_ measure: PublishedCount.Measure) throws -> PublishedCoverage? {
            try latestPublishedCount(of: area, on: date, segment: segment, measure: measure).map(publishedCoverage)
        }
        return CoverageWithPublished(computed: computed, publishedRegistered: try published(.registered),
                                     publishedActive: try published(.active))
    }

    /// For every area with a published figure of `segment` (nil: of all segments) dated on or
    /// before `date`: the latest current one of each measure, with the coverage it implies. By
    /// area kind (office, province, regency), code and measure. For reports that list many
    /// areas: one query for the figures, then one labour-force look-up per figure.
    public func publishedCoverage(on date: CalendarDate, segment: Segment? = nil) throws -> [PublishedCoverage] {
        let figures = try db.fetchAll("""
            WITH standing_figures AS (
                SELECT p.id, p.office_id, p.province_code, p.regency_code, p.measure, p.as_of
                FROM published_counts p
                WHERE p.head_count IS NOT NULL AND p.as_of <= ? AND p.segment_code IS ?
                  AND NOT EXISTS (SELECT 1 FROM published_counts s WHERE s.supersedes_id = p.id)
            ), latest AS (
                SELECT c.id FROM standing_figures c
                WHERE c.as_of = (SELECT max(d.as_of) FROM standing_figures d
                                 WHERE d.office_id IS c.office_id AND d.province_code IS c.province_code
                                   AND d.regency_code IS c.regency_code AND d.measure = c.measure)
            )
            \(Self.publishedCountSelect)
            WHERE p.id IN (SELECT id FROM latest)
            ORDER BY area_kind, area_code, p.measure
            """, date, segment).map(Self.publishedCount(row:))
        return try figures.map(publishedCoverage)
    }

    /// `figure` with the coverage it implies on its own date.
    private func publishedCoverage(_ figure: PublishedCount) throws -> PublishedCoverage {
        guard let headCount = figure.headCount else {
            throw RegistryError.conflict(field: "published_count_id", value: figure.id.description,
                                         reason: .withdrawalHasNoCount)
        }
        let (labourForce, year) = try labourForce(of: figure.area, on: figure.asOf)
        return PublishedCoverage(figure: figure, headCount: headCount, labourForce: labourForce, labourForceYear: year)
    }
}
