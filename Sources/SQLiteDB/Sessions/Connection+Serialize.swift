import CSQLite

extension Connection {
    /// The database `schema` as the bytes of a database file (`sqlite3_serialize`), as seen by
    /// this connection (inside its transaction, if one is open).
    public func serializedDatabase(_ schema: String = "main") throws -> [UInt8] {
        var size: sqlite3_int64 = 0
        guard let buffer = sqlite3_serialize(handle, schema, &size, 0) else {
            throw SQLiteError(code: .noMemory, message: "cannot serialize database \(schema)")
        }
        defer { sqlite3_free(buffer) }
        return Array(UnsafeBufferPointer(start: buffer, count: Int(size)))
    }

    /// Attaches the database file image `bytes` (from ``serializedDatabase(_:)``) as the
    /// in-memory schema `name`, to read or diff against; detach it with `DETACH name`.
    ///
    /// An image of a WAL database says so in its header, and an in-memory database cannot use
    /// WAL; the copy is marked rollback-journal before it is opened.
    public func attachDatabaseImage(_ bytes: [UInt8], as name: String) throws {
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw SQLiteError.misuse("schema name \(name) must be letters, digits and underscores")
        }
        try execute("ATTACH DATABASE ':memory:' AS \(name)")
        guard let buffer = sqlite3_malloc64(sqlite3_uint64(max(bytes.count, 1)))?.assumingMemoryBound(to: UInt8.self) else {
            throw SQLiteError(code: .noMemory, message: "cannot allocate \(bytes.count) bytes for \(name)")
        }
        bytes.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { buffer.update(from: base, count: bytes.count) }
        }
        if bytes.count >= 20, buffer[18] == 2 { buffer[18] = 1; buffer[19] = 1 }
        let code = sqlite3_deserialize(
            handle, name, buffer, sqlite3_int64(bytes.count), sqlite3_int64(bytes.count),
            UInt32(SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE))
        guard code == SQLITE_OK else {
            let error = SQLiteError.from(connection: handle, code: code)
            try? execute("DETACH DATABASE \(name)")
            throw error
        }
    }
}
