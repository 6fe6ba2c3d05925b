import Foundation
import SQLiteDB
import Testing

/// A long import in batches does not shut other writers out. SQLite's write lock is not a
/// queue: a waiting writer gets it only by trying while it is free. So the import leaves the
/// lock free for a moment between batches (`CSVImport.pauseBetweenBatches`) and waiting
/// connections try every millisecond (the wrapper's busy handler); before both, a payment
/// stream beside an import of 10,000-row batches failed with "database is locked".
///
/// Shown with a stream whose busy timeout is 1 second, writing while an import of 20 batches
/// of about 0.1 s each runs for a few seconds: every payment has to get in between batches.
@Suite struct BatchedImportFairnessTests {
    @Test func aWriterWaitingBehindABatchedImportGetsInBetweenBatches() throws {
        let dir = try TemporaryDirectory()
        let database = dir.path("r.sqlite")
        // Five informal members for the stream to pay.
        try InterchangeFixtures.database(at: database, in: dir, through: "offices")
        let members = dir.path("members.csv"), memberships = dir.path("memberships.csv")
        try BulkCSV.workers(0..<5).text.write(toFile: members, atomically: false, encoding: .utf8)
        try #require(try Tool.run(["import", "workers", members, "--db", database]).status == 0)
        try BulkCSV.informalMemberships(kpjs: try BulkCSV.kpjs(in: database)).write(toFile: memberships, atomically: false, encoding: .utf8)
        try #require(try Tool.run(["import", "memberships", memberships, "--db", database]).status == 0)
        let ids = try Connection(.file(database), mode: .readOnly).fetchValues(Int64.self, "SELECT id FROM memberships ORDER BY id")
        let workers = dir.path("workers.csv")
        try BulkCSV.workers(5..<20_005).text.write(toFile: workers, atomically: false, encoding: .utf8)

        let importer = try ChildProcess("registry", [
            "import", "workers", workers, "--db", database, "--skip-invalid", "--batch-size", "1000", "--verbose",
        ])
        // From its first commit on, the import takes the lock batch after batch.
        while importer.errorLines.isEmpty && importer.isRunning { usleep(1_000) }
        let stream = try ChildProcess("PaymentStream", [database, "F", "5", String(BulkCSV.monthlyDues)] + ids.map(String.init),
                                      environment: ["BUSY_TIMEOUT_MS": "1000"])
        let streamResult = stream.wait()
        let importWasStillRunning = importer.isRunning
        let importResult = importer.wait()

        #expect(streamResult.status == 0, "the stream was shut out: \(streamResult.stderr)")
        #expect(streamResult.stdout == (0..<5).map { "F-\($0)\n" }.joined())
        #expect(importWasStillRunning, "the import ended before the stream did, so the stream never had to wait for it; make the file larger")
        #expect(importResult.status == 0, "\(importResult.stderr)")
        let db = try Connection(.file(database), mode: .readOnly)
        #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM payments") == 5)
        #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM workers") == 20_005)
    }
}
