import Registry
import SQLiteDB

/// `report achievement --format svg|html`: a bar per target, its achievement against the 100%
/// line.
struct AchievementChart {
    let rows: [TargetAchievement]
    /// The date selecting the targets in force; nil with `--all`.
    let date: CalendarDate?
    let segment: Segment?
    let region: RegionCode?
    let office: String?

    var title: String { ChartText.achievement }

    var subtitle: [String] {
        var filters = [date.map(ChartText.asOf) ?? ChartText.allTargets,
                       segment.map { ChartText.segment($0.shortCode) } ?? ChartText.allSegments]
        if let region { filters.append(ChartText.region(region.code)) }
        if let office { filters.append(ChartText.office(office)) }
        return [filters.joined(separator: " · "), ChartText.achievementDefinition]
    }

    var chart: BarChart {
        BarChart(title: title, subtitle: subtitle, axisLabel: ChartText.achievementAxis, barLegend: ChartText.achievement,
                 bars: rows.map { row in
                     BarChart.Bar(label: ChartText.targetLabel(id: row.targetID, area: AchievementReport.describe(row.area),
                                                               segment: row.segment?.shortCode),
                                  value: row.achievementBasisPoints, target: nil,
                                  detail: ChartText.targetLabel(id: row.targetID, area: row.areaName, segment: row.segment?.shortCode))
                 },
                 reference: (10_000, ChartText.targetMet))
    }

    func rendered(as format: ReportFormat) -> String {
        guard format == .html else { return SVG.file(chart.svg()) }
        var arguments = date.map { "--as-of \($0)" } ?? "--all"
        if let segment { arguments += " --segment \(segment.shortCode)" }
        if let region { arguments += " --region \(region.code)" }
        if let office { arguments += " --office \(office)" }
        return HTMLReport(title: title, subtitle: subtitle, chart: chart.svg(),
                          table: HTMLReport.Table(caption: ChartText.dataTable, AchievementReport.table(rows)),
                          footer: ChartText.madeBy("registry report achievement \(arguments) --format html"))
            .rendered()
    }
}
