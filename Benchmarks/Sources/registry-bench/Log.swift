// Progress on stderr, one line per step, stamped with the time since the program started.
// Timing uses ContinuousClock only: the machine's wall clock is not trusted.
import Foundation

enum Log {
    static let started = ContinuousClock.now

    static func step(_ message: String) {
        let elapsed = seconds(ContinuousClock.now - started)
        FileHandle.standardError.write(Data((String(format: "[%8.1f s] ", elapsed) + message + "\n").utf8))
    }

    /// Lines that are not steps (a table printed as progress), unstamped.
    static func raw(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

/// The Markdown on stdout, written at once (not buffered until exit), so a long series shows
/// each table when it is ready.
enum Output {
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}

func seconds(_ duration: Duration) -> Double {
    let (s, attoseconds) = duration.components
    return Double(s) + Double(attoseconds) / 1e18
}

/// Runs `body` and returns its result with the seconds it took.
@inline(__always)
func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = ContinuousClock.now
    let result = try body()
    return (result, seconds(ContinuousClock.now - start))
}

/// A step that logs its start and its duration.
func step<T>(_ message: String, _ body: () throws -> T) rethrows -> T {
    Log.step(message + "…")
    let (result, elapsed) = try timed(body)
    Log.step(message + String(format: ": done in %.2f s", elapsed))
    return result
}
