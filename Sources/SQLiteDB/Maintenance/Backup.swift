import CSQLite

extension Connection {
    /// Copies the whole database into the file at `path`, online: other connections keep
    /// reading and writing meanwhile, and the copy is a consistent snapshot.
    ///
    /// A new destination file is created owner-only (0600), like every database file the
    /// library creates; an existing one is overwritten. The copy is made in one step while
    /// holding a read snapshot, which in WAL mode blocks no writer.
    ///
    /// Related SQLite documentation: <https://www.sqlite.org/backup.html>
    public func backup(to path: String) throws {
        var destinationConfiguration = Configuration()
        destinationConfiguration.journalMode = .delete
        let destination = try Connection(.file(path), mode: .readWriteCreate, configuration: destinationConfiguration)
        guard let backup = sqlite3_backup_init(destination.handle, "main", handle, "main") else {
            throw SQLiteError.from(connection: destination.handle, code: sqlite3_errcode(destination.handle))
        }
        var code: Int32
        repeat {
            code = sqlite3_backup_step(backup, -1)
            if code == SQLITE_BUSY || code == SQLITE_LOCKED { sqlite3_sleep(20) }
        } while code == SQLITE_OK || code == SQLITE_BUSY || code == SQLITE_LOCKED
        let finish = sqlite3_backup_finish(backup)
        guard code == SQLITE_DONE, finish == SQLITE_OK else {
            throw SQLiteError.from(connection: destination.handle, code: code == SQLITE_DONE ? finish : code)
        }
    }
}
