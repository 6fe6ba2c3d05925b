import Foundation
import SQLiteDB

/// `payments`, in the order they were made. Each row is one of three kinds:
///
/// - a reversal (`reverses_receipt` set): ``RegistrySession/reversePayment(receipt:reversalReceipt:note:)``,
///   recorded at `paid_at`; `amount`, when given, must be minus the original's;
/// - an employer's payment (`npp` set): the employer's wage-earner bills for
///   `contribution_month` that are still missing are issued, then
///   ``RegistrySession/payEmployerDues(employer:month:amount:receipt:channel:paidAt:)``;
/// - an informal worker's payment (`kpj` set): ``RegistrySession/payInformalDues(for:months:amount:receipt:channel:paidAt:)``
///   for `months_covered` months of the worker's informal membership that starts on
///   `membership_start` (when empty: the one in force on the payment's date, else the latest).
///
/// Consecutive informal payments are held (``holdRow(_:in:)``) and stored together by the bulk
/// ``RegistrySession/payInformalDues(_:)``, up to ``CSVImport/heldRowLimit`` at a time: the same
/// rows, refusals and reject lines as one call per row, in multi-row INSERTs.
struct PaymentImporter: RowImporter {
    static let columns = [
        ImportColumn("receipt_number", required: true), ImportColumn("paid_at", required: true), ImportColumn("channel"),
        ImportColumn("amount", numeric: true), ImportColumn("kpj"), ImportColumn("membership_start"),
        ImportColumn("months_covered", numeric: true), ImportColumn("npp"), ImportColumn("contribution_month"),
        ImportColumn("reverses_receipt"),
    ]
    static let fieldColumns = ["employer_id": "npp", "membership_id": "kpj"]

    /// Informal payments held for ``storeHeldRows(into:refused:)``.
    private var held: [InformalPayment] = []

    mutating func holdRow(_ row: ImportRow, in session: RegistrySession) throws -> Bool {
        // The checks of importRow, in its order, up to the informal payment's call.
        let (receipt, paidAt) = try Self.receiptAndTime(row, in: session)
        guard row.text("reverses_receipt") == nil else { return false }
        let (channel, amount) = try Self.channelAndAmount(row)
        guard row.text("npp") == nil else { return false }
        held.append(try Self.informalPayment(row, receipt: receipt, paidAt: paidAt, channel: channel, amount: amount, in: session))
        return true
    }

    mutating func storeHeldRows(into session: RegistrySession, refused: (Int, RegistryError) throws -> Void) throws {
        defer { held.removeAll(keepingCapacity: true) }
        _ = try withoutActuallyEscaping(refused) { try session.recordInformalPayments(held, refused: $0) }
    }

    mutating func dropHeldRows() {
        held.removeAll(keepingCapacity: true)
    }

    mutating func importRow(_ row: ImportRow, into session: RegistrySession) throws {
        let (receipt, paidAt) = try Self.receiptAndTime(row, in: session)
        if let original = row.text("reverses_receipt") {
            if let amount = try row.rupiah("amount"), let stored = try session.payment(receipt: original), amount != -stored.amount {
                throw RegistryError.amountMismatch(field: "amount", given: amount, expected: -stored.amount,
                                                   reason: .reversedByThisRow(receipt: original))
            }
            // A reversal is recorded when it is made: replay it at paid_at.
            do {
                try RegistrySession(session.connection, clock: { paidAt }).reversePayment(receipt: original, reversalReceipt: receipt)
            } catch RegistryError.notFound(field: "receipt_number", let value) {
                // The payment to reverse is named in reverses_receipt; receipt_number is this row's own.
                throw RegistryError.notFound(field: "reverses_receipt", value: value)
            } catch RegistryError.conflict(field: "receipt_number", let value, let reason) {
                throw RegistryError.conflict(field: "reverses_receipt", value: value, reason: reason)
            }
            return
        }
        let (channel, amount) = try Self.channelAndAmount(row)
        if let npp = row.text("npp") {
            guard let employer = try session.employer(npp: try EmployerNumber(npp)) else {
                throw RegistryError.notFound(field: "npp", value: npp)
            }
            let text = try row.required("contribution_month")
            guard let month = ContributionMonth(text) else {
                throw RegistryError.invalid(field: "contribution_month", value: text, reason: .notAMonth)
            }
            try Self.issueMissingBills(of: employer.id, for: month, in: session)
            try session.payEmployerDues(employer: employer.id, month: month, amount: amount, receipt: receipt,
                                        channel: channel, paidAt: paidAt)
        } else {
            try session.payInformalDues([
                try Self.informalPayment(row, receipt: receipt, paidAt: paidAt, channel: channel, amount: amount, in: session),
            ])
        }
    }

    /// The row's receipt and payment time. The time is checked here too, not only by the
    /// library: a reversal runs on a clock set to paid_at.
    private static func receiptAndTime(_ row: ImportRow, in session: RegistrySession) throws -> (String, Date) {
        let receipt = try row.required("receipt_number")
        guard let paidAt = try row.timestamp("paid_at") else {
            throw RegistryError.invalid(field: "paid_at", value: "", reason: .requiredColumnEmpty)
        }
        try Validation.notInFuture(paidAt, field: "paid_at", now: session.clock())
        return (receipt, paidAt)
    }

    private static func channelAndAmount(_ row: ImportRow) throws -> (PaymentChannel, Rupiah) {
        let channel = try row.requiredCode("channel", as: PaymentChannel.self)
        guard let amount = try row.rupiah("amount") else {
            throw RegistryError.invalid(field: "amount", value: "", reason: .requiredColumnEmpty)
        }
        return (channel, amount)
    }

    /// An informal worker's payment: the membership the row names, for `months_covered` months.
    private static func informalPayment(
        _ row: ImportRow, receipt: String, paidAt: Date, channel: PaymentChannel, amount: Rupiah, in session: RegistrySession
    ) throws -> InformalPayment {
        let membership = try informalMembership(row, paidOn: JakartaCalendar.date(at: paidAt), in: session)
        let months = try row.requiredInteger("months_covered")
        return InformalPayment(membership: membership, months: Int(clamping: months), amount: amount,
                               receipt: receipt, channel: channel, paidAt: paidAt)
    }

    /// Bills the employer's wage earners for `month` where no bill exists yet, so the payment
    /// finds what it pays for whether or not a billing run came first.
    static func issueMissingBills(of employer: Employer.ID, for month: ContributionMonth, in session: RegistrySession) throws {
        try session.issueBills(for: month, ofEmployer: employer)
    }

    static func informalMembership(_ row: ImportRow, paidOn day: CalendarDate, in session: RegistrySession) throws -> Membership.ID {
        guard let text = row.text("kpj") else {
            throw RegistryError.invalid(field: "kpj", value: "", reason: .paymentNamesNoOne)
        }
        let kpj = try KPJ(text)
        guard let worker = try session.worker(kpj: kpj) else { throw RegistryError.notFound(field: "kpj", value: kpj.digits) }
        let informal = try session.memberships(of: worker.id).filter { $0.segment == .informal }
        if let start = try row.date("membership_start") {
            guard let membership = informal.first(where: { $0.startDate == start }) else {
                throw RegistryError.notFound(field: "membership_start", value: start.isoString)
            }
            return membership.id
        }
        let inForce = informal.last { $0.startDate <= day && ($0.endDate.map { day <= $0 } ?? true) }
        guard let membership = inForce ?? informal.last else {
            throw RegistryError.notFound(field: "kpj", value: "\(kpj.digits) (no informal membership)")
        }
        return membership.id
    }
}
