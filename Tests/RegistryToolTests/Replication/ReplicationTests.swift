import Foundation
import Registry
import SQLiteDB
import Testing

/// The register under Litestream: replication stays valid whatever the registry does, a
/// register comes back from the replica, to its latest state or a point in time, and a primary
/// lost with its disk takes only the writes of the last interval with it.
///
/// Each test runs `litestream replicate` as a child process on a directory replica, with a 100 ms
/// monitor and a 500 ms sync interval, and stops it within 15 s.
@Suite(.serialized) struct ReplicationTests {
    /// An acknowledged write older than this at the kill must be in the replica: Litestream reads
    /// the log every monitor interval and ships every sync interval; the rest is this busy
    /// machine's slack (measured losses: docs/operations.md).
    static let window = ReplicatedRegister.monitorInterval + ReplicatedRegister.syncInterval + 0.4

    @Test(.enabled(if: Litestream.runsTests, Comment(rawValue: Litestream.missing)))
    func replicationStaysValidAcrossAnImportABillingRunPaymentsAndABackup() throws {
        let dir = try TemporaryDirectory()
        let database = dir.path("r.sqlite")
        try InterchangeFixtures.database(at: database, in: dir, through: "offices")
        try BulkCSV.workers(0..<300).text.write(toFile: dir.path("workers.csv"), atomically: false, encoding: .utf8)
        try #require(try Tool.run(["import", "workers", dir.path("workers.csv"), "--db", database]).status == 0)
        let replicated = try ReplicatedRegister(database: database, in: dir)
        try replicated.start()
        #expect(LitestreamState.isReplicated(database))

        let importFile = dir.path("memberships.csv")
        try BulkCSV.informalMemberships(kpjs: try BulkCSV.kpjs(in: database)).write(toFile: importFile, atomically: false, encoding: .utf8)
        let imported = try Tool.run(["import", "memberships", importFile, "--db", database])
        #expect(imported.status == 0, "\(imported.stderr)")
        let billed = try Tool.run(["bill", "--month", "2025-01", "--db", database])
        #expect(billed.status == 0, "\(billed.stderr)")
        let paidIDs = try Connection(.file(database), mode: .readOnly).fetchValues(Int64.self, "SELECT id FROM memberships ORDER BY id LIMIT 40")
        let stream = try ChildProcess("PaymentStream", [database, "P", "40", String(BulkCSV.monthlyDues)] + paidIDs.map(String.init))
        #expect(stream.wait().status == 0)
        let backup = try Tool.run(["backup", dir.path("copy.sqlite"), "--db", database])
        #expect(backup.status == 0, "\(backup.stderr)")

        // A program that links the library leaves the log to Litestream when it closes…
        let registry = try Registry(path: database)
        #expect(try registry.pool.writeWithoutTransaction { $0.checkpointing } == .external)
        let closing = Date()
        try registry.close()
        #expect(Date().timeIntervalSince(closing) < 1)
        #expect(Self.size(of: database + "-wal") > 0, "the log was folded in under Litestream")
        // …where one that checkpoints itself would wait for Litestream's read transaction and fail.
        var local = Configuration()
        local.checkpointing = .local
        local.busyTimeout = .milliseconds(300)
        let forcing = try Registry(path: database, configuration: local)
        let refused = #expect(throws: SQLiteError.self) { try forcing.close() }
        #expect(refused?.primaryCode == .busy)

        try replicated.waitUntilCaughtUp()
        let status = try Tool.run(["replicate", "status", "--db", database, "--config", replicated.config])
        #expect(status.status == 0 && status.stdout.contains("lag:       none"), "\(status.stdout) \(status.stderr)")
        replicated.stop()
        #expect(replicated.complaints.isEmpty, "\(replicated.complaints)")

        let restored = dir.path("restored.sqlite")
        let restore = try Tool.run(["restore", "--from", replicated.replica, "--to", restored])
        #expect(restore.status == 0, "\(restore.stdout) \(restore.stderr)")
        #expect(restore.stdout.contains("check: ok"))
        #expect((try FileManager.default.attributesOfItem(atPath: restored)[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let primaryRows = try RegisterContent.rows(of: database), restoredRows = try RegisterContent.rows(of: restored)
        #expect(primaryRows.keys.sorted() == restoredRows.keys.sorted())
        for (table, rows) in primaryRows where restoredRows[table] != rows {
            Issue.record("\(table): \(rows.count) rows on the primary, \(restoredRows[table]?.count ?? 0) restored, or other content")
        }
        #expect(primaryRows["payments"]?.count == 40 && primaryRows["memberships"]?.count == 300)
    }

