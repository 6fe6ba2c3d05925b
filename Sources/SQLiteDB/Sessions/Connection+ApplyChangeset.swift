import CSQLite

extension Connection {
    /// Applies `changeset` to `main` (`sqlite3changeset_apply`), asking `conflict` what to do
    /// with each change that does not fit. All or nothing on abort: SQLite applies inside a
    /// savepoint of its own, rolled back when the handler answers ``ConflictResolution/abort``
    /// (this then throws ``SQLiteError`` with code `.abort`). Call it inside a transaction to
    /// make it part of a larger unit of work.
    ///
    /// Triggers fire for every applied row, and foreign keys are checked once at the end (a
    /// ``ChangesetConflict/Kind/foreignKey(count:)`` conflict), so a child may come before its
    /// parent in the changeset.
    public func apply(_ changeset: Changeset, conflict handler: (ChangesetConflict) -> ConflictResolution) throws {
        guard !changeset.isEmpty else { return }
        try withoutActuallyEscaping(handler) { handler in
            let context = ApplyContext(connection: handle, handler: handler)
            var bytes = changeset.bytes
            let code = bytes.withUnsafeMutableBytes { buffer in
                sqlite3changeset_apply(
                    handle, Int32(buffer.count), buffer.baseAddress, nil,
                    { pointer, kind, iterator in
                        guard let pointer, let iterator else { return SQLITE_CHANGESET_ABORT }
                        let context = Unmanaged<ApplyContext>.fromOpaque(pointer).takeUnretainedValue()
                        return context.resolve(kind: kind, iterator: iterator)
                    },
                    Unmanaged.passUnretained(context).toOpaque())
            }
            guard code == SQLITE_OK else {
                if code == SQLITE_ABORT {
                    throw SQLiteError(code: .abort, message: "changeset not applied: a conflict stopped it")
                }
                throw SQLiteError.from(connection: handle, code: code)
            }
        }
    }
}

/// The conflict handler and its connection, passed through SQLite's context pointer.
private final class ApplyContext {
    let connection: OpaquePointer
    let handler: (ChangesetConflict) -> ConflictResolution

    init(connection: OpaquePointer, handler: @escaping (ChangesetConflict) -> ConflictResolution) {
        self.connection = connection
        self.handler = handler
    }

    func resolve(kind: Int32, iterator: OpaquePointer) -> Int32 {
        let change = Changeset.currentChange(of: iterator)
        let conflictKind: ChangesetConflict.Kind
        var conflictingRow: [DatabaseValue]?
        let message: String? = nil
        switch kind {
        case SQLITE_CHANGESET_DATA, SQLITE_CHANGESET_CONFLICT:
            conflictKind = kind == SQLITE_CHANGESET_DATA ? .data : .conflict
            conflictingRow = (0..<Int32(change.columnCount)).map { column in
                var value: OpaquePointer?
                guard sqlite3changeset_conflict(iterator, column, &value) == SQLITE_OK, let value else { return .null }
                return DatabaseValue(sqliteValue: value)
            }
        case SQLITE_CHANGESET_NOTFOUND:
            conflictKind = .notFound
        case SQLITE_CHANGESET_CONSTRAINT:
            conflictKind = .constraint
        case SQLITE_CHANGESET_FOREIGN_KEY:
            var count: Int32 = 0
            sqlite3changeset_fk_conflicts(iterator, &count)
            conflictKind = .foreignKey(count: Int(count))
        default:
            return SQLITE_CHANGESET_ABORT
        }
        let conflict = ChangesetConflict(kind: conflictKind, change: change, conflictingRow: conflictingRow, message: message)
        switch handler(conflict) {
        case .omit: return SQLITE_CHANGESET_OMIT
        case .abort: return SQLITE_CHANGESET_ABORT
        }
    }
}
