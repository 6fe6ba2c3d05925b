import ArgumentParser
import Registry

/// `registry refresh`: recomputes the report tables of memberships changed by SQL typed by hand.
struct Refresh: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Bring the report tables up to date after SQL typed by hand.",
        discussion: """
            The reports read each membership's status over time from the standing tables \
            (Migrations/0011_standing.sql, 0012_arrears_on_spans.sql). Every write through this tool or the library keeps them \
            current, and a report refreshes them when it finds them stale; after INSERTs or UPDATEs \
            made in the sqlite3 shell, this command does it at once. It prints how many memberships \
            it recomputed. --all recomputes every membership: the repair when the standing tables \
            themselves were edited (`registry check` reports it).
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Recompute every membership, not only those changed by hand.")
    var all = false

    func run() throws {
        let registry = try database.openExisting()
        let count = try registry.write { try $0.refreshStanding(all: all) }
        print(count == 0 ? "up to date" : "refreshed \(count) membership\(count == 1 ? "" : "s")")
    }
}
