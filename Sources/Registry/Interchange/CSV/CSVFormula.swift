/// Keeps a CSV cell from being run as a formula when the file is opened in a spreadsheet
/// (CSV formula injection): clerks open exports and reject files in one, and a stored name such
/// as `=HYPERLINK("http://…","click")` would otherwise become a live link or a command.
///
/// The OWASP remedy: a cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is
/// written with a leading `'`, which spreadsheets read as "text" and do not show. Plain numbers
/// (`-16800`, `-1.5`) are left alone so that negative amounts stay numbers.
///
/// Reversible, so an export imports back to what was stored: a cell that already begins with
/// `'`s followed by one of those characters gets one more `'`, and ``restored(_:)`` removes
/// exactly one from any cell of that shape. A cell such as `'plain` is written and read as it is.
public enum CSVFormula {
    /// The cell as written to a CSV file: with a leading `'` when a spreadsheet could take it
    /// for a formula, or when it is itself such a cell already escaped.
    public static func neutralised(_ cell: String) -> String {
        let bytes = cell.utf8
        guard let first = bytes.first else { return cell }
        if first == apostrophe {
            guard let next = bytes.first(where: { $0 != apostrophe }), startsFormula(next) else { return cell }
        } else {
            guard startsFormula(first), !isPlainNumber(bytes) else { return cell }
        }
        return "'" + cell
    }

    /// The cell as stored, from one read in a CSV file: one leading `'` removed when the rest,
    /// after its own leading `'`s, begins with a character ``neutralised(_:)`` escapes.
    public static func restored(_ cell: String) -> String {
        let bytes = cell.utf8
        guard bytes.first == apostrophe, let next = bytes.first(where: { $0 != apostrophe }), startsFormula(next) else {
            return cell
        }
        return String(decoding: bytes.dropFirst(), as: UTF8.self)
    }

    private static let apostrophe = UInt8(ascii: "'")

    /// `=`, `+`, `-`, `@`, tab, carriage return: what makes a spreadsheet read a cell as a formula.
    private static func startsFormula(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: true
        default: false
        }
    }

    /// An optional minus, then digits with at most one dot among them: a number a spreadsheet
    /// reads as one, never a formula.
    private static func isPlainNumber(_ bytes: String.UTF8View) -> Bool {
        var digits = 0, dots = 0
        for (index, byte) in bytes.enumerated() {
            switch byte {
            case UInt8(ascii: "-") where index == 0: continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "."): dots += 1
            default: return false
            }
        }
        return digits > 0 && dots <= 1
    }
}
