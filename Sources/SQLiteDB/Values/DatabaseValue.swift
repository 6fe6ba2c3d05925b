import Foundation

/// SQLite's five storage classes.
public enum StorageClass: Sendable, Hashable, CustomStringConvertible {
    case null, integer, real, text, blob

    public var description: String {
        switch self {
        case .null: "NULL"
        case .integer: "INTEGER"
        case .real: "REAL"
        case .text: "TEXT"
        case .blob: "BLOB"
        }
    }
}

/// One SQLite value, owned by Swift: what a column held or what a parameter receives.
///
/// Used where values must outlive a statement (collected rows, error arguments,
/// dynamically built argument lists). Hot paths bind and read columns directly
/// through ``DatabaseValueConvertible`` and never build a `DatabaseValue`.
public enum DatabaseValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)

    public var storageClass: StorageClass {
        switch self {
        case .null: .null
        case .integer: .integer
        case .real: .real
        case .text: .text
        case .blob: .blob
        }
    }

    public var isNull: Bool { self == .null }

    /// The value written as an SQL literal, for messages meant for people.
    public var sqlLiteral: String {
        switch self {
        case .null: return "NULL"
        case .integer(let value): return String(value)
        case .real(let value): return String(value)
        case .text(let value): return "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
        case .blob(let value):
            let hex = value.prefix(32).map { String(format: "%02X", $0) }.joined()
            return "X'\(hex)'" + (value.count > 32 ? "…(\(value.count) bytes)" : "")
        }
    }
}

extension DatabaseValue: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) { self = .null }
}

extension DatabaseValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int64) { self = .integer(value) }
}

extension DatabaseValue: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) { self = .real(value) }
}

extension DatabaseValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
}

extension DatabaseValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .integer(value ? 1 : 0) }
}
