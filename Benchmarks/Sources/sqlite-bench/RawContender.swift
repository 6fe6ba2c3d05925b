// The baseline: the SQLite C API called directly. This file imports only CSQLiteRaw.
import CSQLiteRaw

struct RawError: Error, CustomStringConvertible {
    var description: String
}

final class RawContender: Contender {
    let name = "raw C"
    private var db: OpaquePointer?
    private var insertStatement: OpaquePointer?

    // MARK: Helpers

    static func open(_ path: String) throws -> OpaquePointer {
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        guard sqlite3_open_v2(path, &db, flags, nil) == SQLITE_OK, let db else {
            sqlite3_close_v2(db)
            throw RawError(description: "cannot open \(path)")
        }
        try exec(db, "PRAGMA journal_mode = WAL")
        try exec(db, "PRAGMA synchronous = NORMAL")
        try exec(db, "PRAGMA cache_size = \(-Settings.cacheSizeKiB)")
        return db
    }

    static func exec(_ db: OpaquePointer, _ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        guard sqlite3_exec(db, sql, nil, nil, &message) == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? "?"
            sqlite3_free(message)
            throw RawError(description: "\(sql): \(text)")
        }
    }

    static func prepare(_ db: OpaquePointer, _ sql: String) throws -> OpaquePointer {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil) == SQLITE_OK,
              let statement
        else { throw RawError(description: "prepare \(sql): \(String(cString: sqlite3_errmsg(db)))") }
        return statement
    }

    @inline(__always)
    static func bindText(_ statement: OpaquePointer, _ index: Int32, _ value: String) {
        var value = value
        value.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                _ = sqlite3_bind_text(statement, index, chars.baseAddress, Int32(chars.count), raw_transient())
            }
        }
    }

    @inline(__always)
    static func text(_ statement: OpaquePointer, _ index: Int32) -> String {
        guard let bytes = sqlite3_column_text(statement, index) else { return "" }
        let count = Int(sqlite3_column_bytes(statement, index))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    /// Builds the shared read database (untimed) with the same code path as workload 1.
    static func build(path: String, rows: [Worker]) throws {
        let contender = RawContender()
        try contender.openForInsert(path: path)
        try contender.insert(rows)
        try contender.closeInsert()
    }

    /// Count, income sum and text length of a finished file: checks an insert stored everything.
    static func verify(path: String) throws -> [Int64] {
        let db = try open(path)
        defer { sqlite3_close_v2(db) }
        let statement = try prepare(db, SQL.verify)
        defer { sqlite3_finalize(statement) }
        guard sqlite3_step(statement) == SQLITE_ROW else { throw RawError(description: "verify: no row") }
        return (0..<3).map { sqlite3_column_int64(statement, Int32($0)) }
    }

    // MARK: Workload 1

    func openForInsert(path: String) throws {
        let db = try Self.open(path)
        self.db = db
        try Self.exec(db, SQL.createTable)
        insertStatement = try Self.prepare(db, SQL.insert)
    }

    func insert(_ rows: [Worker]) throws {
        guard let db, let statement = insertStatement else { throw RawError(description: "not open") }
        try Self.exec(db, "BEGIN IMMEDIATE")
        for w in rows {
            Self.bindText(statement, 1, w.nik)
            Self.bindText(statement, 2, w.fullName)
            Self.bindText(statement, 3, w.birthDate)
            Self.bindText(statement, 4, w.sex)
            Self.bindText(statement, 5, w.villageCode)
            Self.bindText(statement, 6, w.segment)
            sqlite3_bind_int64(statement, 7, w.income)
            Self.bindText(statement, 8, w.registeredAt)
            guard sqlite3_step(statement) == SQLITE_DONE else {
                let message = String(cString: sqlite3_errmsg(db))
                sqlite3_reset(statement)
                try? Self.exec(db, "ROLLBACK")
                throw RawError(description: "insert: \(message)")
            }
            sqlite3_reset(statement)
        }
        try Self.exec(db, "COMMIT")
    }

    func closeInsert() throws {
        sqlite3_finalize(insertStatement)
        insertStatement = nil
        sqlite3_close_v2(db)
        db = nil
    }

    // MARK: Workloads 2–4

    private var lookupStatement: OpaquePointer?
    private var scanStatement: OpaquePointer?
    private var groupStatement: OpaquePointer?

    func openForReading(path: String) throws {
        let db = try Self.open(path)
        self.db = db
        lookupStatement = try Self.prepare(db, SQL.lookup)
        scanStatement = try Self.prepare(db, SQL.scan)
        groupStatement = try Self.prepare(db, SQL.groupBy)
    }

    func closeReading() {
        for statement in [lookupStatement, scanStatement, groupStatement] { sqlite3_finalize(statement) }
        lookupStatement = nil
        scanStatement = nil
        groupStatement = nil
        sqlite3_close_v2(db)
        db = nil
    }

    /// Runs `body` in a deferred (read) transaction, like the other contenders' read paths.
    private func reading<T>(_ body: (OpaquePointer) throws -> T) throws -> T {
        guard let db else { throw RawError(description: "not open") }
        try Self.exec(db, "BEGIN DEFERRED")
        do {
            let result = try body(db)
            try Self.exec(db, "COMMIT")
            return result
        } catch {
            try? Self.exec(db, "ROLLBACK")
            throw error
        }
    }

    func lookups(_ niks: [String]) throws -> UInt64 {
        guard let statement = lookupStatement else { throw RawError(description: "not open") }
        return try reading { db in
            var sum: UInt64 = 0
            for nik in niks {
                Self.bindText(statement, 1, nik)
                var code = sqlite3_step(statement)
                while code == SQLITE_ROW {
                    let id = sqlite3_column_int64(statement, 0)
                    let fullName = Self.text(statement, 1)
                    let income = sqlite3_column_int64(statement, 2)
                    sum &+= Checksum.lookup(id: id, fullName: fullName, income: income)
                    code = sqlite3_step(statement)
                }
                sqlite3_reset(statement)
                guard code == SQLITE_DONE else { throw RawError(description: String(cString: sqlite3_errmsg(db))) }
            }
            return sum
        }
    }

    func scan() throws -> UInt64 {
        guard let s = scanStatement else { throw RawError(description: "not open") }
        return try reading { db in
            var workers: [Worker] = []
            var code = sqlite3_step(s)
            while code == SQLITE_ROW {
                workers.append(Worker(
                    id: sqlite3_column_int64(s, 0),
                    nik: Self.text(s, 1),
                    fullName: Self.text(s, 2),
                    birthDate: Self.text(s, 3),
                    sex: Self.text(s, 4),
                    villageCode: Self.text(s, 5),
                    segment: Self.text(s, 6),
                    income: sqlite3_column_int64(s, 7),
                    registeredAt: Self.text(s, 8)))
                code = sqlite3_step(s)
            }
            sqlite3_reset(s)
            guard code == SQLITE_DONE else { throw RawError(description: String(cString: sqlite3_errmsg(db))) }
            return Checksum.workers(workers)
        }
    }

    func groupBy() throws -> UInt64 {
        guard let s = groupStatement else { throw RawError(description: "not open") }
        return try reading { db in
            var totals: [VillageSegmentTotal] = []
            var code = sqlite3_step(s)
            while code == SQLITE_ROW {
                totals.append(VillageSegmentTotal(
                    villageCode: Self.text(s, 0), segment: Self.text(s, 1),
                    count: sqlite3_column_int64(s, 2), totalIncome: sqlite3_column_int64(s, 3)))
                code = sqlite3_step(s)
            }
            sqlite3_reset(s)
            guard code == SQLITE_DONE else { throw RawError(description: String(cString: sqlite3_errmsg(db))) }
            return Checksum.totals(totals)
        }
    }

    func scanDecodable() throws -> UInt64? { nil }
}
