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

    /// Every run of sixteen or more digits in `text`, as its digits: a NIK in full, whoever's it
    /// is, however written. Digits of any script count; groups joined by one space, hyphen, dot,
    /// slash or underscore are one run (`3214 0112 0385 0001`); invisible format characters
    /// (a zero-width space) are skipped. A scan of its own, not the library's mask, so that a
    /// fault in the mask cannot hide itself here.
    static func sixteenDigitRuns(in text: String) -> [String] {
        var runs: [String] = [], current = ""
        var separated = false   // one separator since the run's last digit
        for scalar in text.unicodeScalars where scalar.properties.generalCategory != .format {
            if scalar.properties.numericType == .decimal {
                current.unicodeScalars.append(scalar)
                separated = false
                continue
            }
            if !current.isEmpty, !separated, " -./_".unicodeScalars.contains(scalar) {
                separated = true
                continue
            }
            if current.count >= 16 { runs.append(current) }
            current = ""
            separated = false
        }
        if current.count >= 16 { runs.append(current) }
        return runs
    }

    @Test func theScanFindsRunsHoweverTheyAreWritten() {
        #expect(Self.sixteenDigitRuns(in: "a 3214011203850001 b") == ["3214011203850001"])
        #expect(Self.sixteenDigitRuns(in: "3214 0112 0385 0001, 3214-0112-0385-0001.") == ["3214011203850001", "3214011203850001"])
        #expect(Self.sixteenDigitRuns(in: "3214\u{200B}0112\u{200B}0385\u{200B}0001") == ["3214011203850001"])
        #expect(Self.sixteenDigitRuns(in: "３２１４０１１２０３８５０００１") == ["３２１４０１１２０３８５０００１"])
        #expect(Self.sixteenDigitRuns(in: "+62 3214011203850001") == ["623214011203850001"])
        #expect(Self.sixteenDigitRuns(in: "321401120385000, 3214 **** **** 0001, 3214  0112  0385  0001, 2025-06-20, Rp1.000.000").isEmpty)
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

    /// A NIK typed where a KPJ, an NPP, an amount, a receipt or a phone number goes, whole,
    /// spaced, hyphenated, dotted, full-width or with zero-width spaces: masked in every error,
    /// reject file, receipt, report, export and `worker show`, whatever the column or argument.
    @Test func aNIKTypedWhereSomethingElseGoesIsMaskedInEveryOutput() throws {
        let budi = SmallRegistry.budiNIK, siti = SmallRegistry.sitiNIK
        let spaced = "3214 0112 0385 0001", hyphenated = "3214-0112-0385-0001", dotted = "3214.0112.0385.0001"
        let fullWidth = "３２１４０１１２０３８５０００１", zeroWidth = "3214\u{200B}0112\u{200B}0385\u{200B}0001"
        let andi = "3214011203850004", dewi = "3214015505920005"
        let workers = dir.path("workers-nik-elsewhere.csv")
        try Data("""
            nik,full_name,birth_date,sex,village_code,occupation,phone,branch_code,kpj,registered_at
            \(andi),Andi,1985-03-12,male,32.14.01.2001,,\(siti),KC-PWK,,
            \(dewi),Dewi,1992-05-15,female,32.14.01.2001,KTP \(spaced),,KC-PWK,,
            3214011203850006,Kpj Is A NIK,1985-03-12,male,32.14.01.2001,,,KC-PWK,\(budi),
            3214011203850007,Kpj Hyphenated,1985-03-12,male,32.14.01.2001,,,KC-PWK,\(hyphenated),
            3214011203850008,Phone Spaced,1985-03-12,male,32.14.01.2001,,\(spaced),KC-PWK,,
            3214011203850009,Phone Full Width,1985-03-12,male,32.14.01.2001,,\(fullWidth),KC-PWK,,

            """.utf8).write(to: URL(fileURLWithPath: workers))
        let memberships = dir.path("memberships-nik-elsewhere.csv")
        try Data("""
            kpj,segment,start_date,programs,declared_income
            \(budi),BPU,2025-01-01,JKK JKM,1000000
            \(spaced),BPU,2025-01-01,JKK JKM,1000000
            \(zeroWidth),BPU,2025-01-01,JKK JKM,1000000
            \(registry.budiKPJ),BPU,2025-06-01,JKK JKM,\(budi)

            """.utf8).write(to: URL(fileURLWithPath: memberships))
        let payments = dir.path("payments-nik-elsewhere.csv")
        try Data("""
            receipt_number,paid_at,channel,amount,kpj,months_covered
            P-1,2025-06-10T03:00:00.000Z,e_wallet,21800,\(budi),1
            P-2,2025-06-10T03:00:00.000Z,e_wallet,21800,\(dotted),1
            \(budi),2025-06-10T03:00:00.000Z,e_wallet,21800,\(registry.budiKPJ),5

            """.utf8).write(to: URL(fileURLWithPath: payments))
        let exported = dir.path("workers-nik-elsewhere-export.csv")
        let paidAt = ["--paid-at", "2025-06-10T10:00:00+07:00"]
        let runs: [[String]] = [
            ["import", "workers", workers, "--skip-invalid"],
            ["import", "memberships", memberships, "--dry-run"],
            ["import", "payments", payments, "--dry-run"],
            ["pay", "informal", budi, "--months", "1", "--amount", "21800", "--receipt", "X-1"] + paidAt,
            ["pay", "informal", spaced, "--months", "1", "--amount", "21800", "--receipt", "X-2"] + paidAt,
            ["pay", "informal", fullWidth, "--months", "1", "--amount", "21800", "--receipt", "X-3"] + paidAt,
            ["pay", "informal", registry.budiKPJ, "--months", "1", "--amount", budi, "--receipt", "X-4"] + paidAt,
            ["pay", "informal", registry.budiKPJ, "--months", "x" + budi, "--amount", "21800", "--receipt", "X-5"],
            ["pay", "employer", budi, "--month", "2025-06", "--amount", "1", "--receipt", "X-6"],
            ["pay", "employer", hyphenated, "--month", "2025-06", "--amount", "1", "--receipt", "X-7"],
            ["pay", "employer", "NPP-0001", "--month", "2025-0" + budi, "--amount", "1", "--receipt", "X-8"],
            ["worker", "show", "3214 0112 0385 0099"],
            ["report", "arrears", "--as-of", "2025-06-20", "--office", budi],
            // Recorded, with a NIK as the receipt number: the receipt, worker show and the
            // payments export print it.
            ["pay", "informal", registry.budiKPJ, "--months", "1", "--amount", "21800", "--receipt", budi, "--channel", "agent"] + paidAt,
            ["export", "workers"],
            ["export", "workers", "--format", "json"],
            ["export", "workers", "-o", exported],
            ["export", "payments"],
            ["export", "payments", "--format", "json"],
            ["worker", "show", andi],
            ["worker", "show", andi, "--format", "json"],
            ["worker", "show", dewi],
            ["worker", "show", budi],
            ["worker", "show", budi, "--format", "json"],
            ["report", "arrears", "--as-of", "2025-06-20", "--format", "csv"],
        ]
        var seen: [(source: String, text: String)] = []
        var results: [String: ToolResult] = [:]
        for (index, arguments) in runs.enumerated() {
            let result = try Tool.run(arguments + ["--db", db])
            results[arguments.joined(separator: " ")] = result
            // Named by position and command: the arguments themselves hold the NIKs.
            seen.append(("run \(index), registry \(arguments[0]) \(arguments[1])", result.stdout + "\n" + result.stderr))
        }
        for file in [workers, memberships, payments] {
            seen.append(("the reject file of \(URL(fileURLWithPath: file).lastPathComponent)",
                         try String(contentsOfFile: file + ".rejects.csv", encoding: .utf8)))
        }
        seen.append(("the masked export file", try String(contentsOfFile: exported, encoding: .utf8)))

        let leaks = seen.flatMap { source, text in Self.sixteenDigitRuns(in: text).map { "\(source): \(NIKMask.mask($0))" } }
        #expect(leaks.isEmpty, "full NIKs printed by \(leaks)")

        // Positive controls: the inputs did reach the outputs scanned, masked, and were stored
        // where they were valid, so it is the masking that hides them.
        let everything = seen.map(\.text).joined(separator: "\n")
        for masked in ["3214********0001", "3214 **** **** 0001", "3214-****-****-0001", "3214.****.****.0001",
                       "３２１４********０００１", "3214\u{200B}****\u{200B}****\u{200B}0001", "3214********0002"] {
            #expect(everything.contains(masked), "\(masked) appears nowhere")
        }
        let receipt = try #require(results[runs[13].joined(separator: " ")])
        #expect(receipt.status == 0 && receipt.stdout.hasPrefix("recorded 3214********0001: Rp21.800"), "\(receipt.stderr)")
        let unmaskedExport = try Tool.run(["export", "workers", "--unmasked", "--db", db]).stdout
        #expect(unmaskedExport.contains("\(andi),Andi,1985-03-12,male,32.14.01.2001,,\(siti),"))
        #expect(unmaskedExport.contains("KTP \(spaced)"))
        let unmaskedShow = try Tool.run(["worker", "show", andi, "--format", "json", "--unmasked", "--db", db]).stdout
        #expect(unmaskedShow.contains("\"phone\" : \"\(siti)\""), "\(unmaskedShow)")
        let maskedShow = try #require(results[["worker", "show", andi, "--format", "json"].joined(separator: " ")]).stdout
        #expect(maskedShow.contains("\"phone\" : \"3214********0002\""), "\(maskedShow)")
        #expect((try? JSONSerialization.jsonObject(with: Data(maskedShow.utf8))) != nil, "masked JSON still parses")
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
