import SQLiteDB

/// Where the register's ledger begins (table `ledger_opening`, 0022).
///
/// A register that takes over from an older system holds the dues from its go-live month on:
/// its members' earlier months were settled there. Without an opening every month since each
/// membership's start is the register's to account for, and a month with neither a bill nor a
/// payment is owed, so a migration that loads two years of history for members of ten years'
/// standing must say where the history it loads begins.
extension RegistrySession {
    /// The first contribution month whose dues this register holds; nil when it holds them all.
    public func ledgerOpening() throws -> ContributionMonth? {
        // `registry check` also reads registers older than 0022, which have no such table.
        guard try db.fetchValue(Bool.self, "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE name = 'ledger_opening')") == true else {
            return nil
        }
        return try db.fetchValue(ContributionMonth.self, "SELECT first_month FROM ledger_opening WHERE id = 1")
    }

    /// Says that dues before `month` were settled outside this register (nil: the register holds
    /// every month). Every membership's standing is recomputed.
    public func openLedger(from month: ContributionMonth?, note: String? = nil) throws {
        try db.savepoint {
            guard let month else {
                try db.execute("DELETE FROM ledger_opening")
                return
            }
            try db.execute("""
                INSERT INTO ledger_opening (id, first_month, note) VALUES (1, ?, ?)
                ON CONFLICT DO UPDATE SET first_month = excluded.first_month, note = excluded.note
                """, month, note)
        }
    }
}
