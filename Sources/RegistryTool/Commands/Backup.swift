import ArgumentParser
import Foundation
import Registry
import SQLiteDB

/// `registry backup FILE`: an online copy, consistent even while others write.
struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the database to FILE with SQLite's online backup; the copy is owner-only."
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("Where to write the copy; must not exist yet.", valueName: "file"))
    var file: String

    @Flag(help: "Write even into a directory every user may write to (such as /tmp).")
    var force = false

    func run() throws {
        guard !FileManager.default.fileExists(atPath: file) else {
            throw ToolFailure(.usage, "\(file) already exists; choose a new file name")
        }
        try WriteTarget(path: file, role: "the backup").requireSafe(force: force)
        let registry = try database.openExisting()
        try registry.pool.backup(to: file)
        print("backed up \(database.path) to \(file)")
    }
}
