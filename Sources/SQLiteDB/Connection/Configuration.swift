/// How a ``Connection`` is set up when it opens. The defaults suit a registry of
/// personal data on a local disk: foreign keys enforced, WAL with `synchronous=NORMAL`
/// (durable at each checkpoint, never corrupt), a five-second busy timeout so
/// concurrent writers wait instead of failing, and SQLite's defensive mode.
public struct Configuration: Sendable {
    /// How long a statement waits for another connection's lock before failing with `SQLITE_BUSY`.
    ///
    /// While it waits it tries again every millisecond, not on SQLite's own schedule (which
    /// slows to ten tries a second), so that a writer that commits and begins again at once
    /// cannot shut it out: see `csqlite_busy_poll` in the CSQLite shim. Because the wrapper
    /// installs that handler itself, `PRAGMA busy_timeout` reads 0; setting the pragma would
    /// put SQLite's own handler back.
    public var busyTimeout: Duration = .seconds(5)

    /// `PRAGMA foreign_keys`. SQLite's own default is off; a registry wants it on.
    public var foreignKeys = true

    /// The journal mode set on files opened for writing. WAL lets readers run while one writer
    /// commits, which the ``DatabasePool`` relies on.
    public var journalMode: JournalMode = .wal

    /// `PRAGMA synchronous`. `.normal` is safe with WAL: a power cut may lose the last
    /// transactions, never the database.
    public var synchronous: Synchronous = .normal

    /// `PRAGMA cache_size` in KiB (SQLite's default is 2 MiB). Bulk loads into large
    /// indexed tables want tens of MiB: see `shared/sqlite-notes.md`.
    public var cacheSizeKiB: Int? = nil

    /// `PRAGMA mmap_size` in bytes; nil keeps SQLite's default (off).
    public var mmapSize: Int? = nil

    /// Who checkpoints the write-ahead log: this process, or a replicator such as Litestream.
    /// The default looks at the file: see ``Checkpointing/automatic``.
    public var checkpointing: Checkpointing = .automatic

    /// The SQLite VFS that opens the file, by the name it registered under (e.g. `litestream`,
    /// after ``LoadableExtension/load(_:entryPoint:)`` loaded Litestream's read-replica VFS);
    /// nil for SQLite's default.
    public var vfs: String? = nil

    /// How many prepared statements ``Connection/cachedStatement(_:)`` keeps per connection.
    public var statementCacheCapacity = 256

    /// Whether ``SQLiteError/description`` shows bound values. Off by default: arguments are
    /// often national ID numbers or names, and error descriptions end up in logs.
    public var revealsArgumentsInErrors = false

    /// SQLite's defensive mode (`SQLITE_DBCONFIG_DEFENSIVE`): ordinary SQL cannot corrupt the
    /// file through `writable_schema` and similar back doors.
    public var defensive = true

    public init() {}

    public enum JournalMode: String, Sendable {
        case wal = "WAL"
        case delete = "DELETE"
        case truncate = "TRUNCATE"
    }

    public enum Synchronous: String, Sendable {
        case off = "OFF"
        case normal = "NORMAL"
        case full = "FULL"
    }
}

/// Where a connection's database lives.
public enum Location: Sendable, Equatable {
    /// A file path. A file the library creates is owner-only (mode 0600).
    case file(String)
    /// A private in-memory database, gone when the connection closes.
    case memory
    /// An SQLite URI (`file:registry.db?mode=ro`, `file::memory:?cache=shared`). SQLite itself
    /// creates any new file, with its default permissions: prefer ``file(_:)`` for new files.
    case uri(String)
}

/// What a connection may do with its file.
public enum OpenMode: Sendable, Equatable {
    /// Read and write, creating the file if it does not exist.
    case readWriteCreate
    /// Read and write an existing file.
    case readWrite
    /// Read only; writes fail with `SQLITE_READONLY`.
    case readOnly
}
