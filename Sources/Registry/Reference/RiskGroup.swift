import SQLiteDB

/// The JKK risk group of an employer's workplace (kelompok tingkat risiko), which sets the
/// wage earners' work-accident rate (0.24% very low to 1.74% very high).
public enum RiskGroup: String, Sendable, Hashable, CaseIterable, Codable, DatabaseValueConvertible {
    case veryLow = "very_low"
    case low
    case medium
    case high
    case veryHigh = "very_high"
}
