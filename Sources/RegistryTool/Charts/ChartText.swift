import Registry
import SQLiteDB

/// Every word the charts and HTML reports show, and how they write numbers.
///
/// Words follow the run's language (``ToolLanguage``: `--lang id|en`, else the locale), as the
/// tool's other messages do, and the HTML page says which (`lang`). Numbers are written the
/// Indonesian way in both, as rupiah are in every message: a dot between thousands, a comma
/// before decimals (`511.870`, `25,23%`). Dates stay ISO (`2026-10-20`).
enum ChartText {
    private static func say(_ english: String, _ indonesian: String, _ arguments: [String: String] = [:]) -> String {
        Localized(en: english, id: indonesian).text(in: ToolLanguage.current, arguments)
    }

    /// The page's `lang` attribute.
    static var languageCode: String { ToolLanguage.current.rawValue }

    // MARK: Titles

    static var coverage: String { say("Coverage", "Cakupan kepesertaan") }
    static var coverageOverTime: String { say("Coverage over time", "Cakupan kepesertaan dari waktu ke waktu") }
    static var achievement: String { say("Achievement of targets", "Capaian target") }

    static func coverage(by grouping: CoverageReport.Grouping) -> String {
        switch grouping {
        case .regency: say("Coverage by regency", "Cakupan kepesertaan per kabupaten/kota")
        case .branch: say("Coverage by branch", "Cakupan kepesertaan per kantor cabang")
        case .regional: say("Coverage by regional office", "Cakupan kepesertaan per kantor wilayah")
        }
    }

    static func asOf(_ date: CalendarDate) -> String { say("As of {date}", "Per {date}", ["date": date.isoString]) }
    static func monthly(from first: CalendarDate, to last: CalendarDate) -> String {
        say("Monthly, {first} – {last}", "Bulanan, {first} – {last}", ["first": first.isoString, "last": last.isoString])
    }
    static var allTargets: String { say("All targets", "Semua target") }
    static func segment(_ code: String) -> String { say("Segment {code}", "Segmen {code}", ["code": code]) }
    static var allSegments: String { say("All segments", "Semua segmen") }
    static func region(_ code: String) -> String { say("Region {code}", "Wilayah {code}", ["code": code]) }
    static func office(_ code: String) -> String { say("Office {code}", "Kantor {code}", ["code": code]) }
    static func knownOn(_ date: CalendarDate) -> String {
        say("As known on {date}", "Menurut isi register pada {date}", ["date": date.isoString])
    }
    static var coverageDefinition: String { say("Participants ÷ labour force", "Peserta ÷ angkatan kerja") }
    static var achievementDefinition: String { say("Actual ÷ target", "Realisasi ÷ target") }

    // MARK: Axes and legends

    static var coverageAxis: String { say("Coverage (%)", "Cakupan (%)") }
    static var achievementAxis: String { say("Achievement (%)", "Capaian (%)") }
    static let target = "Target"
    static var targetDashed: String { say("Target (dashed line)", "Target (garis putus-putus)") }
    static var targetAbove: String { say("Target above the scale", "Target di atas skala") }
    static func targetAbove(_ value: String) -> String { say("target {value}, above the scale", "target {value}, di atas skala", ["value": value]) }
    static var targetMet: String { say("100% = target met", "100% = target tercapai") }
    static var noData: String { say("No data", "Tidak ada data") }
    static let noFigure = "–"

    /// The bar or line of the total row that closes a report filtered to a province or office.
    static func total(_ name: String) -> String { "\(name) (total)" }

    /// A bar of the achievement chart: the target's number (the data table's first column),
    /// its area and segment.
    static func targetLabel(id: Int64, area: String, segment: String?) -> String {
        "\(id) · \(area) · \(segment ?? say("All", "Semua"))"
    }

