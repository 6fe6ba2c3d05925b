import Foundation
import Registry

/// Rows of text under named columns, printed as an aligned table, CSV or JSON.
///
/// Cells are already formatted text; `numeric` columns are right-aligned in a table and
/// written as JSON numbers (when they parse as one), so a script gets `115463`, not `"115463"`.
///
/// A table's headings follow the run's language (``ColumnHeading``); CSV and JSON keep the
/// column names, which scripts read whatever the language.
///
/// Every cell is masked (``PersonalData/maskDigitRuns(_:)``) before it is laid out, unless the
/// command was given `--unmasked`: a report's name or phone column may hold a NIK. Masking
/// keeps a cell's length, so the columns stay aligned.
struct TextTable {
    struct Column {
        let name: String
        var numeric = false
    }

    var columns: [Column]
    var rows: [[String?]] = []

    init(_ columns: [Column]) {
        self.columns = columns
    }

    mutating func append(_ row: [String?]) {
        precondition(row.count == columns.count, "a row of \(row.count) cells under \(columns.count) columns")
        rows.append(row)
    }

    func rendered(as format: OutputFormat, unmasked: Bool = false) -> String {
        let rows = unmasked ? rows : rows.map { $0.map { $0.map(PersonalData.maskDigitRuns) } }
        return switch format {
        case .table: aligned(rows)
        case .csv: csv(rows)
        case .json: json(rows)
        }
    }

    private func aligned(_ rows: [[String?]]) -> String {
        let cells = rows.map { $0.map { $0 ?? "" } }
        let headings = columns.map { ColumnHeading.text(for: $0.name, in: ToolLanguage.current) }
        let widths = columns.indices.map { index in
            max(headings[index].count, cells.map { $0[index].count }.max() ?? 0)
        }
        func line(_ values: [String]) -> String {
            zip(values, columns.indices).map { value, index in
                let padding = String(repeating: " ", count: widths[index] - value.count)
                return columns[index].numeric ? padding + value : value + padding
            }
            .joined(separator: "  ")
            .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        var lines = [line(headings), line(widths.map { String(repeating: "-", count: $0) })]
        lines += cells.map(line)
        return lines.joined(separator: "\n") + "\n"
    }

    private func csv(_ rows: [[String?]]) -> String {
        CSVWriter.line(columns.map(\.name)) + rows.map { CSVWriter.line($0.map { $0 ?? "" }) }.joined()
    }

    private func json(_ rows: [[String?]]) -> String {
        let objects = rows.map { row in
            "  {" + zip(columns, row).map { column, value in
                "\(Self.jsonString(column.name)): \(Self.jsonValue(value, numeric: column.numeric))"
            }.joined(separator: ", ") + "}"
        }
        return objects.isEmpty ? "[]\n" : "[\n" + objects.joined(separator: ",\n") + "\n]\n"
    }

    private static func jsonValue(_ value: String?, numeric: Bool) -> String {
        guard let value else { return "null" }
        if numeric, Double(value) != nil, value.first != "+" { return value }
        return jsonString(value)
    }

    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let control where control.value < 0x20: out += String(format: "\\u%04x", control.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
