import Foundation
import SQLiteDB

extension Registry {
    /// Refreshes the extract at `path` from this register (the pull of `registry sync pull`):
    /// the same area is extracted again, with the centre's rows as they are now, a new
    /// extract id and a new baseline, and put in place of the old file in one rename.
    ///
    /// Refused while the extract holds work not yet pushed here (its changeset is not in this
    /// register's push log): that work would be lost. `discardingUnpushedWork` drops it.
    public func refresh(extractAt path: String, discardingUnpushedWork: Bool = false) throws -> ExtractSummary {
        let (marker, changeset) = try Self.changeset(ofExtractAt: path)
        if !changeset.isEmpty, !discardingUnpushedWork {
            let pushed = try read { session in
                try session.connection.fetchValue(Int.self, "SELECT count(*) FROM sync_pushes WHERE changeset_sha256 = ?", changeset.sha256) ?? 0 > 0
            }
            guard pushed else {
                throw RegistryError.conflict(
                    field: "extract", value: path,
                    reason: .unpushedWork)
            }
        }
        for companion in ["-wal", "-journal"] where FileManager.default.fileExists(atPath: path + companion) {
            throw RegistryError.conflict(
                field: "extract", value: path,
                reason: .companionFile(suffix: companion))
        }
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = (directory.isEmpty ? "." : directory) + "/.\((path as NSString).lastPathComponent).pull-\(UUID().uuidString)"
        do {
            let summary = try extract(marker.area, to: temporary)
            let check = try Connection(.file(temporary), mode: .readWrite)
            _ = try check.fetchValue(String.self, "PRAGMA journal_mode = DELETE")
            guard rename(temporary, path) == 0 else {
                throw RegistryError.invalid(field: "extract", value: path, reason: .cannotReplace(error: String(cString: strerror(errno))))
            }
            return summary
        } catch {
            for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: temporary + suffix) }
            throw error
        }
    }
}
