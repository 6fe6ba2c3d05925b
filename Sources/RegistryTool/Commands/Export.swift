import ArgumentParser
import Foundation
import Registry
import SQLiteDB

/// `registry export KIND`: every record of a kind as CSV (the import format) or JSON.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export regions, offices, employers, workers, memberships, payments, labour-force, targets or published-counts as CSV or JSON.",
        discussion: """
            CSV exports have the columns of the import files (docs/csv-formats.md) and an order that \
            imports again: export every kind with --unmasked and import them in the order listed above \
            to copy a register. NIKs are masked unless --unmasked is given, and so is every other run of \
            16 or more digits in any column (a NIK kept as a phone number). A CSV cell a spreadsheet would \
            run as a formula (beginning with =, +, -, @, tab or carriage return, other than a plain number) \
            is written with a leading ', which an import removes. A file written with -o is owner-only \
            (0600). It is never the database nor written through a symbolic link; an existing file is \
            replaced only with --force, which also allows a directory every user may write to. The file \
            appears whole when the export is done.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("What to export: \(ImportKind.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "kind"))
    var kind: ImportKind

    @Option(help: "csv or json.")
    var format: ExportFormat = .csv

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file"))
    var output: String?

    @Flag(help: "Write full NIKs (and every other number in full) instead of masked ones (personal data; say so explicitly).")
    var unmasked = false

    @Flag(help: "Replace an existing -o file; write even into a directory every user may write to (such as /tmp).")
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
