/// A report as one standalone HTML page: its chart (inline SVG) beside the table of the
/// figures it draws.
///
/// Nothing is fetched and nothing runs: the CSS is inline, there is no script, the fonts are
/// the reader's own. The table is the accessible form of the chart (a screen reader, a copy
/// into a spreadsheet) and what a printed page keeps when colours are lost; print styles put
/// the table under the chart and repeat its heading row on each page. The page is well-formed
/// XML as well as HTML, so programs (and the tests) read it with an XML parser.
struct HTMLReport {
    /// Rows of text under headings; `numeric` columns are right-aligned.
    struct Table {
        var caption: String
        var columns: [(heading: String, numeric: Bool)]
        var rows: [[String]]

        /// `table`'s columns and cells written for people: headings from ``ChartText/heading(_:)``,
        /// numbers the Indonesian way (``ChartText/cell(_:numeric:)``).
        init(caption: String, _ table: TextTable) {
            self.caption = caption
            columns = table.columns.map { (ChartText.heading($0.name), $0.numeric) }
            rows = table.rows.map { row in
                zip(row, table.columns).map { cell, column in cell.map { ChartText.cell($0, numeric: column.numeric) } ?? "" }
            }
        }
    }

    var title: String
    var subtitle: [String]
    var chart: MarkupElement
    var table: Table
    var footer: String

    static let style = """
        body { font-family: "DejaVu Sans", Verdana, Arial, Helvetica, sans-serif; color: #1a1a1a; background: #ffffff; margin: 1.5rem; }
        h1 { font-size: 1.35rem; margin: 0 0 0.3rem 0; }
        header p { margin: 0; color: #555555; }
        .report { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; margin-top: 1rem; }
        figure { margin: 0; flex: 0 1 auto; max-width: 100%; overflow-x: auto; }
        figure svg { max-width: 100%; height: auto; }
        table { border-collapse: collapse; font-size: 0.8rem; flex: 1 1 26rem; }
        caption { text-align: left; font-weight: bold; padding-bottom: 0.3rem; }
        th, td { border: 1px solid #b0b0b0; padding: 0.2rem 0.4rem; vertical-align: top; }
        th { background: #eeeeee; text-align: left; font-weight: normal; }
        .num { text-align: right; font-variant-numeric: tabular-nums; }
        td.num, td:first-child { white-space: nowrap; }
        footer { margin-top: 1.2rem; font-size: 0.8rem; color: #555555; }
        @media print {
          body { margin: 0; }
          .report { display: block; }
          figure { margin-bottom: 1rem; overflow: visible; }
          thead { display: table-header-group; }
          tr { break-inside: avoid; }
        }
        """

    func rendered() -> String {
        let head = MarkupElement("head", [], [
            .element(MarkupElement("meta", [("charset", "utf-8")])),
            .element(MarkupElement("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")])),
            .element(MarkupElement("title", [], [.text(title)])),
            // Our constant CSS, not register data: written as it is (HTML does not decode
            // entities inside <style>).
            .element(MarkupElement("style", [], [.raw("\n" + Self.style + "\n")])),
        ])
        let header = MarkupElement("header", [], [.element(MarkupElement("h1", [], [.text(title)]))]
            + subtitle.map { .element(MarkupElement("p", [], [.text($0)])) })
        // The drawing names itself (its <title> and <desc>, which screen readers announce).
        let figure = MarkupElement("figure", [], [.raw(chart.rendered())])
        let body = MarkupElement("body", [], [.element(MarkupElement("main", [], [
            .element(header),
            .element(MarkupElement("div", [("class", "report")], [.element(figure), .element(tableElement())])),
            .element(MarkupElement("footer", [], [.element(MarkupElement("p", [], [.text(footer)]))])),
        ]))])
        let html = MarkupElement("html", [("xmlns", "http://www.w3.org/1999/xhtml"), ("lang", ChartText.languageCode)],
                                 [.element(head), .element(body)])
        return "<!DOCTYPE html>\n" + html.rendered()
    }

    private func tableElement() -> MarkupElement {
        let headings = table.columns.map { column in
            MarkupNode.element(MarkupElement("th", [("scope", "col"), ("class", column.numeric ? "num" : nil)], [.text(column.heading)]))
        }
        let rows = table.rows.map { row in
            MarkupNode.element(MarkupElement("tr", [], zip(row, table.columns).map { cell, column in
                .element(MarkupElement("td", [("class", column.numeric ? "num" : nil)], [.text(cell)]))
            }))
        }
        return MarkupElement("table", [], [
            .element(MarkupElement("caption", [], [.text(table.caption)])),
            .element(MarkupElement("thead", [], [.element(MarkupElement("tr", [], headings))])),
            .element(MarkupElement("tbody", [], rows)),
        ])
    }
}
