import Registry

/// The tool's own messages in both languages: help text of the root and import commands, the
/// import's summary and notes, and the wrappers around errors. One ``Localized`` per case, so a
/// message cannot exist in one language only, and `ToolTextTests` walks them all.
///
/// The other commands' help is written beside each command, as `Localized(en:id:)`
/// (`Localized.inToolLanguage`); charts' words are in `ChartText`.
///
/// Left in English, and said so in docs/cli.md: ArgumentParser's own messages ("Missing
/// expected argument"), SQLite's messages (a trigger's refusal of SQL typed in the shell), and
/// the one-line summaries of commands other than import.
enum ToolText: CaseIterable {
    case languageUnknown, languageMissing
    case rootAbstract, rootDiscussion
    case importAbstract, importKindHelp, importFileHelp, importDryRunHelp, importSkipInvalidHelp, importRejectsHelp
    case importSummary, importSummaryDryRun, importSeeRejects, importDryRunNothingStored, importNothingStoredBecauseRejected
    case importRejectedRows, importNothingRejectedNote, importCommitted, importProgress
    case cannotRead, databaseError, schemaError, seeHelp

    /// The text in the run's language, `{name}` parts filled from `arguments`.
    func callAsFunction(_ arguments: [String: String] = [:]) -> String {
        localized.text(in: ToolLanguage.current, arguments)
    }

    var localized: Localized {
        switch self {
        case .languageUnknown:
            Localized(en: "--lang {value}: choose id (Bahasa Indonesia) or en (English)",
                      id: "--lang {value}: pilih id (Bahasa Indonesia) atau en (English)")
        case .languageMissing:
            Localized(en: "--lang needs a value: id (Bahasa Indonesia) or en (English)",
                      id: "--lang perlu nilai: id (Bahasa Indonesia) atau en (English)")
        case .rootAbstract:
            Localized(en: "Keep the membership register of a workers' social-security scheme.",
                      id: "Mengelola daftar kepesertaan program jaminan sosial ketenagakerjaan.")
        case .rootDiscussion:
            Localized(en: """
                The database is --db PATH, else $REGISTRY_DB, else ./registry.sqlite.
                Messages are in the language of --lang id|en, else of LC_ALL, LC_MESSAGES or LANG (id_ID: Bahasa Indonesia).

                Exit codes:
                  0  success
                  1  data problems: rows rejected, a check failed, a request the registry refused
                  2  usage: unknown command or option, malformed argument, unreadable input file
                  3  database error: missing or unreadable database, newer schema, disk or lock failure
                """, id: """
                Basis datanya --db PATH, jika tidak ada $REGISTRY_DB, jika tidak ada ./registry.sqlite.
                Pesan memakai bahasa --lang id|en, jika tidak ada bahasa LC_ALL, LC_MESSAGES atau LANG (id_ID: Bahasa Indonesia).

                Kode keluar:
                  0  berhasil
                  1  masalah data: baris ditolak, pemeriksaan gagal, permintaan ditolak oleh register
                  2  pemakaian: perintah atau opsi tidak dikenal, argumen salah bentuk, berkas masukan tak terbaca
                  3  galat basis data: basis data tidak ada atau tak terbaca, skema lebih baru, disk atau kunci gagal
                """)
        case .importAbstract:
            Localized(en: "Import a CSV file of {kinds}.", id: "Mengimpor berkas CSV berisi {kinds}.")
        case .importKindHelp:
            Localized(en: "What the file holds: {kinds}.", id: "Isi berkasnya: {kinds}.")
        case .importFileHelp:
            Localized(en: "The CSV file (UTF-8, optional BOM, LF or CRLF).", id: "Berkas CSV (UTF-8, BOM boleh ada, LF atau CRLF).")
        case .importDryRunHelp:
            Localized(en: "Check every row and store nothing.", id: "Periksa setiap baris tanpa menyimpan apa pun.")
        case .importSkipInvalidHelp:
            Localized(en: "Store the good rows and leave out the rejected ones (exit status 1 if any).",
                      id: "Simpan baris yang baik dan lewati baris yang ditolak (status keluar 1 jika ada).")
        case .importRejectsHelp:
            Localized(en: "Where to write the rejected rows (default: FILE.rejects.csv).",
                      id: "Tempat menulis baris yang ditolak (bawaan: FILE.rejects.csv).")
        case .importSummary:
            Localized(en: "{kind}: {rows} rows, {count} stored, {rejected} rejected",
                      id: "{kind}: {rows} baris, {count} disimpan, {rejected} ditolak")
        case .importSummaryDryRun:
            Localized(en: "{kind}: {rows} rows, {count} valid, {rejected} rejected",
                      id: "{kind}: {rows} baris, {count} sah, {rejected} ditolak")
        case .importSeeRejects:
            Localized(en: " (see {path})", id: " (lihat {path})")
        case .importDryRunNothingStored:
            Localized(en: "; dry run, nothing stored", id: "; uji coba, tidak ada yang disimpan")
        case .importNothingStoredBecauseRejected:
            Localized(en: "; nothing stored because rows were rejected (--skip-invalid stores the good rows)",
                      id: "; tidak ada yang disimpan karena ada baris yang ditolak (--skip-invalid menyimpan baris yang baik)")
        case .importRejectedRows:
            Localized(en: "{rejected} of {rows} rows rejected; see {path}", id: "{rejected} dari {rows} baris ditolak; lihat {path}")
        case .importNothingRejectedNote:
            Localized(en: "note: nothing was rejected; {path} is an earlier run's and was left as it was",
                      id: "catatan: tidak ada yang ditolak; {path} berasal dari proses sebelumnya dan dibiarkan apa adanya")
        case .importCommitted:
            Localized(en: "committed the rows up to line {line}", id: "baris sampai baris ke-{line} sudah di-commit")
        case .importProgress:
            Localized(en: "importing {kind}", id: "mengimpor {kind}")
        case .cannotRead:
            Localized(en: "cannot read {file}: {error}", id: "tidak bisa membaca {file}: {error}")
        case .databaseError:
            Localized(en: "database error: {detail}", id: "galat basis data: {detail}")
        case .schemaError:
            Localized(en: "schema: {detail}", id: "skema: {detail}")
        case .seeHelp:
            Localized(en: "(see 'registry help')", id: "(lihat 'registry help')")
        }
    }
}
