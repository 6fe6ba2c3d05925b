import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import RegistryTool
import SQLiteDB
import Testing

/// The chart builders on their own: escaping, numbers, scales and monthly points.
@Suite struct ChartBuilderTests {
    @Test func everyTextAndAttributeIsEscaped() {
        let hostile = #"Kab. <b>"Ciseureuh" & 'Sekitarnya'</b>"#
        let element = MarkupElement("text", [("data-name", hostile)], [.text(hostile)])
        #expect(element.rendered() == """
            <text data-name="Kab. &lt;b&gt;&quot;Ciseureuh&quot; &amp; &apos;Sekitarnya&apos;&lt;/b&gt;">\
            Kab. &lt;b&gt;"Ciseureuh" &amp; 'Sekitarnya'&lt;/b&gt;</text>

            """)
        // Characters XML 1.0 forbids become U+FFFD; tab, line feed and carriage return stay.
        #expect(Markup.escapeText("a\u{07}b\u{0}c\u{FFFE}d\te\nf\rg") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\te\nf\rg")
        // Positive control: plain text is left as it is.
        #expect(Markup.escapeAttribute("Purwakarta 32.14") == "Purwakarta 32.14")
    }

    @Test func escapedTextParsesBackToTheOriginal() throws {
        let hostile = #"<script>alert("x")</script> & ' "#
        let svg = SVG.document(width: 10, height: 10, title: hostile, description: hostile,
                               content: [SVG.text(hostile, at: Point(x: 1, y: 2))])
        let document = try XMLDocument(data: Data(SVG.file(svg).utf8))
        let texts = try document.nodes(forXPath: "//*[local-name()='text' or local-name()='title']").compactMap(\.stringValue)
        #expect(texts == [hostile, hostile])
        #expect(try document.nodes(forXPath: "//*[local-name()='script']").isEmpty)
    }

    @Test func coordinatesAreWrittenTheSameWhateverTheLocale() {
        #expect(SVG.number(12) == "12")
        #expect(SVG.number(12.5) == "12.5")
        #expect(SVG.number(0.125) == "0.13")
        #expect(SVG.number(-3.04) == "-3.04")
        #expect(SVG.number(-0.001) == "0")
        #expect(SVG.number(.nan) == "0")
    }

    @Test func numbersAreWrittenTheIndonesianWay() {
        #expect(ChartText.percent(basisPoints: 2523) == "25,23%")
        #expect(ChartText.percent(basisPoints: 7) == "0,07%")
        #expect(ChartText.integer(511_870) == "511.870")
        #expect(ChartText.integer(-1_234_567) == "-1.234.567")
        #expect(ChartText.cell("511870", numeric: true) == "511.870")
        #expect(ChartText.cell("12345.67", numeric: true) == "12.345,67")
        #expect(ChartText.cell("-0.50", numeric: true) == "-0,50")
        #expect(ChartText.cell("32.14", numeric: false) == "32.14")
        #expect(ChartText.axisPercent(basisPoints: 2500) == "25%")
        #expect(ChartText.axisPercent(basisPoints: 25) == "0,25%")
    }

    @Test func theScaleIsRoundAndHoldsEveryFigure() {
        #expect(ValueScale(fitting: [57, 62, 2]) == ValueScale(maximum: 80, step: 20))
        #expect(ValueScale(fitting: [2523, 4100]) == ValueScale(maximum: 5000, step: 1000))
        #expect(ValueScale(fitting: [10_547]) == ValueScale(maximum: 12_500, step: 2500))
        #expect(ValueScale(fitting: [100]) == ValueScale(maximum: 100, step: 20))
        #expect(ValueScale(fitting: [1]) == ValueScale(maximum: 1, step: 1))
        #expect(ValueScale(fitting: []) == ValueScale(maximum: 100, step: 20))
        #expect(ValueScale(fitting: [0, -5]) == ValueScale(maximum: 100, step: 20))
        #expect(ValueScale(fitting: [Int.max]).maximum >= 1_000_000_000_000_000)
        for top in [1, 3, 7, 99, 101, 2501, 9999, 123_457] {
            let scale = ValueScale(fitting: [top])
            #expect(scale.maximum >= top && scale.ticks.count <= 6 && scale.ticks.last == scale.maximum, "\(top): \(scale)")
        }
    }

    @Test func targetsFarAboveTheFiguresLeaveTheScaleToTheFigures() {
        // 0.57% against a 35% target: the axis fits the figures, the target is above it.
        let apart = ValueScale(values: [57, 62], targets: [3500])
        #expect(apart == ValueScale(maximum: 80, step: 20) && apart.isAbove(3500))
        // 25.23% against 41%: one axis for both (positive control).
        let together = ValueScale(values: [2523], targets: [4100])
        #expect(together == ValueScale(maximum: 5000, step: 1000) && !together.isAbove(4100))
    }

    @Test func monthlyPointsEndOnTheReportDateOnItsDayOfTheMonth() {
        let date = { CalendarDate(iso: $0)! }
        #expect(MonthlyPoints.dates(from: date("2025-01-20"), through: date("2025-04-20"))
            == [date("2025-01-20"), date("2025-02-20"), date("2025-03-20"), date("2025-04-20")])
        // The 31st falls on each month's last day.
        #expect(MonthlyPoints.dates(count: 4, through: date("2025-03-31"))
            == [date("2024-12-31"), date("2025-01-31"), date("2025-02-28"), date("2025-03-31")])
        // A --from between two points starts at the next one.
        #expect(MonthlyPoints.dates(from: date("2025-01-25"), through: date("2025-03-20"))
            == [date("2025-02-20"), date("2025-03-20")])
        #expect(MonthlyPoints.dates(from: date("2025-03-21"), through: date("2025-03-20")).isEmpty)
        #expect(MonthlyPoints.dates(from: date("2015-06-20"), through: date("2025-06-20")).count == 121)
    }

    @Test func aLineBreaksWhereAMonthHasNoFigure() {
        let runs = LineChart.runs([nil, 5, 6, nil, nil, 7, nil])
        #expect(runs.map { $0.map(\.index) } == [[1, 2], [5]])
        #expect(runs.map { $0.map(\.value) } == [[5, 6], [7]])
        #expect(LineChart.runs([nil, nil]).isEmpty)
    }
}
