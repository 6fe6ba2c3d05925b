import Foundation
import SQLiteDB
import Testing

/// A pool's access mode, and what it leaves on disk when it goes away.
@Suite struct PoolAccessTests {
    let directory: TemporaryDirectory
    let path: String

    init() throws {
        directory = try TemporaryDirectory()
        path = directory.path("pool.sqlite")
    }

    /// Only the last connection to close checkpoints the WAL, and a read-only one cannot: the
    /// pool closes its readers before its writer, so the file alone holds every write.
    @Test func aReleasedPoolLeavesEveryWriteInTheFileAndNoWAL() throws {
        try {
            let pool = try DatabasePool(path: path)
            try pool.write { db in
                try db.execute("CREATE TABLE t (x INTEGER)")
                try db.execute("INSERT INTO t VALUES (1), (2), (3)")
            }
            #expect(try pool.read { db in try db.fetchValue(Int.self, "SELECT count(*) FROM t") } == 3)
        }()
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"), "the WAL was not checkpointed and removed")
        // A hard link has no WAL of its own: it sees only what the file itself holds.
        #expect(link(path, directory.path("alias.sqlite")) == 0)
        let alias = try Connection(.file(directory.path("alias.sqlite")), mode: .readOnly)
        #expect(try alias.fetchValue(Int.self, "SELECT count(*) FROM t") == 3)
    }

    @Test func aReadOnlyPoolNeedsTheFileAndNeverWrites() throws {
        #expect(throws: SQLiteError.self) { try DatabasePool(path: path, access: .readOnly) }
        #expect(!FileManager.default.fileExists(atPath: path), "a read-only pool created the file")

        try Connection(.file(path)).execute("CREATE TABLE t (x INTEGER)")
        let pool = try DatabasePool(path: path, access: .readOnly)
        #expect(pool.access == .readOnly)
        #expect(try pool.read { db in try db.fetchValue(Int.self, "SELECT count(*) FROM t") } == 0)
        for attempt in [{ try pool.write { db in try db.execute("INSERT INTO t VALUES (1)") } },
                        { try pool.writeWithoutTransaction { db in try db.execute("INSERT INTO t VALUES (1)") } }] {
            let error = try #require(throws: SQLiteError.self) { try attempt() }
            #expect(error.code == .readOnly)
        }
        // Even SQL that writes, run on a reader, is refused by SQLite itself.
        let error = try #require(throws: SQLiteError.self) {
            try pool.read { db in try db.execute("INSERT INTO t VALUES (1)") }
        }
        #expect(error.primaryCode == .readOnly)
    }
}
