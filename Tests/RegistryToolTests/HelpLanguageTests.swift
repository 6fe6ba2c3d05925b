import ArgumentParser
import Foundation
@testable import RegistryTool
import Testing

/// Every command's help in Bahasa Indonesia: no prose from its English help is left in it.
///
/// The English sentences are taken from the English help itself (not from a list kept here), so
/// a command, option or sentence added in English only fails this suite.
@Suite struct HelpLanguageTests {
    /// Every command's path below `registry`, the root included (`[]`).
    static let commandPaths: [[String]] = {
        func walk(_ command: any ParsableCommand.Type, _ path: [String]) -> [[String]] {
            [path] + command.configuration.subcommands.flatMap { walk($0, path + [$0._commandName]) }
        }
        return walk(RegistryCommand.self, [])
    }()

    /// ArgumentParser's own lines, which stay English (docs/cli.md says so).
    static func isArgumentParsers(_ piece: String) -> Bool {
        ["Show help information.", "Show the version."].contains(piece)
            || piece.hasPrefix("See 'registry help") && piece.hasSuffix("for detailed help.")
    }

    /// The prose of a help text: each piece between runs of two or more spaces, outside the
    /// USAGE block, of three words or more with an English function word in it (so a value
    /// name, a code example or a list of codes is not taken for a sentence).
    static func englishProse(in help: String) -> [String] {
        let functionWords: Set<String> = ["the", "a", "an", "of", "to", "is", "are", "and", "or", "for", "with", "from",
                                          "each", "every", "by", "in", "on", "at", "as", "its", "it", "when", "not", "this", "only", "per",
                                          "be", "has", "have", "than", "into", "what", "who", "how", "where"]
        var pieces: [String] = []
        var inUsage = false
        for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("USAGE:") { inUsage = true; continue }
            if inUsage {
                if line.trimmingCharacters(in: .whitespaces).isEmpty { inUsage = false }
                continue
            }
            let text = line.hasPrefix("OVERVIEW: ") ? String(line.dropFirst("OVERVIEW: ".count)) : String(line)
            for piece in text.components(separatedBy: "  ").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                let words = piece.lowercased().split { !$0.isLetter && $0 != "'" }.map(String.init)
                // An option's or argument's name column (`--as-of <date>`, `<nik-or-kpj>`) is not prose.
                guard words.count >= 3, words.contains(where: functionWords.contains), !piece.hasPrefix("-"),
                      !piece.hasPrefix("<"), !isArgumentParsers(piece) else { continue }
                pieces.append(piece)
            }
        }
        return pieces
    }

    @Test func theProseFinderTakesSentencesAndLeavesUsageCodesAndValueNames() {
        let help = """
            OVERVIEW: Issue a month's bills.

            USAGE: registry bill --month <YYYY-MM> [--page-size <n>]

            OPTIONS:
              --month <YYYY-MM>       The contribution month of the bills.
              --as-of <date>          Who runs it.
              --page-size <n>         Memberships per transaction. (default: 500)
              -h, --help              Show help information.

            """
        #expect(Self.englishProse(in: help) == ["Issue a month's bills.", "The contribution month of the bills.", "Who runs it.",
                                                "Memberships per transaction. (default: 500)"])
        #expect(Self.englishProse(in: "OVERVIEW: Menerbitkan tagihan satu bulan.\n  --as-of <date>   Bulan iuran.").isEmpty)
    }

    @Test func theWalkFindsEveryCommand() {
        let paths = Self.commandPaths.map { $0.joined(separator: " ") }
        for expected in ["", "import", "report coverage", "report arrears", "pay informal", "sync push", "replicate status", "worker show"] {
            #expect(paths.contains(expected), "\(paths)")
        }
        #expect(paths.count >= 30, "\(paths)")
    }

    @Test(arguments: commandPaths)
    func helpInIndonesianHasNoEnglishProse(_ path: [String]) throws {
        let english = try Tool.run(path + ["--help", "--lang", "en"])
        let indonesian = try Tool.run(path + ["--help", "--lang", "id"])
        #expect(english.status == 0 && indonesian.status == 0, "\(english.stderr)\(indonesian.stderr)")
        let prose = Self.englishProse(in: english.stdout)
        #expect(!prose.isEmpty, "no prose found in: \(english.stdout)")
        for sentence in prose {
            #expect(!indonesian.stdout.contains(sentence), "still English in `registry \(path.joined(separator: " ")) --help`: \(sentence)")
        }
        #expect(Self.englishProse(in: indonesian.stdout).count < prose.count, "\(indonesian.stdout)")
    }

    @Test func theLocaleChoosesTheHelpsLanguageToo() throws {
        let byLocale = try Tool.run(["report", "--help"], environment: ["LANG": "id_ID.UTF-8"])
        #expect(byLocale.stdout.contains("Mencetak laporan: cakupan, capaian, status, tunggakan atau agen."), "\(byLocale.stdout)")
        #expect(!byLocale.stdout.contains("Print a report"))
        // ArgumentParser's own lines stay English, as docs/cli.md says.
        #expect(byLocale.stdout.contains("Show help information."))
        #expect(byLocale.stdout.contains("See 'registry help report <subcommand>' for detailed help."))
    }
}
