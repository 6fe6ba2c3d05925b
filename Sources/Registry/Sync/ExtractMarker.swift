import Foundation
import SQLiteDB

/// What an extract was taken from, and when (its `sync_extract` row).
public struct ExtractMarker: Sendable, Hashable {
    /// New at every extraction and pull: names the extract in the centre's push log.
    public let extractID: String
    public let area: ExtractArea
    public let sourcePath: String
    public let extractedAt: String

    /// The marker of the register on `db`, or nil for a central register.
    static func read(_ db: Connection) throws -> ExtractMarker? {
        guard let row = try db.fetchOne(
            "SELECT extract_id, area_kind, area_code, source_path, extracted_at FROM sync_extract WHERE id = 1")
        else { return nil }
        return ExtractMarker(
            extractID: try row.get(0, as: String.self), area: try ExtractArea(kind: row.get(1, as: String.self), code: row.get(2, as: String.self)),
            sourcePath: try row.get(3, as: String.self), extractedAt: try row.get(4, as: String.self))
    }
}

extension RegistrySession {
    /// The extract marker of this register, or nil when it is a central register.
    public func extractMarker() throws -> ExtractMarker? {
        try ExtractMarker.read(db)
    }
}
