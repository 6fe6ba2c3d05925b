import Foundation
import Registry
@testable import RegistryTool
import Testing

/// `registry --lang id|en` and the locale variables: the same refusal, summary, table and help
/// in Bahasa Indonesia and in English, `--lang` before the locale, and an unknown language refused.
@Suite struct LanguageCommandTests {
    /// A dry-run import of one membership row ending before it starts, on a copy of the
    /// catalogue's register: the outcome and the reject file's reason.
    func importEndingBeforeStart(_ options: [String], environment: [String: String] = [:]) throws -> (ToolResult, String, String) {
        let dir = try TemporaryDirectory()
        let db = try CatalogueRegister.shared.get().copy(into: dir)
        let file = dir.path("memberships.csv")
        try "\(BadInput.membershipsHeader)\n\(BadInput.membership(start: "2025-01-01", end: "2024-12-01"))\n"
            .write(toFile: file, atomically: false, encoding: .utf8)
        let result = try Tool.run(options + ["import", "memberships", file, "--dry-run", "--db", db], environment: environment)
        return (result, try String(contentsOfFile: file + ".rejects.csv", encoding: .utf8), file)
    }

    @Test func aRefusedImportRowReadsInIndonesian() throws {
        let (result, rejects, file) = try importEndingBeforeStart(["--lang", "id"])
        #expect(result.status == 1)
        #expect(rejects == """
            line,column,value,reason
            2,end_date,2024-12-01,end_date: '2024-12-01' sebelum tanggal mulai 1 Januari 2025

            """)
        #expect(result.stdout == "memberships: 1 baris, 0 sah, 1 ditolak (lihat \(file).rejects.csv); uji coba, tidak ada yang disimpan\n")
        #expect(result.stderr == "registry: 1 dari 1 baris ditolak; lihat \(file).rejects.csv\n")
    }

    @Test func aRefusedImportRowReadsInEnglish() throws {
        let (result, rejects, file) = try importEndingBeforeStart(["--lang", "en"])
        #expect(result.status == 1)
        #expect(rejects.hasSuffix("2,end_date,2024-12-01,end_date: '2024-12-01' is before the start date 1 January 2025\n"))
        #expect(result.stdout == "memberships: 1 rows, 0 valid, 1 rejected (see \(file).rejects.csv); dry run, nothing stored\n")
        #expect(result.stderr == "registry: 1 of 1 rows rejected; see \(file).rejects.csv\n")
    }

    @Test func theLocaleChoosesWhenThereIsNoLangAndLangBeatsIt() throws {
        let (indonesian, rejects, _) = try importEndingBeforeStart([], environment: ["LANG": "id_ID.UTF-8"])
        #expect(rejects.contains("sebelum tanggal mulai 1 Januari 2025"))
        #expect(indonesian.stderr.contains("baris ditolak"))
        let (english, englishRejects, _) = try importEndingBeforeStart(["--lang", "en"], environment: ["LANG": "id_ID.UTF-8"])
        #expect(englishRejects.contains("is before the start date 1 January 2025"))
        #expect(english.stderr.contains("rows rejected"))
        let (_, fromMessages, _) = try importEndingBeforeStart([], environment: ["LANG": "en_US.UTF-8", "LC_MESSAGES": "id_ID.UTF-8"])
        #expect(fromMessages.contains("sebelum tanggal mulai"))
        let (_, plain, _) = try importEndingBeforeStart([])
        #expect(plain.contains("is before the start date 1 January 2025"))
    }

    @Test func aReportHeaderFollowsTheLanguageAndCSVKeepsTheColumnNames() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("small.sqlite")
        _ = try SmallRegistry(at: db)
        let arguments = ["report", "coverage", "--as-of", "2025-06-20", "--db", db]
        let indonesian = try Tool.run(["--lang", "id"] + arguments)
        #expect(indonesian.status == 0, "\(indonesian.stderr)")
        #expect(indonesian.stdout == """
            kode   nama        angkatan_kerja  peserta  cakupan_pct  aktif  aktif_pct
            -----  ----------  --------------  -------  -----------  -----  ---------
            32.14  Purwakarta             200        2         1.00      1       0.50
            34.02  Bantul                 400        1         0.25      1       0.25

            """)
        let english = try Tool.run(arguments, environment: ["LANG": "en_GB.UTF-8"])
        #expect(english.stdout.hasPrefix("code   name        labour_force  participants  coverage_pct  active  active_pct\n"))
        let csv = try Tool.run(["--lang", "id"] + arguments + ["--format", "csv"])
        #expect(csv.stdout.hasPrefix("code,name,labour_force,participants,coverage_pct,active,active_pct\n"), "\(csv.stdout)")
    }

    @Test func helpIsInTheChosenLanguage() throws {
        let byOption = try Tool.run(["--lang", "id", "--help"])
        #expect(byOption.status == 0)
        #expect(byOption.stdout.contains("Mengelola daftar kepesertaan program jaminan sosial ketenagakerjaan."))
        #expect(byOption.stdout.contains("Kode keluar:"))
        #expect(!byOption.stdout.contains("Exit codes:"))
        let byLocale = try Tool.run(["--help"], environment: ["LANG": "id_ID.UTF-8"])
        #expect(byLocale.stdout.contains("Kode keluar:"))
        let english = try Tool.run(["--help", "--lang", "en"], environment: ["LANG": "id_ID.UTF-8"])
        #expect(english.stdout.contains("Keep the membership register of a workers' social-security scheme."))
        #expect(english.stdout.contains("Exit codes:"))
        let importHelp = try Tool.run(["import", "--help", "--lang=id"])
        #expect(importHelp.stdout.contains("Periksa setiap baris tanpa menyimpan apa pun."), "\(importHelp.stdout)")
    }

    @Test func anUnknownLanguageIsRefusedInTheLocalesLanguage() throws {
        let english = try Tool.run(["--lang", "xx", "report", "coverage"])
        #expect(english.status == 2)
        #expect(english.stderr == "registry: --lang xx: choose id (Bahasa Indonesia) or en (English)\n")
        #expect(english.stdout.isEmpty)
        let indonesian = try Tool.run(["report", "coverage", "--lang=id_ID"], environment: ["LANG": "id_ID.UTF-8"])
        #expect(indonesian.status == 2)
        #expect(indonesian.stderr == "registry: --lang id_ID: pilih id (Bahasa Indonesia) atau en (English)\n")
        let missing = try Tool.run(["--help", "--lang"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("--lang needs a value"))
    }

    @Test func aLibraryRefusalReachesTheClerkInIndonesian() throws {
        let dir = try TemporaryDirectory()
        let db = try CatalogueRegister.shared.get().copy(into: dir)
        let result = try Tool.run(["--lang", "id", "pay", "informal", "10000000091", "--months", "1", "--amount", "16800",
                                   "--receipt", "R-900", "--channel", "e_wallet", "--db", db])
        #expect(result.status == 1)
        #expect(result.stderr == "registry: kpj: tidak ada yang terdaftar dengan '10000000091'\n", "\(result.stderr)")
    }

    /// Every message of the tool's catalogues (its own texts, its usage refusals): both texts
    /// there, translated, with the same `{parts}`.
    @Test(arguments: ToolText.allCases.map(\.localized) + UsageText.allCases.map(\.localized))
    func everyToolMessageIsInBothLanguagesWithTheSameParts(_ message: Localized) {
        #expect(!message.english.isEmpty && !message.indonesian.isEmpty)
        #expect(message.english != message.indonesian, "not translated: \(message.english)")
        #expect(Localized.placeholders(in: message.english) == Localized.placeholders(in: message.indonesian))
    }

    /// An option combination the command refuses (ArgumentParser's `validate()`, exit 2) is
    /// worded in the run's language like every other refusal of ours.
    @Test func aRefusedOptionReadsInIndonesian() throws {
        let dir = try TemporaryDirectory()
        let db = try CatalogueRegister.shared.get().copy(into: dir)
        let indonesian = try Tool.run(["--lang", "id", "report", "arrears", "--page-size", "0", "--db", db])
        #expect(indonesian.status == 2)
        #expect(indonesian.stderr.hasPrefix("registry: --page-size paling sedikit 1, bukan 0 (lihat 'registry help')"), "\(indonesian.stderr)")
        let english = try Tool.run(["--lang", "en", "report", "arrears", "--page-size", "0", "--db", db])
        #expect(english.status == 2, "\(english.stderr)")
        #expect(english.stderr.hasPrefix("registry: --page-size must be at least 1, not 0 (see 'registry help')"), "\(english.stderr)")
    }

    /// Every `validate()` refusal goes through ``UsageText``: a literal `ValidationError` would
    /// be English whatever `--lang` says.
    @Test func noCommandWordsAUsageRefusalInOneLanguage() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/RegistryTool")
        var literal: [String] = [], typed = 0
        for case let url as URL in FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)!
        where url.pathExtension == "swift" && url.lastPathComponent != "UsageText.swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            if text.contains("ValidationError(") { literal.append(url.lastPathComponent) }
            typed += text.components(separatedBy: "throw UsageText.").count - 1
        }
        #expect(typed >= 16, "read the commands under \(root.path)")
        #expect(literal == [])
    }

    @Test func everyTableHeadingHasAnIndonesianOne() {
        for (name, heading) in ColumnHeading.indonesian {
            #expect(ColumnHeading.text(for: name, in: .indonesian) == heading)
            #expect(ColumnHeading.text(for: name, in: .english) == name)
            #expect(!heading.contains(" "), "\(heading) would break the table's columns")
        }
        #expect(ColumnHeading.text(for: "unpaid_months", in: .indonesian) == "bulan_tunggakan")
        #expect(ColumnHeading.text(for: "no_such_column", in: .indonesian) == "no_such_column")
    }
}
