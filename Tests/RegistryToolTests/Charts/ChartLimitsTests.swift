import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Registry
import SQLiteDB
import Testing

/// Charts of registers shaped for the purpose: names from the register that try to be markup
/// or carry a NIK, more areas than a line chart can tell apart, and no areas at all.
@Suite struct ChartLimitsTests {
    let dir: TemporaryDirectory

    init() throws {
        dir = try TemporaryDirectory()
    }

    /// A register of regencies 32.01, 32.02, … named `names`, each with a labour force, no workers.
    func register(_ names: [String]) throws -> String {
        let path = dir.path("r\(names.count).sqlite")
        let registry = try Registry(path: path)
        try registry.write { session in
            try session.addRegion(try RegionCode("32"), name: "Jawa Barat")
            for (index, name) in names.enumerated() {
                let code = try RegionCode("32." + (index < 9 ? "0" : "") + String(index + 1))
                try session.addRegion(code, name: name)
                try session.recordLabourForce(year: 2024, area: code, employed: 1000, unemployed: 100)
            }
        }
        try registry.close()
        return path
    }

    func run(_ db: String, _ arguments: [String]) throws -> ToolResult {
        try Tool.run(["report", "coverage", "--as-of", "2025-06-20"] + arguments + ["--db", db])
    }

    @Test func namesFromTheRegisterAreTextNeverMarkupAndNIKsInThemAreMasked() throws {
        let name = #"Kab. <b onclick="x()">Ciseureuh</b> & 'Sekitarnya' 3214011203850001"#
        let db = try register([name, "Purwakarta"])
        for format in ["svg", "html"] {
            let result = try run(db, ["--format", format])
            try #require(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.range(of: #"\d{16}"#, options: .regularExpression) == nil, "a 16-digit run in the \(format)")
            let reading = try ChartReading(result.stdout)
            #expect(try reading.elements("b").isEmpty, "\(format): the name became an element")
            #expect(try reading.document.nodes(forXPath: "//@onclick").isEmpty)
            let masked = name.replacingOccurrences(of: "3214011203850001", with: "3214********0001")
            let bar = try #require(try reading.elements("rect", role: "bar").first)
            #expect(ChartReading.tooltip(bar) == masked + ": 0,00%")
            let label = try #require(try reading.elements("text", role: "label").first?.stringValue)
            #expect(label == String(name.prefix(29)) + "…")
            if format == "html" {
                let cells = try reading.elements("td").compactMap(\.stringValue)
                #expect(cells.contains(masked))
            }
        }
    }

    @Test func aLineChartOfMoreAreasThanColoursIsRefusedNamingTheWayOut() throws {
        let nine = try register((1...9).map { "Kabupaten \($0)" })
        let refused = try run(nine, ["--from", "2025-01-20", "--format", "svg"])
        #expect(refused.status == 2 && refused.stdout.isEmpty)
        #expect(refused.stderr.contains("a line chart draws at most 8 lines, and this report has 9 rows; narrow it with --region or --office"),
                "\(refused.stderr)")
        // The same report as CSV, and a bar chart of the same rows, are fine.
        #expect(try run(nine, ["--from", "2025-01-20", "--format", "csv"]).status == 0)
        #expect(try run(nine, ["--format", "svg"]).status == 0)
        // Positive control: eight lines are drawn, each in its own colour.
        let eight = try register((1...8).map { "Kabupaten \($0)" })
        let drawn = try run(eight, ["--from", "2025-01-20", "--format", "svg"])
        try #require(drawn.status == 0, "\(drawn.stderr)")
        let lines = try ChartReading(drawn.stdout).elements("polyline", role: "series")
        #expect(lines.count == 8)
        #expect(Set(lines.compactMap { ChartReading.attribute($0, "stroke") }).count == 8)
    }

    @Test func aRegisterWithNothingToDrawSaysSo() throws {
        let empty = try register([])
        for arguments in [["--format", "svg"], ["--from", "2025-01-20", "--format", "svg"], ["--format", "html"]] {
            let result = try run(empty, arguments)
            try #require(result.status == 0, "\(arguments): \(result.stderr)")
            let reading = try ChartReading(result.stdout)
            #expect(try reading.elements("text", role: "no-data").first?.stringValue == "No data", "\(arguments)")
            let indonesian = try ChartReading(try run(empty, arguments + ["--lang", "id"]).stdout)
            #expect(try indonesian.elements("text", role: "no-data").first?.stringValue == "Tidak ada data", "\(arguments)")
            #expect(try reading.elements("rect", role: "bar").isEmpty)
        }
        // Positive control: a register with an area has no such notice.
        let one = try register(["Purwakarta"])
        #expect(try ChartReading(try run(one, ["--format", "svg"]).stdout).elements("text", role: "no-data").isEmpty)
    }
}
