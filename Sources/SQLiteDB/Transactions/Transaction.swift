/// How a transaction takes its locks.
///
/// Related SQLite documentation: <https://www.sqlite.org/lang_transaction.html>
public enum TransactionKind: Sendable {
    /// Locks on first read or write. Fine for reads; a deferred transaction that reads and then
    /// writes can fail with `SQLITE_BUSY_SNAPSHOT` if another connection wrote in between.
    case deferred
    /// Takes the write lock at once, waiting up to the busy timeout: the right start for writes.
    case immediate
    /// Like immediate; in WAL mode the same, otherwise it also keeps readers out.
    case exclusive

    var beginSQL: String {
        switch self {
        case .deferred: "BEGIN DEFERRED TRANSACTION"
        case .immediate: "BEGIN IMMEDIATE TRANSACTION"
        case .exclusive: "BEGIN EXCLUSIVE TRANSACTION"
        }
    }
}

/// The three statements of a savepoint at one nesting depth, compiled once per connection.
///
/// An import runs a savepoint per row: compiling SAVEPOINT and RELEASE afresh for each one
/// cost more than some of the rows' own inserts.
final class SavepointStatements {
    let begin: Statement
    let release: Statement
    let rollback: Statement

    init(depth: Int, in connection: Connection) throws {
        // Our own names only: never a caller's value in the SQL.
        let name = "sqlitedb_savepoint_\(depth)"
        begin = try connection.prepare("SAVEPOINT \(name)")
        release = try connection.prepare("RELEASE SAVEPOINT \(name)")
        rollback = try connection.prepare("ROLLBACK TRANSACTION TO SAVEPOINT \(name)")
    }
}

extension Connection {
    /// Runs `body` in a transaction: commits when it returns, rolls back when it throws.
    ///
    /// A failed COMMIT (a deferred foreign key, a busy database) is thrown, and the transaction
    /// is rolled back so the connection is clean. Transactions do not nest: inside one, use
    /// ``savepoint(_:)``.
    public func transaction<T>(_ kind: TransactionKind = .deferred, _ body: () throws -> T) throws -> T {
        guard !isInTransaction else {
            throw SQLiteError.misuse("a transaction is already open; use savepoint(_:) to nest work inside it")
        }
        try cachedStatement(kind.beginSQL).execute()
        do {
            let result = try body()
            try cachedStatement("COMMIT TRANSACTION").execute()
            return result
        } catch {
            rollbackIfOpen()
            throw error
        }
    }

    /// Runs `body` in a savepoint: a nested unit of work that a thrown error undoes alone.
    ///
    /// Inside a transaction, an error rolls back to the savepoint, leaving the outer work in
    /// place, then rethrows. Outside any transaction it opens one (IMMEDIATE, or DEFERRED on a
    /// read-only connection), so domain code can call it without knowing its caller.
    public func savepoint<T>(_ body: () throws -> T) throws -> T {
        guard isInTransaction else {
            return try transaction(isReadOnly ? .deferred : .immediate, body)
        }
        savepointDepth += 1
        defer { savepointDepth -= 1 }
        let statements = try savepointStatements(depth: savepointDepth)
        try statements.begin.execute()
        do {
            let result = try body()
            try statements.release.execute()
            return result
        } catch {
            // Some errors (disk full, interrupt) roll back the whole transaction by themselves;
            // then there is no savepoint left to roll back to.
            if isInTransaction {
                try? statements.rollback.execute()
                try? statements.release.execute()
            }
            throw error
        }
    }

    /// The compiled statements of the savepoint at `depth` (1 for the outermost).
    private func savepointStatements(depth: Int) throws -> SavepointStatements {
        while savepointStatements.count < depth {
            savepointStatements.append(try SavepointStatements(depth: savepointStatements.count + 1, in: self))
        }
        return savepointStatements[depth - 1]
    }

    private func rollbackIfOpen() {
        if isInTransaction {
            try? cachedStatement("ROLLBACK TRANSACTION").execute()
        }
    }
}
