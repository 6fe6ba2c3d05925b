/// A day in the proleptic Gregorian calendar, without time or time zone: a birth date,
/// a membership's start, a contribution's due date.
///
/// Stored as TEXT `YYYY-MM-DD`, the form SQLite's `date()` produces and compares
/// correctly as text, so `WHERE birth_date < '1990-01-01'` works in the `sqlite3` shell.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A valid date, or nil (e.g. 2023-02-29, month 13, year 0).
    public init?(year: Int, month: Int, day: Int) {
        guard CivilDays.isValid(year: year, month: month, day: day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD`; nil for anything else, including impossible days.
    public init?(iso text: String) {
        var scanner = ISOScanner(text)
        guard let (year, month, day) = scanner.calendarDate(), scanner.isAtEnd else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Days since 1970-01-01 (negative before): the simplest way to count days between dates.
    public var dayNumber: Int { CivilDays.dayNumber(year: year, month: month, day: day) }

    /// The date `dayNumber` days after 1970-01-01.
    public init(dayNumber: Int) {
        (year, month, day) = CivilDays.civil(dayNumber: dayNumber)
    }

    public func adding(days: Int) -> CalendarDate { CalendarDate(dayNumber: dayNumber + days) }

    /// `YYYY-MM-DD`.
    public var isoString: String {
        if (0...9999).contains(year) {
            return FixedWidthDigits.text(count: 10) { text in
                FixedWidthDigits.write(year, width: 4, into: text, at: 0)
                text[4] = UInt8(ascii: "-")
                FixedWidthDigits.write(month, width: 2, into: text, at: 5)
                text[7] = UInt8(ascii: "-")
                FixedWidthDigits.write(day, width: 2, into: text, at: 8)
            }
        }
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public var description: String { isoString }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

extension CalendarDate: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { .text(isoString) }

    public static func fromDatabaseValue(_ value: DatabaseValue) -> CalendarDate? {
        guard case .text(let text) = value else { return nil }
        return CalendarDate(iso: text)
    }

    public static func decode(from column: ColumnSlot) -> CalendarDate? {
        column.storageClass == .text ? CalendarDate(iso: column.text) : nil
    }
}

extension CalendarDate: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CalendarDate(iso: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "not a valid YYYY-MM-DD date: \(text)")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(isoString)
    }
}
