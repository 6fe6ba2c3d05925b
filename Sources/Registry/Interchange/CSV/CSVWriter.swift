/// Writes RFC 4180 CSV: comma-separated, CRLF-free (`\n` line ends, which every spreadsheet
/// and `sqlite3 .import` read), fields quoted only when they must be.
public enum CSVWriter {
    /// One record as a line, with its trailing newline.
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\n"
    }

    /// A field, quoted when it holds a comma, a quote, a line break or edge spaces, with inner
    /// quotes doubled.
    public static func field(_ value: String) -> String {
        let needsQuotes = value.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || value.first == " " || value.last == " "
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
