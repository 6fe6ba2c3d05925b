import Foundation
import SQLiteDB

/// A membership's dues by contribution month, with the instant each payment toward them was
/// made: the facts eligibility judges by valid time (`paid_at`, not the day a row was recorded).
struct DuesHistory {
    struct Month {
        /// The bill's due date, derived from the rules (``Segment/billedDueDate(for:start:rules:)``).
        var dueDate: CalendarDate
        /// The month's dues lines, reversals included (late penalties left out: they are owed
        /// for paying late, not for protection).
        var dues: Int64
        /// Amounts allocated to the month's bill, by payment instant.
        var payments: [(amount: Int64, paidAt: Date)] = []

        func paid(before instant: Date) -> Int64 {
            payments.reduce(0) { $1.paidAt < instant ? $0 + $1.amount : $0 }
        }

        /// Whether the month's dues were paid in full by payments made before `instant`.
        func isSettled(before instant: Date) -> Bool { dues > 0 && paid(before: instant) >= dues }

        /// The instant from which the month has stayed paid in full, if it is: a payment
        /// reversed later (a bounced transfer) did not pay it.
        var settledAt: Date? {
            var total: Int64 = 0
            var since: Date?
            for payment in payments {
                total += payment.amount
                if dues > 0, total >= dues {
                    if since == nil { since = payment.paidAt }
                } else {
                    since = nil
                }
            }
            return since
        }
    }

    private(set) var months: [ContributionMonth: Month] = [:]

    subscript(month: ContributionMonth) -> Month? { months[month] }

    /// Whether `month` was paid in full by the end of the Jakarta day `date`.
    func isSettled(_ month: ContributionMonth, by date: CalendarDate) -> Bool {
        months[month]?.isSettled(before: JakartaCalendar.startOfDay(date.adding(days: 1))) ?? false
    }

    static func load(_ membership: Membership.ID, from db: Connection) throws -> DuesHistory {
        var history = DuesHistory()
        var monthOfBill: [Int64: ContributionMonth] = [:]
        // Bills store no due date (0028): the due-day rules date them.
        let dueDays = try DueDayRules.load(from: db)
        try db.forEach("""
            SELECT b.id, b.contribution_month, m.segment_code, m.start_date,
                   \(DuesColumn.sumSQL) + (SELECT coalesce(sum(l.amount), 0) FROM bill_adjustments l
                             WHERE l.bill_id = b.id AND l.kind = 'dues') AS dues
            FROM bills b JOIN memberships m ON m.id = b.membership_id WHERE b.membership_id = ?
            """, membership) { row in
            let month: ContributionMonth = try row.get("contribution_month")
            let segment: Segment = try row.get("segment_code")
            monthOfBill[try row.get("id")] = month
            history.months[month] = Month(
                dueDate: segment.billedDueDate(for: month, start: try row.get("start_date"), rules: dueDays),
                dues: try row.get("dues"))
        }
        try db.forEach("""
            SELECT a.bill_id, a.amount, p.paid_at
            FROM payment_allocations a
            JOIN bills b ON b.id = a.bill_id
            JOIN payments p ON p.id = a.payment_id
            WHERE b.membership_id = ?
            ORDER BY p.paid_at, a.payment_id, a.reversal
            """, membership) { row in
            guard let month = monthOfBill[try row.get("bill_id")] else { return }
            history.months[month]?.payments.append((try row.get("amount"), try row.get("paid_at", as: UnixMilliseconds.self).date))
        }
        return history
    }
}
