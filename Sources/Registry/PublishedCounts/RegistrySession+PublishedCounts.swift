import Foundation
import SQLiteDB

/// Recording published participant counts, correcting them, and reading them back.
extension RegistrySession {
    /// The largest head count accepted: a billion, several times the population of Indonesia. A
    /// larger figure is a slip (a rupiah amount in the wrong column, digits typed twice).
    public static let maximumPublishedHeadCount: Int64 = 1_000_000_000

    /// Records a figure as published, with who typed it in (the actor of the enclosing
    /// ``Registry/write(actor:_:)-93aoq``, which is required) and when (the session's clock).
    ///
    /// - Throws: ``RegistryError/invalid(field:value:reason:)`` for a negative or absurd
    ///   `head_count`, an empty `source`, an `as_of` after today, a region code of the wrong
    ///   level, or no actor; ``RegistryError/notFound(field:value:)`` for an area that does not
    ///   exist; ``RegistryError/conflict(field:value:reason:)`` when a current figure of the
    ///   same area, segment and measure is already recorded for that day (correct it with
    ///   ``correctPublishedCount(_:with:)`` instead of recording it twice).
    @discardableResult
    public func recordPublishedCount(_ figure: NewPublishedCount) throws -> PublishedCount {
        try insertPublishedCount(figure, headCount: figure.headCount, supersedes: nil)
    }

    /// Records `figure` in place of the current figure `id`: a count, a date or a source typed
    /// wrongly. The old row stays, superseded, so reports printed from it can be explained.
    ///
    /// The correction keeps the area, segment and measure of the figure it corrects; to change
    /// those, ``withdrawPublishedCount(_:reason:)`` and record the right figure.
    ///
    /// - Throws: what ``recordPublishedCount(_:)`` throws, ``RegistryError/notFound(field:value:)``
    ///   when there is no figure `id`, and ``RegistryError/conflict(field:value:reason:)`` when
    ///   it is already superseded or `figure` names another area, segment or measure.
    @discardableResult
    public func correctPublishedCount(_ id: PublishedCount.ID, with figure: NewPublishedCount) throws -> PublishedCount {
        let old = try supersedable(id)
        for (field, same) in [("area", old.area == figure.area), ("segment", old.segment == figure.segment),
                              ("measure", old.measure == figure.measure)] where !same {
            throw RegistryError.conflict(
                field: field, value: Self.describe(field, of: figure),
                reason: .correctionKeepsArea(field: field, figure: id.description, described: Self.describe(old)))
        }
        return try insertPublishedCount(figure, headCount: figure.headCount, supersedes: old.id)
    }

    /// Takes back the current figure `id` without putting another in its place (it was never
    /// published, or was typed under the wrong area): reports then use the area's figure before
    /// it, if any. `reason` is kept as the withdrawal's source.
    ///
    /// - Throws: ``RegistryError/notFound(field:value:)``; ``RegistryError/conflict(field:value:reason:)``
    ///   when `id` is already superseded or is itself a withdrawal; ``RegistryError/invalid(field:value:reason:)``
    ///   for an empty reason or no actor.
    @discardableResult
    public func withdrawPublishedCount(_ id: PublishedCount.ID, reason: String) throws -> PublishedCount {
        let old = try supersedable(id)
        guard !old.isWithdrawal else {
            throw RegistryError.conflict(field: "published_count_id", value: id.description,
                                         reason: .alreadyWithdrawn)
        }
        let withdrawal = NewPublishedCount(area: old.area, segment: old.segment, measure: old.measure, asOf: old.asOf,
                                           headCount: 0, source: reason)
        return try insertPublishedCount(withdrawal, headCount: nil, supersedes: old.id)
    }

    /// The row `id`, current or not; nil when there is none.
    public func publishedCount(_ id: PublishedCount.ID) throws -> PublishedCount? {
        try db.fetchOne("\(Self.publishedCountSelect) WHERE p.id = ?", id).map(Self.publishedCount(row:))
    }

