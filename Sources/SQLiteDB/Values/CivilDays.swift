/// Proleptic Gregorian day arithmetic (Howard Hinnant's `days_from_civil`), shared by
/// `Date` and ``CalendarDate`` storage so neither needs a `Calendar` or a formatter.
@usableFromInline
enum CivilDays {
    /// Days since 1970-01-01 for a valid year, month and day.
    @usableFromInline
    static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Year, month and day of a day number.
    @usableFromInline
    static func civil(dayNumber: Int) -> (year: Int, month: Int, day: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func isValid(year: Int, month: Int, day: Int) -> Bool {
        (1...9999).contains(year) && (1...12).contains(month)
            && day >= 1 && day <= daysInMonth(year: year, month: month)
    }
}

/// A tiny scanner over ASCII digits and separators, for the fixed ISO-8601 layouts.
struct ISOScanner {
    private let bytes: [UInt8]
    private(set) var position = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    var isAtEnd: Bool { position == bytes.count }

    mutating func digits(_ count: Int) -> Int? {
        guard position + count <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[position..<position + count] {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        position += count
        return value
    }

    /// Consumes one of the given characters, returning which, or nil.
    mutating func character(_ allowed: String) -> Character? {
        guard position < bytes.count else { return nil }
        let found = Character(Unicode.Scalar(bytes[position]))
        guard allowed.contains(found) else { return nil }
        position += 1
        return found
    }

    /// Parses `YYYY-MM-DD`, validating the day of the month.
    mutating func calendarDate() -> (year: Int, month: Int, day: Int)? {
        guard let year = digits(4), character("-") != nil,
              let month = digits(2), character("-") != nil,
              let day = digits(2),
              CivilDays.isValid(year: year, month: month, day: day)
        else { return nil }
        return (year, month, day)
    }
}

/// Zero-padded decimal fields written straight into a string's bytes.
///
/// Dates and timestamps are formatted for every row bound; `String(format:)` (Foundation,
/// C varargs, a locale) cost more than the insert it fed, and string interpolation of padded
/// pieces allocated several strings per date.
enum FixedWidthDigits {
    /// ASCII text of `count` bytes, each field written by `body` into the buffer.
    static func text(count: Int, _ body: (UnsafeMutableBufferPointer<UInt8>) -> Void) -> String {
        String(unsafeUninitializedCapacity: count) { buffer in
            body(buffer)
            return count
        }
    }

    /// Writes a non-negative `value` that fits in `width` digits at `offset`.
    static func write(_ value: Int, width: Int, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) {
        var rest = value
        for index in stride(from: offset + width - 1, through: offset, by: -1) {
            buffer[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        }
    }
}
