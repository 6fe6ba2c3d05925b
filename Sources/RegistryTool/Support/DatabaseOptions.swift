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
    func openExisting(
        configuration: Configuration = Configuration(), clock: @escaping @Sendable () -> Date = { Date() }
    ) throws -> Registry {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ToolFailure(.databaseError, "no registry database at \(path) (give --db, set REGISTRY_DB, or run 'registry init')")
        }
        return try Registry(path: path, configuration: configuration, clock: clock)
    }

    /// Opens the register, creating it (owner-only) when missing.
    func openOrCreate(clock: @escaping @Sendable () -> Date = { Date() }) throws -> Registry {
        try Registry(path: path, clock: clock)
    }
}
