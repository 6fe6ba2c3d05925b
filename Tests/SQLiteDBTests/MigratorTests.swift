import Foundation
@testable import SQLiteDB
import Testing

@Suite struct MigratorTests {
    let db: Connection

    init() throws {
        db = try Connection(.memory)
    }

    func migrator(_ files: [(String, String)]) throws -> Migrator {
        try Migrator(migrations: files.map { try Migration(name: $0.0, sql: $0.1) })
    }

    let first = ("0001_people.sql", "CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT);")
    let second = ("0002_pets.sql", "CREATE TABLE pets (id INTEGER PRIMARY KEY, owner INTEGER REFERENCES people (id));")
    let third = ("0003_toys.sql", "CREATE TABLE toys (id INTEGER PRIMARY KEY);")

    func migrationError(_ body: () throws -> Void) -> MigrationError? {
        do { try body() } catch let error as MigrationError { return error } catch { return nil }
        return nil
    }

    @Test func checksumIsSHA256OfTheFileBytes() {
        #expect(SHA256.hexDigest("".utf8) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hexDigest("abc".utf8) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = String(repeating: "a", count: 1_000_000)
        #expect(SHA256.hexDigest(long.utf8) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func appliesPendingFilesInOrderOnceAndRecordsThem() throws {
        let migrator = try migrator([second, first])  // given out of order: sorted by number
        #expect(try migrator.migrate(db) == ["0001_people.sql", "0002_pets.sql"])
        #expect(try migrator.migrate(db) == [])  // a second run is a no-op
        let history = try migrator.history(db)
        #expect(history.map(\.fileName) == ["0001_people.sql", "0002_pets.sql"])
        #expect(history[0].checksum == SHA256.hexDigest(first.1.utf8))
        #expect(abs(history[0].appliedAt.timeIntervalSinceNow) < 60)
        #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM sqlite_schema WHERE name IN ('people', 'pets')") == 2)
        // Later code with one more file applies just that one.
        #expect(try self.migrator([first, second, third]).migrate(db) == ["0003_toys.sql"])
        #expect(try self.migrator([first, second, third]).status(db).allSatisfy { !$0.isPending })
    }

