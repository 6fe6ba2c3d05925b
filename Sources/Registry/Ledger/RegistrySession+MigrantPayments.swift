import Foundation
import SQLiteDB

/// Paying a migrant worker's (PMI) placement: one bill, for the placement, paid at once.
extension RegistrySession {
    /// Records the payment of a migrant worker's placement dues (iuran PMI), by the member or
    /// the sponsor the membership names, with the guarantees of
    /// ``payInformalDues(for:months:amount:receipt:channel:paidAt:)``: `amount` must be exactly
    /// what is owed, the receipt is unique, and the payment, its allocations and any bill it
    /// issues are written in one savepoint, or nothing is.
    ///
    /// What is owed is what the placement's unsettled bill still owes (a migrant worker has one
    /// bill, for the month the placement starts; see ``issueBill(for:month:)``). When the
    /// placement has not been billed yet, the bill is issued now, priced with the rules of that
    /// month, and paid. ``amountOwed(forPlacement:)`` gives the amount beforehand.
    ///
    /// - Parameters:
    ///   - id: the migrant membership.
    ///   - amount: what the placement's bill still owes, exactly.
    ///   - receipt: the receipt number, unique across every payment.
    ///   - channel: how the money came in.
    ///   - paidAt: when the money was paid; nil for now, by the session's clock. Never in the future.
    /// - Throws: ``RegistryError`` naming the field: `membership_id` unknown, not a migrant
    ///   membership, or owing nothing (its bill paid, or cancelled: issue it again first);
    ///   `receipt_number` empty, too long or already used; `paid_at` in the future; `amount`
    ///   not what is owed (the error says how much is); a program no rule prices (`noRuleInForce`).
    @discardableResult
    public func payMigrantDues(
        for id: Membership.ID, amount: Rupiah, receipt: String, channel: PaymentChannel, paidAt: Date? = nil
    ) throws -> Payment {
        let subject = try migrantSubject(id)
        let receipt = try newReceipt(receipt)
        let now = clock()
        let paidAt = paidAt ?? now
        try Validation.notInFuture(paidAt, field: "paid_at", now: now)
        return try db.savepoint {
            var writer = LedgerWriter(db)
            let bills = try placementBills(of: subject, recordedAt: now, into: &writer)
            let owed = bills.map(\.outstanding).sum()
            guard amount == owed else {
                throw RegistryError.amountMismatch(
                    field: "amount", given: amount, expected: owed,
                    reason: .owedForPlacement(membership: id.rawValue, month: bills[0].month))
            }
            let payment = try writer.addPayment(receipt: receipt, payer: subject.payer, employer: nil, amount: amount,
                                                paidAt: paidAt, months: nil, channel: channel, recordedAt: now)
            for bill in bills {
                writer.addAllocation(.init(payment: payment, bill: bill.id, amount: bill.outstanding, recordedAt: now))
            }
            try writer.flush()
            return try self.payment(payment)!
        }
    }

    /// Exactly what ``payMigrantDues(for:amount:receipt:channel:paidAt:)`` demands now for the
    /// placement of membership `id`: what its unsettled bill still owes, or, before it is
    /// billed, the price of its bill. Nothing is written, so it runs in a `read` as well.
    ///
    /// - Throws: the refusals of the payment that concern the membership (`membership_id`
    ///   unknown, not a migrant membership, owing nothing) and its pricing.
    public func amountOwed(forPlacement id: Membership.ID) throws -> Rupiah {
        let subject = try migrantSubject(id)
        var writer = LedgerWriter(db)   // never flushed: only prices a bill not issued yet
        return try placementBills(of: subject, recordedAt: clock(), into: &writer).map(\.outstanding).sum()
    }

    /// The membership as billing reads it, once it is a migrant one.
    private func migrantSubject(_ id: Membership.ID) throws -> BillingSubject {
        let subject = try BillingSubject.load(id, in: self)
        guard subject.segment == .migrant else {
            throw RegistryError.conflict(field: "membership_id", value: id.description,
                                         reason: .notMigrantMembership(segment: subject.segment))
        }
        return subject
    }

    /// The placement's bills that still owe money, oldest first; when it has no bill yet, its
    /// bill, priced into `writer` (written only if the caller flushes it).
    private func placementBills(
        of subject: BillingSubject, recordedAt now: Date, into writer: inout LedgerWriter
    ) throws -> [InformalLedger.OpenBill] {
        let bills = try bills(of: subject.id)
        let open = bills.filter { $0.outstanding > .zero }
        if !open.isEmpty {
            return open.map { InformalLedger.OpenBill(id: $0.id, month: $0.month, outstanding: $0.outstanding) }
        }
        let month = ContributionMonth(containing: subject.startDate)
        if let bill = bills.first {
            throw RegistryError.conflict(
                field: "membership_id", value: subject.id.description,
                reason: bill.amountDue > .zero
                    ? "owes nothing: the placement's bill (\(bill.month)) is paid"
                    : "owes nothing: the placement's bill (\(bill.month)) was cancelled; issue it again (issueBill) to pay it")
        }
        let (bill, amount) = try writer.addBill(for: subject, month: month, rules: try rules(for: month), recordedAt: now)
        guard amount > .zero else {
            throw RegistryError.conflict(field: "membership_id", value: subject.id.description,
                                         reason: .placementOwesNothing(month: month, amount: amount))
        }
        return [InformalLedger.OpenBill(id: bill, month: month, outstanding: amount)]
    }
}
