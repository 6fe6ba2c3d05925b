import Foundation
import SQLiteDB

/// Recording many informal payments in one call: a day's file from a bank or a payment point.
extension RegistrySession {
    /// Records informal workers' (BPU) payments, in order, in one savepoint: all of them, or,
    /// when one is refused, none.
    ///
    /// Each payment is recorded exactly as ``payInformalDues(for:months:amount:receipt:channel:paidAt:)``
    /// would record it after the ones before it in `batch` (so two payments of one membership pay
    /// consecutive months), with the same rules and the same rows: the same bills issued ahead,
    /// the same allocations, the same ids. The refusal thrown is the ``RegistryError`` that call
    /// would throw for the first payment refused, naming the field and the value (`months_covered`,
    /// `membership_id`, `receipt_number`, `paid_at`, `amount`…); a receipt used twice in the batch
    /// is a `duplicate` like one already stored.
    ///
    /// What makes it faster than a loop of single payments: the memberships and their unsettled
    /// bills are read for the whole batch in two queries, the rules of each month once, and the
    /// rows are written in multi-row INSERTs (`LedgerWriter`). Every row is stamped
    /// `recorded_at` with one reading of the session's clock.
    ///
    /// - Returns: the payments as stored, in the order of `batch`.
    @discardableResult
    public func payInformalDues(_ batch: [InformalPayment]) throws -> [Payment] {
        try recordInformalPayments(batch)
    }

    /// ``payInformalDues(_:)``; with `refused`, a refused payment is not a failure of the batch:
    /// `refused` is told its index and error, and the batch goes on without it, as if it had not
    /// been in the batch (an import's rows, each refused alone).
    func recordInformalPayments(
        _ batch: [InformalPayment], refused: ((_ index: Int, _ error: RegistryError) throws -> Void)? = nil
    ) throws -> [Payment] {
        guard !batch.isEmpty else { return [] }
        return try db.savepoint {
            let now = clock()
            var ledger = try InformalLedger.load(for: batch, in: self)
            var writer = LedgerWriter(db)
            var payments: [Payment] = []
            payments.reserveCapacity(batch.count)
            for (index, payment) in batch.enumerated() {
                let mark = writer.mark
                do {
                    payments.append(try ledger.record(payment, now: now, into: &writer))
                } catch let error as RegistryError {
                    guard let refused else { throw error }
                    writer.rollBack(to: mark)   // the bills it priced
                    try refused(index, error)
                }
                // Bounded memory for large batches: the savepoint still undoes it all.
                if writer.pendingRows >= Self.paymentFlushRows { try writer.flush() }
            }
            try writer.flush()
            return payments
        }
    }

    /// Rows a payment batch gathers before writing them.
    static let paymentFlushRows = 8_192
}

/// What a batch of informal payments needs to know, read once for the whole batch and kept up
/// to date in memory as each payment is recorded.
struct InformalLedger {
    /// A bill that still owes money.
    struct OpenBill {
        var id: Bill.ID
        var month: ContributionMonth
        var outstanding: Rupiah
    }

    /// One membership of the batch.
    struct Account {
        var subject: BillingSubject
        /// Unsettled bills, oldest month first (as ``RegistrySession/unsettledBills(of:)``).
        var open: [OpenBill] = []
        /// The month after the membership's last bill (cancelled ones included), or its first.
        var next: ContributionMonth
    }

    private var accounts: [Membership.ID: Account] = [:]
    /// The batch's receipts already stored, then each receipt recorded by the batch.
    private var takenReceipts: Set<String> = []
    private var rules: [ContributionMonth: ContributionRules] = [:]
    private let db: Connection

    private init(db: Connection) {
        self.db = db
    }

    /// Reads the memberships of `batch`, their bills, and which of its receipts are taken.
    static func load(for batch: [InformalPayment], in session: RegistrySession) throws -> InformalLedger {
        try load(memberships: batch.map(\.membership), receipts: batch.map(\.receipt), in: session)
    }

