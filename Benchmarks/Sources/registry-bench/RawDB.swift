// The SQLite C API, thinly wrapped for setup and for the raw C contender. The wrappers are
// final classes with inlinable one-line methods, so the hot loops cost what the bare calls cost.
import CSQLiteRaw

struct RawError: Error, CustomStringConvertible {
    var description: String
}

final class RawDB {
    let handle: OpaquePointer

    /// Opens `path` the way the library's `Configuration` does (WAL, `synchronous=NORMAL`,
    /// foreign keys on, 5 s busy timeout), with a `cacheKiB` page cache.
    init(_ path: String, cacheKiB: Int, readOnly: Bool = false) throws {
        var db: OpaquePointer?
        let flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOMUTEX
        guard sqlite3_open_v2(path, &db, flags, nil) == SQLITE_OK, let db else {
            sqlite3_close_v2(db)
            throw RawError(description: "cannot open \(path)")
        }
        handle = db
        sqlite3_busy_timeout(db, 5000)
        if !readOnly {
            try exec("PRAGMA journal_mode = WAL")
            try exec("PRAGMA synchronous = NORMAL")
        }
        try exec("PRAGMA foreign_keys = ON")
        try exec("PRAGMA cache_size = \(-cacheKiB)")
    }

    deinit { sqlite3_close_v2(handle) }

    func exec(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        guard sqlite3_exec(handle, sql, nil, nil, &message) == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? "?"
            sqlite3_free(message)
            throw RawError(description: "\(sql.prefix(120)): \(text)")
        }
    }

    func prepare(_ sql: String) throws -> RawStatement {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil) == SQLITE_OK,
              let statement
        else { throw RawError(description: "prepare \(sql.prefix(200)): \(errorMessage)") }
        return RawStatement(statement, db: self)
    }

    var errorMessage: String { String(cString: sqlite3_errmsg(handle)) }

    /// The first column of the first row as an integer (0 for NULL or no row).
    func integer(_ sql: String) throws -> Int64 {
        let statement = try prepare(sql)
        return try statement.step() ? statement.int(0) : 0
    }

    /// Calls `body` for each row of `sql`.
    func forEach(_ sql: String, _ body: (RawStatement) throws -> Void) throws {
        let statement = try prepare(sql)
        while try statement.step() { try body(statement) }
    }
}

final class RawStatement {
    let handle: OpaquePointer
    private let db: RawDB

    init(_ handle: OpaquePointer, db: RawDB) {
        self.handle = handle
        self.db = db
    }

    deinit { sqlite3_finalize(handle) }

    /// Steps once: true for a row, false when done; throws (after a reset) on an error.
    @inline(__always)
    func step() throws -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE { return false }
        let message = db.errorMessage
        sqlite3_reset(handle)
        throw RawError(description: "step: \(message)")
    }

    /// Runs a statement that returns no rows, then resets it.
    @inline(__always)
    func run() throws {
        defer { sqlite3_reset(handle) }
        while try step() {}
    }

    @inline(__always) func reset() { sqlite3_reset(handle) }
    @inline(__always) func bind(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(handle, index, value) }
    @inline(__always) func bindNull(_ index: Int32) { sqlite3_bind_null(handle, index) }

    /// Text with its byte count, copied by SQLite (TRANSIENT), as sqlite-bench's raw contender does.
    @inline(__always)
    func bind(_ index: Int32, _ value: String) {
        var value = value
        value.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                _ = sqlite3_bind_text(handle, index, chars.baseAddress, Int32(chars.count), raw_transient())
            }
        }
    }

    @inline(__always)
    func bind(_ index: Int32, bytes: UnsafePointer<UInt8>, count: Int) {
        bytes.withMemoryRebound(to: CChar.self, capacity: count) { chars in
            _ = sqlite3_bind_text(handle, index, chars, Int32(count), raw_transient())
        }
    }

    func parameterIndex(_ name: String) -> Int32 { sqlite3_bind_parameter_index(handle, name) }

    @inline(__always) func int(_ index: Int32) -> Int64 { sqlite3_column_int64(handle, index) }
    @inline(__always) func type(_ index: Int32) -> Int32 { sqlite3_column_type(handle, index) }
    @inline(__always) func isNull(_ index: Int32) -> Bool { sqlite3_column_type(handle, index) == SQLITE_NULL }

    /// A text column, decoded with its byte count.
    @inline(__always)
    func text(_ index: Int32) -> String {
        guard let bytes = sqlite3_column_text(handle, index) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, index))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    /// Nil for NULL, else the text.
    @inline(__always)
    func optionalText(_ index: Int32) -> String? { isNull(index) ? nil : text(index) }

    var columnCount: Int32 { sqlite3_column_count(handle) }
    func columnName(_ index: Int32) -> String { String(cString: sqlite3_column_name(handle, index)) }
}

/// The SQLite library this process links (the same for every contender and the `registry` tool).
var sqliteVersion: String { String(cString: sqlite3_libversion()) }
