import Foundation
import Testing

/// `registry import …` in a child process that the test runs in slices of a few milliseconds
/// or less, looking at what it has done between slices, and kills with SIGKILL at a chosen point.
///
/// Why slices: the phases worth a kill are short (the commit of 10,000 workers writes its WAL
/// frames in about 6 ms) and a test on a loaded 2-core machine can be off the CPU for longer
/// than that. So the child is kept stopped (SIGSTOP) and let run (SIGCONT) a slice at a time;
/// each look happens while it is stopped, so what the test sees is exactly what the kill will
/// leave behind. A SIGKILL to a stopped process runs none of its code: it is the same crash as
/// a SIGKILL at the instant it stopped. The product has no hook for this.
final class KillableImport {
    let csv: String
    let database: String
    /// What the import had done before it ran: no CSV read, the database as the test left it.
    let start: ImportObservation
    private let process = Process()
    private let output: FileHandle
    private let errors: FileHandle
    private var errorText = Data()
    /// The child's descriptor number for the CSV, once found.
    private var csvDescriptor: String?

    /// Starts `registry arguments…`, which must import `csv` into `database` with `--verbose`.
    init(_ arguments: [String], csv: String, database: String) throws {
        self.csv = URL(fileURLWithPath: csv).resolvingSymlinksInPath().path
        self.database = database
        start = ImportObservation(csvPosition: nil, wal: FileStamp(database + "-wal"),
                                  walEndsInCommitFrame: WriteAheadLog.endsInCommitFrame(database + "-wal"),
                                  database: FileStamp(database), reportedCommits: [])
        try #require(FileManager.default.isExecutableFile(atPath: Tool.executable.path), "build the registry tool first")
        process.executableURL = Tool.executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "REGISTRY_DB")
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        output = out.fileHandleForReading
        errors = err.fileHandleForReading
        // Read while the child is stopped, without blocking: then everything it printed
        // before it stopped is in the pipe and is read, and nothing more can come.
        _ = fcntl(errors.fileDescriptor, F_SETFL, fcntl(errors.fileDescriptor, F_GETFL) | O_NONBLOCK)
        try process.run()
    }

    deinit {
        if process.isRunning { _ = kill() }
    }

    /// Lets the child run slice by slice until `watch` says it has reached its kill point, and
    /// leaves it stopped there. Returns that observation, or nil when the child exited first.
    func stop(at watch: inout KillPoint.Watch) -> ImportObservation? {
        while true {
            guard pause() else { return nil }
            let now = observe()
            if watch.isReached(now) { return now }
            resume()
            usleep(watch.slice)
        }
    }

    /// SIGKILL (to a stopped or running child), then everything it printed. `wasKilled` is
    /// false when it had already exited by itself.
    func kill() -> (result: ToolResult, wasKilled: Bool) {
        if process.isRunning {
            Glibc.kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        readAvailableErrors()
        _ = fcntl(errors.fileDescriptor, F_SETFL, fcntl(errors.fileDescriptor, F_GETFL) & ~O_NONBLOCK)
        errorText.append(errors.readDataToEndOfFile())
        let result = ToolResult(status: process.terminationStatus,
                                stdout: String(decoding: output.readDataToEndOfFile(), as: UTF8.self),
                                stderr: String(decoding: errorText, as: UTF8.self))
        return (result, process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL)
    }

    /// What the child has done so far. Exact while it is stopped.
    func observe() -> ImportObservation {
        readAvailableErrors()
        return ImportObservation(csvPosition: csvPosition(), wal: FileStamp(database + "-wal"),
                                 walEndsInCommitFrame: WriteAheadLog.endsInCommitFrame(database + "-wal"),
                                 database: FileStamp(database),
                                 reportedCommits: ImportObservation.reportedCommits(in: String(decoding: errorText, as: UTF8.self)))
    }

    // MARK: Stopping and resuming

    /// SIGSTOP, then waits until the kernel shows the child stopped. False when it has exited.
    private func pause() -> Bool {
        guard process.isRunning else { return false }
        let pid = process.processIdentifier
        Glibc.kill(pid, SIGSTOP)
        while true {
            switch processState(pid) {
            case "T", "t": return true
            case nil, "Z", "X": return false
            default: usleep(20)
            }
        }
    }

    private func resume() {
        Glibc.kill(process.processIdentifier, SIGCONT)
    }

    /// The state letter of `/proc/PID/stat` (R, S, D, T, Z…), nil when the process is gone.
    private func processState(_ pid: pid_t) -> Character? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        // "PID (command) S …": the command may hold spaces and parentheses, so from the last ")".
        return stat[close...].dropFirst().first { $0 != " " }
    }

    // MARK: Looking

    private func readAvailableErrors() {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(errors.fileDescriptor, &buffer, buffer.count)
            guard count > 0 else { return }
            errorText.append(contentsOf: buffer[..<count])
        }
    }

    /// The child's file position in the CSV, from `/proc/PID/fdinfo`.
    private func csvPosition() -> Int? {
        let directory = "/proc/\(process.processIdentifier)/fd"
        let isCSV = { (name: String) in
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "\(directory)/\(name)")) == self.csv
        }
        // Checked on every look: once the import closes the file, its number may be reused.
        if let known = csvDescriptor, !isCSV(known) { csvDescriptor = nil }
        if csvDescriptor == nil {
            csvDescriptor = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).first(where: isCSV)
        }
        guard let descriptor = csvDescriptor,
              let info = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/fdinfo/\(descriptor)", encoding: .utf8)
        else { return nil }
        // "pos:\t65536\nflags:\t…"
        guard let first = info.split(separator: "\n").first, first.hasPrefix("pos:") else { return nil }
        return Int(first.dropFirst(4).trimmingCharacters(in: .whitespaces))
    }
}
