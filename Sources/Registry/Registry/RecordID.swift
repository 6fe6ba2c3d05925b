import SQLiteDB

/// The row id of a stored record, typed by the kind of record, so a worker's id cannot be
/// passed where a membership's is expected.
public struct RecordID<Record>: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let rawValue: Int64

    public init(_ rawValue: Int64) { self.rawValue = rawValue }

    public var description: String { String(rawValue) }

    public static func < (lhs: RecordID, rhs: RecordID) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension RecordID: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { .integer(rawValue) }

    public static func fromDatabaseValue(_ value: DatabaseValue) -> RecordID? {
        Int64.fromDatabaseValue(value).map(RecordID.init)
    }

    public func bind(to slot: ParameterSlot) -> ResultCode { rawValue.bind(to: slot) }
    public static func decode(from column: ColumnSlot) -> RecordID? { Int64.decode(from: column).map(RecordID.init) }
}
