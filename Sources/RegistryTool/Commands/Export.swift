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
            to copy a register. NIKs are masked unless --unmasked is given; a file written with \
            --unmasked is owner-only (0600).
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("What to export: \(ImportKind.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "kind"))
    var kind: ImportKind

    @Option(help: "csv or json.")
    var format: ExportFormat = .csv

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file"))
    var output: String?

    @Flag(help: "Write full NIKs (personal data): the file is created owner-only.")
    var unmasked = false

    func run() throws {
        let registry = try database.openExisting()
        let sink: BufferedOutput
        if let output {
            do {
                sink = try BufferedOutput.create(path: output, mode: unmasked ? 0o600 : 0o644)
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