    /// Reads `memberships`, their bills, and which of `receipts` are taken.
    static func load(memberships: [Membership.ID], receipts: [String], in session: RegistrySession) throws -> InformalLedger {
        let db = session.db
        var ledger = InformalLedger(db: db)
        var ids = Set<Int64>()
        for membership in memberships { ids.insert(membership.rawValue) }
        let idList = "[" + ids.map(String.init).joined(separator: ",") + "]"

        try db.forEach("\(BillingSubject.select) WHERE m.id IN (SELECT value FROM json_each(?))", idList) { row in
            let subject = try BillingSubject(row: row)
            ledger.accounts[subject.id] = Account(subject: subject, next: ContributionMonth(containing: subject.startDate))
        }
        // The bills of those memberships with what each owes, in the order unsettledBills(of:)
        // uses: those of the months from each one's settled horizon (0014) on, as the bills
        // before it are settled. Unless a row added since the last refresh may have unsettled
        // one of those (a reversal earlier in this transaction): then every bill.
        try db.forEach("""
            SELECT b.membership_id, b.id, b.contribution_month,
                   \(DuesColumn.amountDueSQL)
                   - (SELECT coalesce(sum(amount), 0) FROM payment_allocations WHERE bill_id = b.id)
            FROM json_each(?) j
            LEFT JOIN standing_horizons h ON h.membership_id = j.value
            LEFT JOIN standing_stale s ON s.membership_id = j.value
            JOIN bills b ON b.membership_id = j.value
                        AND b.contribution_month >= CASE WHEN s.membership_id IS NULL OR s.from_month >= h.settled_before_month
                                                         THEN coalesce(h.settled_before_month, '') ELSE '' END
            ORDER BY b.membership_id, b.contribution_month, b.id
            """, idList) { row in
            let membership: Membership.ID = try row.get(0)
            let month: ContributionMonth = try row.get(2)
            let outstanding = Rupiah(try row.get(3, as: Int64.self))
            guard var account = ledger.accounts[membership] else { return }
            if outstanding > .zero {
                account.open.append(OpenBill(id: try row.get(1), month: month, outstanding: outstanding))
            }
            account.next = max(account.next, month.next)
            ledger.accounts[membership] = account
        }
        // A membership whose bills are all before its horizon: the next month is the horizon.
        try db.forEach("""
            SELECT h.membership_id, h.settled_before_month
            FROM json_each(?) j JOIN standing_horizons h ON h.membership_id = j.value
            """, idList) { row in
            let membership: Membership.ID = try row.get(0)
            guard var account = ledger.accounts[membership] else { return }
            account.next = max(account.next, try row.get(1, as: ContributionMonth.self))
            ledger.accounts[membership] = account
        }
        // Receipts as the single call checks them: trimmed, once valid (one index lookup each).
        for receipt in receipts {
            guard let receipt = try? Validation.name(receipt, field: "receipt_number", maximumLength: 64) else { continue }
            if try session.exists("SELECT 1 FROM payments WHERE receipt_number = ?", receipt) {
                ledger.takenReceipts.insert(receipt)
            }
        }
        return ledger
    }

