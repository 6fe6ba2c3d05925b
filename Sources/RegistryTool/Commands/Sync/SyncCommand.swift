import ArgumentParser
import Foundation
import Registry
import SQLiteDB

/// `registry sync push|apply|pull`: bringing an extract's offline work back, and refreshing it.
struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: Localized(en: "Push an extract's offline work to the central register, or pull the centre's state into it.",
                            id: "Mengirim pekerjaan luring sebuah ekstrak ke register pusat, atau menarik keadaan pusat ke dalamnya.").inToolLanguage,
        subcommands: [SyncPush.self, SyncApply.self, SyncPull.self]
    )
}

/// Writes a push's rejects and prints its summary; exit 1 when something was rejected.
enum PushReport {
    static func finish(_ outcome: PushOutcome, report: RejectReport, source: String) throws {
        for reject in outcome.rejects {
            try report.add(ImportReject(line: Int(reject.localID), column: "\(reject.table).\(reject.column)".replacingOccurrences(of: ".$", with: "", options: .regularExpression),
                                        value: reject.value, reason: reject.reason(in: ToolLanguage.current)))
        }
        try report.finish()
        if outcome.alreadyApplied {
            print("\(source): this changeset was applied before; nothing to do")
            return
        }
        var line = "\(source): \(outcome.applied) changes applied, \(outcome.rejects.count) rejected"
        if outcome.alreadyStored > 0 { line += ", \(outcome.alreadyStored) already stored by an earlier push" }
        if !outcome.rejects.isEmpty { line += " (see \(report.path))" }
        print(line)
        if !outcome.rejects.isEmpty {
            throw ToolFailure(.dataProblems, "\(outcome.rejects.count) changes rejected; see \(report.path)")
        }
    }
}

/// `registry sync push EXTRACT`: applies the extract's work to the central register (--db).
struct SyncPush: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: Localized(en: "Apply an extract's changes since extraction to the central register, in one transaction.",
                            id: "Menerapkan perubahan ekstrak sejak diambil ke register pusat, dalam satu transaksi.").inToolLanguage,
        discussion: Localized(en: """
            Run where the central register is (--db). The changes travel as an SQLite changeset; \
            rows made offline get central ids. A change that conflicts (a NIK or receipt already \
            stored, a row changed centrally, a rule of the centre refusing it) is left out with \
            everything that depends on it, and listed in the reject file; nothing is replaced. \
            Pushing the same work again stores nothing twice. With --changeset FILE nothing is \
            applied: the changeset is written to FILE (owner-only) to carry to the centre, where \
            'registry sync apply FILE' applies it.
            """, id: """
            Jalankan di tempat register pusat berada (--db). Perubahan dibawa sebagai changeset SQLite; \
            baris yang dibuat secara luring mendapat id pusat. Perubahan yang bertentangan (NIK atau \
            kuitansi yang sudah tersimpan, baris yang sudah diubah di pusat, aturan pusat yang menolaknya) \
            ditinggalkan bersama semua yang bergantung padanya, dan dicantumkan di berkas penolakan; tidak \
            ada yang ditimpa. Mengirim pekerjaan yang sama lagi tidak menyimpan apa pun dua kali. Dengan \
            --changeset FILE tidak ada yang diterapkan: changeset ditulis ke FILE (hanya untuk pemilik) \
            untuk dibawa ke pusat, tempat 'registry sync apply FILE' menerapkannya.
            """).inToolLanguage
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp(Localized(en: "The extract.", id: "Ekstraknya.").inToolLanguage, valueName: "extract")) var extract: String

    @Option(help: ArgumentHelp(Localized(en: "Write the changeset to this file instead of applying it.",
                                         id: "Tulis changeset ke berkas ini, bukan menerapkannya.").inToolLanguage, valueName: "file"))
    var changeset: String?

    @Option(help: ArgumentHelp(Localized(en: "Where to write the rejected changes (default: EXTRACT.rejects.csv).",
                                         id: "Tempat menulis perubahan yang ditolak (bawaan: EXTRACT.rejects.csv).").inToolLanguage, valueName: "path"))
    var rejects: String?

    @Flag(help: ArgumentHelp(Localized(en: "Replace an existing output file; write even into a directory every user may write to.",
                          id: "Ganti berkas keluaran yang sudah ada; tetap tulis meskipun ke direktori yang boleh ditulisi semua pengguna.").inToolLanguage))
    var force = false

    func run() throws {
        if let changeset {
            let target = try OutputFile(changeset, role: "the changeset file", force: force,
                                        protecting: [.database(extract), .database(database.path)])
            let (marker, work) = try Registry.changeset(ofExtractAt: extract)
            let staged = try target.stage()
            let bytes = ChangesetFile.encode(work, from: marker)
            try FileHandle(fileDescriptor: staged.descriptor, closeOnDealloc: false).write(contentsOf: Data(bytes))
            try staged.publish()
            print("wrote the changes of \(extract) since \(marker.extractedAt) (\(bytes.count) bytes) to \(changeset)")
            return
        }
        let rejectsPath = rejects ?? extract + ".rejects.csv"
        let report = RejectReport(try OutputFile(rejectsPath, role: "the reject file", force: force,
                                                 protecting: [.database(database.path), .database(extract)]))
        let registry = try database.openExisting()
        if try registry.read({ try $0.extractMarker() }) != nil {
            throw ToolFailure(.usage, "\(database.path) is itself an extract: push to the central register")
        }
        let outcome = try registry.push(extractAt: extract)
        try PushReport.finish(outcome, report: report, source: extract)
    }
}