    /// Litestream that ships once an hour (after its first snapshot): it reads each commit, the
    /// replica does not get it,
    /// and `replicate status` says by how much and, past --max-lag, exits 1.
    @Test(.enabled(if: Litestream.runsTests, Comment(rawValue: Litestream.missing)))
    func statusSaysHowFarTheReplicaLagsAndExitsOneBeyondTheLimit() throws {
        let dir = try TemporaryDirectory()
        let database = dir.path("r.sqlite")
        try InterchangeFixtures.database(at: database, in: dir, through: "offices")
        let replicated = try ReplicatedRegister(database: database, in: dir, syncInterval: "1h")
        try replicated.start()
        // The snapshot Litestream takes when it starts goes straight to the replica: after it,
        // nothing more is shipped for an hour.
        let replicaURL = URL(fileURLWithPath: replicated.replica, isDirectory: false).absoluteString
        let snapshotDeadline = Date().addingTimeInterval(10)
        while try Litestream.run(["ltx", "-json", "-level", "9", replicaURL]).stdout.contains("max_txid") == false,
              Date() < snapshotDeadline { usleep(100_000) }
        let status = ["replicate", "status", "--db", database, "--config", replicated.config]

        try BulkCSV.workers(0..<10).text.write(toFile: dir.path("w.csv"), atomically: false, encoding: .utf8)
        #expect(try Tool.run(["import", "workers", dir.path("w.csv"), "--db", database]).status == 0)
        let deadline = Date().addingTimeInterval(10)
        var read = try replicated.localPosition() ?? 0
        let shipped = try #require(try replicated.replicaPosition())
        while read <= shipped, Date() < deadline {
            usleep(100_000)
            read = try replicated.localPosition() ?? 0
        }
        try #require(read > shipped, "Litestream did not read the import")
        usleep(300_000)
        let behind = try Tool.run(status)
        #expect(behind.status == 0, "\(behind.stderr)")
        #expect(behind.stdout.contains("replica:   transaction \(shipped), read from the register at "))
        #expect(behind.stdout.contains(" transaction(s), the oldest read ") && !behind.stdout.contains("lag:       none"), "\(behind.stdout)")
        let late = try Tool.run(status + ["--max-lag", "200ms"])
        #expect(late.status == 1 && late.stderr.contains("more than --max-lag 200ms"), "\(late.stdout) \(late.stderr)")
        replicated.stop()
    }

    @Test(.enabled(if: Litestream.runsTests, Comment(rawValue: Litestream.missing)))
    func aPointInTimeRestoreBetweenTwoImportsGivesExactlyTheFirst() throws {
        let dir = try TemporaryDirectory()
        let database = dir.path("r.sqlite")
        try InterchangeFixtures.database(at: database, in: dir, through: "offices")
        let replicated = try ReplicatedRegister(database: database, in: dir)
        try replicated.start()

        let first = BulkCSV.workers(0..<120).text, second = BulkCSV.workers(120..<300).text
        for (name, text) in [("first.csv", first), ("second.csv", second)] {
            try text.write(toFile: dir.path(name), atomically: false, encoding: .utf8)
        }
        #expect(try Tool.run(["import", "workers", dir.path("first.csv"), "--db", database]).status == 0)
        try replicated.waitUntilCaughtUp()
        let between = Date()
        usleep(300_000)
        #expect(try Tool.run(["import", "workers", dir.path("second.csv"), "--db", database]).status == 0)
        try replicated.waitUntilCaughtUp()
        replicated.stop()

        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let atThen = dir.path("then.sqlite"), latest = dir.path("latest.sqlite")
        let then = try Tool.run(["restore", "--from", replicated.replica, "--to", atThen, "--timestamp", formatter.string(from: between)])
        #expect(then.status == 0 && then.stdout.contains("check: ok"), "\(then.stdout) \(then.stderr)")
        #expect(try Self.niks(in: atThen) == Self.niks(inCSV: first))
        let now = try Tool.run(["restore", "--from", replicated.replica, "--to", latest])
        #expect(now.status == 0, "\(now.stdout) \(now.stderr)")
        #expect(try Self.niks(in: latest) == Self.niks(inCSV: first).union(Self.niks(inCSV: second)))
    }

