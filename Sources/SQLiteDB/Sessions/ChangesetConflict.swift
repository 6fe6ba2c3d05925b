/// A change that could not be applied as it stands, as `sqlite3changeset_apply` reports it to
/// the conflict handler.
public struct ChangesetConflict: Sendable {
    public enum Kind: Sendable, Hashable {
        /// An update or delete found its row by key, but with other values than the change's
        /// old values: the row was changed here since.
        case data
        /// An update or delete found no row with that key.
        case notFound
        /// An insert found a row with the same primary key.
        case conflict
        /// An insert or update failed a constraint: UNIQUE, CHECK, NOT NULL or a trigger's RAISE.
        case constraint
        /// The whole changeset, once applied, leaves foreign keys unsatisfied (reported once,
        /// at the end; `change` is then not a row).
        case foreignKey(count: Int)
    }

    public let kind: Kind
    /// The change that could not be applied.
    public let change: ChangesetChange
    /// For `.data` and `.conflict`: the row as it is in the target database.
    public let conflictingRow: [DatabaseValue]?
    /// Not filled by SQLite: by the time the handler runs, SQLite has reset the statement and
    /// its message. ``Connection/failure(of:)`` replays a change to find which constraint or
    /// trigger refused it.
    public let message: String?
}

/// What to do with a conflicting change. There is no "replace": a changeset must never
/// overwrite a row silently (a replaced worker could be another person).
public enum ConflictResolution: Sendable {
    /// Skip this change and go on with the others.
    case omit
    /// Stop, undo every change of this apply, and throw.
    case abort
}
