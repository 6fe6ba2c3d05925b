import SQLiteDB

/// The due-day rules of every date (`scheme_parameters` `bpu_due_day_of_month`,
/// `pu_due_day_of_following_month`): a handful of dated rows, read once, so that the due date of
/// any number of bills is derived without a query per bill. Bills store no due date (0028); the
/// view `bill_due_dates` derives it the same way.
struct DueDayRules: Sendable {
    private struct Row: Sendable {
        var code: String
        var from: CalendarDate
        var to: CalendarDate?
        var day: Int64
    }
    private let rows: [Row]

    static let bpuCode = "bpu_due_day_of_month"
    static let puCode = "pu_due_day_of_following_month"
    /// The day a month is due when no due-day rule is in force (the views' fallback).
    static let defaultDay = 15

    static func load(from db: Connection) throws -> DueDayRules {
        DueDayRules(rows: try db.fetchAll("""
            SELECT code, effective_from, effective_to, value FROM scheme_parameters WHERE code IN (?, ?)
            """, bpuCode, puCode).map {
            Row(code: try $0.get(0), from: try $0.get(1), to: try $0.get(2), day: try $0.get(3))
        })
    }

    /// The rule's day in force on `date`; nil when none is.
    func day(_ code: String, on date: CalendarDate) -> Int64? {
        rows.first { $0.code == code && $0.from <= date && ($0.to.map { date <= $0 } ?? true) }?.day
    }
}

extension Segment {
    /// The rule a month of this segment is due by (nil for a migrant's, due on its start date).
    var dueDayRule: String? {
        switch self {
        case .informal: DueDayRules.bpuCode
        case .wageEarner, .construction: DueDayRules.puCode
        case .migrant: nil
        }
    }

    /// The due date of `month` of a membership of this segment starting on `start`: BPU, day
    /// `dueDay` of the month itself; PU (and JAKON, as the library dates it), of the following
    /// month; PMI, the start date (before departure). A day past the month's end is its last.
    /// nil when the segment's rule has no day (`dueDay` returned nil).
    func dueDate(for month: ContributionMonth, start: CalendarDate, dueDay: (String) -> Int64?) -> CalendarDate? {
        switch self {
        case .informal: dueDay(DueDayRules.bpuCode).map { month.day(Int($0)) }
        case .wageEarner, .construction: dueDay(DueDayRules.puCode).map { month.next.day(Int($0)) }
        case .migrant: start
        }
    }

    /// The due date of a billed `month`: the rule in force on the month's first day, or day
    /// ``DueDayRules/defaultDay`` when none is (a rule closed after the month was billed; the
    /// billing run refuses a month without one), as the view `bill_due_dates`.
    func billedDueDate(for month: ContributionMonth, start: CalendarDate, rules: DueDayRules) -> CalendarDate {
        dueDate(for: month, start: start) { rules.day($0, on: month.firstDay) }
            ?? (self == .informal ? month : month.next).day(DueDayRules.defaultDay)
    }
}
