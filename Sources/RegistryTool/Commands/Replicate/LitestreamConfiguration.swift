import Foundation

/// The `litestream.yml` that `registry replicate init` writes: one register, one replica.
///
/// Litestream 0.5's names: one `replica` per database (0.3's `replicas` list is gone), a
/// global `snapshot` block (interval and retention), `sync-interval` on the replica and
/// `monitor-interval` on the database. Litestream's own `busy-timeout` stays at its 1 s: its
/// checkpoint takes the write lock, and while it waits for it nothing is shipped, so a longer
/// wait behind a busy writer would widen the window of writes a lost primary takes with it.
struct LitestreamConfiguration {
    let database: String
    let replica: ReplicaLocation
    /// Key for an SFTP replica (`key-path`).
    let sftpKey: String?
    let syncInterval: LitestreamDuration
    let monitorInterval: LitestreamDuration
    let snapshotInterval: LitestreamDuration
    let retention: LitestreamDuration

    /// The window of writes a sudden loss of the primary may take with it: Litestream reads the
    /// log every monitor interval and ships what it read every sync interval.
    var lossWindow: LitestreamDuration { monitorInterval + syncInterval }

    func rendered(configPath: String) -> String {
        var replicaLines: [String]
        switch replica {
        case .directory(let path):
            replicaLines = ["type: file", "path: \(Self.quoted(path))"]
        case .remote(let url):
            replicaLines = ["url: \(Self.quoted(url.absoluteString))"]
            if let sftpKey { replicaLines.append("key-path: \(Self.quoted(sftpKey))") }
        }
        replicaLines.append("sync-interval: \(syncInterval)")
        return """
            # Litestream 0.5 configuration for the register \(database),
            # written by 'registry replicate init'.
            #
            #   start replicating:  litestream replicate -config \(configPath)
            #   where it stands:    registry replicate status --db \(database) --config \(configPath)
            #   restore:            registry restore --from \(replica.description) --to NEW.sqlite [--timestamp T]
            #
            # Litestream reads the write-ahead log every monitor-interval and ships it every sync-interval:
            # a primary lost for good takes at most about the last \(lossWindow) of acknowledged writes with it.
            # While Litestream keeps its state beside the register (.\(URL(fileURLWithPath: database).lastPathComponent)-litestream),
            # the registry leaves every checkpoint to it. See docs/operations.md.
            snapshot:
              interval: \(snapshotInterval)
              retention: \(retention)
            dbs:
              - path: \(Self.quoted(database))
                monitor-interval: \(monitorInterval)
                replica:
            \(replicaLines.map { "      " + $0 }.joined(separator: "\n"))

            """
    }

    /// A YAML double-quoted scalar.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

/// A duration as Litestream writes it: a whole number of milliseconds, seconds, minutes or hours
/// (`100ms`, `1s`, `5m`, `24h`; Litestream takes no days).
struct LitestreamDuration: CustomStringConvertible, Comparable {
    let milliseconds: Int64

    init(milliseconds: Int64) { self.milliseconds = milliseconds }

    /// Parses `text`, naming `option` in the refusal.
    init(_ text: String, option: String) throws {
        let units: [(String, Int64)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            let number = text.dropLast(suffix.count)
            guard !number.isEmpty, number.allSatisfy(\.isASCII), number.allSatisfy(\.isNumber),
                  let value = Int64(number), value > 0, value <= Int64.max / scale / 2 else { break }
            self.init(milliseconds: value * scale)
            return
        }
        throw ToolFailure(.usage, "\(option) \(text): give a positive whole number of ms, s, m or h (e.g. 1s, 30m, 24h)")
    }

    var description: String {
        for (suffix, scale) in [("h", Int64(3_600_000)), ("m", 60_000), ("s", 1000)] where milliseconds % scale == 0 {
            return "\(milliseconds / scale)\(suffix)"
        }
        return "\(milliseconds)ms"
    }

    var seconds: Double { Double(milliseconds) / 1000 }

    static func + (a: Self, b: Self) -> Self { Self(milliseconds: a.milliseconds + b.milliseconds) }
    static func < (a: Self, b: Self) -> Bool { a.milliseconds < b.milliseconds }
}
