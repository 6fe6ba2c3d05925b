// A small process, started before the benchmark allocates anything, that starts the `registry`
// children on request and reports their wall time and rusage: their peak RSS is then theirs,
// not this benchmark's (see ChildProcess.swift). It is this executable run with `--launcher`,
// talking over two pipes, one request and one reply line per child.
import Foundation

final class Launcher {
    static let flag = "--launcher"
    private static let separator: Character = "\u{1F}"

    private let pid: pid_t
    private let requests: UnsafeMutablePointer<FILE>
    private let replies: UnsafeMutablePointer<FILE>

    /// Starts the launcher process.
    init() throws {
        var toLauncher: [Int32] = [0, 0], fromLauncher: [Int32] = [0, 0]
        guard pipe(&toLauncher) == 0, pipe(&fromLauncher) == 0 else { throw RawError(description: "pipe failed") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toLauncher[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromLauncher[1], 1)
        for descriptor in toLauncher + fromLauncher { posix_spawn_file_actions_addclose(&actions, descriptor) }
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup(me), strdup(Self.flag), nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, me, &actions, nil, argv, environ)
        close(toLauncher[0])
        close(fromLauncher[1])
        guard spawned == 0,
              let requests = fdopen(toLauncher[1], "w"), let replies = fdopen(fromLauncher[0], "r")
        else { throw RawError(description: "cannot start the launcher process") }
        _ = fcntl(toLauncher[1], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fromLauncher[0], F_SETFD, FD_CLOEXEC)
        self.pid = pid
        self.requests = requests
        self.replies = replies
    }

    /// Runs `executable` through the launcher; see ``ChildProcess/run(_:_:logPath:)``.
    func run(_ executable: String, _ arguments: [String], logPath: String) throws -> ChildRun {
        let request = ([executable, logPath] + arguments).joined(separator: String(Self.separator)) + "\n"
        guard fputs(request, requests) >= 0, fflush(requests) == 0 else { throw RawError(description: "the launcher has gone") }
        var line: UnsafeMutablePointer<CChar>? = nil
        var capacity = 0
        defer { free(line) }
        guard getline(&line, &capacity, replies) > 0, let line else { throw RawError(description: "the launcher did not answer") }
        let fields = String(cString: line).split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard fields.count == 3, let seconds = Double(fields[0]), let rss = Double(fields[1]), let status = Int32(fields[2]) else {
            throw RawError(description: "the launcher said: \(String(cString: line))")
        }
        if status < 0 { throw RawError(description: "the launcher could not start \(executable)") }
        return ChildRun(seconds: seconds, peakRSSMiB: rss, exitStatus: status)
    }

    /// Ends the launcher (end of input) and reaps it.
    func stop() {
        fclose(requests)
        fclose(replies)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }

    /// The launcher's side: one child per request line until the input ends.
    static func serve() -> Never {
        while let line = readLine() {
            let fields = line.split(separator: separator, omittingEmptySubsequences: false).map(String.init)
            var reply = "0 0 -1"
            if fields.count >= 2, let run = try? ChildProcess.run(fields[0], Array(fields[2...]), logPath: fields[1]) {
                reply = "\(run.seconds) \(run.peakRSSMiB) \(run.exitStatus)"
            }
            FileHandle.standardOutput.write(Data((reply + "\n").utf8))
        }
        exit(0)
    }
}
