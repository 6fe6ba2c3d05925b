import Registry
import SQLiteDB

/// `report coverage --from DATE` (or `--months N`): the report's rows at monthly points, read
/// with one query per point, and drawn as one line per row.
struct CoverageTimeline {
    let selection: CoverageSelection
    let dates: [CalendarDate]
    /// The rows at each date, in the order of `dates`.
    let rows: [[CoverageRow]]

    init(_ selection: CoverageSelection, dates: [CalendarDate], in session: RegistrySession) throws {
        precondition(!dates.isEmpty, "MonthlyPoints gives at least the report date")
        self.selection = selection
        self.dates = dates
        rows = try dates.map { try selection.rows(in: session, on: $0) }
    }

    /// One line per row code, in the order the rows first appear (a regency added later, or a
    /// branch that begins serving, starts where it appears), with the target in force at each date.
    func series(_ targets: CoverageTargets) -> [LineChart.Series] {
        var order: [CoverageRow] = [], seen: Set<CoverageRow.Key> = []
        for row in rows.joined() where seen.insert(row.key).inserted {
            order.append(row)
        }
        return order.map { first in
            LineChart.Series(
                name: first.isTotal ? ChartText.total(first.name) : first.name,
                values: rows.map { $0.first { $0.key == first.key }?.coverage.basisPoints },
                targets: dates.map { targets.basisPoints(for: first.area, segment: selection.segment, on: $0) },
                isTotal: first.isTotal)
        }
    }

    var title: String { ChartText.coverageOverTime }

    var subtitle: [String] {
        [ChartText.monthly(from: dates[0], to: dates[dates.count - 1]) + " · " + selection.filters,
         ChartText.coverageDefinition]
    }

    /// The table (dated rows), CSV, JSON, SVG line chart or HTML page; the charts read the
    /// coverage targets from `session`. A chart of more rows than it has colours for is
    /// refused, naming the filters that narrow it.
    func rendered(as format: ReportFormat, in session: RegistrySession) throws -> String {
        if let textFormat = format.textFormat {
            var table = CoverageSelection.table(dated: true)
            for (date, rows) in zip(dates, rows) {
                for row in rows { CoverageSelection.append(row, to: &table, date: date) }
            }
            return table.rendered(as: textFormat)
        }
        let targets = try CoverageTargets(in: session)
        let series = series(targets)
        guard series.count <= LineChart.maximumSeries else {
            throw ToolFailure(.usage, """
                a line chart draws at most \(LineChart.maximumSeries) lines, and this report has \(series.count) \
                rows; narrow it with --region or --office, or choose --format csv
                """)
        }
        let chart = LineChart(title: title, subtitle: subtitle, axisLabel: ChartText.coverageAxis, dates: dates, series: series)
        guard format == .html else { return SVG.file(chart.svg()) }
        var table = CoverageSelection.table(dated: true, withTargets: true)
        for (date, rows) in zip(dates, rows) {
            for row in rows {
                CoverageSelection.append(row, to: &table, date: date,
                                         target: targets.basisPoints(for: row.area, segment: selection.segment, on: date))
            }
        }
        let command = "registry report coverage \(selection.arguments(asOf: dates[dates.count - 1])) --from \(dates[0]) --format html"
        return HTMLReport(title: title, subtitle: subtitle, chart: chart.svg(),
                          table: HTMLReport.Table(caption: ChartText.dataTable, table), footer: ChartText.madeBy(command))
            .rendered()
    }
}
