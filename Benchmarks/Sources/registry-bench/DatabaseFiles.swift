// Copying, removing and sizing database files. Every contender starts from a byte-identical
// copy of the same file, so neither inherits the other's page layout or free list.
import Foundation
import SQLiteDB

enum DatabaseFiles {
    static let suffixes = ["", "-wal", "-shm", "-journal"]

    /// The database, its companions and any Litestream state beside it (a file later copied to
    /// the same path must not look replicated).
    static func remove(_ path: String) {
        for suffix in suffixes { try? FileManager.default.removeItem(atPath: path + suffix) }
        try? FileManager.default.removeItem(atPath: LitestreamState.directory(forDatabaseAt: path))
    }

    /// Folds the WAL into the main file and truncates it, so the main file alone is the database.
    /// Not for a file Litestream replicates: there the log is Litestream's to fold (a TRUNCATE
    /// would wait for its read transaction and fail), and this does nothing.
    static func checkpoint(_ path: String) throws {
        guard !LitestreamState.isReplicated(path) else { return }
        let db = try RawDB(path, cacheKiB: 2048)
        try db.exec("PRAGMA wal_checkpoint(TRUNCATE)")
    }

    /// A fresh copy of `source` at `target` (whose old files are removed first): the main file,
    /// after a checkpoint; from a replicated file, whose log may hold what the main file lacks,
    /// an online backup instead.
    static func copy(_ source: String, to target: String) throws {
        remove(target)
        if LitestreamState.isReplicated(source) {
            try Connection(.file(source), mode: .readOnly).backup(to: target)
            return
        }
        try checkpoint(source)
        try FileManager.default.copyItem(atPath: source, toPath: target)
    }

    /// Bytes of the main file plus its WAL.
    static func size(_ path: String) -> Int64 {
        var total: Int64 = 0
        for suffix in ["", "-wal"] {
            if let attributes = try? FileManager.default.attributesOfItem(atPath: path + suffix),
               let size = attributes[.size] as? NSNumber {
                total += size.int64Value
            }
        }
        return total
    }
}

/// `1.23 GiB`, `456.7 MiB`.
func byteCount(_ bytes: Int64) -> String {
    let mib = Double(bytes) / 1_048_576
    return mib >= 1024 ? String(format: "%.2f GiB", mib / 1024) : String(format: "%.1f MiB", mib)
}

/// A rough forecast of the disk one size needs at its peak (during the ledger repetitions: the
/// imported file, the warm-up ledger file and one contender's copy), from what 20,000 members
/// took here: 1.4 KiB per member imported, 0.6 KiB more per member and ledger month, 0.2 KiB
/// of CSV per member. Logged with the free space so a size that cannot fit is known early.
enum DiskForecast {
    static func peakBytes(members: Int, months: Int, ledger: Bool) -> Int64 {
        let imported = 1.4 * 1024 * Double(members), csv = 0.2 * 1024 * Double(members)
        let ledgered = imported + 0.6 * 1024 * Double(members * months)
        return Int64(ledger ? csv + imported + 2 * ledgered : csv + 2 * imported)
    }

    static func freeBytes(_ directory: String) -> Int64? {
        (try? FileManager.default.attributesOfFileSystem(forPath: directory)[.systemFreeSize] as? NSNumber)?.int64Value
    }
}
