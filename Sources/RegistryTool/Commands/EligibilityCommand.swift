import ArgumentParser
import Foundation
import Registry
import SQLiteDB

/// `registry eligibility NIK|KPJ --program JKK --on DATE`: was the worker protected that day?
struct EligibilityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eligibility",
        abstract: Localized(en: "Whether a worker was protected by a program on an incident date, with the reasons.",
                            id: "Apakah seorang pekerja terlindungi suatu program pada tanggal kejadian, beserta alasannya.").inToolLanguage,
        discussion: Localized(en: """
            Judged by what was true on DATE given everything the register holds now: the \
            membership in force, the dues of the latest month due by DATE paid by their due date \
            (a month is owed whether or not a billing run billed it), JKP's contribution period, \
            JHT's claim conditions. The rules are dated rows of eligibility_rules, each with its \
            source (see docs/eligibility.md). Every answer is recorded in eligibility_answers with \
            --actor and the time (never the NIK).

            Exit status: 0 eligible; 1 not eligible or undetermined; 2 usage; 3 database error.
            """, id: """
            Dinilai menurut keadaan pada DATE berdasarkan semua yang kini tersimpan di register: kepesertaan \
            yang berlaku, iuran bulan terakhir yang jatuh tempo sampai DATE dibayar paling lambat tanggal \
            jatuh temponya (iuran suatu bulan terutang, sudah ditagih atau belum), masa iur JKP, syarat \
            klaim JHT. Aturannya adalah baris bertanggal di eligibility_rules, masing-masing dengan \
            sumbernya (lihat docs/eligibility.md). Setiap jawaban dicatat di eligibility_answers bersama \
            --actor dan waktunya (tidak pernah NIK-nya).

            Status keluar: 0 layak; 1 tidak layak atau tidak dapat ditentukan; 2 pemakaian; 3 galat basis \
            data.
            """).inToolLanguage
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp(Localized(en: "The worker's NIK (16 digits) or KPJ card number (11 digits).",
                                           id: "NIK pekerja (16 angka) atau nomor kartu KPJ (11 angka).").inToolLanguage, valueName: "nik-or-kpj"))
    var key: String

    @Option(help: ArgumentHelp(Localized(en: "JKK, JKM, JHT, JP or JKP.", id: "JKK, JKM, JHT, JP atau JKP.").inToolLanguage, valueName: "program"))
    var program: Program

    @Option(name: .customLong("on"), help: ArgumentHelp(Localized(en: "The incident date, YYYY-MM-DD (a Jakarta day).",
                                                                  id: "Tanggal kejadian, YYYY-MM-DD (hari menurut waktu Jakarta).").inToolLanguage, valueName: "date"))
    var date: CalendarDate

    @Option(help: ArgumentHelp(Localized(en: "Output format: table or json.", id: "Format keluaran: table atau json.").inToolLanguage))
    var format: OutputFormat = .table

    @Option(help: ArgumentHelp(Localized(en: "Who asks, for the audit of answers.",
                                         id: "Siapa yang bertanya, untuk audit jawaban.").inToolLanguage, valueName: "name"))
    var actor: String = "registry-cli"

    func validate() throws {
        if format == .csv { throw UsageText.noCSV(["command": "eligibility"]) }
    }

    func run() throws {
        let registry = try database.openExisting()
        let (answer, worker) = try registry.write(actor: actor) { session in
            let worker = try WorkerKey.worker(key, in: session)
            return (try session.eligibility(of: worker.id, program: program, on: date), worker)
        }
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let output = Output(kpj: worker.kpj.description, program: answer.program.rawValue, date: answer.date.isoString,
                                verdict: answer.verdict.rawValue, membership: answer.membership?.rawValue,
                                checks: answer.checks, answer: answer.answerID)
            print(String(decoding: try encoder.encode(output), as: UTF8.self))
        case .table, .csv:
            print("\(worker.fullName) (KPJ \(worker.kpj), NIK \(worker.nik.masked)): \(answer.program.rawValue) on \(answer.date): "
                  + answer.verdict.rawValue.replacingOccurrences(of: "_", with: " "))
            var table = TextTable([.init(name: "outcome"), .init(name: "rule"), .init(name: "detail")])
            for check in answer.checks {
                table.append([check.outcome.rawValue.replacingOccurrences(of: "_", with: " "), check.rule,
                              check.detail + (check.source.map { " [\($0)]" } ?? "")])
            }
            print(table.rendered(as: .table))
            print("recorded as answer \(answer.answerID), asked by \(actor)")
        }
        guard answer.isEligible else {
            throw ToolFailure(.dataProblems, "\(answer.program.rawValue) on \(answer.date): \(answer.verdict.rawValue)")
        }
    }

    private struct Output: Encodable {
        var kpj: String, program: String, date: String, verdict: String, membership: Int64?
        var checks: [EligibilityCheck]
        var answer: Int64
    }
}
