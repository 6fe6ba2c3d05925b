import Foundation
import SQLiteDB

/// The summary of a new extract.
public struct ExtractSummary: Sendable, Hashable {
    public let marker: ExtractMarker
    public let workers: Int
    public let memberships: Int
    public let payments: Int
}

extension Registry {
    /// Writes an extract of `area` to `path`, a register file that does not exist yet: that
    /// area's workers, memberships and their ledger, the employers, projects and agents they
    /// refer to, every office, region and rule, and a marker saying what it was taken from and
    /// when. The file is owner-only; its baseline (the file as extracted) is kept inside it, in
    /// chunks, for ``Registry/push(extractAt:)`` to find what was done offline.
    ///
    /// The ledger goes whole, not only the open bills, so that status, arrears and eligibility
    /// on the extract agree with the centre's. No other worker comes: of a payment shared with
    /// workers outside the area (an employer's monthly payment settles all its wage earners'
    /// bills, wherever they live), the extract holds the allocations to the area's bills, and
    /// what the rest allocated is one figure (`sync_extract_partial_payments`), so the payment
    /// neither looks unallocated on the extract nor carries its co-workers' personal data there.
    /// Such a payment keeps the centre's running total, so the over-allocation guard refuses
    /// offline what the centre would; it can be reversed only at the centre.
    ///
    /// Read from one snapshot of the centre; nothing is written to the centre.
    public func extract(_ area: ExtractArea, to path: String) throws -> ExtractSummary {
        try extract(area, to: path, baselineChunkBytes: Self.baselineChunkBytes)
    }

    /// The size of the chunks an extract's baseline is kept in (`sync_extract_baseline`): far
    /// under SQLite's limit on one value (1,000,000,000 bytes), which a large area's file passes.
    static let baselineChunkBytes = 64 << 20

    func extract(_ area: ExtractArea, to path: String, baselineChunkBytes: Int) throws -> ExtractSummary {
        precondition(baselineChunkBytes > 0, "a baseline chunk holds at least one byte")
        guard !FileManager.default.fileExists(atPath: path) else {
            throw RegistryError.conflict(field: "extract", value: path, reason: .fileAlreadyThere)
        }
        let sourcePath = pool.path
        guard FileManager.default.fileExists(atPath: sourcePath) else {
            throw RegistryError.invalid(field: "database", value: "in memory", reason: .extractNeedsFile)
        }
        let created = try Registry(path: path, clock: clock)
        try created.close()
        do {
            return try fill(path, from: sourcePath, area: area, baselineChunkBytes: baselineChunkBytes)
        } catch {
            // The file is this call's own (nothing was at `path`): a half-made extract left
            // behind would make the retry fail (the name is taken).
            for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            throw error
        }
    }

    /// Copies the area into the new, empty register at `path` and stores its baseline.
    /// The connection is closed when this returns, so a failed extract's files can be removed.
    private func fill(_ path: String, from sourcePath: String, area: ExtractArea, baselineChunkBytes: Int) throws -> ExtractSummary {
        let db = try Connection(.file(path), mode: .readWrite)
        try db.execute("ATTACH DATABASE ? AS centre", sourcePath)
        defer { try? db.execute("DETACH DATABASE centre") }
        let summary = try db.transaction(.immediate) { () -> ExtractSummary in
            if try db.fetchValue(Int.self, "SELECT count(*) FROM centre.sync_extract") ?? 0 > 0 {
                throw RegistryError.invalid(field: "database", value: sourcePath, reason: .isAnExtract)
            }
            try AreaSelection(db: db, area: area).copyRows()
            _ = try RegistrySession(db, clock: clock).refreshStanding(all: true)
            let baseline = try db.serializedDatabase()
            let marker = ExtractMarker(
                extractID: UUID().uuidString.lowercased(), area: area, sourcePath: sourcePath,
                extractedAt: Timestamp.utc(clock()))
            try db.execute(
                """
                INSERT INTO sync_extract (id, extract_id, area_kind, area_code, source_path, extracted_at, baseline)
                VALUES (1, ?, ?, ?, ?, ?, ?)
                """,
                marker.extractID, area.kind, area.code, sourcePath, marker.extractedAt, Data())
            for (chunk, start) in stride(from: 0, to: baseline.count, by: baselineChunkBytes).enumerated() {
                try db.execute(
                    "INSERT INTO sync_extract_baseline (chunk, bytes) VALUES (?, ?)",
                    chunk, Data(baseline[start..<min(start + baselineChunkBytes, baseline.count)]))
            }
            return ExtractSummary(
                marker: marker,
                workers: try db.fetchValue(Int.self, "SELECT count(*) FROM workers") ?? 0,
                memberships: try db.fetchValue(Int.self, "SELECT count(*) FROM memberships") ?? 0,
                payments: try db.fetchValue(Int.self, "SELECT count(*) FROM payments") ?? 0)
        }
        return summary
    }
}

/// UTC timestamps in the register's format (`2025-03-01T02:03:04.567Z`).
enum Timestamp {
    static func utc(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
