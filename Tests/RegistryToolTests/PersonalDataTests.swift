import Foundation
import Testing

/// National ID numbers never leave the tool in full unless asked for, and files holding
/// personal data are owner-only and never land where every user may write.
@Suite struct PersonalDataTests {
    let dir: TemporaryDirectory
    let db: String
    let registry: SmallRegistry
    let fullNIKs = [SmallRegistry.budiNIK, SmallRegistry.sitiNIK, SmallRegistry.agusNIK]

    init() throws {
        dir = try TemporaryDirectory()
        db = dir.path("small.sqlite")
        registry = try SmallRegistry(at: db)
    }

    /// Every sixteen-digit run in `text`: a NIK in full, whoever's it is.
    static func sixteenDigitRuns(in text: String) -> [String] {
        var runs: [String] = [], current = ""
        for character in text + " " {
            if character.isASCII, character.isNumber { current.append(character); continue }
            if current.count >= 16 { runs.append(current) }
            current = ""
        }
        return runs
    }

    @Test func noMessageReportOrDefaultExportCarriesAFullNIK() throws {
        let contradicting = dir.path("contradicting.csv")
        try Data("""
            nik,full_name,birth_date,sex,village_code,occupation,phone,branch_code,kpj,registered_at
            \(SmallRegistry.budiNIK),Budi Again,1985-03-12,male,32.14.01.2001,,,KC-PWK,,
            3214015507900009,Siti Wrong Date,1990-07-16,female,32.14.01.2002,,,KC-PWK,,
            3214011203850005,Bad Sex,1985-03-12,female,32.14.01.2001,,,KC-PWK,,
            3214011203850006,"Unclosed
            """.utf8).write(to: URL(fileURLWithPath: contradicting))
        let exported = dir.path("workers-masked.csv")
        let runs: [[String]] = [
            ["import", "workers", contradicting, "--verbose"],
            ["import", "workers", contradicting, "--skip-invalid", "--verbose"],
            ["import", "workers", contradicting, "--dry-run"],
            ["worker", "show", SmallRegistry.budiNIK],
            ["worker", "show", SmallRegistry.sitiNIK, "--format", "json"],
            ["worker", "show", "3214011203850099"],                 // nobody: the error names it
            ["worker", "show", registry.budiKPJ],
            ["pay", "informal", registry.budiKPJ, "--months", "1", "--amount", "1", "--receipt", "X-1", "--channel", "e_wallet"],
            ["report", "arrears", "--as-of", "2025-06-20"],
            ["report", "arrears", "--as-of", "2025-06-20", "--format", "csv"],
            ["report", "arrears", "--as-of", "2025-06-20", "--format", "json"],
            ["report", "coverage", "--as-of", "2025-06-20"],
            ["report", "status", "--as-of", "2025-06-20"],
            ["report", "agents", "--as-of", "2025-06-20"],
            ["export", "workers"],
            ["export", "workers", "--format", "json"],
            ["export", "memberships"],
            ["export", "payments"],
            ["export", "workers", "-o", exported],
            ["check"],
            ["refresh"],
            ["migrate", "--status"],
        ]
        // What each command printed or wrote, by the command (whose own arguments are not scanned).
        var seen: [(source: String, text: String)] = []
        for arguments in runs {
            let result = try Tool.run(arguments + ["--db", db])
            seen.append(("registry \(arguments.first!) \(arguments.dropFirst().first ?? "")", result.stdout + "\n" + result.stderr))
        }
        let rejects = try String(contentsOfFile: contradicting + ".rejects.csv", encoding: .utf8)
        seen.append(("the reject file", rejects))
        seen.append(("the masked export file", try String(contentsOfFile: exported, encoding: .utf8)))

        #expect(rejects.contains("3214********0001"), "the scan reads outputs that name Budi, masked")
        // Failure messages name the source and the masked number: CI logs are outputs too.
        let leaks = seen.flatMap { source, text in Self.sixteenDigitRuns(in: text).map { "\(source): \(NIKMask.mask($0))" } }
        #expect(leaks.isEmpty, "full NIKs printed by \(leaks)")
        let known = seen.filter { _, text in fullNIKs.contains { text.contains($0) } }.map(\.source)
        #expect(known.isEmpty, "a fixture NIK in full in \(known)")
    }

    @Test func onlyAnExplicitUnmaskedPrintsFullNIKs() throws {
        let show = try Tool.run(["worker", "show", SmallRegistry.budiNIK, "--unmasked", "--db", db])
        #expect(Self.sixteenDigitRuns(in: show.stdout) == [SmallRegistry.budiNIK])
        let export = try Tool.run(["export", "workers", "--unmasked", "--db", db])
        #expect(Set(Self.sixteenDigitRuns(in: export.stdout)) == Set(fullNIKs), "the scan finds NIKs where they are")
    }

    @Test func everyFileTheToolWritesIsOwnerOnly() throws {
        let backup = dir.path("backup.sqlite")
        let export = dir.path("workers.csv")
        let created = dir.path("new.sqlite")
        #expect(try Tool.run(["backup", backup, "--db", db]).status == 0)
        #expect(try Tool.run(["export", "workers", "-o", export, "--db", db]).status == 0)
        #expect(try Tool.run(["init", "--db", created]).status == 0)
        for path in [db, backup, export, created] {
            #expect(try mode(of: path) == 0o600, "\(path)")
        }
    }

    @Test(arguments: [0o777, 0o1777, 0o773])
    func aDirectoryEveryUserMayWriteIsRefusedWithoutForce(directoryMode: Int) throws {
        let shared = dir.path("shared-\(String(directoryMode, radix: 8))")
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: false)
        #expect(chmod(shared, mode_t(directoryMode)) == 0)
        let input = dir.path("regions.csv")
        try Data("code,name\n32,Jawa Barat\n32,Jawa Barat\n".utf8).write(to: URL(fileURLWithPath: input))
        let target = shared + "/target"
        let commands: [(arguments: [String], written: String)] = [
            (["init", "--db", target + ".sqlite"], target + ".sqlite"),
            (["backup", target + ".backup", "--db", db], target + ".backup"),
            (["export", "workers", "-o", target + ".csv", "--db", db], target + ".csv"),
            (["import", "regions", input, "--dry-run", "--rejects", target + ".rejects.csv", "--db", db], target + ".rejects.csv"),
        ]
        for (arguments, written) in commands {
            let refused = try Tool.run(arguments)
            #expect(refused.status == 2, "\(arguments): \(refused.stderr)")
            #expect(refused.stderr.contains("is writable by every user") && refused.stderr.contains("--force"), "\(refused.stderr)")
            #expect(!FileManager.default.fileExists(atPath: written), "\(written) was written")

            let forced = try Tool.run(arguments + ["--force"])
            #expect(FileManager.default.fileExists(atPath: written), "\(arguments) --force: \(forced.stderr)")
            #expect(try mode(of: written) == 0o600)
        }
    }

    @Test func aFileEveryUserMayWriteIsRefusedAsAnExportTarget() throws {
        let target = dir.path("open.csv")
        #expect(FileManager.default.createFile(atPath: target, contents: nil))
        #expect(chmod(target, 0o666) == 0)
        let refused = try Tool.run(["export", "workers", "-o", target, "--db", db])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("chmod 600"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)).isEmpty)
    }

    private func mode(of path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }
}

/// Masks a NIK for a test's own failure messages, which end up in CI logs.
enum NIKMask {
    static func mask(_ nik: String) -> String { String(nik.prefix(4)) + String(repeating: "*", count: max(nik.count - 8, 0)) + String(nik.suffix(4)) }
}
