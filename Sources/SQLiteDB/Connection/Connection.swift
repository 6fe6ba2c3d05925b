import CSQLite

/// One connection to an SQLite database.
///
/// ```swift
/// let db = try Connection(.file("registry.sqlite"))
/// try db.execute("INSERT INTO workers (nik, full_name) VALUES (?, ?)", nik, name)
/// let rows = try db.fetchAll("SELECT * FROM workers WHERE full_name LIKE ?", "Siti%")
/// ```
///
/// On open it turns on extended result codes, foreign keys, the busy timeout and defensive
/// mode, turns off double-quoted string literals (a classic source of silent bugs:
/// `WHERE name = "nik"` compares with a column, not a string), and puts writable files in WAL
/// mode. See ``Configuration``.
///
/// ## Concurrency
/// A `Connection` is not `Sendable`: it is used by one thread at a time, which lets it open
/// SQLite in multi-thread mode without SQLite's own mutexes. To share a database between
/// tasks or threads, use a ``DatabasePool``, which hands out its connections one closure
/// at a time.
public final class Connection {
    /// The `sqlite3` handle.
    @usableFromInline let handle: OpaquePointer
    public let location: Location
    public let configuration: Configuration
    /// Whether the connection was opened read-only.
    public let isReadOnly: Bool
    /// ``Checkpointing/local`` or ``Checkpointing/external``: the configuration's setting,
    /// resolved for this file when the connection opened.
    public private(set) var checkpointing: Checkpointing = .local

    private var statementCache: [String: Statement] = [:]
    var savepointDepth = 0
    /// The compiled SAVEPOINT / RELEASE / ROLLBACK TO statements, one set per nesting depth
    /// (index 0 is depth 1), kept apart from the statement cache so that its eviction never
    /// recompiles them. See ``savepoint(_:)``.
    var savepointStatements: [SavepointStatements] = []

    /// Opens a connection.
    ///
    /// - Parameters:
    ///   - location: a file, an in-memory database, or an SQLite URI.
    ///   - mode: whether to create the file, and whether to allow writes.
    ///   - configuration: timeouts, pragmas and error reporting; see ``Configuration``.
    public init(
        _ location: Location, mode: OpenMode = .readWriteCreate, configuration: Configuration = Configuration()
    ) throws {
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        switch mode {
        case .readWriteCreate: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        case .readWrite: flags |= SQLITE_OPEN_READWRITE
        case .readOnly: flags |= SQLITE_OPEN_READONLY
        }
        let filename: String
        switch location {
        case .file(let path):
            guard !path.isEmpty, path != ":memory:" else {
                throw SQLiteError.misuse("a file location needs a path; use .memory for an in-memory database")
            }
            if mode == .readWriteCreate { try OwnerOnlyFile.createIfMissing(path) }
            filename = path
        case .memory:
            filename = ":memory:"
        case .uri(let uri):
            flags |= SQLITE_OPEN_URI
            filename = uri
        }

        var connection: OpaquePointer?
        let code = sqlite3_open_v2(filename, &connection, flags, configuration.vfs)
        guard code == SQLITE_OK, let connection else {
            let error = SQLiteError.from(connection: connection, code: code)
            sqlite3_close_v2(connection)
            throw SQLiteError(code: error.code, message: "cannot open \(filename): \(error.message)")
        }
        handle = connection
        self.location = location
        self.configuration = configuration
        isReadOnly = sqlite3_db_readonly(connection, "main") == 1
        do {
            try configure()
        } catch {
            sqlite3_close_v2(connection)
            throw error
        }
    }

    deinit {
        // Finalize cached statements first; close_v2 defers the close until any statement
        // still held elsewhere is finalized, so those stay valid.
        statementCache.removeAll()
        savepointStatements.removeAll()
        sqlite3_close_v2(handle)
    }

    private func configure() throws {
        sqlite3_extended_result_codes(handle, 1)
        let milliseconds = configuration.busyTimeout.components.seconds * 1000
            + configuration.busyTimeout.components.attoseconds / 1_000_000_000_000_000
        // Not sqlite3_busy_timeout: its waits look for the lock only every 100 ms (see the shim).
        csqlite_set_busy_timeout(handle, Int32(clamping: milliseconds))
        try setFlag(SQLITE_DBCONFIG_DQS_DML, false)
        try setFlag(SQLITE_DBCONFIG_DQS_DDL, false)
        try setFlag(SQLITE_DBCONFIG_DEFENSIVE, configuration.defensive)
        try executeScript("PRAGMA foreign_keys = \(configuration.foreignKeys ? "ON" : "OFF")")
        try executeScript("PRAGMA synchronous = \(configuration.synchronous.rawValue)")
        if let cache = configuration.cacheSizeKiB { try executeScript("PRAGMA cache_size = \(-cache)") }
        if let mmap = configuration.mmapSize { try executeScript("PRAGMA mmap_size = \(mmap)") }
        if isFileBacked { try useCheckpointing(configuration.checkpointing.resolved(forDatabaseAt: path)) }
        if !isReadOnly, isFileBacked {
            let mode = try fetchValue(String.self, "PRAGMA journal_mode = \(configuration.journalMode.rawValue)")
            guard mode?.uppercased() == configuration.journalMode.rawValue else {
                throw SQLiteError(
                    code: .error,
                    message: "could not set journal_mode \(configuration.journalMode.rawValue) (got \(mode ?? "nothing"))")
            }
        }
    }