    /// The figures of `area` (every area when nil), by area, measure, segment and date: the
    /// current ones only, or with `includingHistory` every row, superseded figures and
    /// withdrawals included.
    public func publishedCounts(of area: CoverageArea? = nil, includingHistory: Bool = false) throws -> [PublishedCount] {
        let key = try area.map(checkedPublishedArea)
        return try db.fetchAll("""
            \(Self.publishedCountSelect)
            WHERE (NOT ? OR (p.office_id IS ? AND p.province_code IS ? AND p.regency_code IS ?))
              AND (? OR (p.head_count IS NOT NULL
                         AND NOT EXISTS (SELECT 1 FROM published_counts s WHERE s.supersedes_id = p.id)))
            ORDER BY area_kind, area_code, p.measure, p.segment_code, p.as_of, p.id
            """, key != nil, key?.office, key?.province, key?.regency, includingHistory)
            .map(Self.publishedCount(row:))
    }

    /// The latest current figure of `area`, `segment` (nil: the all-segment figures) and
    /// `measure` dated on or before `date`; nil when none is.
    public func latestPublishedCount(
        of area: CoverageArea, on date: CalendarDate, segment: Segment? = nil, measure: PublishedCount.Measure
    ) throws -> PublishedCount? {
        let key = try checkedPublishedArea(area)
        return try db.fetchOne("""
            \(Self.publishedCountSelect)
            WHERE p.office_id IS ? AND p.province_code IS ? AND p.regency_code IS ?
              AND p.segment_code IS ? AND p.measure = ? AND p.as_of <= ? AND p.head_count IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM published_counts s WHERE s.supersedes_id = p.id)
            ORDER BY p.as_of DESC LIMIT 1
            """, key.office, key.province, key.regency, segment, measure, date).map(Self.publishedCount(row:))
    }

    // MARK: - Writing

