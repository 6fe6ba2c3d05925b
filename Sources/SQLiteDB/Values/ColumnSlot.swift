import CSQLite
import Foundation

/// One column of the current row, ready to be read.
///
/// Handed to ``DatabaseValueConvertible/decode(from:)``. For a row that a
/// statement is stepping through it reads SQLite's own value of the column in
/// place, so decoding a million rows builds no intermediate values; for a
/// collected ``Row`` it reads the stored ``DatabaseValue``. Only valid during
/// that call.
///
/// The column is looked up once, with `sqlite3_column_value`, and then read with
/// `sqlite3_value_type`, `_text`, `_bytes`…: every `sqlite3_column_*` call looks
/// the column up again (bounds, the connection's mutex, the error state), and a
/// checked read (the storage class, then the text and its length) made three of
/// them per column. SQLite calls that value "unprotected": reading it is safe only
/// on a connection used by one thread at a time, which ``Connection`` is
/// (`SQLITE_OPEN_NOMUTEX`, not `Sendable`).
public struct ColumnSlot {
    @usableFromInline
    enum Source {
        /// The column's `sqlite3_value`, valid until the statement steps or resets.
        case column(OpaquePointer)
        case value(DatabaseValue)
    }

    @usableFromInline let source: Source

    @inlinable
    init(statement: OpaquePointer, index: Int32) {
        // Never nil: SQLite answers an index out of range with a NULL value.
        source = .column(sqlite3_column_value(statement, index))
    }

    @inlinable
    init(value: DatabaseValue) {
        source = .value(value)
    }

    /// The storage class of the value SQLite holds in this column for this row.
    @inlinable
    public var storageClass: StorageClass {
        switch source {
        case .column(let value):
            switch sqlite3_value_type(value) {
            case SQLITE_INTEGER: return .integer
            case SQLITE_FLOAT: return .real
            case SQLITE_TEXT: return .text
            case SQLITE_BLOB: return .blob
            default: return .null
            }
        case .value(let value):
            return value.storageClass
        }
    }

    @inlinable
    public var isNull: Bool { storageClass == .null }

    /// The value as a 64-bit integer, with SQLite's conversions (call after checking ``storageClass``).
    @inlinable
    public var int64: Int64 {
        switch source {
        case .column(let value): return sqlite3_value_int64(value)
        case .value(.integer(let value)): return value
        case .value(.real(let value)): return Int64(exactly: value.rounded(.towardZero)) ?? 0
        case .value: return 0
        }
    }

    /// The value as a double, with SQLite's conversions (call after checking ``storageClass``).
    @inlinable
    public var double: Double {
        switch source {
        case .column(let value): return sqlite3_value_double(value)
        case .value(.real(let value)): return value
        case .value(.integer(let value)): return Double(value)
        case .value: return 0
        }
    }

    /// The value's UTF-8 text (call when ``storageClass`` is `.text`). Decoded with its byte
    /// count, so text with embedded NUL characters survives.
    @inlinable
    public var text: String {
        switch source {
        case .column(let value):
            guard let bytes = sqlite3_value_text(value) else { return "" }
            let count = Int(sqlite3_value_bytes(value))
            return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
        case .value(.text(let value)): return value
        case .value: return ""
        }
    }

    /// Calls `body` with the value's UTF-8 text as SQLite holds it (call when ``storageClass`` is
    /// `.text`), so a parser can read a column of every row without building a `String` for it.
    /// The bytes are valid only during the call.
    @inlinable
    public func withUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        switch source {
        case .column(let value):
            // Pointer first, then size, as for ``text``.
            let bytes = sqlite3_value_text(value)
            let count = bytes == nil ? 0 : Int(sqlite3_value_bytes(value))
            return try body(UnsafeBufferPointer(start: bytes, count: count))
        case .value(.text(var value)):
            return try value.withUTF8(body)
        case .value:
            return try body(UnsafeBufferPointer(start: nil, count: 0))
        }
    }

    /// The value's bytes (call when ``storageClass`` is `.blob` or `.text`).
    @inlinable
    public var blob: Data {
        switch source {
        case .column(let value):
            // Pointer first, then size: the documented order, so the size is of the final bytes.
            let bytes = sqlite3_value_blob(value)
            let count = Int(sqlite3_value_bytes(value))
            guard count > 0, let bytes else { return Data() }
            return Data(bytes: bytes, count: count)
        case .value(.blob(let value)): return value
        case .value(.text(let value)): return Data(value.utf8)
        case .value: return Data()
        }
    }

    /// The value, copied out as a ``DatabaseValue``.
    @inlinable
    public var databaseValue: DatabaseValue {
        switch source {
        case .value(let value): return value
        case .column:
            switch storageClass {
            case .null: return .null
            case .integer: return .integer(int64)
            case .real: return .real(double)
            case .text: return .text(text)
            case .blob: return .blob(blob)
            }
        }
    }
}
