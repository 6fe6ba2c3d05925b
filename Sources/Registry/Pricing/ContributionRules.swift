import SQLiteDB

/// The contribution rules (aturan iuran) in force on one date, loaded once and reused to price
/// many memberships.
///
/// Every rate, cap, band, tier, fixed amount and relief is a dated row of the rule tables
/// (`Migrations/0004_rules.sql`), so a new regulation is a new row and a past month is priced
/// as it was then. A contribution month is priced with the rows in force on its **first day**:
/// load the rules for `month.firstDay` (``RegistrySession/rules(for:)``) and reuse them for
/// every membership of that month. ``load(on:from:)`` reads all the rows in force at once;
/// ``quote(_:programs:month:)`` is then arithmetic on them without any SQL, which is what makes
/// bulk billing of millions of members fast. The value is `Sendable`: threads may share it.
///
/// ## Rounding
/// Each line is rounded once, half up to the nearest rupiah (``Rupiah/applying(_:)``). A relief
/// (`dues_reliefs`) charges a share of that rounded normal amount, rounded the same way.
/// Construction dues sum their marginal slices exactly (rupiah × ppm) and round once per program.
public struct ContributionRules: Sendable {
    /// The day whose rules these are: the first day of the month they price.
    public let date: CalendarDate

    var parameters: [String: Int64] = [:]
    var rates = SegmentProgramTable<RateRow>()
    var reliefs = SegmentProgramTable<ReliefRow>()
    /// Construction slices by program order, each sorted by `from`.
    var constructionTiers: [[ConstructionTier]] = Array(repeating: [], count: Program.inOrder.count)
    /// Sorted by `lower`.
    var incomeBands: [IncomeBand] = []
    var migrantDues = MigrantFixedDues()

    // The parameters every quote of a segment reads, looked up once at load.
    var bpuIncomeFloor: Rupiah?
    var jpWageCap: Rupiah?
    var jkpWageCap: Rupiah?

    /// Empty rules for `date`, filled by ``load(on:from:)`` (and by tests).
    init(date: CalendarDate) {
        self.date = date
    }

    /// Prices one contribution month of one membership: one line per program and share, for the
    /// programs in `programs` only.
    ///
    /// - Throws: ``RegistryError/invalid(field:value:reason:)`` for a negative income, wage or
    ///   contract value, a placement of less than a month, or a `month` these rules do not
    ///   price (its first day is not ``date``);
    ///   ``RegistryError/incomeBelowFloor(declared:floor:dues:minimumDues:)`` for a BPU income
    ///   under the floor; ``RegistryError/noRuleInForce(rule:date:)`` when a program in
    ///   `programs` needs a rule row that is not in force.
    public func quote(
        _ basis: DuesBasis, programs: Set<Program>, month: ContributionMonth
    ) throws(RegistryError) -> DuesQuote {
        guard month.firstDay == date else {
            throw .invalid(
                field: "month", value: month.description,
                reason: .pricedOnFirstDay(first: month.firstDay, rules: date))
        }
        let lines: [DuesLine] = switch basis {
        case .informal(let declaredIncome):
            try informalLines(declaredIncome: declaredIncome, programs: programs)
        case .wageEarner(let wage, let riskGroup, let labourIntensive):
            try wageEarnerLines(wage: wage, riskGroup: riskGroup, labourIntensive: labourIntensive, programs: programs)
        case .construction(let contractValue):
            try constructionLines(contractValue: contractValue, programs: programs)
        case .migrant(let period):
            try migrantLines(period, programs: programs)
        }
        return DuesQuote(month: month, lines: lines)
    }

    /// The `scheme_parameters` value in force, e.g. `bpu_income_floor`,
    /// `employer_late_penalty_per_month` (ppm), `arrears_lapse_months`, `agent_fee` (ppm),
    /// `bpu_due_day_of_month`, `pu_due_day_of_following_month`; nil when none is in force.
    public func parameter(_ code: String) -> Int64? {
        parameters[code]
    }

    /// The nominal income a declared BPU income is priced on: that of the `bpu_income_bands`
    /// row with `lower_income <= income <= upper_income` (no upper = no limit); nil when no
    /// band holds the income (below the lowest band, or in a gap).
    public func bandNominal(forDeclaredIncome income: Rupiah) -> Rupiah? {
        // The last band starting at or below the income: binary search on the sorted edges.
        var low = 0
        var high = incomeBands.count
        while low < high {
            let middle = (low + high) / 2
            if incomeBands[middle].lower <= income { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return nil }
        let band = incomeBands[low - 1]
        if let upper = band.upper, income > upper { return nil }
        return band.nominal
    }
}
