import SQLiteDB

/// Every word the charts and HTML reports show, and how they write numbers: the one file a
/// translation (a later `--lang`) changes.
///
/// Clerks read Bahasa Indonesia, and the register is read by others too, so each label is
/// Indonesian first, then English ("Cakupan / Coverage"). Numbers are written the Indonesian
/// way, as rupiah already are in the tool's messages: a dot between thousands, a comma before
/// decimals (`511.870`, `25,23%`). Dates stay ISO (`2026-10-20`), the same in both languages.
enum ChartText {
    // MARK: Titles

    static let coverage = "Cakupan kepesertaan / Coverage"
    static let coverageOverTime = "Cakupan kepesertaan dari waktu ke waktu / Coverage over time"
    static let achievement = "Capaian target / Achievement of targets"

    static func coverage(by grouping: CoverageReport.Grouping) -> String {
        switch grouping {
        case .regency: "\(coverage), per kabupaten/kota / by regency"
        case .branch: "\(coverage), per kantor cabang / by branch"
        case .regional: "\(coverage), per kantor wilayah / by regional office"
        }
    }

    static func asOf(_ date: CalendarDate) -> String { "Per / As of \(date.isoString)" }
    static func monthly(from first: CalendarDate, to last: CalendarDate) -> String {
        "Bulanan / Monthly, \(first.isoString) – \(last.isoString)"
    }
    static let allTargets = "Semua target / All targets"
    static func segment(_ code: String) -> String { "Segmen / Segment \(code)" }
    static let allSegments = "Semua segmen / All segments"
    static func region(_ code: String) -> String { "Wilayah / Region \(code)" }
    static func office(_ code: String) -> String { "Kantor / Office \(code)" }
    static let coverageDefinition = "Peserta ÷ angkatan kerja / Participants ÷ labour force"
    static let achievementDefinition = "Realisasi ÷ target / Actual ÷ target"

    // MARK: Axes and legends

    static let coverageAxis = "Cakupan / Coverage (%)"
    static let achievementAxis = "Capaian / Achievement (%)"
    static let target = "Target"
    static let targetDashed = "Target (garis putus-putus / dashed line)"
    static let targetAbove = "Target di atas skala / Target above the scale"
    static func targetAbove(_ value: String) -> String { "target \(value), di atas skala / above the scale" }
    static let targetMet = "100% = target tercapai / target met"
    static let noData = "Tidak ada data / No data"
    static let noFigure = "–"

    /// The bar or line of the total row that closes a report filtered to a province or office.
    static func total(_ name: String) -> String { "\(name) (total)" }

    /// A bar of the achievement chart: the target's number (the data table's first column),
    /// its area and segment.
    static func targetLabel(id: Int64, area: String, segment: String?) -> String {
        "\(id) · \(area) · \(segment ?? "Semua / All")"
    }

    /// What a bar or point says when hovered, and what a screen reader reads.
    static func tooltip(_ name: String, _ value: String, target: String?) -> String {
        target.map { "\(name): \(value) (target \($0))" } ?? "\(name): \(value)"
    }

    /// The `<desc>` of a chart: what it shows, in a sentence.
    static func barDescription(_ title: String, bars: Int) -> String {
        "\(title). \(bars) batang / bars; tabel data menyertai laporan HTML / the HTML report carries the data table."
    }

    static func lineDescription(_ title: String, lines: Int, points: Int) -> String {
        "\(title). \(lines) garis / lines, \(points) titik bulanan / monthly points each."
    }

    // MARK: Data table (HTML)

    /// Column headings of the HTML data table, by the column names of the CSV and JSON reports.
    static func heading(_ column: String) -> String {
        switch column {
        case "date": "Tanggal / Date"
        case "code": "Kode / Code"
        case "name": "Nama / Name"
        case "labour_force": "Angkatan kerja / Labour force"
        case "participants": "Peserta / Participants"
        case "coverage_pct": "Cakupan / Coverage (%)"
        case "target_pct": "Target (%)"
        case "active": "Peserta aktif / Active"
        case "active_pct": "Cakupan aktif / Active coverage (%)"
        case "target": "No. target / Target no."
        case "area": "Wilayah / Area"
        case "segment": "Segmen / Segment"
        case "kind": "Jenis / Kind"
        case "period": "Periode / Period"
        case "target_value": "Target"
        case "actual": "Realisasi / Actual"
        case "achievement_pct": "Capaian / Achievement (%)"
        default: column
        }
    }

    static let dataTable = "Data"
    static func madeBy(_ command: String) -> String { "Dibuat dengan / Made with: \(command)" }

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
