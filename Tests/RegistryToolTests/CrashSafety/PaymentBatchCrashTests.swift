import Foundation
import SQLiteDB
import Testing

/// `registry import payments FILE` (a payment batch, all-or-nothing) killed with SIGKILL from
/// the middle of the rows to the checkpoint after the commit: the reopened ledger holds every
/// payment of the file, with its bill and allocation, or none, and still adds up.
@Suite struct PaymentBatchCrashTests {
    /// Large enough that the moments between the commit frame and the end of the checkpoint
    /// last several stop slices under a loaded test run: with the bulk payment path, 400 members
    /// (800 payments) went by fast enough for the 'committed' point to be missed.
    static let memberCount = 1_500
    /// Two months for each member: January, then February.
    static let paymentCount = 2 * memberCount

    @Test(arguments: [KillPoint.reading(percent: 50), .fileRead, .commitBegun, .committed, .checkpointing])
    func killedPaymentBatchLeavesAWholeLedger(at point: KillPoint) throws {
        let dir = try TemporaryDirectory()
        let database = dir.path("r.sqlite")
        try Self.informalMembers(in: database, dir: dir)
        let csv = dir.path("payments.csv")
        try BulkCSV.informalPayments(kpjs: try BulkCSV.kpjs(in: database), months: 2, receiptPrefix: "BATCH")
            .write(toFile: csv, atomically: false, encoding: .utf8)

        let child = try KillableImport(["import", "payments", csv, "--db", database, "--verbose"], csv: csv, database: database)
        var watch = KillPoint.Watch(point, start: child.start, csvSize: try #require(FileStamp(csv)).size)
        let look = child.stop(at: &watch)
        let (result, killed) = child.kill()
        #expect(look != nil && killed, "the import ended before '\(point.testDescription)': \(result.stdout)")

        let db = try CrashAftermath.reopen(database, killedAt: point)
        let outcome = WholeFileOutcome(killedAt: look, start: child.start)
        let count = { (sql: String) in try db.fetchValue(Int.self, sql) ?? -1 }
        let payments = try count("SELECT count(*) FROM payments")
        #expect(payments == outcome.rows(of: Self.paymentCount),
                "killed at '\(point.testDescription)': \(payments) of \(Self.paymentCount) payments stored, expected \(outcome)")
        // Each payment billed its month and settled it, in the same transaction.
        #expect(try count("SELECT count(*) FROM bills") == payments)
        #expect(try count("SELECT count(*) FROM payment_allocations") == payments)
        // Money: every rupiah paid is allocated, none twice, and the report table agrees.
        let paid = try count("SELECT coalesce(sum(amount), 0) FROM payments")
        #expect(paid == payments * BulkCSV.monthlyDues)
        #expect(try count("SELECT coalesce(sum(amount), 0) FROM payment_allocations") == paid)
        #expect(try count("SELECT coalesce(sum(amount), 0) FROM dues_received") == paid)
        #expect(try count("""
            SELECT count(*) FROM payments p
            WHERE (SELECT coalesce(sum(amount), 0) FROM payment_allocations WHERE payment_id = p.id) > p.amount
            """) == 0)
    }

    /// The fixture's regions and offices, `memberCount` workers and an informal membership
    /// for each, imported with the tool.
    static func informalMembers(in database: String, dir: TemporaryDirectory) throws {
        try InterchangeFixtures.database(at: database, in: dir, through: "offices")
        let workers = dir.path("workers.csv"), memberships = dir.path("memberships.csv")
        try BulkCSV.workers(0..<memberCount).text.write(toFile: workers, atomically: false, encoding: .utf8)
        try #require(try Tool.run(["import", "workers", workers, "--db", database]).status == 0)
        try BulkCSV.informalMemberships(kpjs: try BulkCSV.kpjs(in: database)).write(toFile: memberships, atomically: false, encoding: .utf8)
        let result = try Tool.run(["import", "memberships", memberships, "--db", database])
        try #require(result.status == 0, "\(result.stdout) \(result.stderr)")
    }
}
