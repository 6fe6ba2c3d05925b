import SQLiteDB

/// Sex as the civil registry records it, and as the NIK encodes it (day + 40 for women).
public enum Sex: String, Sendable, Hashable, CaseIterable, Codable, DatabaseValueConvertible {
    case male, female
}