    /// Records one payment into `writer`, with the checks of the single call in its order. When it
    /// throws, it has changed nothing here (the rows it gave `writer` are the caller's to drop).
    mutating func record(_ payment: InformalPayment, now: Date, into writer: inout LedgerWriter) throws -> Payment {
        let id = payment.membership, months = payment.months
        var account = try account(id, paying: months)
        let subject = account.subject
        let receipt = try Validation.name(payment.receipt, field: "receipt_number", maximumLength: 64)
        guard !takenReceipts.contains(receipt) else {
            throw RegistryError.duplicate(field: "receipt_number", value: receipt, existing: .earlierPayment)
        }
        let paidAt = payment.paidAt ?? now
        try Validation.notInFuture(paidAt, field: "paid_at", now: now)
        let bills = try oldestUnpaid(months, of: &account, paidOn: JakartaCalendar.date(at: paidAt), recordedAt: now,
                                     into: &writer)
        let owed = bills.map(\.outstanding).sum()
        guard payment.amount == owed else {
            throw RegistryError.amountMismatch(
                field: "amount", given: payment.amount, expected: owed,
                reason: .owedForMonths(count: months, first: bills.first!.month, last: bills.last!.month))
        }
        let paymentID = try writer.addPayment(receipt: receipt, payer: subject.payer, employer: nil, amount: payment.amount,
                                              paidAt: paidAt, months: months, channel: payment.channel, recordedAt: now)
        for bill in bills {
            writer.addAllocation(.init(payment: paymentID, bill: bill.id, amount: bill.outstanding, recordedAt: now))
        }
        accounts[id] = account
        takenReceipts.insert(receipt)
        return Payment(
            id: paymentID, receiptNumber: receipt, payer: subject.payer, employer: nil, amount: payment.amount,
            paidAt: UnixMilliseconds(paidAt).date,   // as stored: to the millisecond
            monthsCovered: months, channel: payment.channel, reverses: nil,
            allocations: bills.map { Payment.Allocation(bill: $0.id, month: $0.month, amount: $0.outstanding) })
    }

    /// What a payment made now for `months` months of membership `id` would have to be: the
    /// bills it would pay, those it would issue priced into `writer` (which the caller never
    /// flushes). The same checks and the same months as ``record(_:now:into:)``, whose
    /// refusals it throws, except those of the receipt and the payment date.
    mutating func owed(_ id: Membership.ID, months: Int, now: Date, into writer: inout LedgerWriter) throws -> [OpenBill] {
        var account = try account(id, paying: months)
        return try oldestUnpaid(months, of: &account, paidOn: JakartaCalendar.date(at: now), recordedAt: now, into: &writer)
    }

    /// The account of membership `id`, once `months` is a number of months a payment may cover
    /// and the membership is an informal one.
    private func account(_ id: Membership.ID, paying months: Int) throws -> Account {
        guard [1, 3, 6, 12].contains(months) else {
            throw RegistryError.invalid(field: "months_covered", value: String(months),
                                        reason: .monthsNotAllowed)
        }
        guard let account = accounts[id] else { throw RegistryError.notFound(field: "membership_id", value: id.description) }
        guard account.subject.segment == .informal else {
            throw RegistryError.conflict(field: "membership_id", value: id.description,
                                         reason: .notInformalMembership(segment: account.subject.segment))
        }
        return account
    }

    /// The `months` oldest unpaid months of `account` for a payment made on `paidOn`: its
    /// unsettled bills, then the months after its last bill, billed now into `writer` (priced
    /// with the rules of each month). `account` moves past them.
    private mutating func oldestUnpaid(
        _ months: Int, of account: inout Account, paidOn: CalendarDate, recordedAt now: Date,
        into writer: inout LedgerWriter
    ) throws -> [OpenBill] {
        let subject = account.subject
        if let end = subject.endDate, end < paidOn, account.open.isEmpty {
            throw RegistryError.conflict(field: "membership_id", value: subject.id.description,
                                         reason: .endedOwesNothing(end: end))
        }
        var bills = Array(account.open.prefix(months))
        var next = account.next
        while bills.count < months {
            guard subject.covers(next) else {
                throw RegistryError.conflict(
                    field: "months_covered", value: String(months),
                    reason: .beyondMembershipEnd(end: subject.endDate!, payable: bills.count))
            }
            let (bill, amount) = try writer.addBill(for: subject, month: next, rules: try rules(for: next), recordedAt: now)
            if amount > .zero { bills.append(OpenBill(id: bill, month: next, outstanding: amount)) }
            next = next.next
        }
        account.open.removeFirst(min(months, account.open.count))
        account.next = next
        return bills
    }

    /// The rules that price `month`, read once per batch.
    private mutating func rules(for month: ContributionMonth) throws -> ContributionRules {
        if let known = rules[month] { return known }
        let loaded = try ContributionRules.load(on: month.firstDay, from: db)
        rules[month] = loaded
        return loaded
    }
}
