import ArgumentParser

/// How a report prints: the text formats every command has, or a chart.
///
/// `svg` is a standalone drawing; `html` is a page holding the same drawing beside its data
/// table, with inline CSS and no script, readable offline and printable. Only the reports that
/// have a picture (coverage, achievement) take them; the others refuse them by name
/// (``ReportOptions/refuseChartFormats(by:)``).
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json, svg, html

    /// The text format, or nil for a chart.
    var textFormat: OutputFormat? {
        switch self {
        case .table: .table
        case .csv: .csv
        case .json: .json
        case .svg, .html: nil
        }
    }
}