    /// Applies `checkpointing` (``Checkpointing/local`` or ``Checkpointing/external``): SQLite's
    /// automatic checkpoint at 1,000 pages and its checkpoint at close, or neither.
    func useCheckpointing(_ checkpointing: Checkpointing) throws {
        let external = checkpointing == .external
        sqlite3_wal_autocheckpoint(handle, external ? 0 : 1000)
        try setFlag(SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, external)
        self.checkpointing = external ? .external : .local
    }

    private func setFlag(_ option: Int32, _ enabled: Bool) throws {
        let code = csqlite_db_config_bool(handle, option, enabled ? 1 : 0, nil)
        guard code == SQLITE_OK else { throw SQLiteError.from(connection: handle, code: code) }
    }

    /// Whether the main database is a file (not `:memory:` or a temporary database).
    public var isFileBacked: Bool {
        guard let name = sqlite3_db_filename(handle, "main") else { return false }
        return name.pointee != 0
    }

    /// The path of the main database file, or nil for an in-memory database.
    public var path: String? {
        guard isFileBacked, let name = sqlite3_db_filename(handle, "main") else { return nil }
        return String(cString: name)
    }

    // MARK: Statements

    /// Compiles a statement that the caller owns; it is finalized when released.
    public func prepare(_ sql: String) throws -> Statement {
        try Statement(
            connection: handle, sql: sql, persistent: false,
            revealsArguments: configuration.revealsArgumentsInErrors)
    }

    /// The connection's compiled statement for this SQL, compiled on first use.
    ///
    /// Returns the same ``Statement`` for the same SQL, so hot paths skip the compiler.
    /// If that statement is still stepping (an outer loop over the same query), a fresh
    /// one is compiled instead, so the outer loop is not disturbed.
    public func cachedStatement(_ sql: String) throws -> Statement {
        if let statement = statementCache[sql] {
            if !statement.isBusy { return statement }
            return try prepare(sql)
        }
        let statement = try Statement(
            connection: handle, sql: sql, persistent: true,
            revealsArguments: configuration.revealsArgumentsInErrors)
        if statementCache.count >= configuration.statementCacheCapacity {
            // Dropping everything is crude but cheap; a registry's SQL is a fixed, small set.
            statementCache.removeAll(keepingCapacity: true)
        }
        statementCache[sql] = statement
        return statement
    }

    /// Finalizes every cached statement (e.g. before closing, or after a schema change).
    public func clearStatementCache() {
        statementCache.removeAll()
    }

    /// Runs one statement with positional arguments, to completion.
    @inlinable
    public func execute<each V: DatabaseValueConvertible>(_ sql: String, _ values: repeat each V) throws {
        try cachedStatement(sql).execute(repeat each values)
    }

    /// Runs one statement with arguments built at run time.
    public func execute(_ sql: String, arguments: [DatabaseValue]) throws {
        try cachedStatement(sql).execute(arguments: arguments)
    }

    /// Runs one statement with named arguments: `[":nik": nik]` or `["nik": nik]`.
    public func execute(_ sql: String, named arguments: [String: any DatabaseValueConvertible]) throws {
        let statement = try cachedStatement(sql)
        try statement.bind(named: arguments)
        do {
            while try statement.step() {}
        } catch var error as SQLiteError {
            error.arguments = arguments.sorted { $0.key < $1.key }.map { $0.value.databaseValue }
            throw error
        }
    }

