/// What a change in a changeset does to its row.
public enum ChangeOperation: Sendable, Hashable {
    case insert, update, delete
}

/// One row change of a ``Changeset``: its table, operation and values.
///
/// `old` holds the row before the change (empty for an insert), `new` the row after it (empty
/// for a delete). In an update, a column whose value did not change is `nil` in `new`, and in
/// `old` too unless it is part of the primary key: a changeset records only what it needs to
/// find the row and detect a conflicting change.
public struct ChangesetChange: Sendable, Hashable {
    public var table: String
    public var operation: ChangeOperation
    /// Made by a trigger or a foreign-key action rather than by the statement itself.
    public var isIndirect: Bool
    /// Per column, as the changeset stores it: non-zero for a primary-key column.
    public var primaryKeyFlags: [UInt8]
    public var old: [DatabaseValue?]
    public var new: [DatabaseValue?]

    public init(
        table: String, operation: ChangeOperation, isIndirect: Bool = false,
        primaryKeyFlags: [UInt8], old: [DatabaseValue?], new: [DatabaseValue?]
    ) {
        self.table = table
        self.operation = operation
        self.isIndirect = isIndirect
        self.primaryKeyFlags = primaryKeyFlags
        self.old = old
        self.new = new
    }

    /// The number of columns of the table.
    public var columnCount: Int { primaryKeyFlags.count }

    /// The row's primary key: from `old` for an update or delete, from `new` for an insert.
    public var primaryKey: [DatabaseValue] {
        let row = operation == .insert ? new : old
        return primaryKeyFlags.indices.filter { primaryKeyFlags[$0] != 0 }.map { row[$0] ?? DatabaseValue.null }
    }

    /// The value a column has after the change: `new` where recorded, else `old` (an update that
    /// left it alone); nil after a delete.
    public func valueAfter(column: Int) -> DatabaseValue? {
        switch operation {
        case .delete: nil
        case .insert: new[column]
        case .update: new[column] ?? old[column]
        }
    }
}
