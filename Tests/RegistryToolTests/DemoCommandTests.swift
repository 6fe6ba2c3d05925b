import Foundation
import Testing

/// `registry demo` end to end: the README's first command builds a register that the other
/// commands then read.
@Suite struct DemoCommandTests {
    @Test func demoThenReportThenCheck() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("demo.sqlite")
        let demo = try Tool.run(["demo", "--db", db, "--workers", "300"])
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(demo.stdout.hasPrefix("Built \(db) (seed 2026)"))
        #expect(demo.stdout.contains("300 workers"))
        for title in ["Coverage on 2026-10-20, by regency", "Coverage on 2026-10-20, by regional office",
                      "Memberships on 2026-10-20, by status", "Targets in force on 2026-10-20"] {
            #expect(demo.stdout.contains(title))
        }
        #expect(demo.stderr.isEmpty, "no progress bar when stderr is not a terminal")
        let mode = try FileManager.default.attributesOfItem(atPath: db)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(!FileManager.default.fileExists(atPath: db + ".building"))

        // The report command gives the figures the demo printed for Purwakarta.
        let report = try Tool.run(["report", "coverage", "--as-of", "2026-10-20", "--region", "32.14", "--db", db])
        func purwakarta(_ text: String) -> [Substring]? {
            text.split(separator: "\n").first { $0.hasPrefix("32.14 ") }?.split(separator: " ")
        }
        #expect(purwakarta(report.stdout) != nil)
        #expect(purwakarta(report.stdout) == purwakarta(demo.stdout))

        // Real structure: Purwakarta's 192 villages, Bantul's 75.
        let regions = try Tool.run(["export", "regions", "--db", db]).stdout.split(separator: "\n")
        #expect(regions.filter { $0.hasPrefix("32.14.") && $0.split(separator: ",")[0].count == 13 }.count == 192)
        #expect(regions.filter { $0.hasPrefix("34.02.") && $0.split(separator: ",")[0].count == 13 }.count == 75)

        // Every status shows up, and the ledger is consistent.
        let status = try Tool.run(["report", "status", "--as-of", "2026-10-20", "--format", "csv", "--db", db])
        let bpu = try #require(status.stdout.split(separator: "\n").first { $0.hasPrefix("BPU,") }).split(separator: ",").map { Int($0) }
        #expect(bpu[2]! > 0 && bpu[3]! > 0 && bpu[4]! > 0, "BPU active, in arrears and lapsed: \(status.stdout)")
        let check = try Tool.run(["check", "--as-of", "2026-10-20", "--db", db])
        #expect(check.status == 0, "\(check.stdout)")

        // An existing register is never overwritten by accident.
        let again = try Tool.run(["demo", "--db", db, "--workers", "300"])
        #expect(again.status == 2 && again.stderr.contains("--force"))
    }

    @Test func theSameSeedBuildsTheSameRegister() throws {
        let dir = try TemporaryDirectory()
        var exports: [String] = []
        for name in ["a", "b"] {
            let db = dir.path("\(name).sqlite")
            #expect(try Tool.run(["demo", "--db", db, "--workers", "200", "--seed", "7"]).status == 0)
            exports.append(try Tool.run(["export", "payments", "--db", db]).stdout
                           + Tool.run(["export", "workers", "--unmasked", "--db", db]).stdout)
        }
        #expect(exports[0] == exports[1])
        #expect(exports[0].count > 10_000)
        let tooFew = try Tool.run(["demo", "--db", dir.path("c.sqlite"), "--workers", "10"])
        #expect(tooFew.status == 2 && tooFew.stderr.contains("at least 200"))
    }
}
