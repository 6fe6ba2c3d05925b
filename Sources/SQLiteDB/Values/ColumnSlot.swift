import CSQLite
import Foundation

/// One column of the current row, ready to be read.
///
/// Handed to ``DatabaseValueConvertible/decode(from:)``. For a row that a
/// statement is stepping through it reads with `sqlite3_column_*` directly,
/// so decoding a million rows builds no intermediate values; for a collected
/// ``Row`` it reads the stored ``DatabaseValue``. Only valid during that call.
public struct ColumnSlot {
    @usableFromInline
    enum Source {
        case statement(OpaquePointer, Int32)
        case value(DatabaseValue)
    }

    @usableFromInline let source: Source

    @inlinable
    init(statement: OpaquePointer, index: Int32) {
        source = .statement(statement, index)
    }

    @inlinable
    init(value: DatabaseValue) {
        source = .value(value)
    }

    /// The storage class of the value SQLite holds in this column for this row.
    @inlinable
    public var storageClass: StorageClass {
        switch source {
        case .statement(let statement, let index):
            switch sqlite3_column_type(statement, index) {
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
        case .statement(let statement, let index): return sqlite3_column_int64(statement, index)
        case .value(.integer(let value)): return value
        case .value(.real(let value)): return Int64(exactly: value.rounded(.towardZero)) ?? 0
        case .value: return 0
        }
    }

    /// The value as a double, with SQLite's conversions (call after checking ``storageClass``).
    @inlinable
    public var double: Double {
        switch source {
        case .statement(let statement, let index): return sqlite3_column_double(statement, index)
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
        case .statement(let statement, let index):
            guard let bytes = sqlite3_column_text(statement, index) else { return "" }
            let count = Int(sqlite3_column_bytes(statement, index))
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
        case .statement(let statement, let index):
            // Pointer first, then size, as for ``text``.
            let bytes = sqlite3_column_text(statement, index)
            let count = bytes == nil ? 0 : Int(sqlite3_column_bytes(statement, index))
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
        case .statement(let statement, let index):
            // Pointer first, then size: the documented order, so the size is of the final bytes.
            let bytes = sqlite3_column_blob(statement, index)
            let count = Int(sqlite3_column_bytes(statement, index))
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
        case .statement:
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
