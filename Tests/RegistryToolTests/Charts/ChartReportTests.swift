import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Registry
import SQLiteDB
import Testing

/// `report coverage` and `report achievement` as SVG and HTML, on the small registry whose
/// figures are known (``SmallRegistry``): the drawings parse, their bars and points stand for
/// the same figures as the CSV report, and a real renderer draws them.
@Suite struct ChartReportTests {
    let dir: TemporaryDirectory
    let db: String

    init() throws {
        dir = try TemporaryDirectory()
        db = dir.path("small.sqlite")
        _ = try SmallRegistry(at: db)
    }

    func run(_ arguments: [String]) throws -> ToolResult {
        let result = try Tool.run(arguments + ["--db", db])
        return result
    }

    func output(_ arguments: [String]) throws -> String {
        let result = try run(arguments)
        try #require(result.status == 0, "\(arguments): \(result.stderr)")
        return result.stdout
    }

    // MARK: Bars

    @Test func barHeightsAreProportionalToTheReportedCoverage() throws {
        for options in [["--as-of", "2025-06-20"], ["--as-of", "2025-06-20", "--segment", "BPU"],
                        ["--as-of", "2025-06-20", "--by", "branch"], ["--as-of", "2025-03-20", "--region", "34"]] {
            let figures = csvRows(try output(["report", "coverage", "--format", "csv"] + options))
            let chart = try ChartReading(try output(["report", "coverage", "--format", "svg"] + options))
            let bars = try chart.elements("rect", role: "bar")
            try #require(bars.count == figures.count, "\(options): \(bars.count) bars for \(figures.count) rows")
            let baseline = try chart.baseline()
            var unitsPerBasisPoint: Double?
            for (bar, row) in zip(bars, figures) {
                let value = try #require(basisPoints(row["coverage_pct"]))
                let height = try ChartReading.number(bar, "height")
                #expect(abs(try ChartReading.number(bar, "y") + height - baseline) < 0.02, "\(options): a bar off the floor")
                #expect(ChartReading.tooltip(bar)?.hasPrefix("\(row["name"]!)") == true)
                guard value > 0 else {
                    #expect(height < 0.02, "\(options): \(row["name"]!) has no coverage but a bar \(height) high")
                    continue
                }
                if let unitsPerBasisPoint {
                    #expect(abs(height - unitsPerBasisPoint * Double(value)) < 0.03,
                            "\(options): \(row["name"]!) is \(height) high for \(value) bp; \(unitsPerBasisPoint) a basis point elsewhere")
                } else {
                    unitsPerBasisPoint = height / Double(value)
                }
            }
        }
    }

    /// Purwakarta 1.00% and Bantul 0.25% on 2025-06-20: bars four to one, the scale from 0.
    @Test func theBarsStandForTheKnownFigures() throws {
        let chart = try ChartReading(try output(["report", "coverage", "--as-of", "2025-06-20", "--format", "svg"]))
        let heights = try chart.elements("rect", role: "bar").map { try ChartReading.number($0, "height") }
        try #require(heights.count == 2)
        #expect(abs(heights[0] - 4 * heights[1]) < 0.03, "\(heights)")
        let values = try chart.elements("text", role: "value").compactMap(\.stringValue)
        #expect(values == ["1,00%", "0,25%"])
        let labels = try chart.elements("text", role: "label").compactMap(\.stringValue)
        #expect(labels == ["Purwakarta", "Bantul"])
        // No coverage target for all segments: none drawn (the only one is Bantul's BPU target).
        #expect(try chart.elements("rect", role: "target").isEmpty)
    }

    /// Bantul's BPU coverage target (0.50%) is drawn at its height on the bars' scale.
    @Test func aTargetIsDrawnAtItsHeightBesideItsArea() throws {
        let chart = try ChartReading(try output(["report", "coverage", "--as-of", "2025-06-20", "--segment", "BPU", "--format", "svg"]))
        let bars = try chart.elements("rect", role: "bar")
        let targets = try chart.elements("rect", role: "target")
        try #require(bars.count == 2 && targets.count == 1)
        let baseline = try chart.baseline()
        // Bantul's BPU coverage: Agus, 1 of 400 = 25 bp; its target 50 bp.
        let bantul = bars[1]
        let perBasisPoint = try ChartReading.number(bantul, "height") / 25
        let target = targets[0]
        let targetCentre = try ChartReading.number(target, "y") + ChartReading.number(target, "height") / 2
        #expect(abs((baseline - targetCentre) - 50 * perBasisPoint) < 0.03)
        let barCentre = try ChartReading.number(bantul, "x") + ChartReading.number(bantul, "width") / 2
        #expect(abs(try ChartReading.number(target, "x") + ChartReading.number(target, "width") / 2 - barCentre) < 0.02)
        #expect(ChartReading.tooltip(target) == "Bantul: 0,25% (target 0,50%)")
    }

    @Test func achievementBarsStandForTheTargetsAgainstTheHundredPercentLine() throws {
        let figures = csvRows(try output(["report", "achievement", "--as-of", "2025-06-20", "--format", "csv"]))
        let chart = try ChartReading(try output(["report", "achievement", "--as-of", "2025-06-20", "--format", "svg"]))
        let bars = try chart.elements("rect", role: "bar")
        try #require(bars.count == figures.count && figures.count == 2)
        let baseline = try chart.baseline()
        let reference = try #require(try chart.elements("line", role: "reference").first)
        let hundredPercent = baseline - (try ChartReading.number(reference, "y1"))
        for (bar, row) in zip(bars, figures) {
            let achieved = try #require(basisPoints(row["achievement_pct"]))
            #expect(abs(try ChartReading.number(bar, "height") - hundredPercent * Double(achieved) / 10_000) < 0.03,
                    "target \(row["target"]!): \(achieved) bp")
        }
        let labels = try chart.elements("text", role: "label").compactMap(\.stringValue)
        #expect(labels == ["1 · KC-PWK · All", "2 · 34.02 · BPU"])
        // In Indonesian, the same bars: only the words change.
        let indonesian = try ChartReading(try output(["report", "achievement", "--as-of", "2025-06-20", "--format", "svg", "--lang", "id"]))
        #expect(try indonesian.elements("text", role: "label").compactMap(\.stringValue) == ["1 · KC-PWK · Semua", "2 · 34.02 · BPU"])
        #expect(try indonesian.elements("rect", role: "bar").map { try ChartReading.number($0, "height") }
                == bars.map { try ChartReading.number($0, "height") })
    }

    // MARK: Lines

    @Test func aLineHasAPointEachMonthAtTheHeightOfItsFigure() throws {
        let options = ["--as-of", "2025-06-20", "--from", "2025-01-20"]
        let figures = csvRows(try output(["report", "coverage", "--format", "csv"] + options))
        #expect(figures.map { $0["date"]! } == ["2025-01-20", "2025-01-20", "2025-02-20", "2025-02-20", "2025-03-20", "2025-03-20",
                                                 "2025-04-20", "2025-04-20", "2025-05-20", "2025-05-20", "2025-06-20", "2025-06-20"])
        // The last point is the report of --as-of itself.
        let june = csvRows(try output(["report", "coverage", "--format", "csv", "--as-of", "2025-06-20"]))
        #expect(Array(figures.suffix(2)).map { $0.filter { $0.key != "date" } } == june)

        let chart = try ChartReading(try output(["report", "coverage", "--format", "svg"] + options))
        let lines = try chart.elements("polyline", role: "series")
        try #require(lines.count == 2)
        let baseline = try chart.baseline()
        var perBasisPoint: Double?
        for (line, code) in zip(lines, ["32.14", "34.02"]) {
            let points = try ChartReading.points(line)
            let values = figures.filter { $0["code"] == code }.map { basisPoints($0["coverage_pct"])! }
            try #require(points.count == 6 && values.count == 6, "\(code)")
            let steps = zip(points.dropFirst(), points).map { $0.x - $1.x }
            #expect(steps.allSatisfy { abs($0 - steps[0]) < 0.02 }, "months evenly spaced: \(steps)")
            for (point, value) in zip(points, values) {
                if value == 0 {
                    #expect(abs(point.y - baseline) < 0.02)
                } else if let perBasisPoint {
                    #expect(abs((baseline - point.y) - perBasisPoint * Double(value)) < 0.03, "\(code): \(point) for \(value) bp")
                } else {
                    perBasisPoint = (baseline - point.y) / Double(value)
                }
            }
        }
        let months = try chart.elements("text", role: "month").compactMap(\.stringValue)
        #expect(months.last == "2025-06" && Set(months).isSubset(of: ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"]))
        #expect(try chart.elements("polyline", role: "target").isEmpty, "no target for all segments")
        let bpu = try ChartReading(try output(["report", "coverage", "--format", "svg", "--segment", "BPU"] + options))
        #expect(try bpu.elements("polyline", role: "target").count == 1, "Bantul's BPU target, dashed")
    }

    @Test func monthsCountsBackFromTheReportDate() throws {
        let byMonths = try output(["report", "coverage", "--format", "csv", "--as-of", "2025-06-20", "--months", "3"])
        let byFrom = try output(["report", "coverage", "--format", "csv", "--as-of", "2025-06-20", "--from", "2025-04-20"])
        #expect(byMonths == byFrom)
        #expect(csvRows(byMonths).count == 6)
    }

    // MARK: HTML

    @Test func theHTMLPageHoldsTheSameChartBesideItsDataTableAndNothingThatRuns() throws {
        let options = ["--as-of", "2025-06-20", "--segment", "BPU"]
        let text = try output(["report", "coverage", "--format", "html"] + options)
        let svg = try output(["report", "coverage", "--format", "svg"] + options)
        let page = try ChartReading(text)
        // The page's drawing is the SVG report itself.
        let standalone = try ChartReading(svg)
        #expect(try page.svg().xmlString == standalone.svg().xmlString)
        // Nothing runs, nothing is fetched: no script, no event handler, no address but XML namespaces.
        #expect(try page.elements("script").isEmpty)
        #expect(try page.document.nodes(forXPath: "//@*[starts-with(local-name(), 'on')]").isEmpty)
        let addresses = text.components(separatedBy: "http").count - 1
        #expect(addresses == 2, "only the XHTML and SVG namespaces name an address")
        #expect(text.contains("xmlns=\"http://www.w3.org/1999/xhtml\"") && text.contains("xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(!text.contains("<link") && !text.contains("@import") && !text.contains("url("))
        // The table: a row per CSV row, headings for people, numbers the Indonesian way, and the target.
        let figures = csvRows(try output(["report", "coverage", "--format", "csv"] + options))
        let rows = try page.elements("tr").dropFirst().map(ChartReading.cells)
        #expect(rows.count == figures.count)
        #expect(rows.last == ["34.02", "Bantul", "400", "1", "0,25", "0,50", "1", "0,25"])
        #expect(rows.first?.prefix(5) == ["32.14", "Purwakarta", "200", "1", "0,50"])
        let headings = try page.elements("th").compactMap(\.stringValue)
        #expect(headings.contains("Coverage (%)") && headings.contains("Target (%)"), "\(headings)")
        #expect(try page.elements("th").allSatisfy { ChartReading.attribute($0, "scope") == "col" })
        #expect(try page.elements("html").first.flatMap { ChartReading.attribute($0, "lang") } == "en")
        // The page in Indonesian: its words and its lang, each word in one language only; the same figures.
        let indonesian = try ChartReading(try output(["report", "coverage", "--format", "html", "--lang", "id"] + options))
        let indonesianHeadings = try indonesian.elements("th").compactMap(\.stringValue)
        #expect(indonesianHeadings.contains("Cakupan (%)") && indonesianHeadings.contains("Target (%)"), "\(indonesianHeadings)")
        #expect(!indonesianHeadings.contains("Coverage (%)") && !headings.contains("Cakupan (%)"))
        #expect(try indonesian.elements("html").first.flatMap { ChartReading.attribute($0, "lang") } == "id")
        #expect(try indonesian.elements("tr").dropFirst().map(ChartReading.cells) == rows)
        let title = try #require(try page.elements("h1").first?.stringValue)
        let indonesianTitle = try #require(try indonesian.elements("h1").first?.stringValue)
        #expect(title.contains("Coverage") && !title.contains("Cakupan"), "\(title)")
        #expect(indonesianTitle.contains("Cakupan") && !indonesianTitle.contains("Coverage"), "\(indonesianTitle)")
    }

    @Test func theAchievementPageListsEveryTarget() throws {
        let page = try ChartReading(try output(["report", "achievement", "--all", "--format", "html"]))
        let rows = try page.elements("tr").dropFirst().map(ChartReading.cells)
        #expect(rows.map { $0.first } == ["1", "2"])
        #expect(try page.elements("rect", role: "bar").count == 2)
    }

    // MARK: A real renderer

    @Test(.enabled(if: RenderedImage.rendererTestsRun, "rsvg-convert is not installed here (apt-get install librsvg2-bin); CI installs it"))
    func everyChartRendersToAnImageOfItsSizeThatIsNotBlank() throws {
        for arguments in [["report", "coverage", "--as-of", "2025-06-20"],
                          ["report", "coverage", "--as-of", "2025-06-20", "--from", "2025-01-20", "--segment", "BPU"],
                          ["report", "achievement", "--all"]] {
            let svg = try output(arguments + ["--format", "svg"])
            let image = try RenderedImage.render(svg, in: dir)
            let declared = try ChartReading(svg).declaredSize()
            #expect(image.width == declared.width && image.height == declared.height, "\(arguments)")
            #expect(image.colourCount > 20, "\(arguments): \(image.colourCount) colours")
        }
    }

    /// The renderer paints the bars, and as large as the file says: the pixels of the bars'
    /// colour cover the bars' area, give or take their anti-aliased edges.
    @Test(.enabled(if: RenderedImage.rendererTestsRun, "rsvg-convert is not installed here (apt-get install librsvg2-bin); CI installs it"))
    func theRenderedBarsCoverTheAreaTheFileGivesThem() throws {
        let svg = try output(["report", "coverage", "--as-of", "2025-06-20", "--format", "svg"])
        let chart = try ChartReading(svg)
        let boxes = try chart.elements("rect").filter { ChartReading.attribute($0, "fill") == "#0072b2" }
        let sizes = try boxes.map { (try ChartReading.number($0, "width"), try ChartReading.number($0, "height")) }
        #expect(sizes.count == 3, "two bars and the legend's swatch")
        let area = sizes.reduce(0) { $0 + $1.0 * $1.1 }
        let edges = sizes.reduce(0) { $0 + 2 * ($1.0 + $1.1) }
        let painted = Double(try RenderedImage.render(svg, in: dir).count("#0072b2"))
        #expect(abs(painted - area) <= edges, "\(painted) pixels of the bars' colour for \(area) in the file")
    }

    /// Positive control of the checks above: a drawing of nothing renders as one colour, and
    /// is told from a chart.
    @Test(.enabled(if: RenderedImage.rendererTestsRun, "rsvg-convert is not installed here (apt-get install librsvg2-bin); CI installs it"))
    func aBlankDrawingIsToldApart() throws {
        let blank = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="300" height="200"><rect width="300" height="200" fill="#ffffff"/></svg>
            """
        let image = try RenderedImage.render(blank, in: dir)
        #expect(image.width == 300 && image.height == 200)
        #expect(image.colourCount == 1)
        #expect(image.count("#0072b2") == 0)
    }

    // MARK: Files and refusals

    @Test func minusOWritesAnOwnerOnlyFileAndReplacesItOnlyWithForce() throws {
        let file = dir.path("coverage.svg")
        let written = try run(["report", "coverage", "--as-of", "2025-06-20", "--format", "svg", "-o", file])
        #expect(written.status == 0 && written.stdout.isEmpty, "\(written.stderr)")
        #expect(written.stderr.contains("wrote the report to \(file)"))
        #expect(try mode(of: file) == 0o600)
        #expect(try ChartReading(try String(contentsOfFile: file, encoding: .utf8)).elements("rect", role: "bar").count == 2)
        let again = try run(["report", "coverage", "--as-of", "2025-06-20", "--format", "html", "-o", file])
        #expect(again.status == 2 && again.stderr.contains("already exists; give --force"), "\(again.stderr)")
        #expect(try String(contentsOfFile: file, encoding: .utf8).hasPrefix("<?xml"), "the refused run left the file as it was")
        let forced = try run(["report", "achievement", "--as-of", "2025-06-20", "--format", "html", "-o", file, "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try String(contentsOfFile: file, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
        // A text format goes to the file just as well.
        let csv = dir.path("coverage.csv")
        #expect(try run(["report", "coverage", "--as-of", "2025-06-20", "--format", "csv", "-o", csv]).status == 0)
        #expect(try String(contentsOfFile: csv, encoding: .utf8) == (try output(["report", "coverage", "--as-of", "2025-06-20", "--format", "csv"])))
    }

    @Test func reportsWithoutAChartRefuseTheChartFormats() throws {
        for report in ["status", "arrears", "agents"] {
            for format in ["svg", "html"] {
                let result = try run(["report", report, "--as-of", "2025-06-20", "--format", format])
                #expect(result.status == 2 && result.stdout.isEmpty, "\(report) \(format)")
                #expect(result.stderr.contains("report \(report) draws no chart: --format \(format) is for 'report coverage'"),
                        "\(result.stderr)")
            }
            // Positive control: the same report as CSV.
            #expect(try run(["report", report, "--as-of", "2025-06-20", "--format", "csv"]).status == 0)
        }
    }

    @Test func theMonthsOfAReportOverTimeAreChecked() throws {
        let cases: [([String], String)] = [
            (["--as-of", "2025-06-20", "--from", "2025-07-01"], "--from 2025-07-01 is after the report date 2025-06-20 (--as-of)"),
            (["--as-of", "2025-06-20", "--from", "2015-01-01"], "--from 2015-01-01 gives 126 monthly points up to 2025-06-20"),
            (["--as-of", "2025-06-20", "--months", "0"], "--months must be 1 to 120, not 0"),
            (["--as-of", "2025-06-20", "--months", "121"], "--months must be 1 to 120, not 121"),
            (["--as-of", "2025-06-20", "--months", "3", "--from", "2025-01-01"], "--from and --months both choose the months"),
        ]
        for (options, message) in cases {
            let result = try run(["report", "coverage"] + options)
            #expect(result.status == 2 && result.stderr.contains(message), "\(options): \(result.stderr)")
        }
        // Positive control: the longest report allowed.
        #expect(try run(["report", "coverage", "--as-of", "2025-06-20", "--months", "120", "--format", "csv"]).status == 0)
    }

    private func mode(of path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) & 0o7777
    }
}
