import ArgumentParser
import Registry
import SQLiteDB

/// `registry report achievement`: progress against targets.
struct AchievementReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "achievement",
        abstract: "Achievement of the targets whose period contains the date (actual ÷ target).",
        discussion: """
            A head-count target counts distinct resident workers with a membership overlapping the \
            period; a dues target, rupiah paid in the period; a coverage target, basis points of \
            the labour force (4000 = 40%). --office, --region and --segment select targets.
            """
    )

    @OptionGroup var options: ReportOptions

    @Flag(help: "Every target, whatever its period.")
    var all = false

    func run() throws {
        let registry = try options.openForReading()
        let region = try options.regionCode()
        let table = try registry.read { session in
            try Self.table(in: session, on: all ? nil : options.date, segment: options.segment, region: region,
                           office: try options.officeRecord(in: session))
        }
        options.print(table)
    }

    /// The targets in force on `date` (all when nil) that match the filters.
    static func table(in session: RegistrySession, on date: CalendarDate?, segment: Segment?,
                      region: RegionCode?, office: Office?) throws -> TextTable {
        var table = TextTable([
            .init(name: "target", numeric: true), .init(name: "area"), .init(name: "name"), .init(name: "segment"),
            .init(name: "kind"), .init(name: "period"), .init(name: "target_value", numeric: true),
            .init(name: "actual", numeric: true), .init(name: "achievement_pct", numeric: true),
        ])
        for row in try session.targetAchievements(on: date) {
            if let segment, row.segment != segment { continue }
            if let office, row.area != .office(code: office.code) { continue }
            if let region {
                switch row.area {
                case .regency(let code), .province(let code):
                    guard region.contains(code) || code.contains(region) else { continue }
                case .office:
                    continue
                }
            }
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
