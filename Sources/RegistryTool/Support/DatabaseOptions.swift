import ArgumentParser
import Foundation
import Registry
import SQLiteDB

/// `--db PATH`, shared by every command that opens the register.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(Localized(en: "The registry database.", id: "Basis data register.").inToolLanguage, valueName: "path"))
    var db: String?

    /// `--db`, else `$REGISTRY_DB`, else `./registry.sqlite`.
    var path: String {
        if let db { return db }
        if let fromEnvironment = ProcessInfo.processInfo.environment["REGISTRY_DB"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return "registry.sqlite"
    }

    /// Opens the register for a command that writes. It must exist and be a register: a typo
    /// in `--db` should not quietly create an empty database, nor a write turn some other file
    /// into one. An older schema is brought up to date, as the library always does.
    func openExisting(clock: @escaping @Sendable () -> Date = { Date() }) throws -> Registry {
        try requireFile()
        do {
            // Asked read-only first: opening a file for writing already changes it (WAL mode).
            do {
                _ = try Registry(path: path, access: .readOnly, configuration: Self.configuration)
            } catch MigrationError.pending {
                // An older register: the writable open below brings it up to date.
            }
            return try Registry(path: path, configuration: Self.configuration, clock: clock)
        } catch let error as MigrationError {
            throw Self.notARegister(path, error)
        }
    }

    /// Opens the register for a command that only reads (reports, `worker show`, `export`,
    /// `check`, `backup`): read-only, so looking can never change the file. Anything but a
    /// register at this program's schema is refused with exit 3.
    ///
    /// With `refreshingStanding`, for the commands that read the report tables: when SQL typed
    /// by hand left them behind the ledger, they are refreshed first, in a write of its own, and
    /// stderr says so. A report of stale tables would be wrong, and a silent write by a read
    /// command would surprise.
    func openForReading(refreshingStanding: Bool = true) throws -> Registry {
        try requireFile()
        let registry: Registry
        do {
            registry = try Registry(path: path, access: .readOnly, configuration: Self.configuration)
        } catch let error as MigrationError {
            throw Self.notARegister(path, error)
        }
        guard refreshingStanding, try !registry.read({ try $0.isStandingCurrent() }) else { return registry }
        StandardError.writeLine("""
            registry: the report tables are behind the ledger (it was changed outside the library, \
            e.g. by SQL typed by hand); refreshing them first, as 'registry refresh' does
            """)
        let writer = try Registry(path: path, configuration: Self.configuration)
        try writer.write { _ in }
        return registry
    }

    private func requireFile() throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ToolFailure(.databaseError, "no registry database at \(path) (give --db, set REGISTRY_DB, or run 'registry init')")
        }
    }

    private static func notARegister(_ path: String, _ error: MigrationError) -> ToolFailure {
        switch error {
        case .notMigrated, .unversioned:
            ToolFailure(.databaseError, "\(path) is not a registry database: \(error) ('registry init' creates one)")
        case .pending:
            ToolFailure(.databaseError, "\(path): \(error); 'registry migrate' applies them (a read-only command never does)")
        default:
            ToolFailure(.databaseError, "schema: \(error)")
        }
    }

    /// The library's defaults with a 64 MiB page cache per connection. With SQLite's 2 MiB,
    /// an import of a million workers is bound by reads and writes of index pages that fall
    /// out of the cache (one `pread` and one `pwrite` per row, measured in
    /// ../shared/sqlite-notes.md); 64 MiB holds the hot part of every index at that size.
    static var configuration: Configuration {
        var configuration = Configuration()
        configuration.cacheSizeKiB = 65_536
        return configuration
    }
}
