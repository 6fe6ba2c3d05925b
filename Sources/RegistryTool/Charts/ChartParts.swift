/// The title and subtitle lines at the top of a chart.
struct ChartHeader {
    let title: String
    let subtitle: [String]

    static let titleBaseline = 26.0
    static let lineHeight = 17.0

    /// Where the plot may begin.
    var height: Double { Self.titleBaseline + Double(subtitle.count) * Self.lineHeight + 30 }

    /// The width the lines need, margins included: a chart is never narrower.
    var width: Double {
        max(TextMetrics.width(title, size: ChartStyle.titleSize, bold: true),
            subtitle.map { TextMetrics.width($0, size: ChartStyle.fontSize) }.max() ?? 0) + 32
    }

    func elements() -> [MarkupElement] {
        var elements = [SVG.text(title, at: Point(x: 16, y: Self.titleBaseline), size: ChartStyle.titleSize, bold: true, role: "title")]
        for (index, line) in subtitle.enumerated() {
            elements.append(SVG.text(line, at: Point(x: 16, y: Self.titleBaseline + Double(index + 1) * Self.lineHeight),
                                     fill: ChartStyle.muted, role: "subtitle"))
        }
        return elements
    }
}

/// The plot area of a chart and its value axis: figures in basis points from 0 at the bottom.
struct PlotFrame {
    let left: Double
    let top: Double
    let width: Double
    let height: Double

    var right: Double { left + width }
    var bottom: Double { top + height }

    /// The y coordinate of a share (0 to 1) of the axis.
    func y(_ fraction: Double) -> Double { bottom - fraction * height }

    /// Gridlines with their figures, and the axis title written upwards along the left edge.
    func valueAxis(_ scale: ValueScale, label: String) -> [MarkupElement] {
        var grid: [MarkupElement] = [], ticks: [MarkupElement] = []
        for tick in scale.ticks {
            let y = y(scale.fraction(tick))
            grid.append(SVG.line(from: Point(x: left, y: y), to: Point(x: right, y: y), stroke: ChartStyle.grid))
            ticks.append(SVG.text(ChartText.axisPercent(basisPoints: tick), at: Point(x: left - 8, y: y + 4),
                                  anchor: .end, size: ChartStyle.smallSize, fill: ChartStyle.muted))
        }
        let title = SVG.text(label, at: Point(x: 22, y: top + height / 2), anchor: .middle, fill: ChartStyle.muted,
                             rotation: -90, role: "axis-title")
        return [SVG.group("grid", grid), SVG.group("ticks", ticks + [title])]
    }

    /// The axis lines, drawn over the bars' feet.
    func baseline() -> [MarkupElement] {
        [SVG.line(from: Point(x: left, y: bottom), to: Point(x: right, y: bottom), stroke: ChartStyle.axis, width: 1.5, role: "axis"),
         SVG.line(from: Point(x: left, y: top), to: Point(x: left, y: bottom), stroke: ChartStyle.axis, width: 1, role: "axis")]
    }

    /// The notice an empty chart shows in its plot.
    func noData() -> MarkupElement {
        SVG.text(ChartText.noData, at: Point(x: left + width / 2, y: top + height / 2), anchor: .middle,
                 size: ChartStyle.titleSize, fill: ChartStyle.muted, role: "no-data")
    }
}

/// The key under a chart: one entry a line, a swatch and its text.
struct Legend {
    enum Swatch {
        case box(String)
        case dashed(String)
        case line(colour: String, marker: Marker)
        case marker(String, Marker)
    }

    let top: Double
    let left: Double
    private(set) var elements: [MarkupElement] = []
    private var rows = 0

    static let rowHeight = 19.0

    init(top: Double, left: Double) {
        self.top = top
        self.left = left
    }

    var bottom: Double { top + Double(rows) * Self.rowHeight }

    mutating func add(_ text: String, swatch: Swatch) {
        let middle = top + Double(rows) * Self.rowHeight + Self.rowHeight / 2
        var parts: [MarkupElement] = []
        switch swatch {
        case .box(let colour):
            parts.append(SVG.rect(x: left, y: middle - 6, width: 22, height: 12, fill: colour))
        case .dashed(let colour):
            parts.append(SVG.line(from: Point(x: left, y: middle), to: Point(x: left + 22, y: middle), stroke: colour,
                                  width: 2, dash: ChartStyle.targetDash))
        case .marker(let colour, let marker):
            parts.append(marker.shape(at: Point(x: left + 11, y: middle), colour: colour, tooltip: nil))
        case .line(let colour, let marker):
            parts.append(SVG.line(from: Point(x: left, y: middle), to: Point(x: left + 22, y: middle), stroke: colour, width: 2))
            parts.append(marker.shape(at: Point(x: left + 11, y: middle), colour: colour, tooltip: nil))
        }
        parts.append(SVG.text(text, at: Point(x: left + 30, y: middle + 4), role: "legend-text"))
        elements.append(SVG.group("legend", parts))
        rows += 1
    }
}

/// The shape of a line series' points, so lines differ in shape as well as colour.
enum Marker: CaseIterable {
    case circle, square, triangle, diamond

    static func of(series index: Int) -> Marker { allCases[index % allCases.count] }

    func shape(at centre: Point, colour: String, tooltip: String?) -> MarkupElement {
        let r = 4.0
        switch self {
        case .circle:
            return SVG.circle(at: centre, radius: r, fill: colour, tooltip: tooltip)
        case .square:
            return SVG.rect(x: centre.x - r, y: centre.y - r, width: 2 * r, height: 2 * r, fill: colour, tooltip: tooltip)
        case .triangle:
            return SVG.polygon([Point(x: centre.x, y: centre.y - r - 1), Point(x: centre.x + r + 0.5, y: centre.y + r),
                                Point(x: centre.x - r - 0.5, y: centre.y + r)], fill: colour, tooltip: tooltip)
        case .diamond:
            return SVG.polygon([Point(x: centre.x, y: centre.y - r - 1), Point(x: centre.x + r + 1, y: centre.y),
                                Point(x: centre.x, y: centre.y + r + 1), Point(x: centre.x - r - 1, y: centre.y)],
                               fill: colour, tooltip: tooltip)
        }
    }
}

/// Text widths, estimated: a chart is laid out before any renderer sees it, and has no font
/// metrics. The figures are DejaVu Sans's average advance (the widest of the fonts named in
/// ``ChartStyle/fontFamily``), so the estimate errs on the wide side and text is not clipped.
enum TextMetrics {
    static func width(_ text: String, size: Double, bold: Bool = false) -> Double {
        Double(text.count) * size * (bold ? 0.66 : 0.6)
    }
}
