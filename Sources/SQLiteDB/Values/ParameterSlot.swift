import CSQLite
import Foundation

/// One parameter of a prepared statement, ready to receive a value.
///
/// Handed to ``DatabaseValueConvertible/bind(to:)`` so a type can bind itself
/// with the `sqlite3_bind_*` call that fits, without building a ``DatabaseValue``.
/// Only valid during that call.
public struct ParameterSlot {
    @usableFromInline let statement: OpaquePointer
    /// The 1-based parameter index, as SQLite counts.
    public let index: Int32

    @inlinable
    init(statement: OpaquePointer, index: Int32) {
        self.statement = statement
        self.index = index
    }

    @inlinable
    public func bindNull() -> ResultCode {
        ResultCode(rawValue: sqlite3_bind_null(statement, index))
    }

    @inlinable
    public func bind(int64 value: Int64) -> ResultCode {
        ResultCode(rawValue: sqlite3_bind_int64(statement, index, value))
    }

    @inlinable
    public func bind(double value: Double) -> ResultCode {
        ResultCode(rawValue: sqlite3_bind_double(statement, index, value))
    }

    /// Binds UTF-8 text. SQLite copies it (SQLITE_TRANSIENT): the Swift string's
    /// bytes are only guaranteed for the duration of this call.
    @inlinable
    public func bind(text value: String) -> ResultCode {
        var value = value
        return value.withUTF8 { bytes in
            guard let base = bytes.baseAddress, bytes.count > 0 else {
                // A NULL pointer would bind NULL: an empty string needs a real (static) pointer.
                return ResultCode(rawValue: sqlite3_bind_text64(statement, index, "", 0, nil, UInt8(SQLITE_UTF8)))
            }
            return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { text in
                ResultCode(rawValue: sqlite3_bind_text64(
                    statement, index, text, UInt64(bytes.count), csqlite_transient(), UInt8(SQLITE_UTF8)))
            }
        }
    }

    /// Binds a blob; SQLite copies the bytes. An empty blob is stored as a zero-length blob, not NULL.
    @inlinable
    public func bind<Bytes: ContiguousBytes>(blob value: Bytes) -> ResultCode {
        value.withUnsafeBytes { bytes in
            if let base = bytes.baseAddress {
                ResultCode(rawValue: sqlite3_bind_blob64(
                    statement, index, base, UInt64(bytes.count), csqlite_transient()))
            } else {
                ResultCode(rawValue: sqlite3_bind_zeroblob(statement, index, 0))
            }
        }
    }

    /// Binds an owned value, whatever its storage class.
    @inlinable
    public func bind(_ value: DatabaseValue) -> ResultCode {
        switch value {
        case .null: bindNull()
        case .integer(let int): bind(int64: int)
        case .real(let double): bind(double: double)
        case .text(let string): bind(text: string)
        case .blob(let data): bind(blob: data)
        }
    }
}
