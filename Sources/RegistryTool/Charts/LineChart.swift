import Registry
import SQLiteDB

/// Figures over time: one line per area through monthly points, each with its target as a
/// dashed line of the same colour.
///
/// Points are evenly spaced (one a month); a month without a figure (no labour force yet)
/// breaks the line rather than joining its neighbours. Each line has its own colour and
/// marker shape (``ChartStyle/series``, ``Marker``), so at most ``maximumSeries`` lines can be
/// told apart; the report refuses more.
struct LineChart {
    struct Series {
        let name: String
        /// Basis points at each date; nil where there is no figure.
        let values: [Int?]
        /// The target in force at each date, in basis points.
        let targets: [Int?]
        var isTotal = false
    }

    var title: String
    var subtitle: [String]
    var axisLabel: String
    var dates: [CalendarDate]
    var series: [Series]

    static var maximumSeries: Int { ChartStyle.series.count }

    static let left = 84.0
    /// Room for the last month's label, centred on the last point.
    static let right = 40.0
    static let plotHeight = 260.0
    static let minimumPlotWidth = 520.0
    static let pointSpacing = 30.0
    /// The least room a month label needs.
    static let labelSpacing = 66.0

    var scale: ValueScale {
        ValueScale(values: series.flatMap { $0.values.compactMap { $0 } }, targets: series.flatMap { $0.targets.compactMap { $0 } })
    }

    /// The x coordinate of the `index`th date.
    func x(_ index: Int, in frame: PlotFrame) -> Double {
        dates.count > 1 ? frame.left + Double(index) * frame.width / Double(dates.count - 1) : frame.left + frame.width / 2
    }

    func svg() -> MarkupElement {
        precondition(series.count <= Self.maximumSeries, "the report refuses more lines than there are colours")
        let header = ChartHeader(title: title, subtitle: subtitle)
        let plotWidth = max(Double(max(dates.count - 1, 0)) * Self.pointSpacing, Self.minimumPlotWidth)
        let frame = PlotFrame(left: Self.left, top: header.height, width: plotWidth, height: Self.plotHeight)
        let width = max(Self.left + plotWidth + Self.right, header.width)
        let scale = scale

        var content = header.elements()
        content += frame.valueAxis(scale, label: axisLabel)
        content.append(SVG.group("months", monthLabels(frame)))

        var targets: [MarkupElement] = [], lines: [MarkupElement] = [], markers: [MarkupElement] = []
        for (index, line) in series.enumerated() {
            let colour = ChartStyle.series[index]
            let marker = Marker.of(series: index)
            // A target above the scale is named in the legend instead (``ValueScale/init(values:targets:)``).
            for run in Self.runs(line.targets.map { $0.flatMap { scale.isAbove($0) ? nil : $0 } }) {
                targets.append(SVG.polyline(run.map { Point(x: x($0.index, in: frame), y: frame.y(scale.fraction($0.value))) },
                                            stroke: colour, width: 1.5, dash: ChartStyle.targetDash, role: "target",
                                            tooltip: "\(line.name): \(ChartText.target)"))
            }
            for run in Self.runs(line.values) {
                let points = run.map { Point(x: x($0.index, in: frame), y: frame.y(scale.fraction($0.value))) }
                if points.count > 1 {
                    lines.append(SVG.polyline(points, stroke: colour, width: line.isTotal ? 3.5 : 2.25, role: "series",
                                              tooltip: line.name))
                }
                for (point, item) in zip(points, run) {
                    let target = line.targets[item.index].map(ChartText.percent(basisPoints:))
                    let tooltip = ChartText.tooltip("\(line.name), \(dates[item.index].isoString)",
                                                    ChartText.percent(basisPoints: item.value), target: target)
                    markers.append(marker.shape(at: point, colour: colour, tooltip: tooltip))
                }
            }
        }
        content += [SVG.group("targets", targets), SVG.group("series", lines), SVG.group("points", markers)]
        content += frame.baseline()
        if series.isEmpty || dates.isEmpty { content.append(frame.noData()) }

        var legend = Legend(top: frame.bottom + 40, left: frame.left)
        for (index, line) in series.enumerated() {
            let above = line.targets.last { $0.map(scale.isAbove) ?? false }.flatMap { $0 }
            let name = above.map { "\(line.name) (\(ChartText.targetAbove(ChartText.percent(basisPoints: $0))))" } ?? line.name
            legend.add(name, swatch: .line(colour: ChartStyle.series[index], marker: Marker.of(series: index)))
        }
        if series.contains(where: { $0.targets.contains { $0.map { !scale.isAbove($0) } ?? false } }) {
            legend.add(ChartText.targetDashed, swatch: .dashed(ChartStyle.muted))
        }
        content += legend.elements
        return SVG.document(width: width, height: legend.bottom + 12, title: title,
                            description: ChartText.lineDescription(title, lines: series.count, points: dates.count),
                            content: content)
    }

    /// A label under every k-th point, counted back from the last (the report date), so labels
    /// never crowd; each names the month (`2025-03`), the days being those of the subtitle.
    private func monthLabels(_ frame: PlotFrame) -> [MarkupElement] {
        guard !dates.isEmpty else { return [] }
        let spacing = dates.count > 1 ? frame.width / Double(dates.count - 1) : frame.width
        let every = max(1, Int((Self.labelSpacing / spacing).rounded(.up)))
        var labels: [MarkupElement] = []
        for index in dates.indices where (dates.count - 1 - index) % every == 0 {
            let x = x(index, in: frame)
            labels.append(SVG.line(from: Point(x: x, y: frame.bottom), to: Point(x: x, y: frame.bottom + 5), stroke: ChartStyle.axis))
            labels.append(SVG.text(ContributionMonth(containing: dates[index]).description, at: Point(x: x, y: frame.bottom + 20),
                                   anchor: .middle, size: ChartStyle.smallSize, role: "month"))
        }
        return labels
    }

    /// The unbroken stretches of figures: indices and values between the gaps.
    static func runs(_ values: [Int?]) -> [[(index: Int, value: Int)]] {
        var runs: [[(index: Int, value: Int)]] = [], current: [(index: Int, value: Int)] = []
        for (index, value) in values.enumerated() {
            if let value {
                current.append((index, value))
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }
}
