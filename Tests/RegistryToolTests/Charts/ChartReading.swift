import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// A chart or HTML report read back with an XML parser, as a program (or an auditor) would.
struct ChartReading {
    let document: XMLDocument

    init(_ text: String) throws {
        document = try XMLDocument(data: Data(text.utf8), options: [])
    }

    /// Elements by local name (SVG inside HTML keeps its namespace), with `class` when given.
    func elements(_ name: String, role: String? = nil) throws -> [XMLElement] {
        let predicate = role.map { " and @class='\($0)'" } ?? ""
        return try document.nodes(forXPath: "//*[local-name()='\(name)'\(predicate)]").compactMap { $0 as? XMLElement }
    }

    /// The root `<svg>` (the first, inside an HTML page).
    func svg() throws -> XMLElement {
        try #require(try elements("svg").first, "no <svg> element")
    }

    /// The width and height the drawing declares, in pixels.
    func declaredSize() throws -> (width: Int, height: Int) {
        let svg = try svg()
        return (try #require(Int(Self.attribute(svg, "width") ?? "")), try #require(Int(Self.attribute(svg, "height") ?? "")))
    }

    /// The `<title>` child of an element: what a bar or point says when hovered.
    static func tooltip(_ element: XMLElement) -> String? {
        element.children?.first { $0.localName == "title" }?.stringValue
    }

    /// The text of each element child of a table row.
    static func cells(_ row: XMLElement) -> [String] {
        (row.children ?? []).filter { $0.kind == .element }.compactMap(\.stringValue)
    }

    /// An attribute's value, by name. (FoundationXML's `attribute(forName:)` finds nothing on
    /// an element in a default namespace, which every SVG element is.)
    static func attribute(_ element: XMLElement, _ name: String) -> String? {
        element.attributes?.first { ($0.localName ?? $0.name) == name }?.stringValue
    }

    static func number(_ element: XMLElement, _ attribute: String) throws -> Double {
        try #require(Double(Self.attribute(element, attribute) ?? ""), "\(attribute) of \(element)")
    }

    /// The points of a `<polyline>`.
    static func points(_ element: XMLElement) throws -> [(x: Double, y: Double)] {
        try (attribute(element, "points") ?? "").split(separator: " ").map { pair in
            let xy = pair.split(separator: ",").compactMap { Double($0) }
            try #require(xy.count == 2, "a point \(pair)")
            return (xy[0], xy[1])
        }
    }

    /// The y coordinate of the horizontal axis line, the plot's floor.
    func baseline() throws -> Double {
        let axis = try #require(try elements("line", role: "axis").first { try Self.number($0, "y1") == Self.number($0, "y2") })
        return try Self.number(axis, "y1")
    }
}

/// A CSV report's rows as dictionaries by column name (the reports' cells hold no commas).
func csvRows(_ text: String) -> [[String: String]] {
    let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    guard let header = lines.first else { return [] }
    return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
}

/// `25.23` → 2523 basis points.
func basisPoints(_ percent: String?) -> Int? {
    guard let percent, let value = Decimal(string: percent) else { return nil }
    return NSDecimalNumber(decimal: value * 100).intValue
}
