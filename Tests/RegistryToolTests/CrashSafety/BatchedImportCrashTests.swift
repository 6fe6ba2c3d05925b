import Foundation
import SQLiteDB
import Testing

/// `registry import workers FILE --skip-invalid --batch-size 1000 --verbose` killed with
/// SIGKILL right after a reported commit, in the middle of a batch, and while the next
/// batch's commit writes its frames: the reopened register holds exactly the good rows of the
/// batches the import reported committed — or of one batch more, see below — and is sound.
@Suite struct BatchedImportCrashTests {
    static let workerCount = 10_000
    static let batchSize = 1_000
    /// Every 97th worker names a village that does not exist: rejected, left out, import goes on.
    static let refusedEvery = 97

    @Test(arguments: [KillPoint.afterReport(1), .betweenReports(after: 3), .nextCommitWriting(after: 2),
                      .afterReport(6), .nextCommitWriting(after: 8)])
    func killedBatchedImportKeepsTheReportedBatches(at point: KillPoint) throws {
        let dir = try TemporaryDirectory()
        let database = dir.path("r.sqlite")
        try InterchangeFixtures.database(at: database, in: dir, through: "offices")
        let csv = dir.path("workers.csv")
        let file = BulkCSV.workers(0..<Self.workerCount, refusedEvery: Self.refusedEvery)
        try file.text.write(toFile: csv, atomically: false, encoding: .utf8)

        let child = try KillableImport(
            ["import", "workers", csv, "--db", database, "--skip-invalid", "--batch-size", String(Self.batchSize), "--verbose"],
            csv: csv, database: database)
        var watch = KillPoint.Watch(point, start: child.start, csvSize: try #require(FileStamp(csv)).size)
        let look = child.stop(at: &watch)
        let (result, killed) = child.kill()
        #expect(look != nil && killed, "the import ended before '\(point.testDescription)': \(result.stdout)")

        // Everything it printed before it died, the process being stopped when it was killed.
        let reported = ImportObservation.reportedCommits(in: result.stderr)
        // Batch b (from 1) holds data rows (b-1)·1000+1 … b·1000, on lines up to b·1000 + 1.
        let batchEnds = (1...Self.workerCount / Self.batchSize).map { $0 * Self.batchSize + 1 }
        #expect(reported == Array(batchEnds.prefix(reported.count)), "one report per batch, in order, with its last line")

        let db = try CrashAftermath.reopen(database, killedAt: point)
        let stored = try #require(try db.fetchValue(Int.self, "SELECT count(*) FROM workers"))
        let goodRows = { (lastLine: Int) in file.goodLines.prefix { $0 <= lastLine }.count }
        // The import prints a batch's report right after its COMMIT returns; a kill in between
        // leaves a committed batch that was never reported. So the register holds the good rows
        // of the reported batches, or of exactly one whole batch more; never part of a batch.
        let reportedRows = goodRows(reported.last ?? 1)
        let withNextBatch = goodRows(batchEnds.first { $0 > (reported.last ?? 1) } ?? Int.max)
        #expect(stored == reportedRows || stored == withNextBatch,
                "killed \(point.testDescription) after \(reported.count) reports: \(stored) workers stored, expected \(reportedRows) or \(withNextBatch)")
        let audited = try db.fetchValue(Int.self, "SELECT count(*) FROM audit_log WHERE table_name = 'workers'")
        #expect(audited == stored)
    }
}
