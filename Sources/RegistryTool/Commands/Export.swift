import ArgumentParser
import Foundation
import Registry
import SQLiteDB

/// `registry export KIND`: every record of a kind as CSV (the import format) or JSON.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: Localized(en: "Export regions, offices, employers, workers, memberships, payments, labour-force, targets or published-counts as CSV or JSON.",
                            id: "Mengekspor regions, offices, employers, workers, memberships, payments, labour-force, targets atau published-counts sebagai CSV atau JSON.").inToolLanguage,
        discussion: Localized(en: """
            CSV exports have the columns of the import files (docs/csv-formats.md) and an order that \
            imports again: export every kind with --unmasked and import them in the order listed above \
            to copy a register. NIKs are masked unless --unmasked is given, and so is every other run of \
            16 or more digits in any column (a NIK kept as a phone number). A CSV cell a spreadsheet would \
            run as a formula (beginning with =, +, -, @, tab or carriage return, other than a plain number) \
            is written with a leading ', which an import removes. A file written with -o is owner-only \
            (0600). It is never the database nor written through a symbolic link; an existing file is \
            replaced only with --force, which also allows a directory every user may write to. The file \
            appears whole when the export is done.
            """, id: """
            Ekspor CSV memakai kolom berkas impor (docs/csv-formats.md) dan urutan yang dapat diimpor lagi: \
            ekspor setiap jenis dengan --unmasked lalu impor sesuai urutan di atas untuk menyalin register. \
            NIK disamarkan kecuali dengan --unmasked, demikian pula setiap deretan 16 angka atau lebih di \
            kolom mana pun (NIK yang tersimpan sebagai nomor telepon). Sel CSV yang akan dijalankan lembar \
            kerja sebagai rumus (diawali =, +, -, @, tab atau carriage return, selain bilangan biasa) \
            ditulis dengan awalan ', yang dibuang saat impor. Berkas yang ditulis dengan -o hanya untuk \
            pemilik (0600). Berkas itu tidak pernah basis data dan tidak ditulis lewat tautan simbolik; \
            berkas yang sudah ada hanya diganti dengan --force, yang juga membolehkan direktori yang boleh \
            ditulisi semua pengguna. Berkasnya muncul utuh setelah ekspor selesai.
            """).inToolLanguage
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp(Localized(en: "What to export: {kinds}.", id: "Yang diekspor: {kinds}.")
        .text(in: ToolLanguage.current, ["kinds": ImportKind.allCases.map(\.rawValue).joined(separator: ", ")]), valueName: "kind"))
    var kind: ImportKind

    @Option(help: ArgumentHelp(Localized(en: "csv or json.", id: "csv atau json.").inToolLanguage))
    var format: ExportFormat = .csv

    @Option(name: .shortAndLong, help: ArgumentHelp(Localized(en: "Write to this file instead of stdout.",
                                                              id: "Tulis ke berkas ini, bukan ke stdout.").inToolLanguage, valueName: "file"))
    var output: String?

    @Flag(help: ArgumentHelp(Localized(en: "Write full NIKs (and every other number in full) instead of masked ones (personal data; say so explicitly).",
                          id: "Tulis NIK lengkap (dan setiap nomor lain secara lengkap), bukan yang disamarkan (data pribadi; harus dinyatakan tegas).").inToolLanguage))
    var unmasked = false

    @Flag(help: ArgumentHelp(Localized(en: "Replace an existing -o file; write even into a directory every user may write to (such as /tmp).",
                          id: "Ganti berkas -o yang sudah ada; tetap tulis meskipun ke direktori yang boleh ditulisi semua pengguna (seperti /tmp).").inToolLanguage))
    var force = false

    func run() throws {
        let target = try output.map {
            try OutputFile($0, role: "the export", force: force, protecting: [.database(database.path)])
        }
        let registry = try database.openForReading(refreshingStanding: false)
        guard let target else {
            let sink = BufferedOutput(descriptor: STDOUT_FILENO, closes: false)
            _ = try RegistryExport(kind: kind, format: format, unmasked: unmasked).run(registry, to: sink)
            try sink.close()
            return
        }
        // Owner-only even when masked: names, birth dates and phone numbers are personal data too.
        let staged = try target.stage()
        let sink = BufferedOutput(descriptor: staged.descriptor, closes: false)
        let rows = try RegistryExport(kind: kind, format: format, unmasked: unmasked).run(registry, to: sink)
        try sink.close()
        try staged.publish()
        StandardError.writeLine("exported \(rows) \(kind) rows to \(target.path)")
    }
}

extension ExportFormat: ExpressibleByArgument {}