    /// What a bar or point says when hovered, and what a screen reader reads.
    static func tooltip(_ name: String, _ value: String, target: String?) -> String {
        target.map { "\(name): \(value) (target \($0))" } ?? "\(name): \(value)"
    }

    /// The `<desc>` of a chart: what it shows, in a sentence.
    static func barDescription(_ title: String, bars: Int) -> String {
        say("{title}. {bars} bars; the HTML report carries the data table.",
            "{title}. {bars} batang; tabel data menyertai laporan HTML.", ["title": title, "bars": String(bars)])
    }

    static func lineDescription(_ title: String, lines: Int, points: Int) -> String {
        say("{title}. {lines} lines, {points} monthly points each.", "{title}. {lines} garis, masing-masing {points} titik bulanan.",
            ["title": title, "lines": String(lines), "points": String(points)])
    }

    // MARK: Data table (HTML)

    /// Column headings of the HTML data table, by the column names of the CSV and JSON reports.
    static func heading(_ column: String) -> String {
        switch column {
        case "date": say("Date", "Tanggal")
        case "code": say("Code", "Kode")
        case "name": say("Name", "Nama")
        case "labour_force": say("Labour force", "Angkatan kerja")
        case "participants": say("Participants", "Peserta")
        case "coverage_pct": say("Coverage (%)", "Cakupan (%)")
        case "target_pct": "Target (%)"
        case "active": say("Active", "Peserta aktif")
        case "active_pct": say("Active coverage (%)", "Cakupan aktif (%)")
        case "target": say("Target no.", "No. target")
        case "area": say("Area", "Wilayah")
        case "segment": say("Segment", "Segmen")
        case "kind": say("Kind", "Jenis")
        case "period": say("Period", "Periode")
        case "target_value": "Target"
        case "actual": say("Actual", "Realisasi")
        case "achievement_pct": say("Achievement (%)", "Capaian (%)")
        default: column
        }
    }

    static let dataTable = "Data"
    static func madeBy(_ command: String) -> String { say("Made with: {command}", "Dibuat dengan: {command}", ["command": command]) }

    // MARK: Numbers

    /// Basis points as a percentage: 2523 → `25,23%`.
    static func percent(basisPoints: Int) -> String {
        decimal(basisPoints) + "%"
    }

    /// A gridline's figure: whole percentages without decimals (`25%`), others with (`0,25%`).
    static func axisPercent(basisPoints: Int) -> String {
        basisPoints % 100 == 0 ? integer(Int64(basisPoints / 100)) + "%" : percent(basisPoints: basisPoints)
    }

    /// Hundredths with a decimal comma: 2523 → `25,23`, 1234567 → `12.345,67`.
    static func decimal(_ hundredths: Int) -> String {
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = hundredths.magnitude
        let fraction = magnitude % 100
        return sign + grouped(magnitude / 100) + "," + (fraction < 10 ? "0" : "") + String(fraction)
    }

    /// A whole number with dots between thousands: 511870 → `511.870`.
    static func integer(_ value: Int64) -> String {
        (value < 0 ? "-" : "") + grouped(UInt(value.magnitude))
    }

    private static func grouped(_ value: UInt) -> String {
        var digits = String(value)
        var groups: [Substring] = []
        while digits.count > 3 {
            groups.insert(Substring(digits.suffix(3)), at: 0)
            digits.removeLast(3)
        }
        groups.insert(Substring(digits), at: 0)
        return groups.joined(separator: ".")
    }

    /// A cell of the CSV report written for people: `511870` → `511.870`, `25.23` → `25,23`;
    /// text cells as they are.
    static func cell(_ text: String, numeric: Bool) -> String {
        guard numeric else { return text }
        if let whole = Int64(text) { return integer(whole) }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 2, let whole = Int(parts[0]), parts[1].count == 2, let fraction = Int(parts[1]) {
            let negative = text.hasPrefix("-")
            return decimal((abs(whole) * 100 + fraction) * (negative ? -1 : 1))
        }
        return text
    }
}
