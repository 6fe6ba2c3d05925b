import ArgumentParser
import Foundation
import Registry

/// `-o FILE` and `--force` of the reports that write charts: where the report goes.
///
/// A chart is a file people keep, mail and print, so it can be written straight to one. The
/// path passes every rule of ``OutputFile`` (never the database or its companions, never
/// through a symbolic link, owner-only, no replacement without `--force`), checked before the
/// register is opened, and the file appears whole when the report is done. Without `-o` the
/// report goes to stdout. Either way it is masked like everything the tool prints.
struct ReportDestination: ParsableArguments {
    @Option(name: .shortAndLong, help: ArgumentHelp(Localized(en: "Write the report to this file instead of stdout (owner-only).",
                                                              id: "Tulis laporan ke berkas ini, bukan ke stdout (hanya untuk pemilik).").inToolLanguage, valueName: "file"))
    var output: String?

    @Flag(help: ArgumentHelp(Localized(en: "Replace an existing -o file; write even into a directory every user may write to (such as /tmp).",
                          id: "Ganti berkas -o yang sudah ada; tetap tulis meskipun ke direktori yang boleh ditulisi semua pengguna (seperti /tmp).").inToolLanguage))
    var force = false

    /// The checked `-o` file, or nil for stdout. Call before opening the register, so a refused
    /// path costs nothing.
    func file(database: DatabaseOptions) throws -> OutputFile? {
        try output.map { try OutputFile($0, role: "the report", force: force, protecting: [.database(database.path)]) }
    }

    /// Writes `text`, masked (``PersonalData/maskDigitRuns(_:)``): to `file` when given, saying
    /// so on stderr, else to stdout.
    func write(_ text: String, to file: OutputFile?) throws {
        guard let file else {
            StandardOutput.write(text)
            return
        }
        let staged = try file.stage()
        let sink = BufferedOutput(descriptor: staged.descriptor, closes: false)
        do {
            try sink.write(PersonalData.maskDigitRuns(text))
            try sink.close()
        } catch {
            staged.discard()
            throw ToolFailure(.usage, "cannot write \(file.path): \(error)")
        }
        try staged.publish()
        StandardError.writeLine("wrote the report to \(file.path)")
    }
}
