import ArgumentParser
import Registry

/// `registry refresh`: recomputes the report tables of memberships changed by SQL typed by hand.
struct Refresh: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: Localized(en: "Bring the report tables up to date after SQL typed by hand.",
                            id: "Memperbarui tabel laporan setelah SQL diketik sendiri.").inToolLanguage,
        discussion: Localized(en: """
            The reports read each membership's status over time from the standing tables \
            (Migrations/0011_standing.sql, 0012_arrears_on_spans.sql). Every write through this tool or the library keeps them \
            current, and a report refreshes them when it finds them stale; after INSERTs or UPDATEs \
            made in the sqlite3 shell, this command does it at once. It prints how many memberships \
            it recomputed. --all recomputes every membership: the repair when the standing tables \
            themselves were edited (`registry check` reports it).
            """, id: """
            Laporan membaca status setiap kepesertaan dari waktu ke waktu dari tabel standing \
            (Migrations/0011_standing.sql, 0012_arrears_on_spans.sql). Setiap penulisan lewat alat ini atau \
            pustaka menjaganya tetap mutakhir, dan laporan memperbaruinya jika mendapatinya usang; sesudah \
            INSERT atau UPDATE di shell sqlite3, perintah ini langsung memperbaruinya. Mencetak jumlah \
            kepesertaan yang dihitung ulang. --all menghitung ulang semua kepesertaan: perbaikan jika tabel \
            standing itu sendiri diubah (`registry check` melaporkannya).
            """).inToolLanguage
    )

    @OptionGroup var database: DatabaseOptions

    @Flag(help: ArgumentHelp(Localized(en: "Recompute every membership, not only those changed by hand.",
                          id: "Hitung ulang semua kepesertaan, tidak hanya yang diubah sendiri.").inToolLanguage))
    var all = false

    func run() throws {
        let registry = try database.openExisting()
        let count = try registry.write { try $0.refreshStanding(all: all) }
        print(count == 0 ? "up to date" : "refreshed \(count) membership\(count == 1 ? "" : "s")")
    }
}
