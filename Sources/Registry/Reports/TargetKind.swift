import SQLiteDB

/// What a target counts (`targets.kind`).
public enum TargetKind: String, Sendable, Hashable, CaseIterable, Codable, DatabaseValueConvertible {
    /// Distinct resident workers with a membership (of the segment) overlapping the period.
    case headCount = "head_count"
    /// Rupiah allocated to bills of such memberships from payments made in the period.
    case duesAmount = "dues_amount"
    /// Head count × 10,000 ÷ labour force, in basis points (40% = 4000).
    case coveragePercentage = "coverage_percentage"
}
