/// A membership's status as a function of the date, computed from its ledger.
///
/// This is the definition of the view `membership_status` (`0010_views.sql`) and of
/// ``MembershipStatusSQL``, evaluated for every date at once. The status at a date D reads only
/// facts that switch on a known day: D ≥ the start, D > the end, D > a bill's due date, D ≥ the
/// day a bill, bill line or allocation was recorded, D inside a lapse rule's period. Between
/// two such days nothing can change, so evaluating the status on each of them and keeping the
/// days where it differs from the day before gives the whole timeline, exactly.
///
/// Alongside the status it tracks what the membership *owes* at D (its overdue unsettled
/// bills), which the arrears report lists whatever the status: an active member may still owe
/// an older month, and an ended one its last. Keeping the amounts on the timeline, rather than
/// summing bills when the report runs, is what makes the arrears list an index read at
/// national scale (BENCHMARKS.md, Run 4: 9.1 s for 161,110 rows when it summed bills).
struct MembershipTimeline {
    /// What a day of the timeline says.
    struct Standing: Hashable {
        var state: MembershipStatus.State
        /// Overdue unsettled bills after the last settled one: the count behind `in_arrears`
        /// and `lapsed` (0 whenever ``owed`` is nil).
        var unpaidMonths = 0
        /// nil when every overdue bill is settled.
        var owed: Owed?

        var owes: Bool { owed != nil }
    }

    /// The overdue unsettled bills at a day (view `arrears`).
    struct Owed: Hashable {
        /// Every overdue unsettled bill, older holes before the last settled one included.
        var overdueBills: Int
        var firstUnpaidMonth: String
        var lastUnpaidMonth: String
        /// Σ (due − paid) over those bills, in rupiah.
        var amount: Int64
    }

    /// An amount and the UTC day it was recorded.
    struct Entry {
        var amount: Int64
        var recordedOn: Int
    }

    /// One bill: lines and allocations with their recording days.
    struct BillRecord {
        var month: String
        var due: Int
        var recordedOn: Int
        var lines: [Entry] = []
        var allocations: [Entry] = []
    }

    var start: Int
    var end: Int?
    /// Sorted by month: the membership's own bills (one per month) and, for a construction
    /// membership, its project's bill, which may share a month with one of them.
    var bills: [BillRecord]
    var lapseRules: [LapseRule]

    /// The standing at the end of `day`.
    func standing(on day: Int) -> Standing {
        // Bills in month order: a settled overdue bill resets the run of unpaid ones after it.
        // The run counts unpaid bills of months after the latest settled one (as the SQL's
        // `contribution_month > last_paid_month`), so an unpaid bill sharing its month with a
        // settled one (a project's bill beside a bill of the membership's own) is not counted,
        // in whichever order the two come.
        var unpaidRun = 0
        var settledMonth: String?
        var owed: Owed?
        for bill in bills where bill.recordedOn <= day && bill.due < day {
            let due = bill.lines.reduce(Int64(0)) { $1.recordedOn <= day ? $0 + $1.amount : $0 }
            guard due > 0 else { continue }
            let paid = bill.allocations.reduce(Int64(0)) { $1.recordedOn <= day ? $0 + $1.amount : $0 }
            if paid >= due {
                unpaidRun = 0
                settledMonth = bill.month
            } else {
                if bill.month != settledMonth { unpaidRun += 1 }
                if var known = owed {
                    known.overdueBills += 1
                    known.lastUnpaidMonth = bill.month
                    known.amount += due - paid
                    owed = known
                } else {
                    owed = Owed(overdueBills: 1, firstUnpaidMonth: bill.month, lastUnpaidMonth: bill.month, amount: due - paid)
                }
            }
        }
        let state: MembershipStatus.State
        if start > day {
            state = .notStarted
        } else if let end, end < day {
            state = .ended
        } else {
            let lapse = LapseRule.months(on: day, in: lapseRules)
            state = unpaidRun == 0 ? .active : unpaidRun > lapse ? .lapsed : .inArrears
        }
        return Standing(state: state, unpaidMonths: unpaidRun, owed: owed)
    }

    /// The days on which the standing may change.
    var changeDays: [Int] {
        var days = [start]
        if let end { days.append(end + 1) }
        for bill in bills {
            days.append(bill.recordedOn)
            days.append(bill.due + 1)
            days.append(contentsOf: bill.lines.map(\.recordedOn))
            days.append(contentsOf: bill.allocations.map(\.recordedOn))
        }
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
    /// what the spans become after ledger rows recorded on `day` or later. Those rows change
    /// nothing before `day`, so only the change days from `day` on are evaluated.
    func spans(from day: Int, continuing span: DaySpan<Standing>) -> [DaySpan<Standing>] {
        var spans = [DaySpan<Standing>].runs(startingWith: span.value, changingOn: changeDays.filter { $0 >= day }) {
            standing(on: $0)
        }
        spans[0].from = span.from
        return spans
    }

    /// `horizon` moved past the settled bills at the start of ``bills`` (which are those of
    /// `horizon.month` and later): each settled with what is recorded now, so settled on every
    /// day from the last day one of their rows was recorded.
    ///
    /// Why leaving them out is exact: a settled bill only ends a run of unpaid months, and
    /// before these there is no unpaid month left to end; none of them owes anything.
    func horizon(advancing horizon: SettledHorizon) -> SettledHorizon {
        // A month is passed only once every bill of it is settled (a project's bill may share
        // its month with one of the membership's own).
        var advanced = horizon
        var index = bills.startIndex
        while index < bills.endIndex {
            let month = bills[index].month
            let group = bills[index...].prefix { $0.month == month }
            guard group.allSatisfy({ $0.allocations.map(\.amount).reduce(0, +) >= $0.lines.map(\.amount).reduce(0, +) }) else { break }
            advanced.month = ContributionMonth(month)?.next.description ?? month
            for bill in group {
                advanced.since = ([advanced.since, bill.recordedOn] + bill.lines.map(\.recordedOn) + bill.allocations.map(\.recordedOn)).max()!
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
