import ArgumentParser
import Foundation
import Registry
import SQLiteDB

/// `registry init`: creates an empty register with the current schema and seeded rules.
struct Initialise: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create an empty registry database (owner-only) with the current schema."
    )

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Write even into a directory every user may write to (such as /tmp).")
    var force = false

    func run() throws {
        let path = database.path
        guard !FileManager.default.fileExists(atPath: path) else {
            throw ToolFailure(.usage, "\(path) already exists; 'registry migrate' upgrades an existing database")
        }
        try WriteTarget(path: path, role: "the database").requireSafe(force: force)
        _ = try Registry(path: path)
        let count = try RegistrySchema.migrations().count
        print("created \(path) with \(count) migrations applied")
    }
}
