import ArgumentParser
import Registry
import SQLiteDB

/// `registry report achievement`: progress against targets, as a table, CSV, JSON, or a chart
/// (SVG, or an HTML page with its data table).
struct AchievementReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "achievement",
        abstract: Localized(en: "Achievement of the targets whose period contains the date (actual ÷ target).",
                            id: "Capaian target yang periodenya mencakup tanggal itu (realisasi ÷ target).").inToolLanguage,
        discussion: Localized(en: """
            A head-count target counts distinct resident workers with a membership overlapping the \
            period; a dues target, rupiah paid in the period (members' dues where the worker \
            lives, construction projects' where the site is, or the contractor without one); a \
            coverage target, basis points of the labour force (4000 = 40%). --office, --region and \
            --segment select targets.

            Charts: --format svg draws each target's achievement as a bar against the 100% line; \
            --format html is a standalone page with the chart beside its data table, no scripts. \
            -o FILE writes the report to a new owner-only file (never the database, never through \
            a symbolic link; --force replaces one).
            """, id: """
            Target jumlah orang menghitung pekerja penduduk yang berbeda dengan kepesertaan yang beririsan \
            dengan periodenya; target iuran, rupiah yang dibayar dalam periode itu (iuran peserta di tempat \
            tinggal pekerja, iuran proyek konstruksi di lokasi proyek, atau di kontraktor bila tanpa lokasi); \
            target cakupan, basis poin dari angkatan kerja (4000 = 40%). --office, --region dan --segment memilih target.

            Grafik: --format svg menggambar capaian setiap target sebagai batang terhadap garis 100%; \
            --format html adalah halaman mandiri dengan grafik di samping tabel datanya, tanpa skrip. -o \
            FILE menulis laporan ke berkas baru yang hanya untuk pemilik (tidak pernah basis data, tidak \
            pernah lewat tautan simbolik; --force mengganti yang sudah ada).
            """).inToolLanguage
    )

    @OptionGroup var options: ReportOptions

    @Flag(help: ArgumentHelp(Localized(en: "Every target, whatever its period.", id: "Semua target, apa pun periodenya.").inToolLanguage))
    var all = false

    @OptionGroup var destination: ReportDestination

    func run() throws {
        let file = try destination.file(database: options.database)
        let registry = try options.openForReading()
        let region = try options.regionCode()
        let date = all ? nil : options.date
        let text = try registry.read { session in
            let rows = try Self.achievements(in: session, on: date, segment: options.segment, region: region,
                                             office: try options.officeRecord(in: session))
            if let textFormat = options.format.textFormat {
                return Self.table(rows).rendered(as: textFormat)
            }
            return AchievementChart(rows: rows, date: date, segment: options.segment, region: region,
                                    office: options.office).rendered(as: options.format)
        }
        try destination.write(text, to: file)
    }

    /// The targets in force on `date` (all when nil) that match the filters, as a table (the
    /// demo prints it too).
    static func table(in session: RegistrySession, on date: CalendarDate?, segment: Segment?,
                      region: RegionCode?, office: Office?) throws -> TextTable {
        table(try achievements(in: session, on: date, segment: segment, region: region, office: office))
    }

    /// The targets in force on `date` (all when nil) that match the filters.
    static func achievements(in session: RegistrySession, on date: CalendarDate?, segment: Segment?,
                             region: RegionCode?, office: Office?) throws -> [TargetAchievement] {
        try session.targetAchievements(on: date).filter { row in
            if let segment, row.segment != segment { return false }
            if let office, row.area != .office(code: office.code) { return false }
            if let region {
                switch row.area {
                case .regency(let code), .province(let code):
                    return region.contains(code) || code.contains(region)
                case .office:
                    return false
                }
            }
            return true
        }
    }

    static func table(_ rows: [TargetAchievement]) -> TextTable {
        var table = TextTable([
            .init(name: "target", numeric: true), .init(name: "area"), .init(name: "name"), .init(name: "segment"),
            .init(name: "kind"), .init(name: "period"), .init(name: "target_value", numeric: true),
            .init(name: "actual", numeric: true), .init(name: "achievement_pct", numeric: true),
        ])
        for row in rows {
            table.append([
                String(row.targetID), describe(row.area), row.areaName, row.segment?.shortCode ?? "all",
                row.kind.rawValue, "\(row.periodStart)..\(row.periodEnd)", String(row.targetValue),
                row.actualValue.map(String.init), Cell.percent(row.achievementBasisPoints),
            ])
        }
        return table
    }

    static func describe(_ area: CoverageArea) -> String {
        switch area {
        case .regency(let code), .province(let code): code.code
        case .office(let code): code
        }
    }
}
