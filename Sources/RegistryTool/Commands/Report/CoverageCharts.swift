import Registry
import SQLiteDB

/// `report coverage --format svg|html` at one date: a bar per row, against its coverage target.
struct CoverageCharts {
    let selection: CoverageSelection
    let date: CalendarDate
    let rows: [CoverageRow]
    let targets: CoverageTargets

    init(_ selection: CoverageSelection, date: CalendarDate, rows: [CoverageRow], targets: CoverageTargets) {
        self.selection = selection
        self.date = date
        self.rows = rows
        self.targets = targets
    }

    func target(of row: CoverageRow) -> Int? {
        targets.basisPoints(for: row.area, segment: selection.segment, on: date)
    }

    var title: String { ChartText.coverage(by: selection.by) }

    var subtitle: [String] {
        [ChartText.asOf(date) + " · " + selection.filters, ChartText.coverageDefinition]
    }

    var chart: BarChart {
        BarChart(title: title, subtitle: subtitle, axisLabel: ChartText.coverageAxis, barLegend: ChartText.coverage,
                 bars: rows.map { row in
                     BarChart.Bar(label: row.isTotal ? ChartText.total(row.name) : row.name,
                                  value: row.coverage.basisPoints, target: target(of: row), isTotal: row.isTotal)
                 })
    }

    /// The SVG file or the HTML page.
    func rendered(as format: ReportFormat) -> String {
        guard format == .html else { return SVG.file(chart.svg()) }
        var table = CoverageSelection.table(withTargets: true)
        for row in rows { CoverageSelection.append(row, to: &table, target: target(of: row)) }
        return HTMLReport(title: title, subtitle: subtitle, chart: chart.svg(),
                          table: HTMLReport.Table(caption: ChartText.dataTable, table),
                          footer: ChartText.madeBy("registry report coverage \(selection.arguments(asOf: date)) --format html"))
            .rendered()
    }
}
