import ArgumentParser
import Registry

/// `registry refresh`: recomputes the report tables of memberships changed by SQL typed by hand.
struct Refresh: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Bring the report tables up to date after SQL typed by hand.",
        discussion: """
            The reports read each membership's status over time from the standing tables \
            (Migrations/0011_standing.sql). Every write through this tool or the library keeps them \
            current, and a report refreshes them when it finds them stale; after INSERTs or UPDATEs \
            made in the sqlite3 shell, this command does it at once. It prints how many memberships \
            it recomputed.
            """
    )

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let registry = try database.openExisting()
        let count = try registry.write { try $0.refreshStanding() }
        print(count == 0 ? "up to date" : "refreshed \(count) membership\(count == 1 ? "" : "s")")
    }
}
