// The raw C contenders of the sync workload: a changeset applied with `sqlite3changeset_apply`
// in one transaction, with no renumbering, no conflict reporting, no re-pricing and no standing
// refresh. Any conflict aborts the apply: the changeset given is one that applies cleanly (the
// rows a library push stored), so a conflict means the contenders do not do the same work.
import CSQLiteRaw

enum RawChangesetApply {
    /// Applies `changeset` to the database of `db` between BEGIN IMMEDIATE and COMMIT and
    /// returns the seconds that took. With `triggers`, the schema's triggers fire for every row
    /// (audit rows under `actor`, their checks, derived totals, standing marked stale); without,
    /// SQLite writes the rows and their indexes only (`SQLITE_DBCONFIG_ENABLE_TRIGGER` off).
    /// Foreign keys are checked at the end either way, as `sqlite3changeset_apply` does.
    /// `journalsInMemory` sets `PRAGMA temp_store = MEMORY` first, so the statement journal
    /// each row's INSERT keeps (its triggers may abort it) never spills to a temporary file.
    static func apply(_ changeset: [UInt8], to db: RawDB, triggers: Bool, journalsInMemory: Bool = false, actor: String) throws -> Double {
        if journalsInMemory { try db.exec("PRAGMA temp_store = MEMORY") }
        guard raw_enable_triggers(db.handle, triggers ? 1 : 0) == (triggers ? 1 : 0) else {
            throw RawError(description: "cannot turn triggers \(triggers ? "on" : "off")")
        }
        defer { _ = raw_enable_triggers(db.handle, 1) }
        let setActor = try db.prepare("UPDATE audit_context SET actor = ? WHERE id = 1")
        var conflicts: Int32 = 0
        var bytes = changeset
        let start = ContinuousClock.now
        try db.exec("BEGIN IMMEDIATE")
        if triggers {
            setActor.bind(1, actor)
            try setActor.run()
        }
        let code = bytes.withUnsafeMutableBytes { buffer in
            withUnsafeMutablePointer(to: &conflicts) { counter in
                sqlite3changeset_apply(
                    db.handle, Int32(buffer.count), buffer.baseAddress, nil,
                    { context, _, _ in
                        context?.assumingMemoryBound(to: Int32.self).pointee += 1
                        return SQLITE_CHANGESET_ABORT
                    },
                    counter)
            }
        }
        guard code == SQLITE_OK else {
            let message = db.errorMessage
            try? db.exec("ROLLBACK")
            throw RawError(description: "sqlite3changeset_apply: code \(code), \(conflicts) conflict(s): \(message)")
        }
        if triggers {
            setActor.bindNull(1)
            try setActor.run()
        }
        try db.exec("COMMIT")
        return seconds(ContinuousClock.now - start)
    }
}
