/// The current row of a statement being stepped, read in place with `sqlite3_column_*`.
///
/// Valid only until the statement steps again: read what you need, or ``RowReading/copy()``
/// it. Not `Sendable`, so it cannot escape to another task by mistake.
public struct CursorRow: RowReading {
    @usableFromInline let statement: Statement

    @inlinable
    init(statement: Statement) {
        self.statement = statement
    }

    public var columnNames: ColumnNames { statement.columnNames }
    public var sql: String? { statement.sql }
    /// The number of columns, without building the column names.
    @inlinable
    public var count: Int { statement.columnCount }

    @inlinable
    public func columnSlot(uncheckedIndex index: Int) -> ColumnSlot {
        ColumnSlot(statement: statement.handle, index: Int32(index))
    }

    /// Reads a column without the bounds and type-error bookkeeping of ``RowReading/get(_:as:)-(Int,_)``:
    /// for tight loops whose query fixes the columns. A value `T` cannot represent is a thrown error still.
    @inlinable
    public func fast<T: DatabaseValueConvertible>(_ index: Int32, as type: T.Type = T.self) throws -> T {
        let slot = ColumnSlot(statement: statement.handle, index: index)
        if let value = T.decode(from: slot) { return value }
        throw decodingFailure(index: Int(index), type: T.self, found: slot.storageClass)
    }
}
