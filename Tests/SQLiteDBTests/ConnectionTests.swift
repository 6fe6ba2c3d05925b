import Foundation
import SQLiteDB
import Testing

@Suite struct ConnectionTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    @Test func newDatabaseFilesAreOwnerOnly() throws {
        let path = directory.path("private.sqlite")
        let db = try Connection(.file(path))
        try db.execute("CREATE TABLE t (x)")
        try db.execute("INSERT INTO t VALUES (?)", 1)
        #expect(try permissions(of: path) == 0o600)
        #expect(try permissions(of: path + "-wal") == 0o600)
        #expect(try permissions(of: path + "-shm") == 0o600)
    }

    @Test func existingFileKeepsTheModeItsOwnerChose() throws {
        let path = directory.path("shared.sqlite")
        #expect(FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o640]))
        _ = try Connection(.file(path))
        #expect(try permissions(of: path) == 0o640)
    }

    @Test func filesOpenInWALWithForeignKeysAndTheBusyTimeout() throws {
        let db = try Connection(.file(directory.path("wal.sqlite")))
        #expect(try db.fetchValue(String.self, "PRAGMA journal_mode") == "wal")
        #expect(try db.fetchValue(Int.self, "PRAGMA foreign_keys") == 1)
        #expect(try db.fetchValue(Int.self, "PRAGMA synchronous") == 1)  // NORMAL
        // The wrapper installs its own busy handler (BusyWaitTests), so SQLite's pragma reads 0.
        #expect(db.configuration.busyTimeout == .seconds(5))
        #expect(try db.fetchValue(Int.self, "PRAGMA busy_timeout") == 0)
        var configuration = Configuration()
        configuration.cacheSizeKiB = 65536
        let tuned = try Connection(.file(directory.path("tuned.sqlite")), configuration: configuration)
        #expect(try tuned.fetchValue(Int.self, "PRAGMA cache_size") == -65536)
    }

    @Test func readOnlyAndReadWriteModesNeedTheFile() throws {
        let path = directory.path("modes.sqlite")
        #expect(sqliteError { _ = try Connection(.file(path), mode: .readWrite) }?.primaryCode == .cannotOpen)
        #expect(!FileManager.default.fileExists(atPath: path))
        let writer = try Connection(.file(path))
        try writer.execute("CREATE TABLE t (x)")
        let reader = try Connection(.file(path), mode: .readOnly)
        #expect(reader.isReadOnly)
        #expect(sqliteError { try reader.execute("INSERT INTO t VALUES (?)", 1) }?.primaryCode == .readOnly)
        #expect(try reader.fetchValue(Int.self, "SELECT count(*) FROM t") == 0)
    }

    @Test func memoryAndURILocations() throws {
        let memory = try Connection(.memory)
        #expect(!memory.isFileBacked)
        #expect(memory.path == nil)
        let path = directory.path("uri.sqlite")
        try Connection(.file(path)).execute("CREATE TABLE t (x)")
        let readOnly = try Connection(.uri("file:\(path)?mode=ro"))
        #expect(readOnly.isReadOnly)
        #expect(readOnly.path == path)
    }

    @Test func defensiveModeRefusesSchemaBackDoors() throws {
        let db = try Connection(.memory)
        try db.execute("PRAGMA writable_schema = ON")
        let error = sqliteError { try db.execute("DELETE FROM sqlite_schema") }
        #expect(error != nil)
    }
}

@Suite struct MaintenanceTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    @Test func onlineBackupIsSoundOwnerOnlyAndComplete() throws {
        let pool = try DatabasePool(path: directory.path("source.sqlite"))
        try pool.write { db in
            try db.execute("CREATE TABLE workers (id INTEGER PRIMARY KEY, name TEXT)")
            for i in 0..<2000 { try db.execute("INSERT INTO workers (name) VALUES (?)", "Pekerja \(i)") }
        }
        let backupPath = directory.path("backup.sqlite")
        try pool.backup(to: backupPath)
        #expect(try permissions(of: backupPath) == 0o600)
        let copy = try Connection(.file(backupPath), mode: .readOnly)
        #expect(try copy.integrityCheck().isEmpty)
        let original = try pool.read { db in try db.fetchAll("SELECT * FROM workers ORDER BY id") }
        #expect(try copy.fetchAll("SELECT * FROM workers ORDER BY id") == original)
    }

    @Test func foreignKeyCheckListsDanglingRows() throws {
        var configuration = Configuration()
        configuration.foreignKeys = false
        let db = try Connection(.memory, configuration: configuration)
        try db.executeScript("""
            CREATE TABLE parents (id INTEGER PRIMARY KEY);
            CREATE TABLE children (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parents (id));
            INSERT INTO parents VALUES (1);
            INSERT INTO children VALUES (10, 1), (11, 2);
            """)
        #expect(try db.foreignKeyCheck() == [
            ForeignKeyViolation(table: "children", rowID: 11, parent: "parents", foreignKeyIndex: 0)
        ])
        #expect(try db.integrityCheck().isEmpty)
    }
}
