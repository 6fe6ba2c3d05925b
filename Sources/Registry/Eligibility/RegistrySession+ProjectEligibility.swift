import Foundation
import SQLiteDB

/// The dues rule for a construction (JAKON) worker: the project's one bill, paid by its contractor.
extension RegistrySession {
    /// `dues_paid_on_time` for a construction membership on `date`, judged by valid time (the
    /// instant each payment was made, `paid_at`), as for the other segments.
    ///
    /// - Before the project's dues fall due (its bill's due date, or for a project not billed
    ///   yet the date the rules give it), the workers are protected from the start, unless a
    ///   `protection_starts_on_payment` rule for construction is in force.
    /// - From the due date: met when the dues were paid in full by the end of the due date; also
    ///   when they were paid in full late but on a day before `date` (the one payment covers the
    ///   whole project, so a late payment protects from the next day on; a payment on the
    ///   incident's day itself does not, as it may follow the incident); otherwise not met.
    func projectDuesPaidOnTime(_ membership: Membership, program: Program, on date: CalendarDate) throws -> EligibilityCheck {
        let rule = "dues_paid_on_time"
        guard let projectID = membership.project, let project = try project(projectID) else {
            return EligibilityCheck(rule: rule, outcome: .notChecked,
                                    detail: "construction membership \(membership.id) names no project the register holds")
        }
        let bill = try projectBill(of: projectID)
        let due = try bill?.dueDate ?? priceProjectBill(project).dueDate
        let subject = "the dues of construction project \(projectID) (\(project.name))"
        guard due <= date else {
            let rules = try EligibilityRules.load(program, segment: .construction, on: date, from: db)
            guard let startsOnPayment = rules["protection_starts_on_payment"], startsOnPayment.value == 1 else {
                return EligibilityCheck(
                    rule: rule, outcome: .met,
                    detail: "\(subject) fall due on \(due), after \(date); the workers are protected from the start")
            }
            let paid = try bill.map { try projectDuesSettledAt($0) } ?? nil
            let met = paid.map { JakartaCalendar.date(at: $0) <= date } ?? false
            return EligibilityCheck(
                rule: rule, outcome: met ? .met : .notMet,
                detail: met ? "\(subject) were paid by \(date)" : "\(subject) (due \(due)) were not paid by \(date); protection starts when they are paid",
                source: startsOnPayment.citation)
        }
        guard let bill, bill.lines.contains(where: { $0.kind == .dues && $0.amount > .zero }) else {
            return EligibilityCheck(
                rule: rule, outcome: .notMet,
                detail: "\(subject) were owed by \(due) and not paid (the project was not billed; its dues are owed whether or not it was)")
        }
        let dues = bill.lines.filter { $0.kind == .dues }.map(\.amount).sum()
        guard let settled = try projectDuesSettledAt(bill) else {
            let paid = try projectDuesPaid(bill, before: JakartaCalendar.startOfDay(date.adding(days: 1)))
            return EligibilityCheck(
                rule: rule, outcome: .notMet,
                detail: "\(subject) (\(dues), due \(due)) were not paid by \(date)" + (paid > .zero ? " (\(paid) paid)" : ""))
        }
        let settledOn = JakartaCalendar.date(at: settled)
        if settledOn <= due {
            return EligibilityCheck(rule: rule, outcome: .met, detail: "\(subject) (\(dues), due \(due)) were paid by their due date")
        }
        if settledOn < date {
            return EligibilityCheck(
                rule: rule, outcome: .met,
                detail: "\(subject) (\(dues), due \(due)) were paid late, on \(settledOn): the workers are protected from the next day")
        }
        return EligibilityCheck(
            rule: rule, outcome: .notMet,
            detail: settledOn == date
                ? "\(subject) (\(dues), due \(due)) were paid late, on \(date) itself: a payment on the incident's day does not protect it"
                : "\(subject) (\(dues), due \(due)) were not paid by \(date)")
    }

    /// The instant the bill's dues were first paid in full (late penalties left out), by
    /// payment instant; nil when they never were. A reversed allocation keeps its payment, so
    /// it nets out at that payment's instant: the amounts of one instant are summed together.
    private func projectDuesSettledAt(_ bill: ProjectBill) throws -> Date? {
        let dues = bill.lines.filter { $0.kind == .dues }.map(\.amount).sum().amount
        guard dues > 0 else { return nil }
        let payments = try projectPayments(bill)
        var total: Int64 = 0
        for (index, payment) in payments.enumerated() {
            total += payment.amount
            let lastOfInstant = index == payments.count - 1 || payments[index + 1].paidAt != payment.paidAt
            if lastOfInstant, total >= dues { return payment.paidAt }
        }
        return nil
    }

    private func projectDuesPaid(_ bill: ProjectBill, before instant: Date) throws -> Rupiah {
        Rupiah(try projectPayments(bill).reduce(Int64(0)) { $1.paidAt < instant ? $0 + $1.amount : $0 })
    }

    /// Amounts allocated to the bill, by the instant of their payment.
    private func projectPayments(_ bill: ProjectBill) throws -> [(amount: Int64, paidAt: Date)] {
        try db.fetchAll("""
            SELECT a.amount, p.paid_at FROM project_payment_allocations a JOIN payments p ON p.id = a.payment_id
            WHERE a.project_bill_id = ? ORDER BY p.paid_at, a.id
            """, bill.id).map { (try $0.get(0), try $0.get(1, as: UnixMilliseconds.self).date) }
    }
}
