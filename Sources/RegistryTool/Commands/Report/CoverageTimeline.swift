import Registry
import SQLiteDB

/// `report coverage --from DATE` (or `--months N`): the report's rows at monthly points, read
/// with one query per point, and drawn as one line per row.
struct CoverageTimeline {
    let selection: CoverageSelection
    let dates: [CalendarDate]
    /// The rows at each date, in the order of `dates`.
    let rows: [[CoverageRow]]
    let targets: CoverageTargets

    init(_ selection: CoverageSelection, dates: [CalendarDate], in session: RegistrySession) throws {
        precondition(!dates.isEmpty, "MonthlyPoints gives at least the report date")
        self.selection = selection
        self.dates = dates
        rows = try dates.map { try selection.rows(in: session, on: $0) }
        targets = try CoverageTargets(in: session)
    }

    /// One line per row code, in the order the rows first appear (a regency added later, or a
    /// branch that begins serving, starts where it appears).
    var series: [(code: String, name: String, isTotal: Bool, values: [Int?], targets: [Int?])] {
        var order: [String] = [], names: [String: (String, Bool, CoverageArea)] = [:]
        for row in rows.joined() where names[row.code] == nil {
            order.append(row.code)
            names[row.code] = (row.isTotal ? ChartText.total(row.name) : row.name, row.isTotal, row.area)
        }
        return order.map { code in
            let (name, isTotal, area) = names[code]!
            let values = rows.map { $0.first { $0.code == code }?.coverage.basisPoints }
            let targetValues = dates.map { self.targets.basisPoints(for: area, segment: selection.segment, on: $0) }
            return (code, name, isTotal, values, targetValues)
        }
    }

    var title: String { ChartText.coverageOverTime }

    var subtitle: [String] {
        [ChartText.monthly(from: dates[0], to: dates[dates.count - 1]) + " · " + selection.filters,
         ChartText.coverageDefinition]
    }

    /// The table (dated rows), CSV, JSON, SVG line chart or HTML page. A chart of more rows
    /// than it has colours for is refused, naming the filters that narrow it.
    func rendered(as format: ReportFormat) throws -> String {
        if let textFormat = format.textFormat {
            var table = CoverageSelection.table(dated: true)
            for (date, rows) in zip(dates, rows) {
                for row in rows { CoverageSelection.append(row, to: &table, date: date) }
            }
            return table.rendered(as: textFormat)
        }
        let series = series
        guard series.count <= LineChart.maximumSeries else {
            throw ToolFailure(.usage, """
                a line chart draws at most \(LineChart.maximumSeries) lines, and this report has \(series.count) \
                rows; narrow it with --region or --office, or choose --format csv
                """)
        }
        let chart = LineChart(title: title, subtitle: subtitle, axisLabel: ChartText.coverageAxis, dates: dates,
                              series: series.map { LineChart.Series(name: $0.name, values: $0.values, targets: $0.targets,
                                                                    isTotal: $0.isTotal) })
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
