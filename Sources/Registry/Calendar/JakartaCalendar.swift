import Foundation
import SQLiteDB

/// Dates as the scheme counts them: in Western Indonesia Time (WIB, Asia/Jakarta), UTC+7.
///
/// Jakarta has kept UTC+7 without daylight saving since 1964, so a fixed offset is exact for
/// every date the registry stores and needs no time-zone database (which minimal Linux
/// containers often lack).
public enum JakartaCalendar {
    /// Seconds east of UTC.
    public static let utcOffset = 7 * 3600

    /// The calendar date in Jakarta at `instant`.
    public static func date(at instant: Date) -> CalendarDate {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + utcOffset
        return CalendarDate(dayNumber: Int((Double(seconds) / 86_400).rounded(.down)))
    }

    /// Today in Jakarta.
    public static func today() -> CalendarDate { date(at: Date()) }

    /// The contribution month running in Jakarta at `instant`.
    public static func month(at instant: Date) -> ContributionMonth {
        ContributionMonth(containing: date(at: instant))
    }

    /// Midnight at the start of `date` in Jakarta, as an instant.
    public static func startOfDay(_ date: CalendarDate) -> Date {
        Date(timeIntervalSince1970: TimeInterval(date.dayNumber * 86_400 - utcOffset))
    }

    /// Whole years from `birth` to `date` (the age on that day; a 29 February birthday
    /// counts on 1 March in common years).
    public static func age(bornOn birth: CalendarDate, on date: CalendarDate) -> Int {
        var years = date.year - birth.year
        if (date.month, date.day) < (birth.month, birth.day) { years -= 1 }
        return years
    }
}
