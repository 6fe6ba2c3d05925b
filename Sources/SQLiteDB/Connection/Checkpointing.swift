import Foundation

/// Who folds the write-ahead log into the database file: this process, or another one that
/// replicates the file (Litestream).
///
/// Litestream ships each transaction from the `-wal` file to the replica before the log is
/// folded into the file and restarted, and so it must be the one that checkpoints. It keeps a
/// read transaction open between its own checkpoints so that no one else can restart the log,
/// and asks applications not to checkpoint at all: an application's checkpoint that slips in
/// while Litestream briefly lets go makes it miss frames, after which it has to ship a whole new
/// snapshot; a `TRUNCATE` or `RESTART` checkpoint waits for Litestream's read transaction for
/// the whole busy timeout and then fails with `SQLITE_BUSY`.
public enum Checkpointing: Sendable, Equatable {
    /// ``local`` or ``external``, from the file itself: ``external`` while Litestream keeps its
    /// state for the file in the directory beside it (``LitestreamState/isReplicated(_:)``),
    /// ``local`` otherwise. Decided when a connection opens and again when a pool closes, so a
    /// register that Litestream started replicating meanwhile is not checkpointed at close.
    case automatic
    /// This process checkpoints: SQLite's automatic PASSIVE checkpoint once the log reaches
    /// 1,000 pages, and `PRAGMA wal_checkpoint(TRUNCATE)` in ``DatabasePool/close()``, which
    /// leaves the main file whole and the `-wal` file empty.
    case local
    /// Another process checkpoints: the automatic checkpoint is off
    /// (`sqlite3_wal_autocheckpoint(db, 0)`), no connection checkpoints when it closes
    /// (`SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE`, so the `-wal` file is never deleted under the
    /// replicator) and ``DatabasePool/close()`` runs no checkpoint. While the replicator is
    /// stopped, the `-wal` file keeps growing; it folds the log in when it starts again.
    case external

    /// ``local`` or ``external`` for the database at `path`.
    public func resolved(forDatabaseAt path: String?) -> Checkpointing {
        switch self {
        case .local, .external: self
        case .automatic: path.map(LitestreamState.isReplicated) == true ? .external : .local
        }
    }
}

/// What Litestream leaves beside a database it replicates.
public enum LitestreamState {
    /// The directory where Litestream keeps its state for the database at `path` unless its
    /// configuration says otherwise (`meta-path`): `.NAME-litestream` beside the file.
    public static func directory(forDatabaseAt path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent)-litestream").path
    }

    /// Whether Litestream replicates (or has replicated) the database at `path`: its state
    /// directory is there. A copy of the file elsewhere (a backup, a restored register) has none,
    /// although it holds Litestream's two bookkeeping tables, so it is not mistaken for a
    /// replicated register. Removing the directory (`litestream reset`, or `rm -r`) after
    /// replication stopped for good gives the checkpoints back to the application.
    public static func isReplicated(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: directory(forDatabaseAt: path), isDirectory: &isDirectory)
            && isDirectory.boolValue
    }

    /// The tables Litestream creates in every database it replicates (`_litestream_seq`, which it
    /// writes to move the log on, and `_litestream_lock`, which it uses to take the write lock);
    /// restored copies carry them too.
    public static let bookkeepingTables = ["_litestream_seq", "_litestream_lock"]
}
