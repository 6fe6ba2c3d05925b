/// A type that stores itself in one SQLite value and reads itself back.
///
/// Conform your own types by giving ``databaseValue`` and ``fromDatabaseValue(_:)``;
/// `RawRepresentable` types whose raw value conforms get both for free:
///
/// ```swift
/// enum Sex: String, DatabaseValueConvertible { case male = "M", female = "F" }
/// ```
///
/// The two other requirements are the fast path. Their default implementations go
/// through ``DatabaseValue``; the standard types (`Int64`, `String`, …) override them
/// to call `sqlite3_bind_*` and `sqlite3_column_*` directly, and a wrapper type can
/// forward to its raw value's to be as fast.
public protocol DatabaseValueConvertible {
    /// The value to store.
    var databaseValue: DatabaseValue { get }

    /// The Swift value for a stored one, or nil when it cannot represent it.
    static func fromDatabaseValue(_ value: DatabaseValue) -> Self?

    /// Binds this value to a statement parameter.
    func bind(to slot: ParameterSlot) -> ResultCode

    /// Reads a value from a column, or nil when the column's content cannot represent `Self`.
    static func decode(from column: ColumnSlot) -> Self?
}

extension DatabaseValueConvertible {
    @inlinable
    public func bind(to slot: ParameterSlot) -> ResultCode {
        slot.bind(databaseValue)
    }

    @inlinable
    public static func decode(from column: ColumnSlot) -> Self? {
        fromDatabaseValue(column.databaseValue)
    }
}

extension DatabaseValueConvertible where Self: RawRepresentable, RawValue: DatabaseValueConvertible {
    @inlinable
    public var databaseValue: DatabaseValue { rawValue.databaseValue }

    @inlinable
    public static func fromDatabaseValue(_ value: DatabaseValue) -> Self? {
        RawValue.fromDatabaseValue(value).flatMap(Self.init(rawValue:))
    }

    @inlinable
    public func bind(to slot: ParameterSlot) -> ResultCode {
        rawValue.bind(to: slot)
    }

    @inlinable
    public static func decode(from column: ColumnSlot) -> Self? {
        RawValue.decode(from: column).flatMap(Self.init(rawValue:))
    }
}
