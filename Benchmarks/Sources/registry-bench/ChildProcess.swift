// Runs the `registry` tool as a child process and measures it from outside: wall time from
// spawn to exit, and the child's peak resident set from wait4's rusage (what the operating
// system charged it, allocator and SQLite page cache included).
//
// Linux starts a child's ru_maxrss at the high-water mark of the process that spawned it
// (posix_spawn shares the parent's memory until exec, and exec keeps the larger figure), so a
// child started by this benchmark, which holds plans and buffers, would report at least the
// benchmark's own peak. ``Launcher`` therefore starts the children from a small process.
import Foundation

struct ChildRun {
    var seconds: Double
    /// Peak resident set size in MiB (`ru_maxrss`, KiB on Linux).
    var peakRSSMiB: Double
    var exitStatus: Int32
}

enum ChildProcess {
    /// Runs `executable` with `arguments`; its stdout and stderr are appended to `logPath`.
    static func run(_ executable: String, _ arguments: [String], logPath: String) throws -> ChildRun {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }

        let start = ContinuousClock.now
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw RawError(description: "cannot start \(executable): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw RawError(description: "wait4: \(String(cString: strerror(errno)))") }
        }
        let elapsed = seconds(ContinuousClock.now - start)
        // WIFEXITED / WEXITSTATUS are macros Swift does not import.
        let exitStatus: Int32 = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return ChildRun(seconds: elapsed, peakRSSMiB: Double(usage.ru_maxrss) / 1024, exitStatus: exitStatus)
    }

    /// The `registry` executable: `--registry`, else the one beside this program (SwiftPM puts
    /// every product of one build in the same directory).
    static func registryTool(_ option: String?) throws -> String {
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        let candidate = option ?? URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent("registry").path
        guard FileManager.default.isExecutableFile(atPath: candidate) else {
            throw RawError(description: "no registry executable at \(candidate): build it with "
                + "`swift build -c release --package-path Benchmarks` or pass --registry PATH")
        }
        return candidate
    }
}
