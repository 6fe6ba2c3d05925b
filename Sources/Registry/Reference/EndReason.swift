import SQLiteDB

/// Why a membership ended.
public enum EndReason: String, Sendable, Hashable, CaseIterable, Codable, DatabaseValueConvertible {
    case employmentEnded = "employment_ended"
    case projectEnded = "project_ended"
    case placementEnded = "placement_ended"
    /// More than the allowed consecutive months unpaid.
    case lapsed
    case withdrawn
    case retired
    case died
    /// The identity does not match the civil registry (Dukcapil).
    case identityMismatch = "identity_mismatch"
    case other
}
