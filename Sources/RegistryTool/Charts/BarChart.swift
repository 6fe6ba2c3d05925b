import Foundation

/// Figures by area as vertical bars, each against its own target: coverage by regency, branch
/// or regional office, or the achievement of each target.
///
/// A bar's height is proportional to its figure (basis points) on a value axis from 0 that
/// holds every figure and target (``ValueScale``), its figure printed above it. A target is a
/// black bar across the bar's slot at the target's height; an optional reference line (the
/// 100% of an achievement chart) crosses the whole plot. An area without a figure (no labour
/// force recorded) has no bar, and a dash where the figure would be.
struct BarChart {
    struct Bar {
        /// Under the bar (shortened when long; the tooltip and the data table have it whole).
        let label: String
        /// Basis points; nil when there is no figure.
        let value: Int?
        /// Basis points.
        let target: Int?
        /// The total row, drawn darker.
        var isTotal = false
        /// What the tooltip names, when the label is not enough (an achievement bar's full area name).
        var detail: String?
    }

    var title: String
    var subtitle: [String]
    var axisLabel: String
    /// What a bar is, in the legend.
    var barLegend: String
    var bars: [Bar]
    /// A line across the plot at this value (basis points), with its legend text.
    var reference: (value: Int, label: String)?

    // The layout, in pixels.
    static let slot = 56.0
    static let barWidth = 34.0
    static let targetWidth = 48.0
    static let left = 84.0
    static let right = 24.0
    static let plotHeight = 260.0
    static let minimumPlotWidth = 240.0
    static let labelAngle = -35.0
    static let labelLength = 30

    var scale: ValueScale {
        ValueScale(values: bars.compactMap(\.value) + [reference?.value].compactMap { $0 },
                   targets: bars.compactMap(\.target))
    }

    func svg() -> MarkupElement {
        let header = ChartHeader(title: title, subtitle: subtitle)
        let labels = bars.map { Self.shortened($0.label) }
        let left = max(Self.left, Self.labelOverhang(labels))
        // Bars spread to fill a chart as wide as its title; never closer than one slot apart.
        let plotWidth = max(Double(bars.count) * Self.slot, Self.minimumPlotWidth, header.width - left - Self.right)
        let slot = bars.isEmpty ? Self.slot : plotWidth / Double(bars.count)
        let scale = scale
        // Targets above the scale are marked over the plot, with their values: room for them.
        let anyAbove = bars.contains { $0.target.map(scale.isAbove) ?? false }
        let frame = PlotFrame(left: left, top: header.height + (anyAbove ? 30 : 0), width: plotWidth, height: Self.plotHeight)
        let width = max(left + plotWidth + Self.right, header.width)

        var content = header.elements()
        content += frame.valueAxis(scale, label: axisLabel)
        var barElements: [MarkupElement] = [], targets: [MarkupElement] = [], texts: [MarkupElement] = []
        for (index, bar) in bars.enumerated() {
            let slotLeft = frame.left + Double(index) * slot
            let centre = slotLeft + slot / 2
            let valueText = bar.value.map(ChartText.percent(basisPoints:)) ?? ChartText.noFigure
            let targetText = bar.target.map(ChartText.percent(basisPoints:))
            let tooltip = ChartText.tooltip(bar.detail ?? bar.label, valueText, target: targetText)
            var valueY = frame.bottom - 5
            if let value = bar.value {
                let top = frame.y(scale.fraction(value))
                barElements.append(SVG.rect(x: centre - Self.barWidth / 2, y: top, width: Self.barWidth,
                                            height: frame.bottom - top, fill: bar.isTotal ? ChartStyle.barTotal : ChartStyle.bar,
                                            role: "bar", tooltip: tooltip))
                valueY = top - 5
            }
            if let target = bar.target, let targetText {
                if scale.isAbove(target) {
                    targets.append(Marker.triangle.shape(at: Point(x: centre, y: frame.top - 14), colour: ChartStyle.target,
                                                         tooltip: tooltip))
                    texts.append(SVG.text(targetText, at: Point(x: centre, y: frame.top - 22), anchor: .middle,
                                          size: ChartStyle.smallSize, role: "target-value"))
                } else {
                    let y = frame.y(scale.fraction(target))
                    targets.append(SVG.rect(x: centre - Self.targetWidth / 2, y: y - 1.5, width: Self.targetWidth, height: 3,
                                            fill: ChartStyle.target, role: "target", tooltip: tooltip))
                    if abs(y - valueY) < 12 { valueY = min(valueY, y - 5) }
                }
            }
            texts.append(SVG.text(valueText, at: Point(x: centre, y: valueY), anchor: .middle,
                                  size: ChartStyle.smallSize, role: "value"))
            texts.append(SVG.text(labels[index], at: Point(x: centre + 4, y: frame.bottom + 14), anchor: .end,
                                  bold: bar.isTotal, rotation: Self.labelAngle, role: "label"))
        }
        content.append(SVG.group("bars", barElements))
        content.append(SVG.group("targets", targets))
        if let reference {
            let y = frame.y(scale.fraction(reference.value))
            content.append(SVG.line(from: Point(x: frame.left, y: y), to: Point(x: frame.right, y: y),
                                    stroke: ChartStyle.reference, width: 2, dash: ChartStyle.targetDash, role: "reference"))
        }
        content.append(SVG.group("texts", texts))
        content += frame.baseline()
        if bars.isEmpty { content.append(frame.noData()) }

        var legend = Legend(top: frame.bottom + Self.labelDrop(labels), left: frame.left)
        legend.add(barLegend, swatch: .box(ChartStyle.bar))
        if bars.contains(where: { $0.target.map { !scale.isAbove($0) } ?? false }) {
            legend.add(ChartText.target, swatch: .box(ChartStyle.target))
        }
        if anyAbove {
            legend.add(ChartText.targetAbove, swatch: .marker(ChartStyle.target, .triangle))
        }
        if let reference { legend.add(reference.label, swatch: .dashed(ChartStyle.reference)) }
        content += legend.elements

        return SVG.document(width: width, height: legend.bottom + 12, title: title,
                            description: ChartText.barDescription(title, bars: bars.count), content: content)
    }

    /// How far below the plot the slanted labels reach: where the legend can begin.
    static func labelDrop(_ labels: [String]) -> Double {
        let widest = labels.map { TextMetrics.width($0, size: ChartStyle.fontSize) }.max() ?? 0
        return max(widest * -sin(labelAngle * .pi / 180) + 34, 40)
    }

    /// How far left of the plot the first labels reach, written slanted from their bar's
    /// centre: the left margin that keeps them on the page.
    static func labelOverhang(_ labels: [String]) -> Double {
        let slant = cos(labelAngle * .pi / 180)
        return labels.enumerated().map { index, label in
            TextMetrics.width(label, size: ChartStyle.fontSize) * slant - 4 - (Double(index) + 0.5) * slot + 12
        }.max() ?? 0
    }

    /// A label cut to ``labelLength`` characters, with an ellipsis.
    static func shortened(_ label: String) -> String {
        label.count <= labelLength ? label : String(label.prefix(labelLength - 1)) + "…"
    }
}
