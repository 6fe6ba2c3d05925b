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
    /// Each complete line with when this process read it (an acknowledgement's time): stdout, stderr.
    private var timedLines: [[(line: String, at: Date)]] = [[], []]
    private var partialLines = [Data(), Data()]
    private let drained = DispatchGroup()

    /// The executable `name` in the products directory (where SwiftPM puts the test bundle).
    static func executable(_ name: String) -> URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent(name)
    }

    /// Starts `name arguments…` with our environment minus `REGISTRY_DB` plus `environment`,
    /// stdin empty.
    convenience init(_ name: String, _ arguments: [String], environment extra: [String: String] = [:]) throws {
        let executable = Self.executable(name)
        try #require(FileManager.default.isExecutableFile(atPath: executable.path), "build \(name) first")
        try self.init(executable: executable, arguments, environment: extra)
    }

    /// Starts the program at `executable` (a path anywhere: `litestream`), as above.
    init(executable: URL, _ arguments: [String], environment extra: [String: String] = [:]) throws {
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

    /// The complete lines printed on stdout so far, each with when it was read here: a line
    /// printed after a commit is that commit's acknowledgement, known to the test at that time.
    var outputLines: [(line: String, at: Date)] { lock.withLock { timedLines[0] } }

    /// The same for stderr (an import's "committed the rows up to line N").
    var timedErrorLines: [(line: String, at: Date)] { lock.withLock { timedLines[1] } }

    /// Sends `signal` (SIGKILL, SIGTERM) if it still runs.
    func signal(_ signal: Int32) {
        if process.isRunning { kill(process.processIdentifier, signal) }
    }

    /// Waits up to `timeout` seconds for the exit; false when it still runs.
    func waitForExit(timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(10_000) }
        return !process.isRunning
    }

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
                let now = Date()
                let stream = toStandardError ? 1 : 0
                lock.withLock {
                    if toStandardError { errors.append(data) } else { output.append(data) }
                    partialLines[stream].append(data)
                    while let end = partialLines[stream].firstIndex(of: UInt8(ascii: "\n")) {
                        let line = partialLines[stream][partialLines[stream].startIndex..<end]
                        timedLines[stream].append((String(decoding: line, as: UTF8.self), now))
                        partialLines[stream].removeSubrange(partialLines[stream].startIndex...end)
                    }
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
