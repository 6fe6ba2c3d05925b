import ArgumentParser
import Foundation
import Registry
import SQLiteDB

/// `registry export KIND`: every record of a kind as CSV (the import format) or JSON.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export regions, offices, employers, workers, memberships, payments, labour-force or targets as CSV or JSON.",
        discussion: """
            CSV exports have the columns of the import files (docs/csv-formats.md) and an order that \
            imports again: export every kind with --unmasked and import them in the order listed above \
            to copy a register. NIKs are masked unless --unmasked is given, and so is every other run of \
            16 or more digits in any column (a NIK kept as a phone number). A CSV cell a spreadsheet would \
            run as a formula (beginning with =, +, -, @, tab or carriage return, other than a plain number) \
            is written with a leading ', which an import removes. A file written with -o is \
            owner-only (0600), and is refused in a directory every user may write to unless --force.
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

    @Flag(help: "Write even into a directory every user may write to (such as /tmp).")
    var force = false

    func run() throws {
        if let output { try WriteTarget(path: output, role: "the export").requireSafe(force: force) }
        let registry = try database.openExisting()
        let sink: BufferedOutput
        if let output {
            do {
                // Owner-only even when masked: names, birth dates and phone numbers are personal data too.
                sink = try BufferedOutput.create(path: output, mode: 0o600)
            } catch {
                throw ToolFailure(.usage, "cannot write \(output): \(error)")
            }
        } else {
            sink = BufferedOutput(descriptor: STDOUT_FILENO, closes: false)
        }
        let rows = try RegistryExport(kind: kind, format: format, unmasked: unmasked).run(registry, to: sink)
        try sink.close()
        if let output { StandardError.writeLine("exported \(rows) \(kind) rows to \(output)") }
    }
}

extension ExportFormat: ExpressibleByArgument {}