    /// Runs a script of several statements separated by semicolons, such as a migration.
    /// Statements are not cached; an error names the statement that failed.
    public func executeScript(_ sql: String) throws {
        try sql.withCString { start in
            var next: UnsafePointer<CChar>? = start
            while let current = next, current.pointee != 0 {
                var statement: OpaquePointer?
                var tail: UnsafePointer<CChar>?
                let code = sqlite3_prepare_v2(handle, current, -1, &statement, &tail)
                let text = tail.map { String(decoding: UnsafeRawBufferPointer(start: current, count: $0 - current), as: UTF8.self) }
                guard code == SQLITE_OK else {
                    throw SQLiteError.from(connection: handle, code: code, sql: text?.trimmed)
                }
                next = tail
                guard let statement else { continue }  // only white space or a comment
                defer { sqlite3_finalize(statement) }
                var step = sqlite3_step(statement)
                while step == SQLITE_ROW { step = sqlite3_step(statement) }
                guard step == SQLITE_DONE else {
                    throw SQLiteError.from(connection: handle, code: step, sql: text?.trimmed)
                }
            }
        }
    }

    // MARK: Fetching

    /// A lazy cursor over a query's rows. See ``RowCursor``.
    public func cursor<each V: DatabaseValueConvertible>(_ sql: String, _ values: repeat each V) throws -> RowCursor {
        let statement = try cachedStatement(sql)
        try statement.bind(repeat each values)
        return RowCursor(statement: statement)
    }

    /// Calls `body` with each row, read in place. The fastest way through a large result.
    @inlinable
    public func forEach<each V: DatabaseValueConvertible>(
        _ sql: String, _ values: repeat each V, body: (CursorRow) throws -> Void
    ) throws {
        let statement = try cachedStatement(sql)
        try statement.bind(repeat each values)
        defer { statement.reset() }
        while try statement.step() {
            try body(statement.currentRow)
        }
    }

    /// Every row of a query, copied.
    public func fetchAll<each V: DatabaseValueConvertible>(_ sql: String, _ values: repeat each V) throws -> [Row] {
        var rows: [Row] = []
        try forEach(sql, repeat each values) { rows.append($0.copy()) }
        return rows
    }

    /// Every row of a query decoded as `T` (see ``RowReading/decode(_:)``).
    public func fetchAll<T: Decodable, each V: DatabaseValueConvertible>(
        _ type: T.Type, _ sql: String, _ values: repeat each V
    ) throws -> [T] {
        var items: [T] = []
        try forEach(sql, repeat each values) { items.append(try $0.decode(T.self)) }
        return items
    }

    /// The first row of a query, or nil when there is none.
    public func fetchOne<each V: DatabaseValueConvertible>(_ sql: String, _ values: repeat each V) throws -> Row? {
        try firstRow(sql, repeat each values) { $0.copy() }
    }

    /// The first row decoded as `T`, or nil when there is none.
    public func fetchOne<T: Decodable, each V: DatabaseValueConvertible>(
        _ type: T.Type, _ sql: String, _ values: repeat each V
    ) throws -> T? {
        try firstRow(sql, repeat each values) { try $0.decode(T.self) }
    }

    /// The first column of the first row, or nil when there is no row.
    /// A NULL in a non-optional `T` is an error: ask for `Int?.self` to accept it.
    @inlinable
    public func fetchValue<T: DatabaseValueConvertible, each V: DatabaseValueConvertible>(
        _ type: T.Type, _ sql: String, _ values: repeat each V
    ) throws -> T? {
        try firstRow(sql, repeat each values) { try $0.get(0, as: T.self) }
    }

    /// Reads the first row with `read`, then resets the statement so it holds no read lock.
    @inlinable
    func firstRow<T, each V: DatabaseValueConvertible>(
        _ sql: String, _ values: repeat each V, read: (CursorRow) throws -> T
    ) throws -> T? {
        let statement = try cachedStatement(sql)
        try statement.bind(repeat each values)
        defer { statement.reset() }
        return try statement.step() ? read(statement.currentRow) : nil
    }

    /// The first column of every row.
    public func fetchValues<T: DatabaseValueConvertible, each V: DatabaseValueConvertible>(
        _ type: T.Type, _ sql: String, _ values: repeat each V
    ) throws -> [T] {
        var items: [T] = []
        try forEach(sql, repeat each values) { items.append(try $0.get(0, as: T.self)) }
        return items
    }

    // MARK: State

    /// The rowid of the last row this connection inserted.
    public var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    public var changes: Int { Int(sqlite3_changes64(handle)) }

    /// Rows changed since the connection opened.
    public var totalChanges: Int { Int(sqlite3_total_changes64(handle)) }

    /// Whether a transaction is open (SQLite is not in autocommit mode).
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Makes a running statement on this connection stop with `SQLITE_INTERRUPT`.
    /// The one method that may be called from another thread.
    public func interrupt() {
        sqlite3_interrupt(handle)
    }
}

extension String {
    fileprivate var trimmed: String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace || first == ";" { text = text.dropFirst() }
        while let last = text.last, last.isWhitespace || last == ";" { text = text.dropLast() }
        return String(text)
    }
}
