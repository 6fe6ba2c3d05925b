import Foundation

/// Diagnostics and progress go to stderr, so stdout stays clean for the data (CSV, JSON) a
/// script pipes onward.
enum StandardError {
    static func writeLine(_ line: String) {
        write(line + "\n")
    }

    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Whether stderr is a terminal: progress bars are drawn only for a person watching.
    static var isTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}
