import Foundation

// Conversions of the standard library and Foundation types.
//
// Reading is strict so that bad data surfaces instead of turning into zeros:
// integers read INTEGER (and REAL only when it is a whole number in range),
// doubles read INTEGER or REAL, strings read TEXT, blobs read BLOB (or TEXT's bytes).
// NULL is only accepted by Optional.

extension DatabaseValue: DatabaseValueConvertible {
    @inlinable public var databaseValue: DatabaseValue { self }
    @inlinable public static func fromDatabaseValue(_ value: DatabaseValue) -> DatabaseValue? { value }
}

extension Int64: DatabaseValueConvertible {
    @inlinable public var databaseValue: DatabaseValue { .integer(self) }

    @inlinable
    public static func fromDatabaseValue(_ value: DatabaseValue) -> Int64? {
        switch value {
        case .integer(let int): int
        case .real(let double): Int64(exactly: double)
        default: nil
        }
    }

    @inlinable public func bind(to slot: ParameterSlot) -> ResultCode { slot.bind(int64: self) }

    @inlinable
    public static func decode(from column: ColumnSlot) -> Int64? {
        switch column.storageClass {
        case .integer: column.int64
        case .real: Int64(exactly: column.double)
        default: nil
        }
    }
}

extension Int: DatabaseValueConvertible {
    @inlinable public var databaseValue: DatabaseValue { .integer(Int64(self)) }

    @inlinable
    public static func fromDatabaseValue(_ value: DatabaseValue) -> Int? {
        Int64.fromDatabaseValue(value).flatMap { Int(exactly: $0) }
    }

    @inlinable public func bind(to slot: ParameterSlot) -> ResultCode { slot.bind(int64: Int64(self)) }

    @inlinable
    public static func decode(from column: ColumnSlot) -> Int? {
        Int64.decode(from: column).flatMap { Int(exactly: $0) }
    }
}

extension Int32: DatabaseValueConvertible {
    @inlinable public var databaseValue: DatabaseValue { .integer(Int64(self)) }

    @inlinable
    public static func fromDatabaseValue(_ value: DatabaseValue) -> Int32? {
        Int64.fromDatabaseValue(value).flatMap { Int32(exactly: $0) }
    }

    @inlinable public func bind(to slot: ParameterSlot) -> ResultCode { slot.bind(int64: Int64(self)) }

    @inlinable
    public static func decode(from column: ColumnSlot) -> Int32? {
        Int64.decode(from: column).flatMap { Int32(exactly: $0) }
    }
}

extension Bool: DatabaseValueConvertible {
    /// Stored as INTEGER 1 or 0, the form SQLite's own boolean expressions produce.
    @inlinable public var databaseValue: DatabaseValue { .integer(self ? 1 : 0) }

    @inlinable
    public static func fromDatabaseValue(_ value: DatabaseValue) -> Bool? {
        Int64.fromDatabaseValue(value).map { $0 != 0 }
    }

    @inlinable public func bind(to slot: ParameterSlot) -> ResultCode { slot.bind(int64: self ? 1 : 0) }

    @inlinable
    public static func decode(from column: ColumnSlot) -> Bool? {
        Int64.decode(from: column).map { $0 != 0 }
    }
}

extension Double: DatabaseValueConvertible {
    @inlinable public var databaseValue: DatabaseValue { .real(self) }

    @inlinable
    public static func fromDatabaseValue(_ value: DatabaseValue) -> Double? {
        switch value {
        case .integer(let int): Double(int)
        case .real(let double): double
        default: nil
        }
    }

    @inlinable public func bind(to slot: ParameterSlot) -> ResultCode { slot.bind(double: self) }

    @inlinable
    public static func decode(from column: ColumnSlot) -> Double? {
        switch column.storageClass {
        case .integer, .real: column.double
        default: nil
        }
    }
}

extension String: DatabaseValueConvertible {
    @inlinable public var databaseValue: DatabaseValue { .text(self) }

    @inlinable
    public static func fromDatabaseValue(_ value: DatabaseValue) -> String? {
        if case .text(let string) = value { string } else { nil }
    }

    @inlinable public func bind(to slot: ParameterSlot) -> ResultCode { slot.bind(text: self) }

    @inlinable
    public static func decode(from column: ColumnSlot) -> String? {
        column.storageClass == .text ? column.text : nil
    }
}

extension Data: DatabaseValueConvertible {
    @inlinable public var databaseValue: DatabaseValue { .blob(self) }

    @inlinable
    public static func fromDatabaseValue(_ value: DatabaseValue) -> Data? {
        switch value {
        case .blob(let data): data
        case .text(let string): Data(string.utf8)
        default: nil
        }
    }

    @inlinable public func bind(to slot: ParameterSlot) -> ResultCode { slot.bind(blob: self) }

    @inlinable
    public static func decode(from column: ColumnSlot) -> Data? {
        switch column.storageClass {
        case .blob, .text: column.blob
        default: nil
        }
    }
}

extension Array: DatabaseValueConvertible where Element == UInt8 {
    @inlinable public var databaseValue: DatabaseValue { .blob(Data(self)) }

    @inlinable
    public static func fromDatabaseValue(_ value: DatabaseValue) -> [UInt8]? {
        Data.fromDatabaseValue(value).map { [UInt8]($0) }
    }

    @inlinable public func bind(to slot: ParameterSlot) -> ResultCode { slot.bind(blob: self) }

    @inlinable
    public static func decode(from column: ColumnSlot) -> [UInt8]? {
        Data.decode(from: column).map { [UInt8]($0) }
    }
}

extension Optional: DatabaseValueConvertible where Wrapped: DatabaseValueConvertible {
    /// `nil` is stored as NULL.
    @inlinable public var databaseValue: DatabaseValue { self?.databaseValue ?? .null }

    /// NULL reads as `.some(nil)`; a non-NULL value that `Wrapped` rejects reads as `nil` (an error).
    @inlinable
    public static func fromDatabaseValue(_ value: DatabaseValue) -> Wrapped?? {
        if value.isNull { return .some(nil) }
        return Wrapped.fromDatabaseValue(value).map { .some($0) }
    }

    @inlinable
    public func bind(to slot: ParameterSlot) -> ResultCode {
        switch self {
        case .none: slot.bindNull()
        case .some(let wrapped): wrapped.bind(to: slot)
        }
    }

    @inlinable
    public static func decode(from column: ColumnSlot) -> Wrapped?? {
        if column.isNull { return .some(nil) }
        return Wrapped.decode(from: column).map { .some($0) }
    }
}
