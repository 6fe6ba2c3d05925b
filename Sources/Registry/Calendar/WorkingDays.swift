import SQLiteDB

/// Working days (hari kerja) as the register can count them: Monday to Friday.
///
/// Public holidays are decreed year by year and the register does not hold them, so a count
/// across a holiday ends a day or more before the legal deadline would. The rules that count
/// working days say so where they are stored (`construction_dues_working_days_after_work_order`).
enum WorkingDays {
    /// Monday 0 … Sunday 6. Day 0 (1970-01-01) was a Thursday.
    static func weekday(_ date: CalendarDate) -> Int {
        ((date.dayNumber % 7) + 7 + 3) % 7
    }

    static func isWorkingDay(_ date: CalendarDate) -> Bool { weekday(date) < 5 }

    /// The `count`-th working day after `date` (`date` itself not counted); `date` for 0.
    static func adding(_ count: Int, to date: CalendarDate) -> CalendarDate {
        var day = date
        var left = count
        while left > 0 {
            day = day.adding(days: 1)
            if isWorkingDay(day) { left -= 1 }
        }
        return day
    }
}
