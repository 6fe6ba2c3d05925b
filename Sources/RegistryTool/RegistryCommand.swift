import ArgumentParser
import Foundation
import Registry
import SQLiteDB

/// `registry`: the command-line tool over the membership register.
///
/// `main()` is ours rather than ArgumentParser's so that every failure ends the same way: one
/// line on stderr and one of the documented exit codes (see ``ToolExit``), never a stack trace.
@main
struct RegistryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registry",
        abstract: "Keep the membership register of a workers' social-security scheme.",
        discussion: """
            The database is --db PATH, else $REGISTRY_DB, else ./registry.sqlite.

            Exit codes:
              0  success
              1  data problems: rows rejected, a check failed, a request the registry refused
              2  usage: unknown command or option, malformed argument, unreadable input file
              3  database error: missing or unreadable database, newer schema, disk or lock failure
            """,
        subcommands: [
            Demo.self, Initialise.self, Migrate.self, Import.self, Export.self, Report.self, WorkerCommand.self, BillCommand.self, Pay.self,
            EligibilityCommand.self, Check.self, Refresh.self, Backup.self, Restore.self, Replicate.self,
            Extract.self, SyncCommand.self,
        ]
    )

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let failure = ToolFailure(error, exitCode: { exitCode(for: $0).rawValue }, message: { message(for: $0) })
            failure.terminate()
        }
    }
}
