import ArgumentParser
import Foundation
import Registry
import SQLiteDB

/// `registry migrate [--status]`: applies the pending migrations, or lists them.
struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: Localized(en: "Apply pending schema migrations, or list them with --status.",
                            id: "Menerapkan migrasi skema yang tertunda, atau menampilkannya dengan --status.").inToolLanguage,
        discussion: Localized(en: "The same SQL files live in Migrations/ for those who apply them with sqlite3 by hand.",
                              id: "Berkas SQL yang sama ada di Migrations/ bagi yang menerapkannya sendiri dengan sqlite3.").inToolLanguage
    )

    @OptionGroup var database: DatabaseOptions

    @Flag(help: ArgumentHelp(Localized(en: "List every migration with the time it was applied (or 'pending'); change nothing.",
                          id: "Tampilkan setiap migrasi beserta waktu penerapannya (atau 'pending'); tidak mengubah apa pun.").inToolLanguage))
    var status = false

    func run() throws {
        let path = database.path
        guard FileManager.default.fileExists(atPath: path) else {
            throw ToolFailure(.databaseError, "no registry database at \(path) (run 'registry init' to create one)")
        }
        let migrator = try RegistrySchema.migrator()
        // Asked read-only first, so another program's database is refused before it is touched
        // (opening it for writing would already switch it to WAL); --status only ever reads.
        try DatabasePool(path: path, access: .readOnly).read { db in try migrator.requireMigratable(db) }
        let pool = try DatabasePool(path: path, access: status ? .readOnly : .readWrite)
        if status {
            let rows = try pool.read { db in try migrator.status(db) }
            for row in rows {
                let applied = row.appliedAt.map { ISO8601DateFormatter().string(from: $0) } ?? "pending"
                print("\(row.migration.name)  \(applied)")
            }
            let pending = rows.filter(\.isPending).count
            print(pending == 0 ? "up to date" : "\(pending) pending")
        } else {
            let applied = try pool.writeWithoutTransaction { db in try migrator.migrate(db) }
            for name in applied { print("applied \(name)") }
            if applied.isEmpty { print("up to date") }
        }
    }
}