    @Test(.enabled(if: Litestream.runsTests, Comment(rawValue: Litestream.missing)))
    func aPrimaryLostDuringABatchedImportComesBackWithEveryBatchAcknowledgedBeforeTheWindow() throws {
        let dir = try TemporaryDirectory()
        let database = dir.path("r.sqlite")
        try InterchangeFixtures.database(at: database, in: dir, through: "offices")
        let batch = 300, rows = 60_000
        try BulkCSV.workers(0..<rows).text.write(toFile: dir.path("workers.csv"), atomically: false, encoding: .utf8)
        let replicated = try ReplicatedRegister(database: database, in: dir)
        try replicated.start()

        let importer = try ChildProcess("registry", [
            "import", "workers", dir.path("workers.csv"), "--db", database,
            "--skip-invalid", "--batch-size", String(batch), "--verbose",
        ])
        let started = Date()
        while importer.timedErrorLines.count < 12 || Date().timeIntervalSince(started) < 2 {
            try #require(importer.isRunning, "the import ended before the kill: make the file longer")
            usleep(20_000)
        }
        let kill = Date()
        replicated.crash()
        importer.signal(SIGKILL)
        importer.wait()
        replicated.losePrimaryDisk()

        let restored = dir.path("restored.sqlite")
        let restore = try Tool.run(["restore", "--from", replicated.replica, "--to", restored])
        #expect(restore.status == 0 && restore.stdout.contains("check: ok"), "\(restore.stdout) \(restore.stderr)")
        let stored = try Connection(.file(restored), mode: .readOnly).fetchValue(Int.self, "SELECT count(*) FROM workers") ?? 0
        // "committed the rows up to line N": rows 2…N, so N - 1 workers.
        let acknowledged = importer.timedErrorLines.compactMap { entry -> (rows: Int, at: Date)? in
            guard let line = Int(entry.line.replacingOccurrences(of: "committed the rows up to line ", with: "")) else { return nil }
            return (line - 1, entry.at)
        }
        #expect(stored % batch == 0, "\(stored) workers: not whole batches of \(batch)")
        let mustHave = acknowledged.filter { kill.timeIntervalSince($0.at) > Self.window }.map(\.rows).max() ?? 0
        #expect(mustHave > 0 && stored >= mustHave, "restored \(stored) workers; acknowledged more than \(Self.window) s before the kill: \(mustHave)")
        let lost = acknowledged.filter { $0.rows > stored }
        print("""
            replication: import killed after \(acknowledged.count) acknowledged batches of \(batch) workers; \
            restored \(stored) workers; lost \(lost.count) acknowledged batch(es), acknowledged \
            \(lost.map { String(format: "%.2f", kill.timeIntervalSince($0.at)) }.joined(separator: ", ")) s before the kill
            """)
    }

