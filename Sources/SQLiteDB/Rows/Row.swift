/// A row whose values were copied out of SQLite: keep it, send it across tasks.
///
/// ``Connection/fetchAll(_:_:)`` and ``Connection/fetchOne(_:_:)`` return these.
/// For large scans prefer ``Connection/forEach(_:_:body:)``, whose ``CursorRow``
/// reads columns in place without copying.
public struct Row: RowReading, Sendable, Equatable {
    public let columnNames: ColumnNames
    public let values: [DatabaseValue]
    public let sql: String?

    public init(columnNames: ColumnNames, values: [DatabaseValue], sql: String? = nil) {
        precondition(columnNames.count == values.count, "one value per column")
        self.columnNames = columnNames
        self.values = values
        self.sql = sql
    }

    /// A row built from column names and values, e.g. for tests: `Row(["a": 1, "b": "x"])`.
    public init(_ pairs: KeyValuePairs<String, DatabaseValue>) {
        self.init(columnNames: ColumnNames(pairs.map(\.key)), values: pairs.map(\.value))
    }

    @inlinable
    public func columnSlot(uncheckedIndex index: Int) -> ColumnSlot {
        ColumnSlot(value: values[index])
    }

    public static func == (lhs: Row, rhs: Row) -> Bool {
        lhs.columnNames.names == rhs.columnNames.names && lhs.values == rhs.values
    }
}
