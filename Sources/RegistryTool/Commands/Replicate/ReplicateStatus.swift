import ArgumentParser
import Foundation
import Registry
import SQLiteDB

/// `registry replicate status`: how far the replica is behind the register.
struct ReplicateStatus: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: Localized(en: "Say the replica's last transaction and how far it lags behind what Litestream read from the register.",
                            id: "Menyebut transaksi terakhir replika dan seberapa jauh replika tertinggal dari yang dibaca Litestream dari register.").inToolLanguage,
        discussion: Localized(en: """
            Compares the last transaction Litestream read from the register's log with the last one \
            in the replica. The lag is the number of transactions read but not yet shipped, and how \
            long ago the oldest of them was read. Writes committed since Litestream last read the log \
            (at most one monitor interval ago while it runs) are not counted; when Litestream is not \
            running they pile up in the -wal file, whose size is shown. Exits 0, or 1 when the replica \
            is behind by more than --max-lag (for monitoring).
            """, id: """
            Membandingkan transaksi terakhir yang dibaca Litestream dari log register dengan transaksi \
            terakhir di replika. Ketertinggalannya adalah jumlah transaksi yang sudah dibaca tetapi belum \
            dikirim, dan berapa lama yang lalu transaksi tertua di antaranya dibaca. Penulisan yang disimpan \
            sejak Litestream terakhir membaca log (paling lama satu selang monitor yang lalu selama \
            berjalan) tidak dihitung; jika Litestream tidak berjalan, penulisan itu menumpuk di berkas -wal, \
            yang ukurannya ditampilkan. Keluar dengan 0, atau 1 jika replika tertinggal lebih dari --max-lag \
            (untuk pemantauan).
            """).inToolLanguage
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var config: LitestreamConfigOption

    @Option(name: .customLong("max-lag"), help: ArgumentHelp(Localized(en: "Exit 1 when unshipped transactions are older than this.",
                                                                       id: "Keluar dengan 1 jika transaksi yang belum dikirim lebih tua dari ini.").inToolLanguage, valueName: "duration"))
    var maxLag = "1m"

    func run() throws {
        let limit = try LitestreamDuration(maxLag, option: "--max-lag")
        guard let databasePath = FileIdentity.realPath(database.path) else {
            throw ToolFailure(.databaseError, "no registry database at \(database.path)")
        }
        let configPath = config.resolved(database: databasePath)
        guard FileManager.default.fileExists(atPath: configPath) else {
            throw ToolFailure(.usage, "no Litestream configuration at \(configPath); 'registry replicate init --to …' writes one")
        }
        let litestream = try LitestreamProgram.require()
        let local = try litestream.localStatus(of: databasePath, config: configPath)
        let files = try litestream.replicaFiles(of: databasePath, config: configPath)
        let now = Date()

        print("register:  \(databasePath)")
        let localID = local?.transaction
        print("read:      " + (localID.map { "transaction \($0) (write-ahead log \(local?.walSize ?? "-"))" }
            ?? "nothing yet: Litestream has not read this register (\(local?.status ?? "not in the configuration"))"))
        guard let last = files.lastTransaction else {
            print("replica:   empty: nothing has been shipped yet")
            throw ToolFailure(.dataProblems, "the replica holds nothing of \(databasePath); is 'litestream replicate -config \(configPath)' running?")
        }
        print("replica:   transaction \(last.id), read from the register at \(Timestamps.format(last.shipped)) (\(Self.age(now.timeIntervalSince(last.shipped))) ago)")

        guard let localID else {
            print("lag:       unknown: Litestream keeps no state for this register here")
            throw ToolFailure(.dataProblems, "Litestream has not read \(databasePath) on this machine; is 'litestream replicate -config \(configPath)' running here?")
        }
        guard localID > last.id else {
            print("lag:       none; the replica holds every transaction Litestream has read")
            return
        }
        let behind = localID - last.id
        let oldest = Self.readTime(of: last.id + 1, database: databasePath)
        let lagSeconds = now.timeIntervalSince(oldest ?? last.shipped)
        print("lag:       \(behind) transaction(s), the oldest read \(Self.age(lagSeconds)) ago" + (oldest == nil ? " at most" : ""))
        if lagSeconds > limit.seconds {
            throw ToolFailure(.dataProblems, "the replica is \(Self.age(lagSeconds)) behind (more than --max-lag \(maxLag)); is Litestream running and the replica reachable?")
        }
    }

    /// When Litestream read transaction `id` from the register's log: the timestamp in the header
    /// of its local LTX file (level 0, in Litestream's state directory), when that is still there.
    static func readTime(of id: UInt64, database: String) -> Date? {
        let directory = LitestreamState.directory(forDatabaseAt: database) + "/ltx/0"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return nil }
        for name in names where name.hasSuffix(".ltx") {
            let parts = name.dropLast(4).split(separator: "-")
            guard parts.count == 2, let min = UInt64(parts[0], radix: 16), let max = UInt64(parts[1], radix: 16),
                  min <= id, id <= max else { continue }
            return LTXHeader.timestamp(ofFile: directory + "/" + name)
        }
        return nil
    }

    static func age(_ seconds: TimeInterval) -> String {
        switch seconds {
        case ..<0: "0 s"
        case ..<120: String(format: "%.1f s", seconds)
        case ..<7200: "\(Int(seconds / 60)) min"
        default: String(format: "%.1f h", seconds / 3600)
        }
    }
}

/// The fixed header of an LTX file (Litestream's transaction file): `LTX1`, flags, page size,
/// commit, min and max transaction, then the time it was written, in milliseconds since 1970,
/// big-endian at offset 32.
enum LTXHeader {
    static func timestamp(ofFile path: String) -> Date? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let bytes = try? handle.read(upToCount: 40), bytes.count == 40,
              bytes.prefix(4).elementsEqual("LTX1".utf8) else { return nil }
        let milliseconds = bytes[32..<40].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Date(timeIntervalSince1970: TimeInterval(milliseconds) / 1000)
    }
}