    private func insertPublishedCount(_ figure: NewPublishedCount, headCount: Int64?, supersedes: PublishedCount.ID?) throws -> PublishedCount {
        if let headCount {
            guard headCount >= 0 else {
                throw RegistryError.invalid(field: "head_count", value: String(headCount), reason: .negative)
            }
            guard headCount <= Self.maximumPublishedHeadCount else {
                throw RegistryError.invalid(field: "head_count", value: String(headCount),
                                            reason: .headCountImplausible)
            }
        }
        let source = try Validation.name(figure.source, field: "source", maximumLength: 500)
        guard figure.asOf <= today else {
            throw RegistryError.invalid(field: "as_of", value: figure.asOf.isoString, reason: .inTheFutureToday(today: today))
        }
        let key = try checkedPublishedArea(figure.area)
        guard let actor = try db.fetchValue(String?.self, "SELECT actor FROM audit_context WHERE id = 1") ?? nil,
              !actor.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw RegistryError.invalid(
                field: "actor", value: "",
                reason: .actorNotSetForPublishedCount)
        }
        if headCount != nil, let standing = try db.fetchOne("""
            \(Self.publishedCountSelect)
            WHERE p.office_id IS ? AND p.province_code IS ? AND p.regency_code IS ? AND p.segment_code IS ?
              AND p.measure = ? AND p.as_of = ? AND p.head_count IS NOT NULL AND p.id IS NOT ?
              AND NOT EXISTS (SELECT 1 FROM published_counts s WHERE s.supersedes_id = p.id)
            """, key.office, key.province, key.regency, figure.segment, figure.measure, figure.asOf, supersedes)
            .map(Self.publishedCount(row:)) {
            throw RegistryError.conflict(
                field: "as_of", value: figure.asOf.isoString,
                reason: .alreadyPublished(described: Self.describe(standing), count: standing.headCount ?? 0, source: standing.source,
                                         figure: standing.id.description))
        }
        try db.execute("""
            INSERT INTO published_counts (office_id, province_code, regency_code, segment_code, measure, as_of,
                                          head_count, source, supersedes_id, recorded_at, recorded_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, key.office, key.province, key.regency, figure.segment, figure.measure, figure.asOf,
            headCount, source, supersedes, clock(), actor)
        let id = PublishedCount.ID(db.lastInsertedRowID)
        guard let stored = try publishedCount(id) else { throw RegistryError.notFound(field: "published_count_id", value: id.description) }
        return stored
    }

    /// The current row `id`, which a correction or withdrawal may supersede.
    private func supersedable(_ id: PublishedCount.ID) throws -> PublishedCount {
        guard let old = try publishedCount(id) else {
            throw RegistryError.notFound(field: "published_count_id", value: id.description)
        }
        if let later = old.supersededBy {
            throw RegistryError.conflict(field: "published_count_id", value: id.description,
                                         reason: .alreadySuperseded(by: later.description))
        }
        return old
    }

    /// The area's columns in `published_counts`, after checking that the area exists. Offices
    /// of every kind are areas (the head office for a national figure); regions only at the
    /// province and regency levels, which have a labour force.
    private func checkedPublishedArea(_ area: CoverageArea) throws -> (office: Office.ID?, province: RegionCode?, regency: RegionCode?) {
        switch area {
        case .office(let code):
            guard let office = try office(code: code) else { throw RegistryError.notFound(field: "office_code", value: code) }
            return (office.id, nil, nil)
        case .province(let code):
            guard code.level == .province else {
                throw RegistryError.invalid(field: "province_code", value: code.code, reason: .wrongRegionLevel(expected: .province))
            }
            try requireRegion(code, field: "province_code")
            return (nil, code, nil)
        case .regency(let code):
            guard code.level == .regency else {
                throw RegistryError.invalid(field: "regency_code", value: code.code, reason: .wrongRegionLevel(expected: .regency))
            }
            try requireRegion(code, field: "regency_code")
            return (nil, nil, code)
        }
    }

    // MARK: - Reading

    /// Every column of a figure, the office by its code; `p` is the figure.
    static let publishedCountSelect = """
        SELECT p.id,
               CASE WHEN p.office_id IS NOT NULL THEN 'office'
                    WHEN p.province_code IS NOT NULL THEN 'province' ELSE 'regency' END AS area_kind,
               coalesce(o.code, p.province_code, p.regency_code) AS area_code,
               p.segment_code, p.measure, p.as_of, p.head_count, p.source, p.supersedes_id,
               (SELECT s.id FROM published_counts s WHERE s.supersedes_id = p.id) AS superseded_by,
               p.recorded_at, p.recorded_by
        FROM published_counts p
        LEFT JOIN offices o ON o.id = p.office_id
        """

    /// A figure from the columns of ``publishedCountSelect``, in order.
    static func publishedCount(row: some RowReading) throws -> PublishedCount {
        let key: String = try row.get(2)
        let area: CoverageArea = switch try row.get(1, as: String.self) {
        case "office": .office(code: key)
        case "province": .province(try RegionCode(key, field: "published_counts.province_code"))
        default: .regency(try RegionCode(key, field: "published_counts.regency_code"))
        }
        return PublishedCount(
            id: try row.get(0), area: area, segment: try row.get(3), measure: try row.get(4), asOf: try row.get(5),
            headCount: try row.get(6), source: try row.get(7), supersedes: try row.get(8), supersededBy: try row.get(9),
            recordedAt: try row.get(10), recordedBy: try row.get(11))
    }

    /// "registered participants of regency 34.02, all segments".
    static func describe(_ figure: PublishedCount) -> String {
        "\(figure.measure) of \(figure.area), \(figure.segment.map { $0.shortCode } ?? "all segments")"
    }

    private static func describe(_ field: String, of figure: NewPublishedCount) -> String {
        switch field {
        case "area": figure.area.description
        case "segment": figure.segment?.shortCode ?? "all"
        default: figure.measure.rawValue
        }
    }
}
