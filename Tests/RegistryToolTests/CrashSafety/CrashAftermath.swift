import Foundation
import SQLiteDB
import Testing

/// What every crash test checks once the import is dead: the database reopens (SQLite
/// recovers the WAL the killed process left, dropping frames of any transaction whose commit
/// frame was not written), `PRAGMA integrity_check` says ok, and `registry check` finds
/// nothing wrong.
enum CrashAftermath {
    /// Reopens `database` as a writer would, checks it, and returns the connection for the
    /// test to count what the import left.
    static func reopen(_ database: String, killedAt point: KillPoint) throws -> Connection {
        let db = try Connection(.file(database), mode: .readWrite)
        #expect(try db.fetchValues(String.self, "PRAGMA integrity_check") == ["ok"], "after a kill at \(point.testDescription)")
        #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM standing_stale") == 0,
                "the standing tables are refreshed in the transaction that changes the ledger, so none is left stale")
        let check = try Tool.run(["check", "--db", database])
        #expect(check.status == 0, "registry check after a kill at \(point.testDescription): \(check.stdout) \(check.stderr)")
        return db
    }
}
