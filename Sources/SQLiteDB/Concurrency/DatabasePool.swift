import Foundation

/// A database file shared by many threads and tasks: one writer, several readers, in WAL mode.
///
/// ```swift
/// let pool = try DatabasePool(path: "registry.sqlite")
/// try pool.write { db in try db.execute("INSERT INTO …", …) }       // from any thread
/// let count = try await pool.read { db in try db.fetchValue(Int.self, "SELECT count(*) FROM workers") }
/// ```
///
/// ## Concurrency
/// `DatabasePool` is `Sendable`; the ``Connection`` values it lends are not, and only live for
/// the closure you pass, so the compiler keeps them on the thread that borrowed them.
/// - Writes go through one connection, one closure at a time, each in a transaction that
///   begins IMMEDIATE: it takes SQLite's write lock up front, waiting up to the busy timeout
///   for other connections or processes, so concurrent writers queue instead of failing with
///   "database is locked" or a stale-snapshot error.
/// - Reads run concurrently on up to `maximumReaderCount` read-only connections. Each read
///   closure runs in a deferred transaction, so all its queries see one consistent snapshot
///   even while a writer commits.
/// - The synchronous methods block the calling thread. The `async` ones run the same work on
///   a Dispatch worker thread and resume the task when it is done, so they never block Swift's
///   cooperative thread pool.
public final class DatabasePool: Sendable {
    /// Whether a pool may write.
    public enum Access: Sendable, Equatable {
        /// One writer connection (the file created, owner-only, when missing) and readers.
        case readWrite
        /// Readers only, on a file that must exist: nothing is created, nothing written. For
        /// tools that only look, so that looking can never change the file.
        case readOnly
    }

    /// The database file.
    public let path: String
    public let access: Access
    /// How the pool's connections were configured.
    public let configuration: Configuration
    /// Nil when the pool is read-only.
    private let writer: SerializedConnection?
    private let readers: ReaderPool

    /// Opens the file and prepares up to `maximumReaderCount` read-only connections, opened
    /// when first needed. With `.readWrite` (the default) it also opens the writer connection,
    /// creating the file owner-only if needed and putting it in WAL mode; with `.readOnly` the
    /// file must exist, and every write method throws ``ResultCode/readOnly``.
    public init(
        path: String, configuration: Configuration = Configuration(), maximumReaderCount: Int = 4,
        access: Access = .readWrite
    ) throws {
        guard configuration.journalMode == .wal else {
            throw SQLiteError.misuse("a DatabasePool needs WAL mode: readers and the writer work side by side")
        }
        self.path = path
        self.access = access
        self.configuration = configuration
        let closed = SQLiteError.misuse("\(path) was closed (DatabasePool.close()); open it again to use it")
        switch access {
        case .readWrite:
            writer = SerializedConnection(
                try Connection(.file(path), mode: .readWriteCreate, configuration: configuration), closedError: closed)
        case .readOnly:
            writer = nil
        }
        let readers = ReaderPool(capacity: maximumReaderCount, closedError: closed) {
            try Connection(.file(path), mode: .readOnly, configuration: configuration)
        }
        // A read-only pool opens its first reader now, so a missing file fails here, not at the first read.
        if access == .readOnly { try readers.withConnection { _ in } }
        self.readers = readers
    }

    deinit {
        // The readers close first, so that the writer's close is the last: only the last
        // connection to close checkpoints the WAL into the file and deletes it, and a read-only
        // one cannot. Closed the other way round, every write stayed in the `-wal` file.
        readers.closeIdle()
    }

