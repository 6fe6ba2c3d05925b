/// Writes RFC 4180 CSV: comma-separated, CRLF-free (`\n` line ends, which every spreadsheet
/// and `sqlite3 .import` read), fields quoted only when they must be.
///
/// Every field is first made safe to open in a spreadsheet (``CSVFormula/neutralised(_:)``:
/// `=cmd` is written `'=cmd`): exports, reject files and CSV reports are all written here.
/// Reading such a file back, ``CSVFormula/restored(_:)`` gives the original cell.
public enum CSVWriter {
    /// One record as a line, with its trailing newline.
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\n"
    }

    /// A field, formula-neutralised, then quoted when it holds a comma, a quote, a line break or
    /// edge spaces, with inner quotes doubled.
    ///
    /// Decided on the UTF-8 bytes, as ``CSVReader`` reads them: by `Character`, a CRLF is one
    /// character equal to neither "\r" nor "\n", and a quote followed by a combining mark is
    /// not a quote, so such fields were written unquoted or with a lone inner quote.
    public static func field(_ cell: String) -> String {
        let value = CSVFormula.neutralised(cell)
        let bytes = value.utf8
        let needsQuotes = bytes.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
            || bytes.first == UInt8(ascii: " ") || bytes.last == UInt8(ascii: " ")
        guard needsQuotes else { return value }
        var quoted: [UInt8] = [UInt8(ascii: "\"")]
        quoted.reserveCapacity(bytes.count + 2)
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { quoted.append(byte) }
            quoted.append(byte)
        }
        quoted.append(UInt8(ascii: "\""))
        return String(decoding: quoted, as: UTF8.self)
    }
}
