import SQLiteDB

/// The period a migrant worker's (PMI) fixed JKK+JKM amount covers, as `migrant_fixed_dues`
/// lists it: one amount before departure, one per placement length.
public enum MigrantPeriod: Sendable, Hashable {
    /// Before departure (sebelum penempatan).
    case beforePlacement
    /// A placement abroad (masa penempatan) of this many months, at least 1.
    case placement(months: Int)
}

extension MigrantPeriod {
    /// The period a migrant membership from `start` to `end` is billed for: the placement, a
    /// started month counting whole; before placement while no end (return) date is known.
    static func of(start: CalendarDate, end: CalendarDate?) -> MigrantPeriod {
        guard let end else { return .beforePlacement }
        let after = end.adding(days: 1)
        var months = ContributionMonth(containing: start).months(until: ContributionMonth(containing: after))
        if after.day > start.day { months += 1 }
        return .placement(months: max(months, 1))
    }
}
