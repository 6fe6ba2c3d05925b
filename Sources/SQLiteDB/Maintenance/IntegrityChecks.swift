/// A row that points at a parent that does not exist, from `PRAGMA foreign_key_check`.
public struct ForeignKeyViolation: Sendable, Hashable, CustomStringConvertible {
    /// The table holding the dangling reference.
    public let table: String
    /// The rowid of the offending row (nil for WITHOUT ROWID tables).
    public let rowID: Int64?
    /// The table the reference should point into.
    public let parent: String
    /// The foreign key's index in `PRAGMA foreign_key_list(table)`.
    public let foreignKeyIndex: Int

    public init(table: String, rowID: Int64?, parent: String, foreignKeyIndex: Int) {
        self.table = table
        self.rowID = rowID
        self.parent = parent
        self.foreignKeyIndex = foreignKeyIndex
    }

    public var description: String {
        "\(table) row \(rowID.map(String.init) ?? "?") references a missing \(parent) row (foreign key #\(foreignKeyIndex))"
    }
}

extension Connection {
    /// Runs `PRAGMA integrity_check` and returns the problems it lists; empty means the file is sound.
    public func integrityCheck() throws -> [String] {
        let lines = try fetchValues(String.self, "PRAGMA integrity_check")
        return lines == ["ok"] ? [] : lines
    }

    /// Runs `PRAGMA foreign_key_check`: every row whose foreign key points nowhere.
    /// Useful after loading data with foreign keys off, and before committing a migration.
    public func foreignKeyCheck() throws -> [ForeignKeyViolation] {
        try fetchAll("PRAGMA foreign_key_check").map { row in
            ForeignKeyViolation(
                table: try row.get(0), rowID: try row.get(1), parent: try row.get(2), foreignKeyIndex: try row.get(3))
        }
    }
}
