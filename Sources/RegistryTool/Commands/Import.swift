import ArgumentParser
import Foundation
import Registry
import SQLiteDB

/// `registry import KIND FILE`: loads a CSV file through the registry's rules, row by row.
struct Import: ParsableCommand {
    // Computed, so the abstract follows --lang; the discussion is English only (docs/cli.md).
    static var configuration: CommandConfiguration { CommandConfiguration(
        abstract: ToolText.importAbstract(["kinds": "regions, offices, employers, workers, memberships, payments, labour-force, targets, published-counts"]),
        discussion: Localized(en: """
            The file has a header row; columns are matched by name, in any order (see docs/csv-formats.md). \
            Every row goes through the same checks as a clerk's entry. Each refused row is written to the \
            reject file (line, column, value, reason; NIKs masked, like every run of 16 or more digits), \
            owner-only. The reject file is written only when a row is rejected. It is never the database \
            or the input file, never written through a symbolic link, and an existing one is replaced only \
            with --force. A cell the export guarded against spreadsheets ('=…) loses that leading '.

            By default the import is all-or-nothing: one rejected row and nothing is stored. \
            --skip-invalid stores the good rows (committed every 10,000 rows, or every --batch-size rows) \
            and leaves the rejects out. --dry-run checks every row and stores nothing.

            An import holds the database's write lock while it runs: for the whole file when \
            all-or-nothing (and for a dry run), for one batch at a time with --skip-invalid, leaving it \
            free for a moment between batches. Other writers (clerks, payment channels) wait up to 5 \
            seconds for it and then fail with "database is locked". So import a file that takes longer \
            than that when no one else writes, or with --skip-invalid and batches that take a second \
            or less. Killed or interrupted, an import leaves its committed batches (or the whole file) \
            and nothing of the rest. See docs/operations.md.

            Exit status: 0 when every row was accepted, 1 when any row was rejected (also with \
            --skip-invalid and --dry-run), 2 for an unreadable or empty file or a bad header, 3 for a database error.
            """, id: """
            Berkasnya punya baris judul; kolom dicocokkan menurut nama, dalam urutan apa pun (lihat \
            docs/csv-formats.md). Setiap baris melewati pemeriksaan yang sama dengan isian petugas. Setiap \
            baris yang ditolak ditulis ke berkas penolakan (baris, kolom, nilai, alasan; NIK disamarkan, \
            seperti setiap deretan 16 angka atau lebih), yang hanya untuk pemilik. Berkas penolakan hanya \
            ditulis jika ada baris yang ditolak. Berkas itu tidak pernah basis data atau berkas masukan, \
            tidak pernah ditulis lewat tautan simbolik, dan yang sudah ada hanya diganti dengan --force. Sel \
            yang dilindungi ekspor dari lembar kerja ('=…) kehilangan awalan ' itu.

            Bawaannya, impor bersifat semua-atau-tidak-sama-sekali: satu baris ditolak, tidak ada yang \
            disimpan. --skip-invalid menyimpan baris yang baik (disimpan setiap 10.000 baris, atau setiap \
            --batch-size baris) dan melewati yang ditolak. --dry-run memeriksa setiap baris tanpa menyimpan \
            apa pun.

            Selama berjalan, impor memegang kunci tulis basis data: untuk seluruh berkas jika \
            semua-atau-tidak-sama-sekali (dan untuk uji coba), untuk satu kelompok baris setiap kali dengan \
            --skip-invalid, sehingga kunci itu bebas sejenak di antara kelompok. Penulis lain (petugas, \
            kanal pembayaran) menunggunya sampai 5 detik lalu gagal dengan "database is locked". Karena itu, \
            impor berkas yang memakan waktu lebih lama saat tidak ada yang menulis, atau dengan \
            --skip-invalid dan kelompok yang selesai dalam satu detik atau kurang. Jika dihentikan atau \
            terputus, impor meninggalkan kelompok yang sudah disimpan (atau seluruh berkas) dan tidak ada \
            dari sisanya. Lihat docs/operations.md.

            Status keluar: 0 jika semua baris diterima, 1 jika ada baris yang ditolak (juga dengan \
            --skip-invalid dan --dry-run), 2 untuk berkas yang tak terbaca atau kosong atau baris judul yang \
            salah, 3 untuk galat basis data.
            """).inToolLanguage
    ) }

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp(ToolText.importKindHelp(["kinds": ImportKind.allCases.map(\.rawValue).joined(separator: ", ")]), valueName: "kind"))
    var kind: ImportKind

    @Argument(help: ArgumentHelp(ToolText.importFileHelp(), valueName: "file"))
    var file: String

    @Flag(help: ArgumentHelp(ToolText.importDryRunHelp()))
    var dryRun = false

    @Flag(help: ArgumentHelp(ToolText.importSkipInvalidHelp()))
    var skipInvalid = false

    @Option(help: ArgumentHelp(ToolText.importRejectsHelp(), valueName: "path"))
    var rejects: String?

    @Option(help: ArgumentHelp(Localized(en: "With --skip-invalid: commit every N rows (default 10000).",
                                         id: "Dengan --skip-invalid: simpan setiap N baris (bawaan 10000).").inToolLanguage, valueName: "n"))
    var batchSize: Int?

    @Flag(name: .shortAndLong, help: ArgumentHelp(Localized(en: "Report each commit on stderr (\"committed the rows up to line N\"), right after it.",
                                               id: "Laporkan setiap penyimpanan di stderr (\"baris sampai baris N disimpan\"), segera sesudahnya.").inToolLanguage))
    var verbose = false

    @Flag(help: ArgumentHelp(Localized(en: "Replace an existing reject file; write it even into a directory every user may write to (such as /tmp).",
                          id: "Ganti berkas penolakan yang sudah ada; tetap tulis meskipun ke direktori yang boleh ditulisi semua pengguna (seperti /tmp).").inToolLanguage))
    var force = false

    func validate() throws {
        if dryRun && skipInvalid { throw UsageText.dryRunWithSkipInvalid() }
        if let batchSize {
            guard skipInvalid else { throw UsageText.batchSizeNeedsSkipInvalid() }
            guard batchSize > 0 else { throw UsageText.atLeastOne(["option": "--batch-size", "value": String(batchSize)]) }
        }
    }

    func run() throws {
        let descriptor = open(file, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ToolFailure(.usage, ToolText.cannotRead(["file": file, "error": String(cString: strerror(errno))]))
        }
        defer { close(descriptor) }
        let rejectsPath = rejects ?? file + ".rejects.csv"
        let report = RejectReport(try OutputFile(
            rejectsPath, role: "the reject file", force: force,
            protecting: [.database(database.path), ProtectedFile(file, role: "the input file")]))
        let registry = try database.openExisting()

        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? nil
        let bar = ProgressBar(ToolText.importProgress(["kind": kind.rawValue]), total: size)
        var importer = CSVImport(kind: kind, mode: dryRun ? .dryRun : skipInvalid ? .skipInvalid : .allOrNothing)
        importer.actor = "registry import \(kind)"
        importer.language = ToolLanguage.current
        if let batchSize { importer.batchSize = batchSize }
        importer.onReject = { try report.add($0) }
        importer.onProgress = { bytes, rows in bar.update(bytes, detail: "\(rows) rows") }
        if verbose { importer.onCommit = { StandardError.writeLine(ToolText.importCommitted(["line": String($0)])) } }

        var reader = CSVReader(descriptor: descriptor)
        let outcome: ImportOutcome
        do {
            outcome = try importer.run(&reader, into: registry)
        } catch {
            // The rejects found before the failure are kept: they say what was wrong so far.
            _ = try? report.finish()
            switch error {
            case let error as ImportFileError: throw ToolFailure(.usage, "\(file) \(error)")
            case let error as CSVReader.ReadError: throw ToolFailure(.usage, ToolText.cannotRead(["file": file, "error": "\(error)"]))
            default: throw error
            }
        }
        if try !report.finish(), report.target.exists {
            StandardError.writeLine(ToolText.importNothingRejectedNote(["path": rejectsPath]))
        }
        bar.finish(size ?? 0, detail: "\(outcome.rows) rows")
        print(Self.summary(outcome, rejectsPath: rejectsPath))
        if outcome.rejected > 0 {
            throw ToolFailure(.dataProblems, ToolText.importRejectedRows(
                ["rejected": String(outcome.rejected), "rows": String(outcome.rows), "path": rejectsPath]))
        }
    }

    /// `workers: 1000 rows, 997 stored, 3 rejected (see workers.csv.rejects.csv)`, and what
    /// happened to the good rows when that is not obvious.
    static func summary(_ outcome: ImportOutcome, rejectsPath: String) -> String {
        let count = outcome.mode == .dryRun ? outcome.accepted : outcome.stored
        let summary: ToolText = outcome.mode == .dryRun ? .importSummaryDryRun : .importSummary
        var line = summary(["kind": outcome.kind.rawValue, "rows": String(outcome.rows), "count": String(count),
                            "rejected": String(outcome.rejected)])
        if outcome.rejected > 0 { line += ToolText.importSeeRejects(["path": rejectsPath]) }
        switch outcome.mode {
        case .dryRun: line += ToolText.importDryRunNothingStored()
        case .allOrNothing where outcome.rejected > 0: line += ToolText.importNothingStoredBecauseRejected()
        default: break
        }
        return line
    }
}

extension ImportKind: ExpressibleByArgument {}
