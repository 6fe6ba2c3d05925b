import SQLiteDB

/// The formats of an export.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// RFC 4180 with a header row: the import format.
    case csv
    /// An array of objects keyed by column; empty cells are null, numeric columns numbers.
    case json
}

/// Writes every record of one kind as CSV or JSON, streaming row by row from one read
/// snapshot.
///
/// Unless `unmasked` is set, every cell is masked (``PersonalData/maskDigitRuns(_:)``), not
/// only the NIK: a NIK typed in a phone column, an occupation or a receipt number is one too.
/// CSV cells are also made safe to open in a spreadsheet (``CSVFormula``); JSON is written as is.
public struct RegistryExport {
    public var kind: ImportKind
    public var format: ExportFormat
    public var unmasked: Bool

    public init(kind: ImportKind, format: ExportFormat = .csv, unmasked: Bool = false) {
        self.kind = kind
        self.format = format
        self.unmasked = unmasked
    }

    /// Writes the export to `output`; returns the number of rows.
    @discardableResult
    public func run(_ registry: Registry, to output: BufferedOutput) throws -> Int {
        try registry.read { session in try run(session, to: output) }
    }

    /// Writes the export of what `session` sees.
    @discardableResult
    public func run(_ session: RegistrySession, to output: BufferedOutput) throws -> Int {
        let columns = kind.columns
        let exporter = kind.exporterType
        var rows = 0
        var cells = [String?](repeating: nil, count: columns.count)
        switch format {
        case .csv: try output.write(CSVWriter.line(columns.map(\.name)))
        case .json: try output.write("[")
        }
        try session.connection.forEach(exporter.sql) { row in
            for index in cells.indices { cells[index] = try row.get(index, as: String?.self) }
            exporter.finish(&cells, unmasked: unmasked)
            if !unmasked {
                for index in cells.indices { cells[index] = cells[index].map(PersonalData.maskDigitRuns) }
            }
            switch format {
            case .csv:
                try output.write(CSVWriter.line(cells.map { $0 ?? "" }))
            case .json:
                try output.write((rows == 0 ? "\n  " : ",\n  ") + JSONRecord.object(columns, cells))
            }
            rows += 1
        }
        if format == .json { try output.write(rows == 0 ? "]\n" : "\n]\n") }
        return rows
    }
}

/// One JSON object per row, written by hand so a million rows stream without `Codable` boxes.
enum JSONRecord {
    static func object(_ columns: [ImportColumn], _ cells: [String?]) -> String {
        var text = "{"
        for (index, column) in columns.enumerated() {
            if index > 0 { text += ", " }
            text += string(column.name) + ": "
            if let cell = cells[index] {
                text += column.isNumeric && Int64(cell) != nil ? cell : string(cell)
            } else {
                text += "null"
            }
        }
        return text + "}"
    }

    static func string(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
