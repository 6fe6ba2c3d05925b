import SQLiteDB

/// A membership's status as a function of the date, computed from its ledger.
///
/// This is the definition in the header of `0022_valid_time.sql` (views `due_months`,
/// `owed_months`, `membership_status`, `arrears`), evaluated for every date at once. It answers
/// in valid time: a month is due from its due date, an allocation counts from the Jakarta day
/// its payment was made, whenever either was recorded. (Which rows it is given is the recorded-
/// time question: the loader leaves out rows recorded after the day asked about, for
/// ``RegistrySession/status(of:on:asKnownOn:)``.)
///
/// The status at a date D reads only facts that switch on a known day: D ≥ the start, D > the
/// end, D > a month's due date, D ≥ a payment's day, D inside a lapse rule's period. Between two
/// such days nothing can change, so evaluating the status on each of them and keeping the days
/// where it differs from the day before gives the whole timeline, exactly.
///
/// A wage-earner or informal month without a bill is owed from its due date like a billed one:
/// billing runs fix amounts, they do not decide whether a month is owed. It stops being owed
/// more than L + 1 months after the latest settled month (the membership has lapsed by then),
/// which is also what keeps the timeline finite: beyond that month no unbilled month can count.
///
/// Alongside the status it tracks what the membership *owes* at D, which the arrears report
/// lists whatever the status: an active member may still owe an older month, and an ended one
/// its last. Keeping the amounts on the timeline, rather than summing bills when the report
/// runs, is what makes the arrears list an index read at national scale.
struct MembershipTimeline {
    /// What a day of the timeline says.
    struct Standing: Hashable {
        var state: MembershipStatus.State
        /// Owed months after the last settled one: the count behind `in_arrears` and `lapsed`
        /// (0 whenever ``owed`` is nil).
        var unpaidMonths = 0
        /// nil when no month is owed.
        var owed: Owed?

        var owes: Bool { owed != nil }
    }

    /// The owed months at a day (view `arrears`).
    struct Owed: Hashable {
        /// Owed months with a bill, older holes before the last settled one included.
        var overdueBills = 0
        /// Owed months without a bill.
        var unbilledMonths = 0
        var firstUnpaidMonth: String
        var lastUnpaidMonth: String
        /// Σ (due − paid) over the owed bills, in rupiah.
        var amount: Int64 = 0
        /// The owed unbilled months, each priced by the rules of its month.
        var unbilledAmount: Int64 = 0
    }

    /// An allocation: its amount and the Jakarta day its payment was made.
    struct Allocation {
        var amount: Int64
        var paidOn: Int
    }

    /// One bill: what it owes (its lines' sum) and what was paid to it, by day.
    struct BillRecord {
        var month: String
        var due: Int
        var amountDue: Int64 = 0
        var allocations: [Allocation] = []

        func paid(by day: Int) -> Int64 {
            allocations.reduce(0) { $1.paidOn <= day ? $0 + $1.amount : $0 }
        }

        var isSettledForGood: Bool { allocations.reduce(0) { $0 + $1.amount } >= amountDue }
    }

    /// A wage-earner or informal month without a bill: due on the rule's day, priced by the
    /// rule's amount (0 when no rule prices it).
    struct UnbilledMonth {
        var month: ContributionMonth
        var due: Int
        var price: Int64
    }

    var start: Int
    var end: Int?
    /// Sorted by month: the membership's own bills (one per month) and, for a construction
    /// membership, its project's bill, which may share a month with one of them.
    var bills: [BillRecord]
    /// Sorted by month; none of these months has a bill.
    var unbilled: [UnbilledMonth] = []
    /// Every month before this one is settled on every day the timeline is asked about (the
    /// horizon, ``RegistrySession``'s refresh); nil when none is known to be.
    var settledBefore: ContributionMonth?
    var lapseRules: [LapseRule]

    private var startMonth: ContributionMonth { ContributionMonth(containing: CalendarDate(dayNumber: start)) }

    /// The standing at the end of `day`.
    func standing(on day: Int) -> Standing {
        evaluate(on: day).standing
    }

    /// The standing at the end of `day`, and the latest due month settled by then.
    func evaluate(on day: Int) -> (standing: Standing, lastPaidMonth: String?) {
        let lapse = LapseRule.months(on: day, in: lapseRules)
        // The months due by the day, bills and unbilled months merged in month order. A settled
        // month resets the run of owed ones after it; the run counts owed months after the
        // latest settled one (as the SQL's `contribution_month > last_paid_month`), so an unpaid
        // bill sharing its month with a settled one is not counted, in whichever order they come.
        var unpaidRun = 0
        var settledMonth: String?
        var anchor = max(startMonth.index, settledBefore?.index ?? .min) - 1   // latest settled month so far
        var owed: Owed?
        func owe(_ month: String, billed: Int64?, price: Int64) {
            if month != settledMonth { unpaidRun += 1 }
            var known = owed ?? Owed(firstUnpaidMonth: month, lastUnpaidMonth: month)
            known.lastUnpaidMonth = month
            if let billed { known.overdueBills += 1; known.amount += billed } else { known.unbilledMonths += 1; known.unbilledAmount += price }
            owed = known
        }
        var billIndex = bills.startIndex, unbilledIndex = unbilled.startIndex
        while billIndex < bills.endIndex || unbilledIndex < unbilled.endIndex {
            let takeBill = unbilledIndex == unbilled.endIndex
                || (billIndex < bills.endIndex && bills[billIndex].month < unbilled[unbilledIndex].month.description)
            if takeBill {
                let bill = bills[billIndex]
                billIndex += 1
                guard bill.due < day else { continue }
                let paid = bill.paid(by: day)
                if paid >= bill.amountDue {
                    unpaidRun = 0
                    settledMonth = bill.month
                    anchor = max(anchor, ContributionMonth(bill.month)?.index ?? anchor)
                } else {
                    owe(bill.month, billed: bill.amountDue - paid, price: 0)
                }
            } else {
                let month = unbilled[unbilledIndex]
                unbilledIndex += 1
                guard month.due < day, month.month.index - anchor <= lapse + 1 else { continue }
                owe(month.month.description, billed: nil, price: month.price)
            }
        }
        let state: MembershipStatus.State
        if start > day {
            state = .notStarted
        } else if let end, end < day {
            state = .ended
        } else {
            state = unpaidRun == 0 ? .active : unpaidRun > lapse ? .lapsed : .inArrears
        }
        return (Standing(state: state, unpaidMonths: unpaidRun, owed: owed), settledMonth)
    }

