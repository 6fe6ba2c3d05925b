import Foundation
import Registry
import SQLiteDB

/// The register read straight from its Litestream replica, through Litestream's read-replica VFS
/// (`litestream-vfs`, an SQLite extension): reports run there without touching the primary.
///
/// The VFS builds the database from the replica's LTX files when a connection opens, then looks
/// for new ones every second; it is read-only. It reads the replica named by
/// `LITESTREAM_REPLICA_URL`, which its Go runtime reads from the environment the process
/// started with (not from `setenv`), so when that is not the replica asked for the tool runs
/// itself again with it set. The library is `$LITESTREAM_VFS`, else the one the `litestream-vfs`
/// Python package installed (asked of `python3`).
enum ReplicaRegister {
    /// The VFS name the extension registers.
    static let vfsName = "litestream"

    /// Opens the register of the replica at `replica`, read-only, and says on stderr how current
    /// it is: the last transaction it holds, when Litestream read it from the primary, and the
    /// window of writes a replica never has.
    static func open(_ replica: ReplicaLocation) throws -> Registry {
        let url = replica.url
        let library = try locateLibrary()
        if ProcessInfo.processInfo.environment["LITESTREAM_REPLICA_URL"] != url { try runAgain(with: url, library: library) }
        do {
            try LoadableExtension.load(library, entryPoint: "sqlite3_litestreamvfs_init")
        } catch let error as SQLiteError {
            throw ToolFailure(.databaseError, "cannot load Litestream's VFS: \(error.message)")
        }
        var configuration = DatabaseOptions.configuration
        configuration.vfs = vfsName
        configuration.checkpointing = .external
        let registry: Registry
        do {
            registry = try Registry(path: "registry-replica.sqlite", access: .readOnly, configuration: configuration)
        } catch let error as MigrationError {
            throw ToolFailure(.databaseError, "the replica \(replica.description) is not a register at this program's schema: \(error)")
        } catch let error as SQLiteError {
            throw ToolFailure(.databaseError, "cannot read the replica \(replica.description): \(error.message)")
        }
        StandardError.writeLine(try currency(of: registry, replica: replica))
        return registry
    }

    /// "read from the replica … at transaction N, read from the primary at T (S ago)…".
    static func currency(of registry: Registry, replica: ReplicaLocation) throws -> String {
        let position = try registry.pool.read { db in try db.fetchValue(String.self, "PRAGMA litestream_txid") }
        let id = position.flatMap { UInt64($0, radix: 16) }
        var text = "registry: read from the replica \(replica.description)"
        guard let id else { return text + " (its position is unknown)" }
        text += " at transaction \(id)"
        if let files = try? LitestreamProgram.find()?.replicaFiles(at: replica.url),
           let shipped = files.filter({ $0.maxTXID == id }).min(by: { $0.timestamp < $1.timestamp })?.timestamp {
            text += ", read from the register at \(Timestamps.format(shipped)) (\(ReplicateStatus.age(Date().timeIntervalSince(shipped))) ago)"
        }
        return text + "; writes since, and at least the primary's last monitor + sync interval, are not in this report"
    }

    /// Replaces this process with the same command, `LITESTREAM_REPLICA_URL=url` in its
    /// environment (and the library found, so it is not looked for again). Nothing has been
    /// printed or opened yet.
    private static func runAgain(with url: String, library: String) throws -> Never {
        setenv("LITESTREAM_REPLICA_URL", url, 1)
        setenv("LITESTREAM_VFS", library, 1)
        let arguments = CommandLine.arguments.map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        execv("/proc/self/exe", arguments)
        throw ToolFailure(.databaseError, "cannot run the registry again to read the replica: \(String(cString: strerror(errno)))")
    }

    private static func locateLibrary() throws -> String {
        if let given = ProcessInfo.processInfo.environment["LITESTREAM_VFS"], !given.isEmpty {
            guard FileManager.default.fileExists(atPath: given) else {
                throw ToolFailure(.usage, "LITESTREAM_VFS names \(given), which does not exist")
            }
            return given
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import litestream_vfs; print(litestream_vfs.loadable_path())"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        if (try? process.run()) != nil {
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let path = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if process.terminationStatus == 0, FileManager.default.fileExists(atPath: path) { return path }
        }
        throw ToolFailure(.usage, """
            Litestream's read-replica VFS is not installed: 'pip install litestream-vfs' installs it, \
            or set LITESTREAM_VFS to the path of litestream-vfs.so
            """)
    }
}
