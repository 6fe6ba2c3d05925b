import ArgumentParser
import Foundation
import Registry
import SQLiteDB

/// `registry backup FILE`: an online copy, consistent even while others write.
struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the database to FILE with SQLite's online backup; the copy is owner-only.",
        discussion: """
            The copy is a consistent snapshot, taken while clerks and imports go on writing. It is \
            written under a temporary name and appears whole at the end. FILE is never the database \
            itself (nor its -wal or -shm), never written through a symbolic link, and an existing \
            file is replaced only with --force. It only reads, so it never checkpoints: on a register \
            Litestream replicates, the log stays Litestream's, and the copy is not replicated.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("Where to write the copy.", valueName: "file"))
    var file: String

    @Flag(help: "Replace an existing FILE; write even into a directory every user may write to (such as /tmp).")
    var force = false

    func run() throws {
        let target = try OutputFile(file, role: "the backup", force: force, protecting: [.database(database.path)])
        let registry = try database.openForReading(refreshingStanding: false)
        let staged = try target.stageDatabase()
        try registry.pool.backup(to: staged.temporaryPath)
        try staged.publish()
        print("backed up \(database.path) to \(file)")
    }
}