/// `registry sync apply FILE`: applies a changeset file written by `sync push --changeset`.
struct SyncApply: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: Localized(en: "Apply a changeset file written by 'registry sync push --changeset' to the central register.",
                            id: "Menerapkan berkas changeset yang ditulis 'registry sync push --changeset' ke register pusat.").inToolLanguage
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp(Localized(en: "The changeset file.", id: "Berkas changeset.").inToolLanguage, valueName: "file")) var file: String

    @Option(help: ArgumentHelp(Localized(en: "Where to write the rejected changes (default: FILE.rejects.csv).",
                                         id: "Tempat menulis perubahan yang ditolak (bawaan: FILE.rejects.csv).").inToolLanguage, valueName: "path"))
    var rejects: String?

    @Flag(help: ArgumentHelp(Localized(en: "Replace an existing reject file; write even into a directory every user may write to.",
                          id: "Ganti berkas penolakan yang sudah ada; tetap tulis meskipun ke direktori yang boleh ditulisi semua pengguna.").inToolLanguage))
    var force = false

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file) else { throw ToolFailure(.usage, "cannot read \(file)") }
        let (marker, changeset) = try ChangesetFile.decode(Array(data))
        let rejectsPath = rejects ?? file + ".rejects.csv"
        let report = RejectReport(try OutputFile(rejectsPath, role: "the reject file", force: force,
                                                 protecting: [.database(database.path), ProtectedFile(file, role: "the changeset file")]))
        let registry = try database.openExisting()
        if try registry.read({ try $0.extractMarker() }) != nil {
            throw ToolFailure(.usage, "\(database.path) is itself an extract: apply the changeset to the central register")
        }
        try PushReport.finish(try registry.apply(changeset, from: marker), report: report, source: file)
    }
}

/// `registry sync pull EXTRACT`: refreshes the extract from the central register (--db).
struct SyncPull: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: Localized(en: "Refresh an extract from the central register: the same area, as the centre has it now.",
                            id: "Memperbarui ekstrak dari register pusat: wilayah yang sama, sebagaimana ada di pusat sekarang.").inToolLanguage,
        discussion: Localized(en: """
            Refused while the extract holds work not yet pushed (push first), unless \
            --discard-unpushed-work. The new extract replaces the old file in one rename.
            """, id: """
            Ditolak selama ekstrak berisi pekerjaan yang belum dikirim (kirim dulu), kecuali dengan \
            --discard-unpushed-work. Ekstrak baru menggantikan berkas lama dengan satu kali ganti nama.
            """).inToolLanguage
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp(Localized(en: "The extract.", id: "Ekstraknya.").inToolLanguage, valueName: "extract")) var extract: String

    @Flag(help: ArgumentHelp(Localized(en: "Pull even though the extract holds work not yet pushed; that work is lost.",
                          id: "Tetap tarik meskipun ekstrak berisi pekerjaan yang belum dikirim; pekerjaan itu hilang.").inToolLanguage))
    var discardUnpushedWork = false

    func run() throws {
        let registry = try database.openExisting()
        let summary = try registry.refresh(extractAt: extract, discardingUnpushedWork: discardUnpushedWork)
        print("pulled \(summary.marker.area) into \(extract): \(summary.workers) workers, \(summary.memberships) memberships, \(summary.payments) payments")
    }
}
