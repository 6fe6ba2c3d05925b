import Foundation
import Registry

/// Diagnostics and progress go to stderr, so stdout stays clean for the data (CSV, JSON) a
/// script pipes onward. Never unmasked: every run of 16 or more digits is masked
/// (``PersonalData/maskDigitRuns(_:)``), since stderr ends up in logs.
enum StandardError {
    static func writeLine(_ line: String) {
        write(line + "\n")
    }

    static func write(_ text: String) {
        FileHandle.standardError.write(Data(PersonalData.maskDigitRuns(text).utf8))
    }

    /// Whether stderr is a terminal: progress bars are drawn only for a person watching.
    static var isTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}
