import ArgumentParser
import Foundation
import Registry
import SQLiteDB

/// `--db PATH`, shared by every command that opens the register.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The registry database.", valueName: "path"))
    var db: String?

    /// `--db`, else `$REGISTRY_DB`, else `./registry.sqlite`.
    var path: String {
        if let db { return db }
        if let fromEnvironment = ProcessInfo.processInfo.environment["REGISTRY_DB"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return "registry.sqlite"
    }

    /// Opens the register, which must already exist: a typo in `--db` should not quietly create
    /// an empty database. The schema is brought up to date, as the library always does.
    func openExisting(clock: @escaping @Sendable () -> Date = { Date() }) throws -> Registry {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ToolFailure(.databaseError, "no registry database at \(path) (give --db, set REGISTRY_DB, or run 'registry init')")
        }
        return try Registry(path: path, configuration: Self.configuration, clock: clock)
    }

    /// Opens the register, creating it (owner-only) when missing.
    func openOrCreate(clock: @escaping @Sendable () -> Date = { Date() }) throws -> Registry {
        try Registry(path: path, configuration: Self.configuration, clock: clock)
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
