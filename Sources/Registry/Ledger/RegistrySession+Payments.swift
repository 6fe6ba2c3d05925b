import Foundation
import SQLiteDB

/// Recording payments, allocated to the oldest unpaid bills first, and reversing them.
extension RegistrySession {
    /// Records an informal worker's (BPU) payment for 1, 3, 6 or 12 months.
    ///
    /// The months are the oldest unpaid ones: unsettled bills first, then the months after the
    /// last bill, which are billed now (priced with the rules of each month). `amount` must be
    /// exactly what those months owe; ``amountOwed(for:months:)`` gives it beforehand, and the
    /// error says how much that is and for which months.
    ///
    /// A batch of one for ``payInformalDues(_:)``, which records many in one call.
    @discardableResult
    public func payInformalDues(
        for id: Membership.ID, months: Int, amount: Rupiah, receipt: String,
        channel: PaymentChannel, paidAt: Date? = nil
    ) throws -> Payment {
        try payInformalDues([InformalPayment(membership: id, months: months, amount: amount, receipt: receipt,
                                             channel: channel, paidAt: paidAt)])[0]
    }

    /// Exactly what ``payInformalDues(for:months:amount:receipt:channel:paidAt:)`` demands as
    /// `amount` for the same membership and `months`, paid now: what a clerk or a payment
    /// page shows before taking the money.
    ///
    /// The months are those the payment would cover: the oldest unpaid ones, unsettled bills
    /// first (what is still owed on each), then the months after the last bill, priced with the
    /// rules of each month as the payment would bill them. Nothing is written: the bills are
    /// priced, not issued, so it runs in a `read` as well as in a `write`. A later change of the
    /// ledger (a bill issued, a payment, a new declared income) can change the amount.
    ///
    /// - Throws: the refusals the payment would throw for this membership and number of months
    ///   (`months_covered` not 1, 3, 6 or 12; `membership_id` unknown, not informal, or ended
    ///   and owing nothing; more months than the membership has left; a month no rule prices).
    public func amountOwed(for id: Membership.ID, months: Int) throws -> Rupiah {
        var ledger = try InformalLedger.load(memberships: [id], receipts: [], in: self)
        var writer = LedgerWriter(db)   // never flushed: only prices the months ahead
        return try ledger.owed(id, months: months, now: clock(), into: &writer).map(\.outstanding).sum()
    }

    /// Records an employer's payment of its wage earners' bills for `month`.
    ///
    /// Paid after the due date, the bills gain late-penalty lines: the `employer_late_penalty_per_month`
    /// rate in force on the due date (2%), times the months of delay (a started month counts
    /// whole), on each dues line, rounded half up per line. `amount` must be the dues owed plus
    /// those penalties.
    @discardableResult
    public func payEmployerDues(
        employer id: Employer.ID, month: ContributionMonth, amount: Rupiah, receipt: String,
        channel: PaymentChannel, paidAt: Date? = nil
    ) throws -> Payment {
        guard try employer(id) != nil else { throw RegistryError.notFound(field: "employer_id", value: id.description) }
        let receipt = try newReceipt(receipt)
        let now = clock()
        let paidAt = paidAt ?? now
        try Validation.notInFuture(paidAt, field: "paid_at", now: now)
        let paidOn = JakartaCalendar.date(at: paidAt)
        let bills = try loadBills(
            where: "b.membership_id IN (SELECT id FROM memberships WHERE employer_id = ?1) AND b.contribution_month = ?2",
            id, month
        ).filter { $0.outstanding > .zero }
        guard !bills.isEmpty else {
            throw RegistryError.conflict(field: "contribution_month", value: month.description,
                                         reason: .noUnpaidEmployerBills(employer: id.rawValue))
        }
        return try db.savepoint {
            let now = clock()
            var writer = LedgerWriter(db)
            var allocations: [(Bill.ID, Rupiah)] = []
            for bill in bills {
                let monthsLate = Self.monthsLate(due: bill.dueDate, paid: paidOn)
                var penalty = Rupiah.zero
                if monthsLate > 0 {
                    guard let rate = try parameter("employer_late_penalty_per_month", on: bill.dueDate) else {
                        throw RegistryError.noRuleInForce(rule: "scheme_parameters employer_late_penalty_per_month", date: bill.dueDate.isoString)
                    }
                    for line in bill.lines where line.kind == .dues && line.reverses == nil
                        && !bill.lines.contains(where: { $0.reverses == line.id }) {
                        let amount = line.amount.applying(Rate(partsPerMillion: rate * Int64(monthsLate)))
                        guard amount != .zero else { continue }
                        writer.addLine(.init(bill: bill.id, program: line.program, payer: .employer, kind: .latePenalty,
                                             amount: amount, recordedAt: now, note: "\(monthsLate) month(s) late"))
                        penalty += amount
                    }
                }
                allocations.append((bill.id, bill.outstanding + penalty))
            }
            let owed = allocations.map(\.1).sum()
            guard amount == owed else {
                throw RegistryError.amountMismatch(
                    field: "amount", given: amount, expected: owed,
                    reason: .owedByEmployer(employer: id.rawValue, month: month, bills: bills.count,
                                            penaltyIncluded: owed > bills.map(\.outstanding).sum()))
            }
            let payment = try writer.addPayment(receipt: receipt, payer: .employer, employer: id, amount: amount,
                                                paidAt: paidAt, months: nil, channel: channel, recordedAt: now)
            for (bill, amount) in allocations where amount > .zero {
                writer.addAllocation(.init(payment: payment, bill: bill, amount: amount, recordedAt: now))
            }
            try writer.flush()
            return try self.payment(payment)!
        }
    }

