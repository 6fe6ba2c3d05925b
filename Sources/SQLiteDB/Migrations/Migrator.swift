import Foundation

/// Applies versioned SQL files to a database, in order, each exactly once.
///
/// Applied files are recorded in `schema_migrations` (file name, SHA-256 checksum, time
/// applied), readable from the `sqlite3` shell. Before touching anything the migrator checks
/// that history and code agree, and refuses, naming the file, when an applied file was
/// edited, removed or renamed, when the database is newer than the code, or when a new file
/// would run out of order. Each pending file then runs in its own IMMEDIATE transaction, with
/// `PRAGMA foreign_key_check` before the commit; a failure rolls back that file only, so the
/// database is always at a recorded version. Migrating an up-to-date database changes nothing.
///
/// Foreign keys are enforced at each file's commit rather than statement by statement
/// (`PRAGMA defer_foreign_keys`, which ends with the transaction): a file may rebuild a table
/// that others refer to (drop it, create it again under its name, copy its rows back), which
/// `PRAGMA foreign_keys = OFF` would allow but cannot be set inside a transaction. Whatever
/// violation is left when the file ends still refuses it.
public struct Migrator: Sendable {
    /// The known migrations, sorted by number.
    public let migrations: [Migration]

    /// The table that records applied migrations.
    public static let historyTable = "schema_migrations"

    /// Throws ``MigrationError/duplicateNumber(_:files:)`` when two files share a number.
    public init(migrations: [Migration]) throws {
        let sorted = migrations.sorted { $0.number < $1.number }
        for (number, group) in Dictionary(grouping: sorted, by: \.number) where group.count > 1 {
            throw MigrationError.duplicateNumber(number, files: group.map(\.name).sorted())
        }
        self.migrations = sorted
    }

    /// One row of `schema_migrations`.
    public struct AppliedMigration: Sendable, Hashable, Decodable {
        public let fileName: String
        public let checksum: String
        public let appliedAt: Date

        enum CodingKeys: String, CodingKey {
            case fileName = "file_name", checksum, appliedAt = "applied_at"
        }
    }

    /// Where each known migration stands on a database.
    public struct Status: Sendable, Hashable {
        public let migration: Migration
        /// When it was applied, or nil while pending.
        public let appliedAt: Date?
        public var isPending: Bool { appliedAt == nil }
    }

    /// The recorded history (empty for a new database).
    public func history(_ db: Connection) throws -> [AppliedMigration] {
        let exists = try db.fetchValue(
            Int.self, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?", Self.historyTable)
        guard exists == 1 else { return [] }
        return try db.fetchAll(
            AppliedMigration.self, "SELECT file_name, checksum, applied_at FROM schema_migrations ORDER BY file_name")
    }

    /// Each known migration with the time it was applied, after checking that history and code agree.
    public func status(_ db: Connection) throws -> [Status] {
        let applied = try verifiedHistory(db)
        return migrations.map { Status(migration: $0, appliedAt: applied[$0.name]?.appliedAt) }
    }

    /// Applies every pending migration, in order. Returns the names applied (empty when up to date).
    @discardableResult
    public func migrate(_ db: Connection) throws -> [String] {
        guard !db.isInTransaction else {
            throw SQLiteError.misuse("migrate outside any transaction: each file commits on its own")
        }
        try requireMigratable(db)
        try db.executeScript("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                file_name  TEXT PRIMARY KEY,
                checksum   TEXT NOT NULL,
                applied_at TEXT NOT NULL
            ) STRICT
            """)
        let applied = try verifiedHistory(db)
        var done: [String] = []
        for migration in migrations where applied[migration.name] == nil {
            try db.transaction(.immediate) {
                try db.execute("PRAGMA defer_foreign_keys = ON")
                do {
                    try db.executeScript(migration.sql)
                } catch let error as SQLiteError {
                    throw MigrationError.failed(file: migration.name, error: error)
                }
                let violations = try db.foreignKeyCheck()
                guard violations.isEmpty else {
                    throw MigrationError.foreignKeyViolations(file: migration.name, violations: violations)
                }
                try db.execute(
                    "INSERT INTO schema_migrations (file_name, checksum, applied_at) VALUES (?, ?, ?)",
                    migration.name, migration.checksum, Date())
            }
            done.append(migration.name)
        }
        return done
    }

    /// Throws ``MigrationError/unversioned(tables:)`` when the database holds tables but no
    /// history: another program's database, which ``migrate(_:)`` refuses to add a schema to.
    /// Reads only, so a tool can ask before it opens the file for writing.
    public func requireMigratable(_ db: Connection) throws {
        guard try history(db).isEmpty else { return }
        let tables = try db.fetchValues(String.self, """
            SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
              AND name <> ? ORDER BY name
            """, Self.historyTable)
        guard tables.isEmpty else { throw MigrationError.unversioned(tables: tables) }
    }

    /// Throws unless every known migration is applied and history and code agree: the check
    /// of a program that reads a database it must not change. Reads only.
    public func requireUpToDate(_ db: Connection) throws {
        let applied = try verifiedHistory(db)
        guard !applied.isEmpty || migrations.isEmpty else { throw MigrationError.notMigrated }
        let pending = migrations.filter { applied[$0.name] == nil }.map(\.name)
        guard pending.isEmpty else { throw MigrationError.pending(files: pending) }
    }

    /// The history keyed by file name, or the first disagreement between history and code.
    private func verifiedHistory(_ db: Connection) throws -> [String: AppliedMigration] {
        let history = try history(db)
        let known = Dictionary(uniqueKeysWithValues: migrations.map { ($0.name, $0) })
        let latestKnown = migrations.last
        for record in history {
            if let migration = known[record.fileName] {
                if migration.checksum != record.checksum {
                    throw MigrationError.edited(
                        file: record.fileName, recordedChecksum: record.checksum, currentChecksum: migration.checksum)
                }
                continue
            }
            if let renamed = migrations.first(where: { $0.checksum == record.checksum }) {
                throw MigrationError.renamed(from: record.fileName, to: renamed.name)
            }
            if let number = Migration.number(in: record.fileName), number > (latestKnown?.number ?? -1) {
                throw MigrationError.databaseIsNewer(file: record.fileName, latestKnown: latestKnown?.name)
            }
            throw MigrationError.missing(file: record.fileName)
        }
        let appliedNames = Set(history.map(\.fileName))
        if let lastApplied = migrations.last(where: { appliedNames.contains($0.name) }),
           let early = migrations.first(where: { !appliedNames.contains($0.name) && $0.number < lastApplied.number }) {
            throw MigrationError.outOfOrder(file: early.name, alreadyApplied: lastApplied.name)
        }
        return Dictionary(uniqueKeysWithValues: history.map { ($0.fileName, $0) })
    }
}
