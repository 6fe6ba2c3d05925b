import Foundation
import SQLiteDB

/// The membership register: the one entry point for tools that link the library.
///
/// ```swift
/// let registry = try Registry(path: "registry.sqlite")     // creates or upgrades the schema
/// let worker = try registry.write(actor: "clerk:siti") { try $0.register(newWorker) }
/// let status = try registry.read { try $0.status(of: membershipID, on: today) }
/// ```
///
/// Every operation is a method of ``RegistrySession``; a `write` or `read` closure is one
/// transaction, so several operations compose into one all-or-nothing unit of work (an import
/// batch, a payment with its allocations). Async code uses the `async` overloads.
///
/// `Registry` is `Sendable`: share one per database file. Writes queue on one connection;
/// reads run side by side on snapshot connections (see `DatabasePool` in SQLiteDB).
public final class Registry: Sendable {
    /// The underlying pool, for SQL the typed API does not cover.
    public let pool: DatabasePool
    /// The clock stamped on new rows (`registered_at`, `recorded_at`, `paid_at` defaults).
    /// Tests and the demo generator replace it to write history (see ``RegistryClock``).
    public let clock: @Sendable () -> Date

    /// Opens the database at `path`.
    ///
    /// - `.readWrite` (the default) creates the file (owner-only) when missing and brings its
    ///   schema up to date; it refuses a database of another program
    ///   (`MigrationError.unversioned(tables:)`).
    /// - `.readOnly` never creates, migrates or writes: the file must be a register at this
    ///   library's schema, else it throws `MigrationError.notMigrated` or
    ///   `MigrationError.pending(files:)`. Reports that find the standing tables out
    ///   of date throw instead of refreshing them (see ``read(_:)-1e9wz``).
    public init(
        path: String,
        access: DatabasePool.Access = .readWrite,
        configuration: Configuration = Configuration(),
        clock: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        pool = try DatabasePool(path: path, configuration: configuration, access: access)
        self.clock = clock
        switch access {
        case .readWrite: try RegistrySchema.migrate(pool)
        case .readOnly: try pool.read { db in try RegistrySchema.migrator().requireUpToDate(db) }
        }
    }

    /// Opens the database at `path`, as the initialiser above, with a ``RegistryClock``:
    /// `.system`, `.fixed(…)`, or a ``RegistryClock/Settable`` clock for writing history.
    public convenience init(
        path: String,
        access: DatabasePool.Access = .readWrite,
        configuration: Configuration = Configuration(),
        clock: RegistryClock
    ) throws {
        try self.init(path: path, access: access, configuration: configuration, clock: clock.now)
    }

    /// Folds the write-ahead log into the database file and closes every connection; any use
    /// of the registry afterwards throws a `SQLiteError` (`ResultCode.misuse`,
    /// "… was closed"). Calling it again does nothing. A register that Litestream replicates
    /// keeps its log for Litestream to fold in (see `Checkpointing` in SQLiteDB).
    ///
    /// Call it when done with a registry that lives as long as the program (a global, a
    /// server's): such a registry is never deinitialised, so without `close()` every write
    /// since the last checkpoint stays in the `-wal` file, gigabytes after an import, and a
    /// copy of the main file alone misses it. Reads and writes running on other threads finish
    /// first. Not from inside a `read` or `write` closure: it would wait for itself.
    /// See `DatabasePool.close()` in SQLiteDB.
    public func close() throws {
        try pool.close()
    }

    /// Whether this registry was opened `.readOnly`.
    public var isReadOnly: Bool { pool.access == .readOnly }

    /// Runs `body` in one IMMEDIATE transaction, committed when it returns. Changes to audited
    /// tables are logged under `actor` when one is given (see ``RegistrySchema/recordingActor(_:on:_:)``).
    public func write<T>(actor: String? = nil, _ body: (RegistrySession) throws -> T) throws -> T {
        try pool.write { db in try Self.run(actor: actor, session: RegistrySession(db, clock: clock), body) }
    }

    /// Runs `body` on a read-only snapshot.
    ///
    /// When a report finds the standing tables out of date (SQL typed by hand changed the
    /// ledger), they are refreshed in a write transaction and `body` runs again, once. A
    /// read-only registry never writes: the report throws a ``RegistryError/conflict(field:value:reason:)``
    /// on `standing_stale` that says to refresh first.
    public func read<T>(_ body: (RegistrySession) throws -> T) throws -> T {
        do {
            return try pool.read { db in try body(RegistrySession(db, clock: clock)) }
        } catch let error as RegistryError where error.isStaleStanding && !isReadOnly {
            try write { _ in }
            return try pool.read { db in try body(RegistrySession(db, clock: clock)) }
        }
    }

    /// ``write(actor:_:)`` for async code.
    public func write<T: Sendable>(
        actor: String? = nil, _ body: @escaping @Sendable (RegistrySession) throws -> T
    ) async throws -> T {
        let clock = self.clock
        return try await pool.write { db in try Self.run(actor: actor, session: RegistrySession(db, clock: clock), body) }
    }

    /// ``read(_:)`` for async code.
    public func read<T: Sendable>(_ body: @escaping @Sendable (RegistrySession) throws -> T) async throws -> T {
        let clock = self.clock
        do {
            return try await pool.read { db in try body(RegistrySession(db, clock: clock)) }
        } catch let error as RegistryError where error.isStaleStanding && !isReadOnly {
            try await write { _ in }
            return try await pool.read { db in try body(RegistrySession(db, clock: clock)) }
        }
    }

    /// Runs `body`, then brings the standing tables up to date before the commit, so every
    /// write leaves the report tables exact.
    private static func run<T>(actor: String?, session: RegistrySession, _ body: (RegistrySession) throws -> T) throws -> T {
        let result = if let actor {
            try RegistrySchema.recordingActor(actor, on: session.connection) { try body(session) }
        } else {
            try body(session)
        }
        try session.refreshStanding()
        return result
    }
}
