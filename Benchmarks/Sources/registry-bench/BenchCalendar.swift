// The dates of the benchmark. All fixed, none read from the machine clock (unreliable here):
// the same flags give the same members, ledger and report dates on every run.
import Foundation
import Registry
import SQLiteDB

enum BenchCalendar {
    /// The first month of the ledger workload.
    static let ledgerStart = ContributionMonth(year: 2026, month: 1)!
    /// Memberships start during the 12 months before the ledger, so every one is open when
    /// billing begins and has unbilled months behind it, as after a migration from an older system.
    static let enrolmentMonths = 12
    /// The base register's own 12-month demo history ends just before the ledger.
    static var baseThroughMonth: ContributionMonth { ledgerStart.previous }

    static func lastMonth(_ months: Int) -> ContributionMonth { ledgerStart.adding(months: months - 1) }

    /// 'Today' for queries and reports: the last ledger month's 20th, after that month's
    /// informal due date (15th) and before its employers pay (25th).
    static func today(_ months: Int) -> CalendarDate { lastMonth(months).day(20) }

    /// The past report date: six months before 'today'.
    static func past(_ months: Int) -> CalendarDate { lastMonth(months).adding(months: -6).day(20) }

    /// `hour`:00 in Jakarta on `date`.
    static func instant(_ date: CalendarDate, hour: Int) -> Date {
        JakartaCalendar.startOfDay(date).addingTimeInterval(TimeInterval(hour * 3600))
    }

    /// 08:00 in Jakarta on `date` as the stored UTC timestamp (`…T01:00:00.000Z`), for CSV files.
    static func morningTimestamp(_ date: CalendarDate) -> String { date.isoString + "T01:00:00.000Z" }
}
