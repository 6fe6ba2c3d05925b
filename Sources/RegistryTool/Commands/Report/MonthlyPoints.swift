import Registry
import SQLiteDB

/// The dates of a report over time: one a month, ending on the report date, each on the
/// report date's day of the month (the last day of a shorter month: 31 March, 28 February).
///
/// Ending on the report date keeps the last point equal to the report of that date, and the
/// same day each month compares like with like (dues fall due on the 15th).
enum MonthlyPoints {
    /// The most points a report over time takes: ten years, one query each.
    static let maximum = 120

    /// The points from `first` (inclusive, when it falls on the cadence; else the next one
    /// after it) through `last`, oldest first; empty when `first` is after `last`.
    static func dates(from first: CalendarDate, through last: CalendarDate) -> [CalendarDate] {
        guard first <= last else { return [] }
        let months = ContributionMonth(containing: first).months(until: ContributionMonth(containing: last))
        return dates(count: months + 1, through: last).filter { $0 >= first }
    }

    /// `count` points through `last`, oldest first.
    static func dates(count: Int, through last: CalendarDate) -> [CalendarDate] {
        let month = ContributionMonth(containing: last)
        return (0..<max(count, 0)).reversed().map { month.adding(months: -$0).day(last.day) }
    }
}
