// Where the benchmark register's ledger begins: the ledger workload's first month.
//
// The members start during the twelve months before it, and nothing bills or pays those months:
// they stand for the dues a register taking over from an older system finds settled there. Since
// 0022 a wage earner's or informal worker's month is owed from its due date, billed or not,
// unless it falls before the register's `ledger_opening`; without one, every member would owe
// up to four months of 2025 for ever (capped at the lapse limit), and the arrears list, the
// status counts and each month's standing refresh would measure that instead of the ledger.
import Registry
import SQLiteDB

enum BenchLedgerOpening {
    /// Opens the ledger of the register at `path` at ``BenchCalendar/ledgerStart``, unless it
    /// already is, and recomputes every standing then, so that no timed write pays for it.
    /// Returns how many memberships the refresh read (0 when nothing changed).
    @discardableResult
    static func ensure(_ path: String, cacheKiB: Int) throws -> Int {
        var configuration = Configuration()
        configuration.cacheSizeKiB = cacheKiB
        let registry = try Registry(path: path, configuration: configuration)
        return try registry.write { session in
            if try session.ledgerOpening() != BenchCalendar.ledgerStart {
                try session.openLedger(from: BenchCalendar.ledgerStart,
                                       note: "registry-bench: the members' months before the ledger workload were settled elsewhere")
            }
            // A file migrated to 0022 here has every membership stale too.
            return try session.refreshStanding()
        }
    }
}
