import CSQLite
import Foundation

/// A changeset of SQLite's session extension: the row changes that turn one state of some
/// tables into another, each with enough of the old row to detect a conflicting change when it
/// is applied elsewhere (unlike a patchset, which would overwrite it).
///
/// Made by ``Connection/changeset(tables:from:)``, applied by
/// ``Connection/apply(_:conflict:)``; ``changes()`` reads it row by row and
/// ``init(changes:)`` writes an edited list back.
public struct Changeset: Sendable, Hashable {
    /// The changeset as SQLite writes it (the format of `sqlite3session_changeset`).
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// A changeset holding `changes`, in that order; consecutive changes of one table share a
    /// table header.
    public init(changes: [ChangesetChange]) {
        bytes = ChangesetEncoding.encode(changes)
    }

    public var isEmpty: Bool { bytes.isEmpty }

    /// The SHA-256 of the bytes, in hex: the identity under which a pushed changeset is logged.
    public var sha256: String { SHA256.hexDigest(bytes) }

    /// Every change, in changeset order. Throws ``SQLiteError`` when the bytes are not a
    /// changeset (a truncated file, another format).
    public func changes() throws -> [ChangesetChange] {
        guard !bytes.isEmpty else { return [] }
        var copy = bytes
        return try copy.withUnsafeMutableBytes { buffer -> [ChangesetChange] in
            var iterator: OpaquePointer?
            var code = sqlite3changeset_start(&iterator, Int32(buffer.count), buffer.baseAddress)
            guard code == SQLITE_OK, let iterator else {
                throw SQLiteError(code: ResultCode(rawValue: code), message: "not a changeset: \(String(cString: sqlite3_errstr(code)))")
            }
            var changes: [ChangesetChange] = []
            while true {
                code = sqlite3changeset_next(iterator)
                guard code == SQLITE_ROW else { break }
                changes.append(Self.currentChange(of: iterator))
            }
            let finalized = sqlite3changeset_finalize(iterator)
            guard code == SQLITE_DONE, finalized == SQLITE_OK else {
                let failed = code == SQLITE_DONE ? finalized : code
                throw SQLiteError(code: ResultCode(rawValue: failed), message: "not a changeset: \(String(cString: sqlite3_errstr(failed)))")
            }
            return changes
        }
    }

    /// The change an iterator is on (also used inside a conflict handler).
    static func currentChange(of iterator: OpaquePointer) -> ChangesetChange {
        var tableName: UnsafePointer<CChar>?
        var columnCount: Int32 = 0
        var operation: Int32 = 0
        var indirect: Int32 = 0
        sqlite3changeset_op(iterator, &tableName, &columnCount, &operation, &indirect)
        var flagsPointer: UnsafeMutablePointer<UInt8>?
        sqlite3changeset_pk(iterator, &flagsPointer, &columnCount)
        let flags = (0..<Int(columnCount)).map { flagsPointer?[$0] ?? 0 }
        let kind: ChangeOperation = switch operation {
        case SQLITE_INSERT: .insert
        case SQLITE_DELETE: .delete
        default: .update
        }
        func values(_ read: (OpaquePointer, Int32, UnsafeMutablePointer<OpaquePointer?>) -> Int32) -> [DatabaseValue?] {
            (0..<columnCount).map { column in
                var value: OpaquePointer?
                guard read(iterator, column, &value) == SQLITE_OK, let value else { return nil }
                return DatabaseValue(sqliteValue: value)
            }
        }
        return ChangesetChange(
            table: tableName.map { String(cString: $0) } ?? "",
            operation: kind,
            isIndirect: indirect != 0,
            primaryKeyFlags: flags,
            old: kind == .insert ? [] : values { sqlite3changeset_old($0, $1, $2) },
            new: kind == .delete ? [] : values { sqlite3changeset_new($0, $1, $2) })
    }
}

extension DatabaseValue {
    /// The value of an `sqlite3_value` (a changeset's, a function argument's), copied.
    init(sqliteValue value: OpaquePointer) {
        switch sqlite3_value_type(value) {
        case SQLITE_INTEGER:
            self = .integer(sqlite3_value_int64(value))
        case SQLITE_FLOAT:
            self = .real(sqlite3_value_double(value))
        case SQLITE_TEXT:
            let text = sqlite3_value_text(value)
            let count = Int(sqlite3_value_bytes(value))
            self = .text(text.map { String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self) } ?? "")
        case SQLITE_BLOB:
            let count = Int(sqlite3_value_bytes(value))
            let blob = sqlite3_value_blob(value)
            self = .blob(blob.map { Data(bytes: $0, count: count) } ?? Data())
        default:
            self = .null
        }
    }
}
