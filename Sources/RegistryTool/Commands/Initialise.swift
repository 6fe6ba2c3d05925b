import ArgumentParser
import Foundation
import Registry
import SQLiteDB

/// `registry init`: creates an empty register with the current schema and seeded rules.
struct Initialise: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: Localized(en: "Create an empty registry database (owner-only) with the current schema.",
                            id: "Membuat basis data register kosong (hanya untuk pemilik) dengan skema terkini.").inToolLanguage
    )

    @OptionGroup var database: DatabaseOptions

    @Flag(help: ArgumentHelp(Localized(en: "Create it even in a directory every user may write to (such as /tmp). An existing file is never replaced.",
                          id: "Tetap buat meskipun di direktori yang boleh ditulisi semua pengguna (seperti /tmp). Berkas yang sudah ada tidak pernah diganti.").inToolLanguage))
    var force = false

    func run() throws {
        let path = database.path
        let target = try OutputFile(path, role: "the database", force: force,
                                    neverReplaced: "'registry migrate' upgrades an existing database")
        let staged = try target.stageDatabase()
        // Closed before it is put in place, so its WAL is checkpointed into the file.
        try { _ = try Registry(path: staged.temporaryPath) }()
        try staged.publish()
        let count = try RegistrySchema.migrations().count
        print("created \(path) with \(count) migrations applied")
    }
}
