import SQLiteDB

extension RegistrySchema {
    /// Runs `body` so that every change it makes to workers, memberships, employers and agents
    /// is logged in `audit_log` under `actor` (e.g. `"clerk:siti"`, `"import:2026-11-21.csv"`).
    ///
    /// The actor is written to the one-row `audit_context` table inside a savepoint and set back
    /// to NULL before the savepoint ends, so it is never committed and no other connection ever
    /// sees it (see `Migrations/0009_audit.sql`). If `body` throws, the savepoint's rollback
    /// undoes the actor together with the work. Outside a transaction the savepoint is one.
    public static func recordingActor<T>(_ actor: String, on db: Connection, _ body: () throws -> T) throws -> T {
        try db.savepoint {
            let previous = try db.fetchValue(String?.self, "SELECT actor FROM audit_context WHERE id = 1") ?? nil
            try db.execute("UPDATE audit_context SET actor = ? WHERE id = 1", actor)
            let result = try body()
            // Restore rather than clear, so a nested call leaves its caller's actor in place.
            try db.execute("UPDATE audit_context SET actor = ? WHERE id = 1", previous)
            return result
        }
    }
}
