import SQLiteDB

/// What computing standings needs beyond one membership's rows, read once per refresh or
/// report: the lapse rules, which recorded rows count, and the pricing rules of each month an
/// unbilled month falls in (a refresh prices thousands of such months against a few rule sets).
final class StandingContext {
    let lapseRules: [LapseRule]
    /// Ledger rows recorded at or after this instant (`recorded_at` text) are left out: the end
    /// of the Jakarta day an audit asks about, or after everything for the register as known now.
    let recordedBefore: String
    /// The same instant for the ledger's columns stamped in milliseconds (bills, adjustments,
    /// payments, allocations: 0026, 0027): SQLite orders every INTEGER before every TEXT, so
    /// they are never compared with text.
    let recordedBeforeMilliseconds: UnixMilliseconds
    /// The Jakarta day `recordedBefore` ends; nil: everything recorded.
    let knownOn: CalendarDate?
    /// The register's first ledger month (`ledger_opening`): months before it were settled in
    /// the system the register took over from.
    let ledgerOpening: ContributionMonth?
    /// The due-day rules of every month: a bill's due date is derived from them (0028).
    let dueDays: DueDayRules
    private var rulesByMonth: [Int: ContributionRules?] = [:]
    /// Informal months priced so far: their price depends only on the month, the income band
    /// and the programs, which a register's members share by the thousand.
    private var informalPrices: [InformalPriceKey: Int64?] = [:]

    /// Everything recorded so far counts.
    static let everythingRecorded = "9999-12-31T23:59:59.999Z"
    /// ``everythingRecorded`` in milliseconds (`report_dates.recorded_before_ms`).
    static let everythingRecordedMilliseconds = UnixMilliseconds(253_402_300_799_999)

    init(lapseRules: [LapseRule], dueDays: DueDayRules, knownOn: CalendarDate? = nil, ledgerOpening: ContributionMonth? = nil) {
        self.lapseRules = lapseRules
        self.dueDays = dueDays
        self.knownOn = knownOn
        self.recordedBefore = knownOn.map(Self.recordedBefore(endOf:)) ?? Self.everythingRecorded
        self.recordedBeforeMilliseconds = knownOn.map { UnixMilliseconds(JakartaCalendar.startOfDay($0.adding(days: 1))) }
            ?? Self.everythingRecordedMilliseconds
        self.ledgerOpening = ledgerOpening
    }

    /// The context of `session`'s register, counting the rows recorded by the end of the Jakarta
    /// day `knownOn` (nil: all of them).
    convenience init(_ session: RegistrySession, knownOn: CalendarDate? = nil) throws {
        self.init(lapseRules: try session.loadLapseRules(), dueDays: try DueDayRules.load(from: session.db),
                  knownOn: knownOn, ledgerOpening: try session.ledgerOpening())
    }

    /// The UTC instant, as `recorded_at` text, at which the Jakarta day `day` ends.
    static func recordedBefore(endOf day: CalendarDate) -> String {
        "\(day.isoString)T17:00:00.000Z"
    }

    /// A month of `subject` without a bill: due as a bill of it is (day 15 when no due-day rule
    /// is in force, as the views), priced as the billing run would price it (0 when no rule
    /// prices it: the month is still owed, its amount is unknown).
    func unbilledMonth(_ month: ContributionMonth, of subject: BillingSubject, in session: RegistrySession) throws -> MembershipTimeline.UnbilledMonth {
        let rules = try self.rules(for: month, in: session)
        let due = subject.segment.billedDueDate(for: month, start: subject.startDate, rules: dueDays)
        return MembershipTimeline.UnbilledMonth(month: month, due: due.dayNumber, price: price(month, of: subject, rules: rules) ?? 0)
    }

    /// The month's dues as the billing run would quote them; nil when no rule prices them.
    private func price(_ month: ContributionMonth, of subject: BillingSubject, rules: ContributionRules?) -> Int64? {
        guard let rules else { return nil }
        func quote() -> Int64? {
            (try? rules.quote(subject.basis, programs: subject.programs, month: month).billableTotal)?.amount
        }
        // An income below the floor is refused by the quote, not banded: left to it.
        guard case .informal(let income) = subject.basis, let floor = rules.bpuIncomeFloor, income >= floor,
              let band = rules.bandNominal(forDeclaredIncome: income) else { return quote() }
        let key = InformalPriceKey(month: month.index, band: band, programs: subject.programs)
        if let cached = informalPrices[key] { return cached }
        let price = quote()
        informalPrices[key] = price
        return price
    }

    private func rules(for month: ContributionMonth, in session: RegistrySession) throws -> ContributionRules? {
        if let cached = rulesByMonth[month.index] { return cached }
        let rules = try? ContributionRules.load(on: month.firstDay, from: session.db)
        rulesByMonth[month.index] = rules
        return rules
    }
}

/// What an informal (BPU) month's dues depend on.
private struct InformalPriceKey: Hashable {
    var month: Int
    var band: Rupiah
    var programs: Set<Program>
}

extension Segment {
    /// Whether a month of a membership of this segment is owed from its due date with or
    /// without a bill: wage earners (PU) and informal workers (BPU). A construction worker's
    /// dues are the project's bills, a migrant's the placement's bill.
    var accruesUnbilledMonths: Bool { self == .wageEarner || self == .informal }
}
