import Registry
import SQLiteDB

/// One row of `report coverage`: a regency, branch or regional office (or the total of the
/// province or office the report was filtered to) and its coverage at the report date.
struct CoverageRow {
    /// The regency code, the office code, or `total`.
    let code: String
    let name: String
    /// The area the figures are for, as targets name it.
    let area: CoverageArea
    let coverage: Coverage
    /// The total of the province or office the report was filtered to (an office may be coded
    /// `total` too, so this is not read from ``code``).
    var isTotal = false

    /// What identifies the row from one date to the next, for a report over time.
    var key: Key { Key(code: code, isTotal: isTotal) }

    struct Key: Hashable {
        let code: String
        let isTotal: Bool
    }
}

/// The coverage targets (``TargetKind/coveragePercentage``) of the register, to draw each
/// area's target beside its figure.
///
/// Read once per report, however many dates it covers: targets are few, and a report over
/// time needs the target in force at each of its points.
struct CoverageTargets {
    private let targets: [TargetAchievement]

    init(in session: RegistrySession) throws {
        targets = try session.targetAchievements(on: nil).filter { $0.kind == .coveragePercentage }
    }

    /// The target, in basis points, set for exactly this area and segment (nil = all segments)
    /// over a period containing `date`; when periods overlap, the one that began last.
    func basisPoints(for area: CoverageArea, segment: Segment?, on date: CalendarDate) -> Int? {
        targets
            .filter { $0.area == area && $0.segment == segment && $0.periodStart <= date && date <= $0.periodEnd }
            .max { ($0.periodStart, $0.targetID) < ($1.periodStart, $1.targetID) }
            .map { Int(clamping: $0.targetValue) }
    }
}
