import Foundation
import Registry

/// The reject file of an import: CSV `line,column,value,reason`, owner-only (values may be
/// personal data).
///
/// Written beside its target and put in place when the import ends (``finish()``), and only
/// when a row was rejected: a clean import writes nothing, and never deletes or replaces a file
/// that is there (which ``OutputFile`` allows only with `--force`).
final class RejectReport {
    let target: OutputFile
    private var staged: StagedFile?
    private var output: BufferedOutput?

    init(_ target: OutputFile) {
        self.target = target
    }

    var path: String { target.path }

    func add(_ reject: ImportReject) throws {
        if output == nil {
            let staged = try target.stage()
            self.staged = staged
            output = BufferedOutput(descriptor: staged.descriptor, closes: false)
            try output?.write(CSVWriter.line(ImportReject.header))
        }
        try output?.write(CSVWriter.line(reject.fields))
    }

    /// Puts the rejects written so far under the target's name; does nothing when there are none.
    /// Returns whether a file was written.
    @discardableResult
    func finish() throws -> Bool {
        guard let output, let staged else { return false }
        try output.close()
        try staged.publish()
        self.output = nil
        self.staged = nil
        return true
    }
}
