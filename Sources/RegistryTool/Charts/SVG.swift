/// A point of a chart, in SVG user units (pixels at 96 dpi), y growing downwards.
struct Point: Equatable {
    var x: Double
    var y: Double
}

/// The SVG elements the charts use, typed: coordinates are numbers, colours and dash patterns
/// are values of ``ChartStyle``, and text is escaped by ``MarkupElement/rendered()``.
///
/// Everything is drawn with presentation attributes, not CSS or scripts, so a chart looks the
/// same in a browser, in a document, printed, and in `rsvg-convert`.
enum SVG {
    static let namespace = "http://www.w3.org/2000/svg"

    /// The root element of a standalone drawing `width` × `height` pixels: a white page (so it
    /// prints and converts as it shows), a `<title>` and a `<desc>` that screen readers announce,
    /// then `content`.
    static func document(width: Double, height: Double, title: String, description: String,
                         content: [MarkupElement]) -> MarkupElement {
        // Whole pixels, so a renderer's image is exactly the size the file declares.
        let width = width.rounded(.up), height = height.rounded(.up)
        return MarkupElement("svg", [
            ("xmlns", namespace), ("version", "1.1"),
            ("width", number(width)), ("height", number(height)),
            ("viewBox", "0 0 \(number(width)) \(number(height))"),
            ("role", "img"), ("aria-labelledby", "chart-title chart-desc"),
            ("font-family", ChartStyle.fontFamily), ("font-size", number(ChartStyle.fontSize)),
            ("fill", ChartStyle.ink),
        ], [
            .element(MarkupElement("title", [("id", "chart-title")], [.text(title)])),
            .element(MarkupElement("desc", [("id", "chart-desc")], [.text(description)])),
            .element(rect(x: 0, y: 0, width: width, height: height, fill: ChartStyle.paper)),
        ] + content.map(MarkupNode.element))
    }

    /// A standalone `.svg` file: the XML declaration, then the drawing.
    static func file(_ document: MarkupElement) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + document.rendered()
    }

    static func group(_ role: String, _ children: [MarkupElement]) -> MarkupElement {
        MarkupElement("g", [("class", role)], children.map(MarkupNode.element))
    }

    /// A rectangle; `tooltip` becomes its `<title>`, which browsers show on hover and screen
    /// readers read.
    static func rect(x: Double, y: Double, width: Double, height: Double, fill: String,
                     role: String? = nil, tooltip: String? = nil) -> MarkupElement {
        MarkupElement("rect", [
            ("class", role), ("x", number(x)), ("y", number(y)),
            ("width", number(width)), ("height", number(height)), ("fill", fill),
        ], tooltip.map { [.element(MarkupElement("title", [], [.text($0)]))] } ?? [])
    }

    static func line(from start: Point, to end: Point, stroke: String, width: Double = 1,
                     dash: String? = nil, role: String? = nil) -> MarkupElement {
        MarkupElement("line", [
            ("class", role), ("x1", number(start.x)), ("y1", number(start.y)),
            ("x2", number(end.x)), ("y2", number(end.y)),
            ("stroke", stroke), ("stroke-width", number(width)), ("stroke-dasharray", dash),
        ])
    }

    /// An open polyline through `points`.
    static func polyline(_ points: [Point], stroke: String, width: Double, dash: String? = nil,
                         role: String? = nil, tooltip: String? = nil) -> MarkupElement {
        MarkupElement("polyline", [
            ("class", role),
            ("points", points.map { "\(number($0.x)),\(number($0.y))" }.joined(separator: " ")),
            ("fill", "none"), ("stroke", stroke), ("stroke-width", number(width)),
            ("stroke-dasharray", dash), ("stroke-linejoin", "round"),
        ], tooltip.map { [.element(MarkupElement("title", [], [.text($0)]))] } ?? [])
    }

    /// A closed shape through `points` (a marker).
    static func polygon(_ points: [Point], fill: String, tooltip: String? = nil) -> MarkupElement {
        MarkupElement("polygon", [
            ("points", points.map { "\(number($0.x)),\(number($0.y))" }.joined(separator: " ")),
            ("fill", fill),
        ], tooltip.map { [.element(MarkupElement("title", [], [.text($0)]))] } ?? [])
    }

    static func circle(at centre: Point, radius: Double, fill: String, tooltip: String? = nil) -> MarkupElement {
        MarkupElement("circle", [
            ("cx", number(centre.x)), ("cy", number(centre.y)), ("r", number(radius)), ("fill", fill),
        ], tooltip.map { [.element(MarkupElement("title", [], [.text($0)]))] } ?? [])
    }

    enum Anchor: String {
        case start, middle, end
    }

    /// One line of text with its baseline at `at`; `rotation` turns it about that point
    /// (negative: counter-clockwise, as axis labels under crowded bars are).
    static func text(_ string: String, at point: Point, anchor: Anchor = .start, size: Double? = nil,
                     bold: Bool = false, fill: String? = nil, rotation: Double? = nil, role: String? = nil) -> MarkupElement {
        MarkupElement("text", [
            ("class", role), ("x", number(point.x)), ("y", number(point.y)),
            ("text-anchor", anchor == .start ? nil : anchor.rawValue),
            ("font-size", size.map(number)), ("font-weight", bold ? "bold" : nil), ("fill", fill),
            ("transform", rotation.map { "rotate(\(number($0)) \(number(point.x)) \(number(point.y)))" }),
        ], [.text(string)])
    }

    /// A coordinate with at most two decimals, always with a dot, never in exponent form:
    /// what SVG's number grammar accepts whatever the process's locale.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let hundredths = Int((value * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = hundredths.magnitude
        let whole = magnitude / 100, fraction = magnitude % 100
        switch fraction {
        case 0: return "\(sign)\(whole)"
        case let f where f % 10 == 0: return "\(sign)\(whole).\(f / 10)"
        case let f where f < 10: return "\(sign)\(whole).0\(f)"
        default: return "\(sign)\(whole).\(fraction)"
        }
    }
}
