import Foundation
import Registry
import SQLiteDB
import Testing

/// `registry extract`, `registry sync push|apply|pull` end to end, and a push killed mid-apply.
@Suite(.serialized) struct SyncCommandTests {
    static func mode(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    static func hasFullNIK(_ text: String) -> Bool { text.range(of: "[0-9]{16}", options: .regularExpression) != nil }

    @Test func theFieldWorkflowThroughTheTool() throws {
        let fixture = try SyncFixture()
        let extract = fixture.directory.path("pwk.sqlite")
        let made = try Tool.run(["extract", "--db", fixture.centrePath, "--office", "KC-PWK", "-o", extract])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("2 workers"))
        #expect(try Self.mode(extract) & 0o077 == 0)
        let again = try Tool.run(["extract", "--db", fixture.centrePath, "--office", "KC-PWK", "-o", extract, "--force"])
        #expect(again.status == 2 && again.stderr.contains("never written over"))
        #expect(try Tool.run(["extract", "--db", fixture.centrePath, "-o", fixture.directory.path("x.sqlite")]).status == 2, "no area")
        #expect(try Tool.run(["check", "--db", extract]).status == 0)

        // Offline: two enrolments; meanwhile the centre enrols the first NIK itself.
        try SyncFixture.enrolAndPay(on: try fixture.open(extract), serial: "0005", name: "Wayan in the field", receipt: "F-1")
        try SyncFixture.enrolAndPay(on: try fixture.open(extract), serial: "0006", name: "Made", receipt: "F-2")
        try SyncFixture.enrolAndPay(on: try fixture.centre, serial: "0005", name: "Wayan at the office", receipt: "C-1")

        // To a USB stick, then applied at the centre.
        let stick = fixture.directory.path("pwk.changeset")
        let written = try Tool.run(["sync", "push", extract, "--changeset", stick])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(try Self.mode(stick) & 0o077 == 0)
        let applied = try Tool.run(["sync", "apply", stick, "--db", fixture.centrePath])
        #expect(applied.status == 1, "a rejected enrolment: \(applied.stdout) \(applied.stderr)")
        let rejects = try String(contentsOfFile: stick + ".rejects.csv", encoding: .utf8)
        #expect(rejects.hasPrefix("line,column,value,reason"))
        #expect(rejects.contains("workers.nik"))
        #expect(!Self.hasFullNIK(rejects) && !Self.hasFullNIK(applied.stdout + applied.stderr))
        #expect(try Self.mode(stick + ".rejects.csv") & 0o077 == 0)
        #expect(try fixture.centre.read { try $0.worker(nik: try NIK("3214010101900005"))?.fullName } == "Wayan at the office")
        #expect(try fixture.centre.read { try $0.worker(nik: try NIK("3214010101900006"))?.fullName } == "Made")

        // The same changeset again: nothing to do; pushing the extract itself: the same changeset.
        let twice = try Tool.run(["sync", "apply", stick, "--db", fixture.centrePath, "--rejects", fixture.directory.path("r2.csv")])
        #expect(twice.status == 0 && twice.stdout.contains("applied before"), "\(twice.stdout) \(twice.stderr)")
        let pushed = try Tool.run(["sync", "push", extract, "--db", fixture.centrePath, "--rejects", fixture.directory.path("r3.csv")])
        #expect(pushed.status == 0 && pushed.stdout.contains("applied before"), "\(pushed.stdout) \(pushed.stderr)")
        #expect(try Tool.run(["sync", "push", extract, "--db", extract]).status != 0, "an extract is not a centre")

        // Pull: the extract now shows the centre's Wayan and Made; both sides check clean.
        let pulled = try Tool.run(["sync", "pull", extract, "--db", fixture.centrePath])
        #expect(pulled.status == 0, "\(pulled.stderr)")
        #expect(try fixture.open(extract).read { try $0.connection.fetchValues(String.self, "SELECT full_name FROM workers ORDER BY id") }
                == ["Budi Santoso", "Siti Rahayu", "Wayan at the office", "Made"])
        #expect(try Tool.run(["check", "--db", extract]).status == 0)
        #expect(try Tool.run(["check", "--db", fixture.centrePath]).status == 0)
    }

    /// A push killed at several moments of its apply leaves the centre with all of the
    /// extract's work or none; the push run again then stores it once.
    @Test func aPushKilledMidApplyLeavesAllOrNothing() throws {
        let fixture = try SyncFixture()
        let extract = try fixture.extract(.office(code: "KC-PWK"), named: "pwk.sqlite")
        let count = 1500
        try fixture.open(extract).write(actor: "test") { session in
            let branch = try #require(try session.office(code: "KC-PWK"))
            for serial in 1...count {
                let worker = try session.register(NewWorker(
                    nik: try NIK("321401010190" + String(format: "%04d", serial)), fullName: "Pekerja \(serial)",
                    birthDate: SyncFixture.day("1990-01-01"), sex: .male, village: try RegionCode("32.14.01.2001"), branchOffice: branch.id))
                let membership = try session.enrol(.informal(worker: worker.id, declaredIncome: 1_000_000, startDate: SyncFixture.day("2025-06-01")))
                try session.payInformalDues(for: membership.id, months: 1, amount: 16_800, receipt: "K-\(serial)", channel: .agent)
            }
        }
        let workers = { try fixture.centre.read { try $0.connection.fetchValue(Int.self, "SELECT count(*) FROM workers") ?? -1 } }
        let before = try workers()
        let wal = fixture.centrePath + "-wal"
        var killedBeforeCommit = 0
        for delay in [0.0, 0.05, 0.3] {
            let process = Process()
            process.executableURL = Tool.executable
            process.arguments = ["sync", "push", extract, "--db", fixture.centrePath, "--rejects", fixture.directory.path("r.csv"), "--force"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            let start = (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0
            try process.run()
            // Until its transaction is writing (the WAL grows), then the delay.
            let deadline = Date().addingTimeInterval(30)
            while process.isRunning, Date() < deadline,
                  ((try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0) <= start {
                usleep(1000)
            }
            usleep(useconds_t(delay * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let after = try workers()
            #expect(after == before || after == before + count, "killed after \(delay) s: \(after - before) of \(count) workers")
            if after == before { killedBeforeCommit += 1 }
            #expect(try SyncFixture.problems(fixture.centre) == [])
        }
        #expect(killedBeforeCommit > 0, "some kill landed inside the apply's transaction")
        let finished = try Tool.run(["sync", "push", extract, "--db", fixture.centrePath, "--rejects", fixture.directory.path("r.csv"), "--force"])
        #expect(finished.status == 0, "\(finished.stderr)")
        #expect(try workers() == before + count)
        let payments = try fixture.centre.read { try $0.connection.fetchValue(Int.self, "SELECT count(*) FROM payments WHERE receipt_number LIKE 'K-%'") }
        #expect(payments == count, "stored once")
        #expect(try SyncFixture.problems(fixture.centre) == [])
    }
}
