import Foundation
import SQLiteDB
import Testing

/// `registry import workers FILE` (all-or-nothing, one transaction) killed with SIGKILL at
/// every phase, from the first rows to the checkpoint after the commit: the reopened register
/// is sound and holds all of the file or none of it, never a part.
@Suite struct WholeFileImportCrashTests {
    /// About a second of import in a debug build; its commit writes some 6 MB of WAL.
    static let workerCount = 10_000

    @Test(arguments: [KillPoint.fileOpened, .reading(percent: 50), .fileRead, .commitBegun, .commitUnderWay, .committed, .checkpointing])
    func killedWorkerImportLeavesAllOrNothing(at point: KillPoint) throws {
        let dir = try TemporaryDirectory()
        let database = dir.path("r.sqlite")
        try InterchangeFixtures.database(at: database, in: dir, through: "offices")
        let csv = dir.path("workers.csv")
        try BulkCSV.workers(0..<Self.workerCount).text.write(toFile: csv, atomically: false, encoding: .utf8)
        let csvSize = try #require(FileStamp(csv)).size

        let child = try KillableImport(["import", "workers", csv, "--db", database, "--verbose"], csv: csv, database: database)
        var watch = KillPoint.Watch(point, start: child.start, csvSize: csvSize)
        let look = child.stop(at: &watch)
        let (result, killed) = child.kill()
        #expect(look != nil && killed, "the import ended before '\(point.testDescription)': \(result.stdout)")

        let db = try CrashAftermath.reopen(database, killedAt: point)
        let stored = try #require(try db.fetchValue(Int.self, "SELECT count(*) FROM workers"))
        let outcome = WholeFileOutcome(killedAt: look, start: child.start)
        #expect(stored == outcome.rows(of: Self.workerCount),
                "killed at '\(point.testDescription)' (WAL \(look?.wal?.description ?? "none")): \(stored) of \(Self.workerCount) workers stored, expected \(outcome)")
        // The audit rows went in the same transaction as the workers.
        let audited = try db.fetchValue(Int.self, "SELECT count(*) FROM audit_log WHERE table_name = 'workers'")
        #expect(audited == stored)
    }
}
