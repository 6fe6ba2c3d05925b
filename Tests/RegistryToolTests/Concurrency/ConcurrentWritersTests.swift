import Foundation
import Registry
import SQLiteDB
import Testing

/// Several programs on one database file at once, as in a branch office: a batch import, two
/// payment channels recording one payment per transaction through the library, and readers
/// (report commands, and snapshot checks in this process). Every writer does a fixed amount of
/// work; the readers read until the writers are done.
///
/// What must hold: nobody sees "database is locked" (each write waits its turn within the
/// default 5-second busy timeout), every acknowledged payment and every imported row is
/// there afterwards, every snapshot adds up, and `registry check` is clean.
@Suite struct ConcurrentWritersTests {
    /// Memberships the two payment streams pay, 100 each, one month per payment.
    static let paidMemberships = 200
    /// Memberships the import adds meanwhile, in batches of 200 (each holds the write lock for
    /// a few tens of milliseconds, so the streams get their turns between batches).
    static let importedMemberships = 2_000
    static let batchSize = 200
    static let statusDate = CalendarDate(iso: "2026-01-01")!

    @Test func anImportTwoPaymentStreamsAndReadersShareOneFile() throws {
        let dir = try TemporaryDirectory()
        let database = dir.path("r.sqlite")
        let (paidIDs, importFile) = try Self.register(in: database, dir: dir)

        // The writers.
        let importer = try ChildProcess("registry", [
            "import", "memberships", importFile, "--db", database,
            "--skip-invalid", "--batch-size", String(Self.batchSize), "--verbose",
        ])
        let streams = try (0..<2).map { stream in
            let ids = paidIDs[stream * 100..<(stream + 1) * 100].map(String.init)
            return try ChildProcess("PaymentStream", [database, "S\(stream)", "100", String(BulkCSV.monthlyDues)] + ids)
        }

        // The readers, on threads of their own until the writers are done.
        let log = ReaderLog()
        let readers = DispatchGroup()
        let registry = try Registry(path: database)
        for _ in 0..<2 {
            readers.enter()
            Thread.detachNewThread {
                defer { readers.leave() }
                Self.checkSnapshots(of: registry, log: log)
            }
        }
        for _ in 0..<2 {
            readers.enter()
            Thread.detachNewThread {
                defer { readers.leave() }
                Self.runReports(on: database, log: log)
            }
        }

        let importResult = importer.wait()
        let streamResults = streams.map { $0.wait() }
        log.writersDone = true
        readers.wait()

        // Every writer finished its work, and none met a lock.
        for (name, result) in [("import", importResult), ("stream 0", streamResults[0]), ("stream 1", streamResults[1])] {
            #expect(result.status == 0, "\(name) failed: \(result.stderr)")
            #expect(!Self.mentionsLock(result.stderr), "\(name): \(result.stderr)")
        }
        let batchEnds = Array(stride(from: Self.batchSize + 1, through: Self.importedMemberships + 1, by: Self.batchSize))
        #expect(importResult.stderr == batchEnds.map { "committed the rows up to line \($0)\n" }.joined())
        #expect(log.problems.isEmpty, "\(log.problems.prefix(5))")

        // Every acknowledged payment and every imported membership is there.
        let db = try Connection(.file(database), mode: .readOnly)
        let acknowledged = Set(streamResults.flatMap { $0.stdout.split(separator: "\n").map(String.init) })
        #expect(acknowledged.count == 200)
        let stored = Set(try db.fetchValues(String.self, "SELECT receipt_number FROM payments"))
        #expect(acknowledged.subtracting(stored).isEmpty, "acknowledged but missing: \(acknowledged.subtracting(stored).sorted().prefix(5))")
        #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM memberships") == Self.paidMemberships + Self.importedMemberships)
        let after = try registry.read { try LedgerSnapshot($0, statusOn: Self.statusDate) }
        #expect(after.problems.isEmpty, "\(after.problems)")
        #expect(after.payments == 200 && after.paid == 200 * Int64(BulkCSV.monthlyDues))
        let check = try Tool.run(["check", "--db", database])
        #expect(check.status == 0, "\(check.stdout) \(check.stderr)")
    }

