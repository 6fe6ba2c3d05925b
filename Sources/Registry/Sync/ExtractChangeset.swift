import Foundation
import SQLiteDB

extension Registry {
    /// The work done on the extract at `path` since it was extracted (or pulled): the
    /// changeset of its fact tables (`SyncTables`) against the baseline kept inside it.
    /// Reads the extract; writes nothing.
    public static func changeset(ofExtractAt path: String) throws -> (marker: ExtractMarker, changeset: Changeset) {
        guard FileManager.default.fileExists(atPath: path) else { throw RegistryError.notFound(field: "extract", value: path) }
        // Read-write though it only reads: the last connection to close a WAL file folds and removes
        // its -wal, which a read-only one cannot, and a pull must not find one left beside it.
        let db = try Connection(.file(path), mode: .readWrite)
        let migrator = try RegistrySchema.migrator()
        // Before the pending-migration refusal: migrating such an extract would not help.
        let history = try migrator.history(db)
        if !history.isEmpty, !history.contains(where: { $0.fileName == SyncTables.layoutMigration }) {
            throw RegistryError.invalid(field: "extract", value: path,
                                        reason: .extractPredatesLayout(migration: SyncTables.layoutMigration))
        }
        try migrator.requireUpToDate(db)
        guard let marker = try ExtractMarker.read(db) else {
            throw RegistryError.invalid(field: "extract", value: path, reason: .notAnExtract)
        }
        let baseline = try Self.baseline(of: db)
        guard !baseline.isEmpty else {
            throw RegistryError.invalid(field: "extract", value: path, reason: .baselineLost)
        }
        try db.attachDatabaseImage(baseline, as: "baseline")
        defer { try? db.execute("DETACH DATABASE baseline") }
        // An extract migrated since it was extracted: its baseline has the older layout.
        guard try db.fetchValue(Int.self, "SELECT count(*) FROM baseline.schema_migrations WHERE file_name = ?",
                                SyncTables.layoutMigration) == 1 else {
            throw RegistryError.invalid(field: "extract", value: path,
                                        reason: .extractPredatesLayout(migration: SyncTables.layoutMigration))
        }
        let changeset = try db.transaction { try db.changeset(tables: SyncTables.facts, from: "baseline") }
        return (marker, changeset)
    }

    /// The extract's baseline: its chunks in order, or, in an extract made before they were
    /// chunked (migration 0024), the one value in its marker.
    private static func baseline(of db: Connection) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try db.forEach("SELECT bytes FROM sync_extract_baseline ORDER BY chunk") { row in
            bytes.append(contentsOf: try row.get(0, as: Data.self))
        }
        if bytes.isEmpty, let single = try db.fetchValue(Data.self, "SELECT baseline FROM sync_extract WHERE id = 1") {
            bytes = Array(single)
        }
        return bytes
    }
}
