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
    // Computed, not stored: ArgumentParser reads it after `main` has chosen the language.
    static var configuration: CommandConfiguration { CommandConfiguration(
        commandName: "registry",
        abstract: ToolText.rootAbstract(),
        discussion: ToolText.rootDiscussion(),
        subcommands: [
            Demo.self, Initialise.self, Migrate.self, Import.self, Export.self, Report.self, WorkerCommand.self, BillCommand.self, Pay.self,
            EligibilityCommand.self, Check.self, Refresh.self, Backup.self, Restore.self, Replicate.self,
            Extract.self, SyncCommand.self,
        ]
    ) }

    static func main() {
        do {
            let arguments = try ToolLanguage.choose(Array(CommandLine.arguments.dropFirst()),
                                                    environment: ProcessInfo.processInfo.environment)
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            let failure = ToolFailure(error, exitCode: { exitCode(for: $0).rawValue }, message: { message(for: $0) })
            failure.terminate()
        }
    }
}
