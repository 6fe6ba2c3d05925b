import Registry
import SQLiteDB

/// What demo registry to build. The defaults give the registry `registry demo` builds; the same
/// options and seed always give the same registry, row for row.
public struct DemoOptions: Sendable, Hashable {
    /// Workers to register over the history (about 60% wage earners, 30% informal, 5% construction,
    /// 5% migrant). At least 200, so every segment, size class and risk group appears.
    ///
    /// Cost grows linearly (measured on 2 shared cores): 10,000 workers take about 75 s in a
    /// debug build and 36 s in release, for 150,000 bills and a 130 MB file; 100,000 take about
    /// 7 minutes in release (debug: over 12) and 1.3 GB. The time is SQLite's and the domain
    /// API's checks, row by row, not the generator's.
    public var workers: Int = 100_000
    /// The seed of every random choice.
    public var seed: UInt64 = 2026
    /// The last month of the history. Fixed by default (not "this month"), so the demo and its
    /// report do not change with the day it is built.
    public var throughMonth: ContributionMonth = ContributionMonth(year: 2026, month: 10)!
    /// Months of bills and payments, ending with ``throughMonth``.
    public var months: Int = 24

    public init(workers: Int = 100_000, seed: UInt64 = 2026,
                throughMonth: ContributionMonth = ContributionMonth(year: 2026, month: 10)!, months: Int = 24) {
        self.workers = workers
        self.seed = seed
        self.throughMonth = throughMonth
        self.months = months
    }

    /// The first month of the history.
    public var firstMonth: ContributionMonth { throughMonth.adding(months: -(months - 1)) }

    /// The date the history stops and the report is made: the 20th of the last month, after the
    /// 15th, when that month's informal dues and the previous month's employer dues fell due.
    public var asOf: CalendarDate { throughMonth.day(20) }

    /// The fewest workers the generator accepts.
    public static let minimumWorkers = 200
}