    @Test(.enabled(if: Litestream.runsTests, Comment(rawValue: Litestream.missing)))
    func aPrimaryLostDuringAPaymentStreamComesBackWithEveryPaymentAcknowledgedBeforeTheWindow() throws {
        let dir = try TemporaryDirectory()
        let database = dir.path("r.sqlite")
        try InterchangeFixtures.database(at: database, in: dir, through: "offices")
        try BulkCSV.workers(0..<200).text.write(toFile: dir.path("workers.csv"), atomically: false, encoding: .utf8)
        try #require(try Tool.run(["import", "workers", dir.path("workers.csv"), "--db", database]).status == 0)
        try BulkCSV.informalMemberships(kpjs: try BulkCSV.kpjs(in: database)).write(toFile: dir.path("memberships.csv"), atomically: false, encoding: .utf8)
        try #require(try Tool.run(["import", "memberships", dir.path("memberships.csv"), "--db", database]).status == 0)
        let paidIDs = try Connection(.file(database), mode: .readOnly).fetchValues(Int64.self, "SELECT id FROM memberships ORDER BY id")
        let replicated = try ReplicatedRegister(database: database, in: dir)
        try replicated.start()

        // Up to 50 months ahead for each of 200 memberships, one payment per transaction: more
        // than the stream can write before the kill.
        let stream = try ChildProcess("PaymentStream", [database, "K", "10000", String(BulkCSV.monthlyDues)] + paidIDs.prefix(200).map(String.init),
                                      environment: ["PAUSE_MS": ProcessInfo.processInfo.environment["TEST_PAUSE_MS"] ?? "2"])
        let started = Date()
        while stream.outputLines.count < 300 || Date().timeIntervalSince(started) < 2 {
            try #require(stream.isRunning, "the stream ended before the kill: \(stream.errorLines)")
            usleep(20_000)
        }
        let kill = Date()
        replicated.crash()
        stream.signal(SIGKILL)
        stream.wait()
        replicated.losePrimaryDisk()

        let restored = dir.path("restored.sqlite")
        let restore = try Tool.run(["restore", "--from", replicated.replica, "--to", restored])
        #expect(restore.status == 0 && restore.stdout.contains("check: ok"), "\(restore.stdout) \(restore.stderr)")
        let stored = Set(try Connection(.file(restored), mode: .readOnly).fetchValues(String.self, "SELECT receipt_number FROM payments"))
        let acknowledged = stream.outputLines
        let mustHave = acknowledged.filter { kill.timeIntervalSince($0.at) > Self.window }.map(\.line)
        #expect(!mustHave.isEmpty)
        let missing = mustHave.filter { !stored.contains($0) }
        #expect(missing.count == 0, "acknowledged more than \(Self.window) s before the kill, not restored: \(missing.count), \(missing.prefix(5)); litestream: \(replicated.logs.suffix(3000))")
        // Receipts are numbered in commit order: what was restored is a prefix of the stream.
        let numbers = stored.compactMap { Int($0.dropFirst(2)) }.sorted()
        #expect(numbers == Array(0..<numbers.count), "the restored payments are not the stream's first \(numbers.count)")
        let lost = acknowledged.filter { !stored.contains($0.line) }
        print("""
            replication: payment stream killed after \(acknowledged.count) acknowledged payments; restored \(stored.count); \
            lost \(lost.count) acknowledged, the oldest acknowledged \
            \(lost.first.map { String(format: "%.2f", kill.timeIntervalSince($0.at)) } ?? "-") s before the kill
            """)
    }

    @Test(.enabled(if: Litestream.runsVFSTests, Comment(rawValue: Litestream.vfsMissing)))
    func aReportReadsTheReplicaThroughLitestreamsVFSAndSaysHowCurrentItIs() throws {
        let dir = try TemporaryDirectory()
        let database = dir.path("r.sqlite")
        try InterchangeFixtures.database(at: database, in: dir, through: "memberships")
        let replicated = try ReplicatedRegister(database: database, in: dir)
        try replicated.start()
        try replicated.waitUntilCaughtUp()
        let report = ["report", "status", "--as-of", "2025-06-01", "--format", "csv"]
        let primary = try Tool.run(report + ["--db", database])
        let shipped = try #require(try replicated.replicaPosition())
        let fromReplica = try Tool.run(report + ["--replica", replicated.replica])
        #expect(fromReplica.status == 0, "\(fromReplica.stderr)")
        #expect(fromReplica.stdout == primary.stdout)
        #expect(fromReplica.stderr.contains("read from the replica \(replicated.replica) at transaction \(shipped), read from the register at "),
                "\(fromReplica.stderr)")

        // With Litestream stopped, a write reaches the primary only: the replica's report is the
        // one before it, and says the same transaction.
        replicated.stop()
        let workers = dir.path("late-workers.csv"), memberships = dir.path("late-memberships.csv")
        try BulkCSV.workers(0..<1).text.write(toFile: workers, atomically: false, encoding: .utf8)
        #expect(try Tool.run(["import", "workers", workers, "--db", database]).status == 0)
        try BulkCSV.informalMemberships(kpjs: [try #require(try BulkCSV.kpjs(in: database).last)])
            .write(toFile: memberships, atomically: false, encoding: .utf8)
        #expect(try Tool.run(["import", "memberships", memberships, "--db", database]).status == 0)
        let primaryAfter = try Tool.run(report + ["--db", database])
        let replicaAfter = try Tool.run(report + ["--replica", replicated.replica])
        #expect(primaryAfter.stdout != primary.stdout)
        #expect(replicaAfter.stdout == primary.stdout)
        #expect(replicaAfter.stderr.contains("at transaction \(shipped),"))
    }

    static func niks(in database: String) throws -> Set<String> {
        Set(try Connection(.file(database), mode: .readOnly).fetchValues(String.self, "SELECT nik FROM workers"))
    }

    static func niks(inCSV text: String) -> Set<String> {
        Set(text.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) })
    }

    static func size(of path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }
}
