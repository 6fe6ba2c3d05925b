import Foundation

/// `Date` is stored as ISO-8601 TEXT in UTC with milliseconds: `2026-11-21T08:30:00.000Z`.
///
/// Why text: it reads well in the `sqlite3` shell, sorts correctly as text, and SQLite's
/// date functions understand it (`date(registered_at)`, `julianday(registered_at)`). Values are
/// rounded to the nearest millisecond. Reading also accepts what SQLite itself writes,
/// `YYYY-MM-DD HH:MM:SS[.SSS]` from `datetime('now')` (taken as UTC), and a bare
/// `YYYY-MM-DD` (midnight UTC). Years 0001–9999, as SQLite's date functions.
extension Date: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { .text(iso8601Milliseconds) }

    public static func fromDatabaseValue(_ value: DatabaseValue) -> Date? {
        guard case .text(let text) = value else { return nil }
        return Date(iso8601: text)
    }

    public func bind(to slot: ParameterSlot) -> ResultCode { slot.bind(text: iso8601Milliseconds) }

    public static func decode(from column: ColumnSlot) -> Date? {
        column.storageClass == .text ? Date(iso8601: column.text) : nil
    }

    /// The canonical storage text, `YYYY-MM-DDTHH:MM:SS.SSSZ` in UTC.
    public var iso8601Milliseconds: String {
        let totalMilliseconds = Int64((timeIntervalSince1970 * 1000).rounded())
        let (dayNumber, millisecondOfDay) = totalMilliseconds.quotientAndFloorRemainder(86_400_000)
        let (year, month, day) = CivilDays.civil(dayNumber: Int(dayNumber))
        let ms = Int(millisecondOfDay)
        guard (0...9999).contains(year) else {
            return String(
                format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                year, month, day, ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000)
        }
        return FixedWidthDigits.text(count: 24) { text in
            FixedWidthDigits.write(year, width: 4, into: text, at: 0)
            text[4] = UInt8(ascii: "-")
            FixedWidthDigits.write(month, width: 2, into: text, at: 5)
            text[7] = UInt8(ascii: "-")
            FixedWidthDigits.write(day, width: 2, into: text, at: 8)
            text[10] = UInt8(ascii: "T")
            FixedWidthDigits.write(ms / 3_600_000, width: 2, into: text, at: 11)
            text[13] = UInt8(ascii: ":")
            FixedWidthDigits.write(ms / 60_000 % 60, width: 2, into: text, at: 14)
            text[16] = UInt8(ascii: ":")
            FixedWidthDigits.write(ms / 1000 % 60, width: 2, into: text, at: 17)
            text[19] = UInt8(ascii: ".")
            FixedWidthDigits.write(ms % 1000, width: 3, into: text, at: 20)
            text[23] = UInt8(ascii: "Z")
        }
    }

    /// Parses the forms described on this extension; nil for anything else.
    public init?(iso8601 text: String) {
        var scanner = ISOScanner(text)
        guard let (year, month, day) = scanner.calendarDate() else { return nil }
        var seconds = Double(CivilDays.dayNumber(year: year, month: month, day: day)) * 86_400
        if !scanner.isAtEnd {
            guard scanner.character("T ") != nil,
                  let hour = scanner.digits(2), hour < 24, scanner.character(":") != nil,
                  let minute = scanner.digits(2), minute < 60, scanner.character(":") != nil,
                  let second = scanner.digits(2), second < 60
            else { return nil }
            var milliseconds = 0
            if scanner.character(".") != nil {
                guard let fraction = scanner.digits(3) else { return nil }
                milliseconds = fraction
            }
            _ = scanner.character("Z")
            guard scanner.isAtEnd else { return nil }
            seconds += Double(hour * 3600 + minute * 60 + second) + Double(milliseconds) / 1000
        }
        self.init(timeIntervalSince1970: seconds)
    }
}

extension Int64 {
    /// Division rounding toward negative infinity, so dates before 1970 split correctly.
    fileprivate func quotientAndFloorRemainder(_ divisor: Int64) -> (Int64, Int64) {
        let (q, r) = quotientAndRemainder(dividingBy: divisor)
        return r < 0 ? (q - 1, r + divisor) : (q, r)
    }
}