    /// In-process reads through the library: the ledger's totals and the status report, taken
    /// in one snapshot, must agree, and later snapshots never see fewer payments or memberships.
    static func checkSnapshots(of registry: Registry, log: ReaderLog) {
        var previous: LedgerSnapshot?
        var reads = 0
        while reads < 20 || !log.writersDone {
            do {
                let snapshot = try registry.read { try LedgerSnapshot($0, statusOn: statusDate) }
                for problem in snapshot.problems { log.record(problem: "snapshot \(reads): \(problem)") }
                if let previous, snapshot.payments < previous.payments || snapshot.memberships < previous.memberships {
                    log.record(problem: "snapshot \(reads) went back in time: \(snapshot) after \(previous)")
                }
                previous = snapshot
            } catch {
                log.record(problem: "read \(reads) failed: \(error)")
            }
            reads += 1
            log.countRead()
            usleep(2_000)   // pacing, so the readers leave the writers some of the two cores
        }
    }

    /// Report commands in separate processes, alternating `report status` and `report coverage`:
    /// each must succeed, and the memberships the status report counts never go down.
    static func runReports(on database: String, log: ReaderLog) {
        var previousTotal = 0
        var runs = 0
        while runs < 4 || !log.writersDone {
            let report = runs % 2 == 0 ? "status" : "coverage"
            do {
                let result = try Tool.run(["report", report, "--as-of", statusDate.isoString, "--format", "csv", "--db", database])
                if result.status != 0 || mentionsLock(result.stderr) {
                    log.record(problem: "report \(report) exited \(result.status): \(result.stderr)")
                } else if report == "status" {
                    // segment,memberships,active,…: the second column, summed over the segments.
                    let total = result.stdout.split(separator: "\n").dropFirst()
                        .compactMap { Int($0.split(separator: ",")[1]) }.reduce(0, +)
                    if total < previousTotal || total < paidMemberships {
                        log.record(problem: "report status counted \(total) memberships, after \(previousTotal)")
                    }
                    previousTotal = total
                }
            } catch {
                log.record(problem: "report \(report) could not run: \(error)")
            }
            runs += 1
            log.countRead()
        }
    }

    static func mentionsLock(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return lowered.contains("locked") || lowered.contains("busy")
    }

    /// The fixture's regions and offices, the workers of both membership sets, and the
    /// memberships the streams pay. Returns their ids, and the file of the memberships to import.
    static func register(in database: String, dir: TemporaryDirectory) throws -> (paidIDs: [Int64], importFile: String) {
        try InterchangeFixtures.database(at: database, in: dir, through: "offices")
        let workers = dir.path("workers.csv")
        try BulkCSV.workers(0..<paidMemberships + importedMemberships).text.write(toFile: workers, atomically: false, encoding: .utf8)
        try #require(try Tool.run(["import", "workers", workers, "--db", database]).status == 0)
        let kpjs = try BulkCSV.kpjs(in: database)
        let paid = dir.path("paid-memberships.csv")
        try BulkCSV.informalMemberships(kpjs: Array(kpjs.prefix(paidMemberships))).write(toFile: paid, atomically: false, encoding: .utf8)
        try #require(try Tool.run(["import", "memberships", paid, "--db", database]).status == 0)
        let importFile = dir.path("memberships.csv")
        try BulkCSV.informalMemberships(kpjs: Array(kpjs.dropFirst(paidMemberships))).write(toFile: importFile, atomically: false, encoding: .utf8)
        let ids = try Connection(.file(database), mode: .readOnly).fetchValues(Int64.self, "SELECT id FROM memberships ORDER BY id")
        return (ids, importFile)
    }
}
