import ArgumentParser
import Foundation
import Registry
import SQLiteDB

/// The tool's documented exit codes.
enum ToolExit: Int32 {
    case success = 0
    /// Rows rejected, a check that found something, a request the registry refused.
    case dataProblems = 1
    /// The command line itself is wrong.
    case usage = 2
    /// The database could not be opened, read or written.
    case databaseError = 3
}

/// A failure the tool reports itself: a one-line message and an exit code.
///
/// The message is masked (``PersonalData/maskDigitRuns(_:)``) whatever built it: ours, the
/// library's, or ArgumentParser's own "The value '…' is invalid", which quotes the argument.
struct ToolFailure: Error, CustomStringConvertible {
    let code: ToolExit
    let message: String

    init(_ exit: ToolExit, _ message: String) {
        self.code = exit
        self.message = message
    }

    var description: String { PersonalData.maskDigitRuns(message) }

    /// Classifies any error that reached `main`. ArgumentParser's own errors (help, usage) keep
    /// its text; its usage code (64, EX_USAGE) becomes ours (2).
    init(_ error: any Error, exitCode parserCode: (any Error) -> Int32, message parserMessage: (any Error) -> String) {
        switch error {
        case let failure as ToolFailure:
            self = failure
        case let refusal as RegistryError:
            self.init(.dataProblems, refusal.description(in: ToolLanguage.current))
        case let database as SQLiteError:
            self.init(.databaseError, ToolText.databaseError(["detail": database.description]))
        case let migration as MigrationError:
            self.init(.databaseError, ToolText.schemaError(["detail": migration.description]))
        default:
            let code = parserCode(error)
            let text = parserMessage(error)
            switch code {
            case ExitCode.success.rawValue: self.init(.success, text)
            case ExitCode.validationFailure.rawValue: self.init(.usage, text + " " + ToolText.seeHelp())
            case ToolExit.dataProblems.rawValue: self.init(.dataProblems, text)
            case ToolExit.databaseError.rawValue: self.init(.databaseError, text)
            default: self.init(.usage, text.isEmpty ? String(describing: error) : text)
            }
        }
    }

    /// Prints the message (stdout for help, stderr otherwise) and ends the process.
    func terminate() -> Never {
        // Both outputs mask: after the line breaks are joined, which can join digits into a run.
        if code == .success {
            if !message.isEmpty { print(message) }
        } else {
            var line = message.replacingOccurrences(of: "\n", with: " ")
            if line.hasPrefix("Error: ") { line = "error: " + line.dropFirst("Error: ".count) }
            StandardError.writeLine("registry: " + line)
        }
        exit(code.rawValue)
    }
}
