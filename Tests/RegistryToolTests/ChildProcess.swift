import Foundation
import Testing

/// A program the test starts and lets run beside it: the `registry` tool, or a helper program
/// of this package (`PaymentStream`), both built next to the test bundle.
///
/// Unlike ``Tool/run(_:environment:stdin:in:)``, which waits for the end, this returns at once
/// and reads stdout and stderr as they arrive, so a test can watch what the program reports
/// (an import's commits) while it still runs.
final class ChildProcess: @unchecked Sendable {
    // @unchecked: `output` and `errors` are only touched with `lock` held; `process` is set
    // up in init and then only read.
    private let process = Process()
    private let lock = NSLock()
    private var output = Data()
    private var errors = Data()
    private let drained = DispatchGroup()

    /// The executable `name` in the products directory (where SwiftPM puts the test bundle).
    static func executable(_ name: String) -> URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent(name)
    }

    /// Starts `name arguments…` with our environment minus `REGISTRY_DB` plus `environment`,
    /// stdin empty.
    init(_ name: String, _ arguments: [String], environment extra: [String: String] = [:]) throws {
        let executable = Self.executable(name)
        try #require(FileManager.default.isExecutableFile(atPath: executable.path), "build \(name) first")
        process.executableURL = executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "REGISTRY_DB")
        environment.merge(extra) { $1 }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        collect(out.fileHandleForReading, toStandardError: false)
        collect(err.fileHandleForReading, toStandardError: true)
    }

    /// The process id, for signals and `/proc`.
    var pid: pid_t { process.processIdentifier }

    /// Whether it has not exited yet (as far as Foundation has noticed).
    var isRunning: Bool { process.isRunning }

    /// The complete lines printed on stderr so far.
    var errorLines: [String] { lock.withLock { Self.completeLines(errors) } }

    /// Waits for the exit and for both pipes to be read to the end.
    @discardableResult
    func wait() -> ToolResult {
        process.waitUntilExit()
        drained.wait()
        return lock.withLock {
            ToolResult(status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
                       stderr: String(decoding: errors, as: UTF8.self))
        }
    }

    /// Reads `handle` to its end on a thread of its own (not a Dispatch worker: a test may run
    /// a dozen of these, each blocked in `read`).
    private func collect(_ handle: FileHandle, toStandardError: Bool) {
        drained.enter()
        Thread.detachNewThread { [self] in
            while true {
                let data = handle.availableData
                if data.isEmpty { break }
                lock.withLock {
                    if toStandardError { errors.append(data) } else { output.append(data) }
                }
            }
            drained.leave()
        }
    }

    private static func completeLines(_ data: Data) -> [String] {
        guard let end = data.lastIndex(of: UInt8(ascii: "\n")) else { return [] }
        return String(decoding: data[..<end], as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}
