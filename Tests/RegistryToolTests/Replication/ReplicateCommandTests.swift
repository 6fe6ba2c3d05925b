import Foundation
import Testing

/// `registry replicate init` and the refusals of `replicate status` and `restore` that need no
/// running Litestream.
@Suite struct ReplicateCommandTests {
    let dir: TemporaryDirectory
    let database: String

    init() throws {
        dir = try TemporaryDirectory()
        database = dir.path("r.sqlite")
        try #require(try Tool.run(["init", "--db", database]).status == 0)
    }

    func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test func initWritesAnOwnerOnlyConfigurationLitestreamReads() throws {
        let replica = dir.path("elsewhere/replica")
        try FileManager.default.createDirectory(atPath: dir.path("elsewhere"), withIntermediateDirectories: false)
        let result = try Tool.run(["replicate", "init", "--db", database, "--to", replica, "--sync-interval", "250ms",
                                   "--snapshot-interval", "30m", "--retention", "72h"])
        #expect(result.status == 0, "\(result.stderr)")
        let config = dir.path("litestream.yml")
        #expect(result.stdout.contains("wrote \(config)"))
        #expect(result.stdout.contains("shipped every 250ms (a primary lost for good takes at most about the last 1250ms of writes with it)"))
        #expect(try mode(config) == 0o600)
        #expect(try mode(replica) == 0o700)
        let text = try String(contentsOfFile: config, encoding: .utf8)
        let real = URL(fileURLWithPath: database).resolvingSymlinksInPath().path
        for line in ["  - path: \"\(real)\"", "      path: \"\(replica)\"", "      sync-interval: 250ms",
                     "    monitor-interval: 1s", "  interval: 30m", "  retention: 72h"] {
            #expect(text.contains(line + "\n"), "\(line) not in:\n\(text)")
        }
        #expect(result.stderr.contains("on the same file system as the register"))
        if Litestream.executable != nil {
            let parsed = try Litestream.run(["databases", "-config", config])
            #expect(parsed.status == 0 && parsed.stdout.contains(real), "\(parsed.stdout) \(parsed.stderr)")
        }

        // Run again: the file is there, and replaced only with --force.
        let again = try Tool.run(["replicate", "init", "--db", database, "--to", replica])
        #expect(again.status == 2 && again.stderr.contains("already exists; give --force"))
        try FileManager.default.createDirectory(atPath: replica + "/ltx", withIntermediateDirectories: false)
        let occupied = try Tool.run(["replicate", "init", "--db", database, "--to", replica, "--force"])
        #expect(occupied.status == 0, "\(occupied.stderr)")
        let other = dir.path("other.sqlite")
        try #require(try Tool.run(["init", "--db", other]).status == 0)
        let shared = try Tool.run(["replicate", "init", "--db", other, "--to", replica, "--config", dir.path("other.yml")])
        #expect(shared.status == 2 && shared.stderr.contains("already holds a Litestream replica"), "\(shared.stderr)")
    }

    @Test func theReplicaIsNeverTheRegistersOwnDirectory() throws {
        let result = try Tool.run(["replicate", "init", "--db", database, "--to", dir.url.path])
        #expect(result.status == 2 && result.stderr.contains("is the register's own directory"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("litestream.yml")))
    }

    @Test func remoteReplicasAreWrittenAsURLsWithTheirKeyAndNoSecret() throws {
        let key = dir.path("id_ed25519")
        FileManager.default.createFile(atPath: key, contents: Data("key".utf8), attributes: [.posixPermissions: 0o600])
        let result = try Tool.run(["replicate", "init", "--db", database, "--to", "sftp://backup@127.0.0.1:2222/registry",
                                   "--sftp-key", key, "--config", dir.path("sftp.yml")])
        #expect(result.status == 0, "\(result.stderr)")
        let text = try String(contentsOfFile: dir.path("sftp.yml"), encoding: .utf8)
        #expect(text.contains("      url: \"sftp://backup@127.0.0.1:2222/registry\"\n      key-path: \"\(key)\"\n"))
        let s3 = try Tool.run(["replicate", "init", "--db", database, "--to", "s3://bucket/registry", "--sftp-key", key,
                               "--config", dir.path("s3.yml")])
        #expect(s3.status == 2 && s3.stderr.contains("--sftp-key is for an sftp:// replica only"))
    }

    @Test func statusAndRestoreRefuseWhatTheyCannotDo() throws {
        let status = try Tool.run(["replicate", "status", "--db", database])
        #expect(status.status == 2 && status.stderr.contains("no Litestream configuration at"), "\(status.stderr)")
        let existing = try Tool.run(["restore", "--from", dir.path("replica"), "--to", database])
        #expect(existing.status == 2 && existing.stderr.contains("a restore never replaces a file"), "\(existing.stderr)")
        let timestamp = try Tool.run(["restore", "--from", dir.path("replica"), "--to", dir.path("new.sqlite"), "--timestamp", "2026-01-02"])
        #expect(timestamp.status == 2 && timestamp.stderr.contains("is not an ISO 8601 timestamp with a time zone"))
        let both = try Tool.run(["report", "status", "--db", database, "--replica", dir.path("replica")])
        #expect(both.status == 2 && both.stderr.contains("give --db or --replica, not both"))
    }
}
