import ArgumentParser
import Foundation
import Registry
import SQLiteDB

/// `registry restore --from REPLICA --to NEW.sqlite [--timestamp T]`: a register back from its
/// Litestream replica, then checked.
struct Restore: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: Localized(en: "Restore the register from its Litestream replica into a new file, then check it.",
                            id: "Memulihkan register dari replika Litestream-nya ke berkas baru, lalu memeriksanya.").inToolLanguage,
        discussion: Localized(en: """
            Runs 'litestream restore' into a new owner-only file: the latest state the replica holds, \
            or with --timestamp the last transaction Litestream had read from the register before \
            that instant (within the replica's retention). Then runs 'registry check' on it and \
            prints the result; exits 1 when the check finds problems (the file is kept, for a look). \
            --to is never an existing file: to put a restored register in place of a lost one, stop \
            Litestream, move the file there, run 'litestream reset' on that path and start Litestream \
            again. See docs/operations.md.
            """, id: """
            Menjalankan 'litestream restore' ke berkas baru yang hanya untuk pemilik: keadaan terakhir yang \
            ada di replika, atau dengan --timestamp transaksi terakhir yang sudah dibaca Litestream dari \
            register sebelum saat itu (dalam masa simpan replika). Lalu menjalankan 'registry check' padanya \
            dan mencetak hasilnya; keluar dengan 1 jika pemeriksaan menemukan masalah (berkasnya disimpan, \
            untuk diperiksa). --to tidak pernah berkas yang sudah ada: untuk menaruh register yang \
            dipulihkan di tempat register yang hilang, hentikan Litestream, pindahkan berkasnya ke sana, \
            jalankan 'litestream reset' pada path itu lalu jalankan Litestream lagi. Lihat \
            docs/operations.md.
            """).inToolLanguage
    )

    @Option(name: .customLong("from"), help: ArgumentHelp(Localized(en: "The replica: a directory, sftp://… or s3://….",
                                                                    id: "Replikanya: direktori, sftp://… atau s3://….").inToolLanguage, valueName: "replica"))
    var source: String

    @Option(name: .customLong("to"), help: ArgumentHelp(Localized(en: "The new register file.",
                                                                  id: "Berkas register yang baru.").inToolLanguage, valueName: "file"))
    var target: String

    @Option(help: ArgumentHelp(Localized(en: "Restore the state at this instant, ISO 8601 with a time zone (e.g. 2026-01-02T10:30:00+07:00).",
                                         id: "Pulihkan keadaan pada saat ini, ISO 8601 dengan zona waktu (mis. 2026-01-02T10:30:00+07:00).").inToolLanguage, valueName: "timestamp"))
    var timestamp: String?

    @Flag(help: ArgumentHelp(Localized(en: "Write even into a directory every user may write to (such as /tmp). An existing file is never replaced.",
                          id: "Tetap tulis meskipun ke direktori yang boleh ditulisi semua pengguna (seperti /tmp). Berkas yang sudah ada tidak pernah diganti.").inToolLanguage))
    var force = false

    func run() throws {
        let replica = try ReplicaLocation(source, option: "--from")
        let instant = try timestamp.map(Self.instant)
        let output = try OutputFile(target, role: "the restored register", force: force, neverReplaced: """
            a restore never replaces a file; restore into a new one and move it into place once checked
            """)
        let litestream = try LitestreamProgram.require()

        let staged = try output.stageDatabase()
        var arguments = ["restore", "-json", "-o", staged.temporaryPath]
        if let instant { arguments += ["-timestamp", Timestamps.format(instant)] }
        arguments.append(replica.url)
        let restored = try litestream.run(arguments)
        guard restored.status == 0 else {
            staged.discard()
            throw ToolFailure(.databaseError, "litestream could not restore \(replica.description): \(restored.lastErrorLine)")
        }
        // Litestream creates the file with its own mode (0644); it holds the whole register.
        // Owner-only before SQLite opens it, so its -wal and -shm are created owner-only too.
        chmod(staged.temporaryPath, 0o600)
        let summary = try? JSONDecoder().decode(RestoreSummary.self, from: restored.stdout)
        try staged.publish()

        let upTo = summary?.transaction.map { "up to transaction \($0)" } ?? "its latest state"
        print("restored \(replica.description) (\(upTo)\(instant.map { ", as of \(Timestamps.format($0))" } ?? "")) to \(target)")
        let registry = try Registry(path: target, access: .readOnly, configuration: DatabaseOptions.configuration)
        let problems = try registry.read { try $0.consistencyProblems(on: JakartaCalendar.today()) }
        for problem in problems { print(problem.description) }
        guard problems.isEmpty else {
            throw ToolFailure(.dataProblems, "check of the restored register found \(problems.count) problem(s)")
        }
        print("check: ok: \(ConsistencyProblem.Check.allCases.map(\.rawValue).joined(separator: ", "))")
    }

    static func instant(_ text: String) throws -> Date {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions.insert(.withFractionalSeconds)
        if let date = formatter.date(from: text) { return date }
        throw ToolFailure(.usage, "--timestamp: '\(text)' is not an ISO 8601 timestamp with a time zone, such as 2026-01-02T10:30:00+07:00")
    }
}

/// `litestream restore -json`'s summary.
private struct RestoreSummary: Decodable {
    let txid: String?

    var transaction: UInt64? { txid.flatMap { UInt64($0, radix: 16) } }
}