    @Test func requireUpToDateNamesWhatIsMissingAndReadsOnly() throws {
        #expect(migrationError { try self.migrator([first]).requireUpToDate(db) } == .notMigrated)
        #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM sqlite_schema") == 0, "it created nothing")
        try migrator([first]).migrate(db)
        #expect(migrationError { try self.migrator([first, second, third]).requireUpToDate(db) }
                == .pending(files: ["0002_pets.sql", "0003_toys.sql"]))
        try migrator([first]).requireUpToDate(db)   // up to date: no throw
        #expect(migrationError { try self.migrator([second]).requireUpToDate(db) } == .missing(file: "0001_people.sql"))
    }

    @Test func refusesToMigrateAnotherProgramsDatabase() throws {
        try db.execute("CREATE TABLE payslips (id INTEGER PRIMARY KEY)")
        #expect(migrationError { try self.migrator([first]).migrate(db) } == .unversioned(tables: ["payslips"]))
        #expect(try db.fetchValues(String.self, "SELECT name FROM sqlite_schema ORDER BY name") == ["payslips"],
                "nothing was added, not even schema_migrations")
        // Positive control: an empty database is migrated.
        let empty = try Connection(.memory)
        #expect(try migrator([first]).migrate(empty) == ["0001_people.sql"])
    }

    @Test func statusListsPendingFiles() throws {
        try migrator([first]).migrate(db)
        let status = try migrator([first, second]).status(db)
        #expect(status.map(\.migration.name) == ["0001_people.sql", "0002_pets.sql"])
        #expect(status.map(\.isPending) == [false, true])
    }

    @Test func refusesAnEditedFile() throws {
        try migrator([first]).migrate(db)
        let edited = (first.0, first.1 + " -- tweak")
        let error = migrationError { try self.migrator([edited]).migrate(db) }
        guard case .edited(let file, let recorded, let current)? = error else {
            Issue.record("expected .edited, got \(String(describing: error))")
            return
        }
        #expect(file == "0001_people.sql")
        #expect(recorded == SHA256.hexDigest(first.1.utf8))
        #expect(current == SHA256.hexDigest(edited.1.utf8))
        #expect(error?.description.contains("0001_people.sql was edited after it was applied") == true)
    }

    @Test func refusesARemovedFile() throws {
        try migrator([first, second, third]).migrate(db)
        let error = migrationError { try self.migrator([first, third]).migrate(db) }
        #expect(error == .missing(file: "0002_pets.sql"))
    }

    @Test func refusesARenamedFile() throws {
        try migrator([first, second]).migrate(db)
        let error = migrationError { try self.migrator([first, ("0002_animals.sql", second.1)]).migrate(db) }
        #expect(error == .renamed(from: "0002_pets.sql", to: "0002_animals.sql"))
    }

    @Test func refusesADatabaseNewerThanTheCode() throws {
        try migrator([first, second, third]).migrate(db)
        let error = migrationError { _ = try self.migrator([first, second]).status(db) }
        #expect(error == .databaseIsNewer(file: "0003_toys.sql", latestKnown: "0002_pets.sql"))
    }

    @Test func refusesAFileThatWouldRunOutOfOrder() throws {
        try migrator([first, third]).migrate(db)
        let error = migrationError { try self.migrator([first, second, third]).migrate(db) }
        #expect(error == .outOfOrder(file: "0002_pets.sql", alreadyApplied: "0003_toys.sql"))
        #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM sqlite_schema WHERE name = 'pets'") == 0)
    }

    @Test func aFailingFileIsRolledBackWholeAndNamed() throws {
        let broken = ("0002_broken.sql", "CREATE TABLE half (x); INSERT INTO nowhere VALUES (1);")
        let error = migrationError { try self.migrator([first, broken]).migrate(db) }
        guard case .failed(let file, let sqliteError)? = error else {
            Issue.record("expected .failed, got \(String(describing: error))")
            return
        }
        #expect(file == "0002_broken.sql")
        #expect(sqliteError.message == "no such table: nowhere")
        // The first file stays applied; nothing of the broken one remains.
        #expect(try migrator([first]).history(db).map(\.fileName) == ["0001_people.sql"])
        #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM sqlite_schema WHERE name = 'half'") == 0)
    }

    @Test func danglingForeignKeysAreCaughtBeforeCommit() throws {
        let dangling = ("0002_dangling.sql", """
            CREATE TABLE owners (id INTEGER PRIMARY KEY);
            CREATE TABLE cats (id INTEGER PRIMARY KEY,
                               owner INTEGER REFERENCES owners (id) DEFERRABLE INITIALLY DEFERRED);
            INSERT INTO cats VALUES (1, 42);
            """)
        let error = migrationError { try self.migrator([first, dangling]).migrate(db) }
        #expect(error == .foreignKeyViolations(
            file: "0002_dangling.sql",
            violations: [ForeignKeyViolation(table: "cats", rowID: 1, parent: "owners", foreignKeyIndex: 0)]))
        #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM sqlite_schema WHERE name = 'cats'") == 0)
    }

    @Test func namesMustBeNumberedAndUnique() throws {
        #expect(throws: MigrationError.invalidName("regions.sql")) { try Migration(name: "regions.sql", sql: "") }
        #expect(throws: MigrationError.invalidName("0001-Regions.sql")) { try Migration(name: "0001-Regions.sql", sql: "") }
        #expect(throws: MigrationError.duplicateNumber(1, files: ["0001_a.sql", "0001_b.sql"])) {
            try self.migrator([("0001_a.sql", ""), ("0001_b.sql", "")])
        }
    }
}
