import Foundation
import Registry
import SQLiteDB
import Testing

/// Commands that only look never write: reports, `worker show`, `export`, `check`, `backup`
/// and `migrate --status` open the file read-only and refuse (exit 3) anything that is not a
/// register at this program's schema. Only `init`, `migrate`, `demo` and the writing commands
/// create or migrate, and no command adds the register's schema to another program's database.
@Suite struct ReadOnlyCommandTests {
    let dir: TemporaryDirectory

    init() throws {
        dir = try TemporaryDirectory()
    }

    static let readers: [[String]] = [
        ["report", "status"], ["report", "coverage"], ["report", "arrears"], ["report", "achievement"],
        ["report", "agents"], ["worker", "show", "10000000003"], ["export", "workers"], ["check"],
        ["migrate", "--status"],
    ]

    private func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    private func run(_ command: [String], on path: String) throws -> ToolResult {
        try Tool.run(command + ["--db", path])
    }

    @Test func aZeroByteFileIsRefusedByEveryReaderAndStaysEmpty() throws {
        let empty = dir.path("empty.sqlite")
        #expect(FileManager.default.createFile(atPath: empty, contents: nil))
        let migrationCount = try RegistrySchema.migrations().count
        let listing = try run(["migrate", "--status"], on: empty)
        #expect(listing.status == 0 && listing.stdout.hasSuffix("\(migrationCount) pending\n"))
        #expect(try bytes(empty).isEmpty, "migrate --status wrote into the file")
        for command in Self.readers + [["backup", dir.path("copy.sqlite")]] where command != ["migrate", "--status"] {
            let result = try run(command, on: empty)
            #expect(result.status == 3, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("is not a registry database"), "\(command): \(result.stderr)")
            #expect(try bytes(empty).isEmpty, "\(command) wrote into the file")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.path("copy.sqlite")))
        // A writing command does not adopt it either; `migrate`, asked in so many words, does.
        let payment = try run(["pay", "informal", "10000000003", "--months", "1", "--amount", "16800",
                               "--receipt", "R-1", "--channel", "e_wallet"], on: empty)
        #expect(payment.status == 3 && payment.stderr.contains("is not a registry database"), "\(payment.stderr)")
        #expect(try bytes(empty).isEmpty)
        let migrated = try run(["migrate"], on: empty)
        #expect(migrated.status == 0, "\(migrated.stderr)")
        #expect(try run(["report", "status"], on: empty).status == 0)
    }

    @Test func anotherProgramsDatabaseIsNeverMigrated() throws {
        let foreign = dir.path("payroll.sqlite")
        let connection = try Connection(.file(foreign))
        try connection.execute("CREATE TABLE payslips (id INTEGER PRIMARY KEY, amount INTEGER)")
        try connection.execute("INSERT INTO payslips (amount) VALUES (1000)")
        let schema = try connection.fetchValues(String.self, "SELECT name FROM sqlite_schema ORDER BY name")
        for command in Self.readers + [["migrate"], ["refresh"], ["import", "regions", "/dev/null"]] {
            let result = try run(command, on: foreign)
            #expect(result.status == 3 || (command.first == "import" && result.status == 2), "\(command): \(result.stderr)")
            #expect(try connection.fetchValues(String.self, "SELECT name FROM sqlite_schema ORDER BY name") == schema,
                    "\(command) changed the schema")
        }
        let migrate = try run(["migrate"], on: foreign)
        #expect(migrate.stderr.contains("payslips") && migrate.stderr.contains("no schema_migrations"), "\(migrate.stderr)")
    }

    @Test func anOlderRegisterIsReadOnlyAfterMigrate() throws {
        let older = dir.path("older.sqlite")
        try {
            let pool = try DatabasePool(path: older)
            let through14 = try RegistrySchema.migrations().filter { $0.number <= 14 }
            _ = try pool.writeWithoutTransaction { db in try Migrator(migrations: through14).migrate(db) }
        }()
        func applied() throws -> Int {
            try Connection(.file(older), mode: .readOnly).fetchValue(Int.self, "SELECT count(*) FROM schema_migrations") ?? 0
        }
        #expect(try applied() == 14)
        let pending = try RegistrySchema.migrations().filter { $0.number > 14 }
        for command in Self.readers where command != ["migrate", "--status"] {
            let result = try run(command, on: older)
            #expect(result.status == 3, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("\(pending.count) migration(s) pending, from \(pending[0].name)")
                    && result.stderr.contains("'registry migrate'"), "\(command): \(result.stderr)")
            #expect(try applied() == 14, "\(command) migrated the file")
        }
        let status = try run(["migrate", "--status"], on: older)
        #expect(status.status == 0 && status.stdout.hasSuffix("\(pending.count) pending\n"), "\(status.stdout)")
        #expect(try applied() == 14)
        #expect(try run(["migrate"], on: older).status == 0)
        #expect(try run(["report", "status"], on: older).status == 0)
    }

    @Test func aReportSaysSoWhenItRefreshesTablesTheShellLeftBehind() throws {
        let db = dir.path("small.sqlite")
        _ = try SmallRegistry(at: db)
        let quiet = try run(["report", "status", "--as-of", "2025-06-20"], on: db)
        #expect(quiet.status == 0 && quiet.stderr.isEmpty, "\(quiet.stderr)")

        // The mark the ledger's triggers leave when SQL typed in the shell changes a membership.
        let shell = try Connection(.file(db))
        try shell.execute("INSERT INTO standing_stale (membership_id) SELECT min(id) FROM memberships")
        let refreshed = try run(["report", "status", "--as-of", "2025-06-20"], on: db)
        #expect(refreshed.status == 0, "\(refreshed.stderr)")
        #expect(refreshed.stderr.contains("refreshing them first"), "\(refreshed.stderr)")
        #expect(try shell.fetchValue(Int.self, "SELECT count(*) FROM standing_stale") == 0)

        // check and export read as they find it, and never write.
        try shell.execute("INSERT INTO standing_stale (membership_id) SELECT min(id) FROM memberships")
        for command in [["check", "--as-of", "2025-06-20"], ["export", "memberships"]] {
            let result = try run(command, on: db)
            #expect(result.status == 0 && !result.stderr.contains("refreshing"), "\(command): \(result.stderr)")
            #expect(try shell.fetchValue(Int.self, "SELECT count(*) FROM standing_stale") == 1)
        }
    }

    @Test func theLibrarysReadOnlyRegistryNeitherCreatesNorWrites() throws {
        let missing = dir.path("missing.sqlite")
        #expect(throws: SQLiteError.self) { try Registry(path: missing, access: .readOnly) }
        #expect(!FileManager.default.fileExists(atPath: missing))

        let db = dir.path("small.sqlite")
        _ = try SmallRegistry(at: db)
        let registry = try Registry(path: db, access: .readOnly)
        #expect(registry.isReadOnly)
        #expect(try registry.read { try $0.connection.fetchValue(Int.self, "SELECT count(*) FROM workers") } == 3)
        let error = try #require(throws: SQLiteError.self) { try registry.write { _ in } }
        #expect(error.code == .readOnly)
    }
}
