import Foundation
import Testing

/// `registry import … --skip-invalid --batch-size N --verbose`: a commit every N rows, each
/// reported once on stderr right after it; and the options it refuses.
@Suite struct ImportBatchTests {
    @Test func eachBatchIsReportedOnceAfterItsCommit() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("r.sqlite")
        try InterchangeFixtures.database(at: db, in: dir, through: "offices")
        // Rows on lines 2–7; workers 3 and 6 (lines 4 and 7) name a village that does not exist.
        let file = dir.path("workers.csv")
        try BulkCSV.workers(1..<7, refusedEvery: 3).text.write(toFile: file, atomically: false, encoding: .utf8)

        let result = try Tool.run(["import", "workers", file, "--db", db, "--skip-invalid", "--batch-size", "2", "--verbose"])
        #expect(result.status == 1)
        #expect(result.stderr == """
            committed the rows up to line 3
            committed the rows up to line 5
            committed the rows up to line 7
            registry: 2 of 6 rows rejected; see \(file).rejects.csv

            """)
        #expect(result.stdout == "workers: 6 rows, 4 stored, 2 rejected (see \(file).rejects.csv)\n")
    }

    @Test func aFileEndingOnABatchBoundaryIsReportedOnceAndAWholeFileCommitToo() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("r.sqlite")
        try InterchangeFixtures.database(at: db, in: dir, through: "offices")
        let file = dir.path("workers.csv")
        try BulkCSV.workers(0..<4).text.write(toFile: file, atomically: false, encoding: .utf8)
        let batched = try Tool.run(["import", "workers", file, "--db", db, "--skip-invalid", "--batch-size", "2", "-v"])
        #expect(batched.status == 0)
        #expect(batched.stderr == "committed the rows up to line 3\ncommitted the rows up to line 5\n")

        let more = dir.path("more.csv")
        try BulkCSV.workers(4..<7).text.write(toFile: more, atomically: false, encoding: .utf8)
        let whole = try Tool.run(["import", "workers", more, "--db", db, "--verbose"])
        #expect(whole.status == 0)
        #expect(whole.stderr == "committed the rows up to line 4\n")
        // Refused rows: nothing committed, nothing reported.
        let refused = try Tool.run(["import", "workers", more, "--db", db, "--verbose"])
        #expect(refused.status == 1)
        #expect(!refused.stderr.contains("committed"))
    }

    @Test(arguments: [
        (["--batch-size", "5"], "--batch-size goes with --skip-invalid"),
        (["--skip-invalid", "--batch-size", "0"], "--batch-size must be at least 1"),
        (["--dry-run", "--batch-size", "5"], "--batch-size goes with --skip-invalid"),
    ])
    func batchSizeOnlyWithSkipInvalidAndPositive(_ options: [String], _ message: String) throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("r.sqlite")
        try #require(try Tool.run(["init", "--db", db]).status == 0)
        let file = dir.path("workers.csv")
        try BulkCSV.workers(0..<1).text.write(toFile: file, atomically: false, encoding: .utf8)
        let result = try Tool.run(["import", "workers", file, "--db", db] + options)
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }
}