    /// Cancels a payment: reverses each of its allocations, then the payment itself, under
    /// `reversalReceipt` (default: the receipt with `-R`). The bills it paid (a construction
    /// project's bill included) are unpaid again. Refused on an extract for a payment that also
    /// settles bills outside the extract's area (an employer's): only the centre holds them all.
    @discardableResult
    public func reversePayment(receipt: String, reversalReceipt: String? = nil, note: String? = nil) throws -> Payment {
        guard let original = try payment(receipt: receipt) else {
            throw RegistryError.notFound(field: "receipt_number", value: receipt)
        }
        guard original.reverses == nil else {
            throw RegistryError.conflict(field: "receipt_number", value: receipt, reason: .isAReversal)
        }
        if let reversal = try db.fetchValue(String.self, "SELECT receipt_number FROM payments WHERE reverses_id = ?", original.id) {
            throw RegistryError.conflict(field: "receipt_number", value: receipt, reason: .alreadyReversed(by: reversal))
        }
        // On an extract, a payment shared with workers outside the area: the extract can reverse only
        // the allocations it holds, and the centre would keep the rest as paid by a bounced payment.
        if try hasPartialPayments(),
           try exists("SELECT 1 FROM sync_extract_partial_payments WHERE payment_id = ?", original.id) {
            throw RegistryError.conflict(field: "receipt_number", value: receipt, reason: .heldInPartOnExtract)
        }
        let newReceipt = try newReceipt(reversalReceipt ?? receipt + "-R")
        let now = clock()
        return try db.savepoint {
            // Each allocation's reversal sits beside it under the same key, reversal = 1.
            try db.execute("""
                INSERT INTO payment_allocations (bill_id, payment_id, reversal, amount, recorded_at)
                SELECT a.bill_id, a.payment_id, 1, -a.amount, ? FROM payment_allocations a
                WHERE a.payment_id = ? AND a.reversal = 0
                  AND NOT EXISTS (SELECT 1 FROM payment_allocations r
                                  WHERE r.bill_id = a.bill_id AND r.payment_id = a.payment_id AND r.reversal = 1)
                """, UnixMilliseconds(now), original.id)
            try db.execute("""
                INSERT INTO project_payment_allocations (payment_id, project_bill_id, amount, reverses_id, recorded_at)
                SELECT a.payment_id, a.project_bill_id, -a.amount, a.id, ? FROM project_payment_allocations a
                WHERE a.payment_id = ? AND a.reverses_id IS NULL
                  AND NOT EXISTS (SELECT 1 FROM project_payment_allocations r WHERE r.reverses_id = a.id)
                """, now, original.id)
            try db.execute("""
                INSERT INTO payments (receipt_number, payer_code, employer_id, amount, paid_at, months_covered,
                                      channel_code, reverses_id, recorded_at, note)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, newReceipt, original.payer, original.employer, -original.amount, UnixMilliseconds(now), original.monthsCovered,
                original.channel, original.id, UnixMilliseconds(now), note)
            return try payment(Payment.ID(db.lastInsertedRowID))!
        }
    }

    /// Cancels a bill: reverses each of its lines, so it owes nothing and the month can be
    /// billed again. Refused while payments are allocated to it: reverse those first.
    public func cancelBill(_ id: Bill.ID, note: String? = nil) throws {
        guard let bill = try bill(id) else { throw RegistryError.notFound(field: "bill_id", value: id.description) }
        guard bill.amountPaid == .zero else {
            throw RegistryError.conflict(field: "bill_id", value: id.description,
                                         reason: .paidOnBill(bill.amountPaid))
        }
        let reversed = Set(bill.lines.compactMap(\.reverses))
        try db.savepoint {
            for line in bill.lines where line.reverses == nil && !reversed.contains(line.id) {
                try db.execute("""
                    INSERT INTO bill_adjustments (bill_id, program_code, payer_code, kind, amount, reverses_id, recorded_at, note)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, id, line.program, line.payer, line.kind, -line.amount, line.id, UnixMilliseconds(clock()), note)
            }
        }
    }

    // MARK: Helpers

    /// Bills of a membership that owe money, oldest month first.
    func unsettledBills(of id: Membership.ID) throws -> [Bill] {
        try bills(of: id).filter { $0.outstanding > .zero }
    }

    /// Months of delay: a started month after the due date counts whole (paid one day late: 1).
    static func monthsLate(due: CalendarDate, paid: CalendarDate) -> Int {
        guard paid > due else { return 0 }
        var months = ContributionMonth(containing: due).months(until: ContributionMonth(containing: paid))
        if paid.day > due.day { months += 1 }
        return months
    }

    func newReceipt(_ receipt: String) throws -> String {
        let receipt = try Validation.name(receipt, field: "receipt_number", maximumLength: 64)
        if try exists("SELECT 1 FROM payments WHERE receipt_number = ?", receipt) {
            throw RegistryError.duplicate(field: "receipt_number", value: receipt, existing: .earlierPayment)
        }
        return receipt
    }
}
