import ArgumentParser
import Foundation
import Registry
import RegistryDemo
import SQLiteDB

/// `registry demo`: the README's first command — a realistic register to explore, then its report.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: Localized(en: "Build a realistic synthetic register and print its coverage and achievement report.",
                            id: "Membangun register sintetis yang realistis dan mencetak laporan cakupan dan capaiannya.").inToolLanguage,
        discussion: Localized(en: """
            Real region structure for Purwakarta (17 districts, 192 villages) and Bantul (17, 75) \
            and a few neighbours; regional and branch offices; employers of every size class and \
            risk group; construction projects; Perisai agents; workers in all four segments with \
            valid NIKs; 24 months of bills and payments through October 2026, with late \
            payments, arrears, lapses and endings; labour force and targets. The same --seed and \
            --workers always give the same register. It is written through the library, every \
            rule enforced, at about 130 workers a second in a debug build (release: twice that).
            """, id: """
            Struktur wilayah nyata untuk Purwakarta (17 kecamatan, 192 desa) dan Bantul (17, 75) serta \
            beberapa tetangganya; kantor wilayah dan kantor cabang; pemberi kerja dari setiap golongan \
            ukuran dan kelompok risiko; proyek konstruksi; agen Perisai; pekerja di keempat segmen dengan \
            NIK yang sah; tagihan dan pembayaran 24 bulan sampai Oktober 2026, dengan pembayaran terlambat, \
            tunggakan, kepesertaan nonaktif dan berakhir; angkatan kerja dan target. --seed dan --workers \
            yang sama selalu menghasilkan register yang sama. Register ditulis lewat pustaka, dengan semua \
            aturan ditegakkan, sekitar 130 pekerja per detik pada build debug (release: dua kalinya).
            """).inToolLanguage
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp(Localized(en: "Workers to register over the history (at least 200).",
                            id: "Jumlah pekerja yang didaftarkan sepanjang riwayat (paling sedikit 200).").inToolLanguage))
    var workers = 10_000

    @Option(help: ArgumentHelp(Localized(en: "The seed of every random choice.", id: "Benih untuk setiap pilihan acak.").inToolLanguage))
    var seed: UInt64 = 2026

    @Flag(help: ArgumentHelp(Localized(en: "Replace the database file if it exists; write even into a directory every user may write to.",
                          id: "Ganti berkas basis data jika sudah ada; tetap tulis meskipun ke direktori yang boleh ditulisi semua pengguna.").inToolLanguage))
    var force = false

    func run() throws {
        let path = database.path
        let target = try OutputFile(path, role: "the database", force: force)
        // Built in a private directory beside the target and put in place at the end, so an
        // interrupted demo never leaves a half-built register under the real name.
        let staged = try target.stageDatabase()
        let options = DemoOptions(workers: workers, seed: seed)
        let bar = ProgressBar("demo", total: options.months + 3)
        let summary: DemoSummary
        do {
            summary = try DemoRegistry.build(at: staged.temporaryPath, options: options) { progress in
                bar.update(progress.step, detail: progress.description)
            }
        } catch let error as DemoError {
            throw ToolFailure(.usage, error.description)
        }
        bar.finish(options.months + 3, detail: "done")
        try staged.publish()
        try printReport(summary, path: path)
    }

    private func printReport(_ summary: DemoSummary, path: String) throws {
        let segments = Segment.allCases.map { "\(summary.membershipsBySegment[$0] ?? 0) \($0.shortCode)" }.joined(separator: ", ")
        print("""
            Built \(path) (seed \(seed)) in \(Int(summary.seconds.rounded())) s: \(summary.provinces) provinces, \
            \(summary.regencies) regencies, \(summary.villages) villages, \(summary.offices) offices, \
            \(summary.employers) employers, \(summary.agents) agents, \(summary.workers) workers \
            (memberships: \(segments)), \(summary.bills) bills and \(summary.payments) payments \
            from \(summary.firstMonth) to \(summary.throughMonth).

            """)
        let registry = try database.openForReading()
        let date = summary.asOf
        try registry.read { session in
            func section(_ title: String, _ table: TextTable) {
                print(title)
                print(table.rendered(as: .table))
            }
            section("Coverage on \(date), by regency (participants ÷ labour force)",
                    try CoverageReport.table(in: session, on: date, by: .regency, segment: nil, region: nil, office: nil))
            section("Coverage on \(date), by regional office",
                    try CoverageReport.table(in: session, on: date, by: .regional, segment: nil, region: nil, office: nil))
            section("Memberships on \(date), by status",
                    try StatusReport.table(in: session, on: date, segment: nil))
            section("Targets in force on \(date)",
                    try AchievementReport.table(in: session, on: date, segment: nil, region: nil, office: nil))
        }
        print("More: registry report arrears --as-of \(date) | registry report agents --as-of \(date) | registry check")
    }
}
