/// Masking of national identity numbers in any text that leaves the registry: messages,
/// reject files, reports, receipts and default exports.
///
/// A NIK turns up wherever a person types digits, not only in the `nik` column: as a KPJ or an
/// NPP, in a phone column, spaced or hyphenated as it is printed on the card (KTP). So text is
/// masked by shape rather than by field: every run of 16 or more digits, wherever it came from.
public enum PersonalData {
    /// The shortest run of digits that is masked: the length of a NIK.
    public static let maskedRunLength = 16

    /// `text` with every run of 16 or more digits masked: the run's first four and last four
    /// digits kept, the others replaced by `*`, so that no more of a NIK shows than
    /// ``NIK/masked`` shows (`3214011203850001` → `3214********0001`).
    ///
    /// A run is what a reader takes for one number:
    /// - its digits are those of any script (Unicode category Nd: full-width `３` and
    ///   Arabic-Indic `٣` as well as `3`);
    /// - groups of digits joined by a single space (any Unicode space separator), hyphen or
    ///   dash, dot, slash or underscore are one run (`3214 0112 0385 0001`,
    ///   `3214-0112-0385-0001`); the separators stay, the digits are masked;
    /// - invisible characters inside it (format characters, category Cf, such as a zero-width
    ///   space; combining marks) join rather than separate.
    ///
    /// Anything else ends a run, and so do two separators in a row: a date, a time, an amount
    /// (`Rp1.000.000`), a table whose cells are two spaces apart or a list (`1, 2`) is left as
    /// it is. Masking is idempotent: masked text has no run of 16 digits left.
    ///
    /// ASCII text with fewer than 16 digits in all, nearly every cell of an export, is returned
    /// as it is, without being copied.
    public static func maskDigitRuns(_ text: String) -> String {
        func census<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> (ascii: Bool, digits: Int) {
            var digits = 0
            for byte in bytes {
                if byte >= 0x80 { return (false, digits) }
                if byte &- UInt8(ascii: "0") < 10 { digits += 1 }
            }
            return (true, digits)
        }
        let (ascii, digits) = text.utf8.withContiguousStorageIfAvailable(census) ?? census(text.utf8)
        if !ascii { return maskingScalars(text) }
        return digits < maskedRunLength ? text : maskingASCII(text)
    }

    /// ASCII with 16 digits or more, such as a timestamp (`2025-01-10T03:00:00.000Z` has 17 in
    /// runs of at most 8): read in place, copied only when a run is masked.
    private static func maskingASCII(_ text: String) -> String {
        func find<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> [Int] where Bytes.Index == Int {
            hiddenPositions(in: bytes) { byte in
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): .digit
                case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: "_"): .separator
                default: .other
                }
            }
        }
        let hidden = text.utf8.withContiguousStorageIfAvailable(find) ?? find(Array(text.utf8))
        guard !hidden.isEmpty else { return text }
        var bytes = Array(text.utf8)
        for position in hidden { bytes[position] = UInt8(ascii: "*") }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The general case, on Unicode scalars: a digit, a separator and an invisible character
    /// are each one scalar.
    private static func maskingScalars(_ text: String) -> String {
        // Most non-ASCII text is a name with a few accented letters and no digits at all.
        var digits = 0
        for scalar in text.unicodeScalars where isDigit(scalar) { digits += 1 }
        guard digits >= maskedRunLength else { return text }
        let scalars = Array(text.unicodeScalars)
        let roles = scalars.map { scalar -> Role in
            if isDigit(scalar) { return .digit }
            if isSeparator(scalar) { return .separator }
            return isInvisible(scalar) ? .invisible : .other
        }
        let hidden = hiddenPositions(in: roles) { $0 }
        guard !hidden.isEmpty else { return text }
        var result = String.UnicodeScalarView()
        var next = hidden[...]
        for (position, scalar) in scalars.enumerated() {
            if next.first == position {
                next.removeFirst()
                result.append("*")
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    private enum Role { case digit, separator, invisible, other }

    /// The offsets of the digits to hide, in order: those of every run of 16 or more digits
    /// but its first four and last four. Allocates nothing when there is none.
    private static func hiddenPositions<Items: RandomAccessCollection>(
        in items: Items, role: (Items.Element) -> Role
    ) -> [Int] where Items.Index == Int {
        var hidden: [Int] = []
        var index = items.startIndex
        while index < items.endIndex {
            guard role(items[index]) == .digit else {
                index += 1
                continue
            }
            let first = index
            var last = index, digits = 1, next = index + 1
            while next < items.endIndex {
                if role(items[next]) == .digit {
                    last = next
                    digits += 1
                    next += 1
                    continue
                }
                // A gap continues the run when it holds invisible characters and at most one
                // separator, and a digit follows it.
                var probe = next, separators = 0
                scan: while probe < items.endIndex {
                    switch role(items[probe]) {
                    case .invisible: probe += 1
                    case .separator where separators == 0:
                        separators = 1
                        probe += 1
                    default: break scan
                    }
                }
                guard probe < items.endIndex, role(items[probe]) == .digit else { break }
                next = probe
            }
            if digits >= maskedRunLength {
                var ordinal = 0
                for position in first...last where role(items[position]) == .digit {
                    if ordinal >= 4 && ordinal < digits - 4 { hidden.append(position - items.startIndex) }
                    ordinal += 1
                }
            }
            index = last + 1
        }
        return hidden
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return ("0"..."9").contains(scalar) }
        return scalar.properties.generalCategory == .decimalNumber
    }

    /// What joins two groups of digits of one number: a space, a hyphen or dash (and the minus
    /// sign, which looks like one), a dot, a slash or an underscore, and their full-width forms.
    private static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case " ", "-", ".", "/", "_", "\u{2212}", "\u{2215}", "\u{2044}", "\u{FF0E}", "\u{FF0F}", "\u{FF3F}":
            return true
        default:
            if scalar.isASCII { return false }
            let category = scalar.properties.generalCategory
            return category == .spaceSeparator || category == .dashPunctuation
        }
    }

    /// What a reader does not see between two digits: format characters (zero-width space and
    /// joiners, soft hyphen, direction marks) and combining marks.
    private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return false }
        switch scalar.properties.generalCategory {
        case .format, .nonspacingMark, .enclosingMark: return true
        default: return false
        }
    }
}