    /// The days on which the standing may change.
    var changeDays: [Int] {
        var days = [start]
        if let end { days.append(end + 1) }
        for bill in bills {
            days.append(bill.due + 1)
            days.append(contentsOf: bill.allocations.map(\.paidOn))
        }
        days.append(contentsOf: unbilled.map { $0.due + 1 })
        for rule in lapseRules {
            days.append(rule.from)
            if let to = rule.to { days.append(to + 1) }
        }
        return days.sorted()
    }

    /// The whole timeline: before the start the membership is not started and owes nothing.
    var spans: [DaySpan<Standing>] {
        .runs(startingWith: Standing(state: .notStarted), changingOn: changeDays) {
            standing(on: $0)
        }
    }

    /// The timeline from `day` on, continuing `span`, the stored span holding the day before:
    /// what the spans become after ledger rows that change nothing before `day`.
    func spans(from day: Int, continuing span: DaySpan<Standing>) -> [DaySpan<Standing>] {
        var spans = [DaySpan<Standing>].runs(startingWith: span.value, changingOn: changeDays.filter { $0 >= day }) {
            standing(on: $0)
        }
        spans[0].from = span.from
        return spans
    }

    /// The months without a bill that can ever be owed, for a membership accruing them (wage
    /// earner, informal): from `first` (the start month, or the horizon) through the end month,
    /// but no later than L + 1 months after the last billed month (or before `first`, with no
    /// bill), L the longest lapse rule: an unbilled month further on lies more than L + 1 months
    /// after any settled month, so it is never owed.
    static func unbilledRange(first: ContributionMonth, end: Int?, billedMonths: [String], lapseRules: [LapseRule]) -> [ContributionMonth] {
        let longest = max(LapseRule.defaultMonths, lapseRules.map(\.months).max() ?? 0)
        let lastBilled = billedMonths.compactMap(ContributionMonth.init).map(\.index).max() ?? (first.index - 1)
        var last = max(lastBilled, first.index - 1) + longest + 1
        if let end { last = min(last, ContributionMonth(containing: CalendarDate(dayNumber: end)).index) }
        guard first.index <= last else { return [] }
        let billed = Set(billedMonths)
        return (first.index...last).map(ContributionMonth.init(index:)).filter { !billed.contains($0.description) }
    }

    /// `horizon` moved past the settled months at the start of the ledger (those of
    /// `horizon.month` and later): each settled for good, so settled on every day from the last
    /// day one of their payments was made. For a membership that accrues unbilled months the
    /// months must follow one another from `firstMonth` (the start month, or the ledger's first
    /// month if later): an unbilled month is owed.
    ///
    /// Why leaving them out is exact: a settled month only ends a run of owed months, and
    /// before these there is no owed month left to end; none of them owes anything.
    func horizon(advancing horizon: SettledHorizon, accruesUnbilled: Bool, firstMonth: ContributionMonth) -> SettledHorizon {
        var advanced = horizon
        var expected = max(ContributionMonth(horizon.month) ?? firstMonth, firstMonth)
        var index = bills.startIndex
        while index < bills.endIndex {
            let month = bills[index].month
            let group = bills[index...].prefix { $0.month == month }
            if accruesUnbilled, month != expected.description { break }
            // A month is passed only once every bill of it is settled (a project's bill may share
            // its month with one of the membership's own).
            guard group.allSatisfy(\.isSettledForGood) else { break }
            let next = ContributionMonth(month)?.next ?? expected
            advanced.month = next.description
            expected = next
            for bill in group {
                advanced.since = ([advanced.since] + bill.allocations.map(\.paidOn)).max()!
            }
            index = group.endIndex
        }
        return advanced
    }
}

/// The scheme parameter `arrears_lapse_months` over time: more consecutive unpaid months than
/// this and a membership has lapsed.
struct LapseRule {
    var from: Int
    /// Inclusive; nil while in force.
    var to: Int?
    var months: Int

    /// The view's fallback when no rule is in force.
    static let defaultMonths = 3

    /// The rule in force on `day` (the earliest-starting one, should rules overlap, as the
    /// view's subquery reads them in index order).
    static func months(on day: Int, in rules: [LapseRule]) -> Int {
        rules.first { $0.from <= day && ($0.to ?? Int.max) >= day }?.months ?? defaultMonths
    }
}
