extension Connection {
    /// Why `change` cannot be applied here: it is tried in a savepoint that is always rolled
    /// back, and the error it raised is returned (nil when it would apply).
    ///
    /// A changeset's constraint conflicts reach the handler without SQLite's message (see
    /// ``ChangesetConflict/message``); replaying the insert or update gives the UNIQUE column or
    /// the trigger's own text. Only `main` tables without generated columns.
    public func failure(of change: ChangesetChange) throws -> SQLiteError? {
        let columns = try fetchValues(String.self, "SELECT name FROM pragma_table_info(?) ORDER BY cid", change.table)
        guard columns.count == change.columnCount else {
            throw SQLiteError.misuse("table \(change.table) has \(columns.count) columns, the change \(change.columnCount)")
        }
        let table = Self.quoted(change.table)
        let sql: String
        let arguments: [DatabaseValue]
        switch change.operation {
        case .insert:
            sql = "INSERT INTO main.\(table) (\(columns.map(Self.quoted).joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
            arguments = change.new.map { $0 ?? .null }
        case .update:
            let set = columns.indices.filter { change.new[$0] != nil }
            let key = columns.indices.filter { change.primaryKeyFlags[$0] != 0 }
            guard !set.isEmpty else { return nil }
            sql = "UPDATE main.\(table) SET \(set.map { "\(Self.quoted(columns[$0])) = ?" }.joined(separator: ", ")) WHERE \(key.map { "\(Self.quoted(columns[$0])) = ?" }.joined(separator: " AND "))"
            arguments = set.map { change.new[$0] ?? .null } + key.map { change.old[$0] ?? .null }
        case .delete:
            let key = columns.indices.filter { change.primaryKeyFlags[$0] != 0 }
            sql = "DELETE FROM main.\(table) WHERE \(key.map { "\(Self.quoted(columns[$0])) = ?" }.joined(separator: " AND "))"
            arguments = key.map { change.old[$0] ?? .null }
        }
        struct Undo: Error {}
        var failure: SQLiteError?
        do {
            try savepoint {
                do {
                    try execute(sql, arguments: arguments)
                } catch let error as SQLiteError {
                    failure = error
                }
                throw Undo()
            }
        } catch is Undo {}
        return failure
    }

    private static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
