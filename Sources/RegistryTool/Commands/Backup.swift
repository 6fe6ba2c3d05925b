import ArgumentParser
import Foundation
import Registry
import SQLiteDB

/// `registry backup FILE`: an online copy, consistent even while others write.
struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: Localized(en: "Copy the database to FILE with SQLite's online backup; the copy is owner-only.",
                            id: "Menyalin basis data ke FILE dengan backup daring SQLite; salinannya hanya untuk pemilik.").inToolLanguage,
        discussion: Localized(en: """
            The copy is a consistent snapshot, taken while clerks and imports go on writing. It is \
            written under a temporary name and appears whole at the end. FILE is never the database \
            itself (nor its -wal or -shm), never written through a symbolic link, and an existing \
            file is replaced only with --force. It only reads, so it never checkpoints: on a register \
            Litestream replicates, the log stays Litestream's, and the copy is not replicated.
            """, id: """
            Salinannya adalah potret yang konsisten, diambil selagi petugas dan impor terus menulis. Salinan \
            ditulis dengan nama sementara dan baru muncul utuh di akhir. FILE tidak pernah basis data itu \
            sendiri (atau berkas -wal dan -shm-nya), tidak pernah ditulis lewat tautan simbolik, dan berkas \
            yang sudah ada hanya diganti dengan --force. Perintah ini hanya membaca, jadi tidak pernah \
            melakukan checkpoint: pada register yang direplikasi Litestream, log tetap milik Litestream, dan \
            salinannya tidak direplikasi.
            """).inToolLanguage
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp(Localized(en: "Where to write the copy.", id: "Tempat menulis salinan.").inToolLanguage, valueName: "file"))
    var file: String

    @Flag(help: ArgumentHelp(Localized(en: "Replace an existing FILE; write even into a directory every user may write to (such as /tmp).",
                          id: "Ganti FILE yang sudah ada; tetap tulis meskipun ke direktori yang boleh ditulisi semua pengguna (seperti /tmp).").inToolLanguage))
    var force = false

    func run() throws {
        let target = try OutputFile(file, role: "the backup", force: force, protecting: [.database(database.path)])
        let registry = try database.openForReading(refreshingStanding: false)
        let staged = try target.stageDatabase()
        try registry.pool.backup(to: staged.temporaryPath)
        try staged.publish()
        print("backed up \(database.path) to \(file)")
    }
}
