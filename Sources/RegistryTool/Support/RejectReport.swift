import Foundation
import Registry

/// The reject file of an import: CSV `line,column,value,reason`, owner-only (values may be
/// personal data), created at the first reject so a clean import leaves none behind.
final class RejectReport {
    let path: String
    private var output: BufferedOutput?

    init(path: String) {
        self.path = path
    }

    /// Removes a report left by an earlier run of the same file, so an old report is never
    /// mistaken for this run's.
    func removeStale() throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            throw ToolFailure(.usage, "cannot remove the old reject file \(path): \(error.localizedDescription)")
        }
    }

    func add(_ reject: ImportReject) throws {
        if output == nil {
            do {
                output = try BufferedOutput.create(path: path, mode: 0o600)
            } catch {
                throw ToolFailure(.usage, "cannot write the reject file \(path): \(error)")
            }
            try output?.write(CSVWriter.line(ImportReject.header))
        }
        try output?.write(CSVWriter.line(reject.fields))
    }

    func close() throws {
        try output?.close()
        output = nil
    }
}