    /// Folds the write-ahead log into the database file and closes every connection of the
    /// pool; for a replicated file, leaves the log to the replicator. Afterwards every method
    /// throws ``ResultCode/misuse`` ("… was closed"); calling `close()` again does nothing.
    ///
    /// A pool that is never deinitialised (held in a global, or by a server for its whole
    /// life) never closes its connections, and then its `-wal` file keeps every write since the
    /// last checkpoint: gigabytes after a bulk load, and a copy of the main file alone misses
    /// them. After `close()` the main file holds everything and the `-wal` file is empty or
    /// gone.
    ///
    /// Reads and writes in progress on other threads finish first: new reads are refused at
    /// once, then `close()` waits for the borrowed readers, then for the writer, and runs
    /// `PRAGMA wal_checkpoint(TRUNCATE)` on it before closing it last (only the last connection
    /// to close may delete the `-wal` file).
    ///
    /// When the configuration's ``Checkpointing`` resolves to ``Checkpointing/external`` now
    /// (Litestream began replicating the file since the pool opened, say), there is no
    /// checkpoint and the writer closes without one: a `TRUNCATE` would wait the whole busy
    /// timeout for Litestream's read transaction and fail, and the log is Litestream's to fold.
    ///
    /// Do not call it from inside a `read` or `write` closure of this pool: it would wait for
    /// itself.
    ///
    /// - Throws: ``ResultCode/busy`` when another process still reads an older snapshot, so the
    ///   log could not be emptied (the pool is closed all the same; the rows are safe in the
    ///   log, and that process's checkpoint or last close folds them in); any error of the
    ///   checkpoint itself.
    public func close() throws {
        readers.close()
        let checkpointing = configuration.checkpointing.resolved(forDatabaseAt: path)
        try writer?.close { db in
            guard checkpointing == .local else {
                try db.useCheckpointing(.external)
                return
            }
            // (busy, frames in the log, frames checkpointed): busy is 1 when a reader of another
            // process kept the checkpoint from reaching the end of the log.
            guard let result = try db.fetchOne("PRAGMA wal_checkpoint(TRUNCATE)") else { return }
            if try result.get(0, as: Int.self) != 0 {
                throw SQLiteError(
                    code: .busy,
                    message: "\(path) was closed, but its write-ahead log could not be emptied: another connection still reads an older snapshot (\(try result.get(2, as: Int.self)) of \(try result.get(1, as: Int.self)) frames were checkpointed)")
            }
        }
    }

    private func writerConnection() throws -> SerializedConnection {
        guard let writer else {
            throw SQLiteError(code: .readOnly, message: "\(path) was opened read-only; nothing may be written through this pool")
        }
        return writer
    }

    // MARK: Synchronous

    /// Runs `body` on the writer connection in an IMMEDIATE transaction: committed when it
    /// returns, rolled back when it throws.
    public func write<T>(_ body: (Connection) throws -> T) throws -> T {
        try writerConnection().withConnection { db in try db.transaction(.immediate) { try body(db) } }
    }

    /// Runs `body` on the writer connection with no transaction around it, for work that
    /// manages its own (a migrator committing file by file, a bulk load in batches, VACUUM).
    public func writeWithoutTransaction<T>(_ body: (Connection) throws -> T) throws -> T {
        try writerConnection().withConnection(body)
    }

    /// Runs `body` on a read-only connection inside one snapshot (a deferred transaction).
    public func read<T>(_ body: (Connection) throws -> T) throws -> T {
        try readers.withConnection { db in try db.transaction(.deferred) { try body(db) } }
    }

    // MARK: Asynchronous

    /// ``write(_:)-3lhqy`` for async code.
    public func write<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await offload { try self.write(body) }
    }

    /// ``writeWithoutTransaction(_:)-mcsa`` for async code.
    public func writeWithoutTransaction<T: Sendable>(
        _ body: @escaping @Sendable (Connection) throws -> T
    ) async throws -> T {
        try await offload { try self.writeWithoutTransaction(body) }
    }

    /// ``read(_:)-4xiuz`` for async code.
    public func read<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await offload { try self.read(body) }
    }

    private func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try work() })
            }
        }
    }

    // MARK: Maintenance

    /// An online backup to `destination` (owner-only if new) from a consistent snapshot,
    /// while writers carry on. See ``Connection/backup(to:)``.
    public func backup(to destination: String) throws {
        try readers.withConnection { db in try db.backup(to: destination) }
    }

    /// `PRAGMA integrity_check` on a reader; empty when the file is sound.
    public func integrityCheck() throws -> [String] {
        try readers.withConnection { db in try db.integrityCheck() }
    }

    /// `PRAGMA foreign_key_check` on a reader.
    public func foreignKeyCheck() throws -> [ForeignKeyViolation] {
        try readers.withConnection { db in try db.foreignKeyCheck() }
    }
}
