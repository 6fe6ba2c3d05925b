import ArgumentParser
import Registry

/// The tool's refusals of an option's value or of options given together, in both languages.
///
/// Thrown from a command's `validate()` as `ValidationError`, which ArgumentParser prints with
/// the usage line and exit status 2: the message is ours to word, unlike ArgumentParser's own
/// parse errors, so a clerk reading Bahasa Indonesia gets it in Bahasa Indonesia.
enum UsageText: CaseIterable {
    case atLeastOne, exactlyOneArea
    case dryRunWithSkipInvalid, batchSizeNeedsSkipInvalid
    case publishedAtOneDate, fromOrMonths, monthsRange, fromAfterDate, tooManyMonthlyPoints
    case afterNeedsPageSize, knownOnTakesNoPageSize, knownOnAtOneDate, knownOnTakesNoPublished, notACursor
    case noCSV

    /// The refusal to throw, `{name}` parts filled from `arguments`.
    func callAsFunction(_ arguments: [String: String] = [:]) -> ValidationError {
        ValidationError(localized.text(in: ToolLanguage.current, arguments))
    }

    var localized: Localized {
        switch self {
        case .atLeastOne:
            Localized(en: "{option} must be at least 1, not {value}", id: "{option} paling sedikit 1, bukan {value}")
        case .exactlyOneArea:
            Localized(en: "give exactly one of --office, --region or --agent",
                      id: "berikan tepat satu dari --office, --region atau --agent")
        case .dryRunWithSkipInvalid:
            Localized(en: "--dry-run and --skip-invalid cannot be combined",
                      id: "--dry-run dan --skip-invalid tidak dapat dipakai bersama")
        case .batchSizeNeedsSkipInvalid:
            Localized(en: "--batch-size goes with --skip-invalid (an all-or-nothing import is one commit)",
                      id: "--batch-size hanya bersama --skip-invalid (impor semua-atau-tidak-sama-sekali adalah satu commit)")
        case .publishedAtOneDate:
            Localized(en: "--published goes with a report at one date in table, csv or json",
                      id: "--published hanya untuk laporan pada satu tanggal, dalam table, csv atau json")
        case .fromOrMonths:
            Localized(en: "--from and --months both choose the months of the report; give one",
                      id: "--from dan --months sama-sama memilih bulan laporan; berikan salah satu")
        case .monthsRange:
            Localized(en: "--months must be 1 to {maximum}, not {value}", id: "--months harus 1 sampai {maximum}, bukan {value}")
        case .fromAfterDate:
            Localized(en: "--from {from} is after the report date {date} (--as-of)",
                      id: "--from {from} sesudah tanggal laporan {date} (--as-of)")
        case .tooManyMonthlyPoints:
            Localized(en: "--from {from} gives {count} monthly points up to {date}; a report over time takes at most {maximum} (ten years)",
                      id: "--from {from} menghasilkan {count} titik bulanan sampai {date}; laporan sepanjang waktu paling banyak {maximum} (sepuluh tahun)")
        case .afterNeedsPageSize:
            Localized(en: "--after goes with --page-size", id: "--after hanya bersama --page-size")
        case .knownOnTakesNoPageSize:
            Localized(en: "--as-known-on lists the whole register: it does not take --page-size",
                      id: "--as-known-on mendaftar seluruh register: tidak menerima --page-size")
        case .knownOnAtOneDate:
            Localized(en: "--as-known-on reads the whole ledger for its one date: it does not take {option}",
                      id: "--as-known-on membaca seluruh buku besar untuk satu tanggalnya: tidak menerima {option}")
        case .knownOnTakesNoPublished:
            Localized(en: "--published shows figures as recorded now, not as known on a past day: it does not go with --as-known-on",
                      id: "--published menampilkan angka sebagaimana tercatat sekarang, bukan menurut isi register pada hari yang lalu: tidak dapat dipakai bersama --as-known-on")
        case .notACursor:
            Localized(en: "--after: '{value}' is not a cursor printed by 'registry report arrears --page-size'",
                      id: "--after: '{value}' bukan kursor yang dicetak oleh 'registry report arrears --page-size'")
        case .noCSV:
            Localized(en: "{command} prints table or json, not csv", id: "{command} mencetak table atau json, bukan csv")
        }
    }
}
