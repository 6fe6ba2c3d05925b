import CSQLite

extension Connection {
    /// The changeset that turns `tables` as they are in the attached database `baseline` into
    /// the tables of `main` (`sqlite3session_diff`).
    ///
    /// A session object records only while its connection is open, and work on a register goes
    /// on over many processes; a diff against a kept copy of the starting state gives the same
    /// changeset without anything having to watch every write. Each table needs a declared
    /// PRIMARY KEY and the same columns in both databases; tables come out in the order given,
    /// so list parents before children. A row whose key is NULL is not seen, and a changed
    /// key is a delete plus an insert.
    public func changeset(tables: [String], from baseline: String) throws -> Changeset {
        var session: OpaquePointer?
        var code = sqlite3session_create(handle, "main", &session)
        guard code == SQLITE_OK, let session else { throw SQLiteError.from(connection: handle, code: code) }
        defer { sqlite3session_delete(session) }
        for table in tables {
            code = sqlite3session_attach(session, table)
            guard code == SQLITE_OK else { throw SQLiteError.from(connection: handle, code: code) }
            var message: UnsafeMutablePointer<CChar>?
            code = sqlite3session_diff(session, baseline, table, &message)
            if code != SQLITE_OK {
                let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
                sqlite3_free(message)
                throw SQLiteError(code: ResultCode(rawValue: code), message: "cannot compare table \(table) with \(baseline): \(text)")
            }
        }
        var size: Int32 = 0
        var buffer: UnsafeMutableRawPointer?
        code = sqlite3session_changeset(session, &size, &buffer)
        defer { sqlite3_free(buffer) }
        guard code == SQLITE_OK else { throw SQLiteError.from(connection: handle, code: code) }
        guard let buffer, size > 0 else { return Changeset(bytes: []) }
        return Changeset(bytes: Array(UnsafeRawBufferPointer(start: buffer, count: Int(size))))
    }
}
