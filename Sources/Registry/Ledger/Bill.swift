import Foundation
import SQLiteDB

/// A bill (tagihan iuran): what one membership owes for one contribution month, as the sum of
/// its lines. Bills and lines are never changed; a correction adds reversing lines.
public struct Bill: Sendable, Hashable, Identifiable {
    public typealias ID = RecordID<Bill>

    public let id: ID
    public let membership: Membership.ID
    public let month: ContributionMonth
    /// Derived from the rules in force on the month's first day (the bill stores none: 0028).
    public let dueDate: CalendarDate
    public let lines: [BillLine]
    /// The sum of the lines, reversals included.
    public let amountDue: Rupiah
    /// The sum of the allocations to this bill, reversals included.
    public let amountPaid: Rupiah

    public var outstanding: Rupiah { amountDue - amountPaid }
    public var isSettled: Bool { amountPaid >= amountDue }
}

/// One amount of a bill: a program, who pays it, dues or a late penalty.
///
/// The billing run's dues lines are stored as columns of the bill (0026) and have no row of
/// their own: such a line's id is `-(bill id × 8 + slot)`, slot 0–7 for JKK, JKM, JHT and JP,
/// employer share then worker share, the id the `bill_lines` view shows and a reversal names.
/// Every other line (a late penalty, a reversal, a line added to a cancelled bill) is a row of
/// `bill_adjustments`, with its positive rowid as id.
public struct BillLine: Sendable, Hashable, Identifiable {
    public typealias ID = RecordID<BillLine>

    public enum Kind: String, Sendable, Hashable, Codable, DatabaseValueConvertible {
        case dues
        /// The employer's 2%-a-month penalty for paying late.
        case latePenalty = "late_penalty"
    }

    public let id: ID
    public let program: Program
    public let payer: Payer
    public let kind: Kind
    public let amount: Rupiah
    /// The line this one cancels, for a reversing line.
    public let reverses: ID?
}

/// Money received (pembayaran iuran), and how it was allocated to bills.
public struct Payment: Sendable, Hashable, Identifiable {
    public typealias ID = RecordID<Payment>

    public let id: ID
    public let receiptNumber: String
    public let payer: Payer
    public let employer: Employer.ID?
    public let amount: Rupiah
    /// When the money was paid, to the millisecond (stored as INTEGER milliseconds since 1970 UTC,
    /// 0029); it counts on its Jakarta day.
    public let paidAt: Date
    /// For an informal worker's payment: 1, 3, 6 or 12 months.
    public let monthsCovered: Int?
    public let channel: PaymentChannel
    /// The payment this one cancels, for a reversal.
    public let reverses: ID?
    /// What it settled, by the bills' month; then, once it is reversed, the reversals (negative
    /// amounts), in the same order.
    public let allocations: [Allocation]
    /// What it settled of construction projects' bills (a contractor's payment of a project).
    public internal(set) var projectAllocations: [ProjectAllocation] = []

    public struct Allocation: Sendable, Hashable {
        public let bill: Bill.ID
        public let month: ContributionMonth
        public let amount: Rupiah
    }
}

extension RegistrySession {
    public func bill(_ id: Bill.ID) throws -> Bill? {
        try loadBills(where: "b.id = ?", id).first
    }

    /// A membership's bills, oldest month first.
    public func bills(of membership: Membership.ID) throws -> [Bill] {
        try loadBills(where: "b.membership_id = ?", membership)
    }

    /// Bills with their lines and paid amounts in three queries, whatever their number.
    /// `condition` is a fragment of this module on the alias `b` (values go in `keys`).
    /// A bill's lines are its dues columns in slot order, then its adjustments in id order.
    func loadBills<each Key: DatabaseValueConvertible>(where condition: String, _ keys: repeat each Key) throws -> [Bill] {
        var adjustments: [Bill.ID: [BillLine]] = [:]
        try db.forEach("""
            SELECT l.bill_id, l.id, l.program_code, l.payer_code, l.kind, l.amount, l.reverses_id
            FROM bill_adjustments l JOIN bills b ON b.id = l.bill_id WHERE \(condition) ORDER BY l.id
            """, repeat each keys) { row in
            adjustments[try row["bill_id"], default: []].append(BillLine(
                id: try row["id"], program: try row["program_code"], payer: try row["payer_code"], kind: try row["kind"],
                amount: try row["amount"], reverses: try row["reverses_id"]))
        }
        var paid: [Bill.ID: Rupiah] = [:]
        try db.forEach("""
            SELECT a.bill_id, sum(a.amount) AS paid
            FROM payment_allocations a JOIN bills b ON b.id = a.bill_id WHERE \(condition) GROUP BY a.bill_id
            """, repeat each keys) { row in paid[try row["bill_id"]] = try row["paid"] }
        // Bills store no due date (0028): the due-day rules, read once, date them.
        let dueDays = try DueDayRules.load(from: db)
        return try db.fetchAll("""
            SELECT b.id, b.membership_id, b.contribution_month, m.segment_code, m.start_date,
                   \(DuesColumn.selectList)
            FROM bills b JOIN memberships m ON m.id = b.membership_id
            WHERE \(condition) ORDER BY b.contribution_month, b.id
            """, repeat each keys).map { row in
            let id: Bill.ID = try row["id"]
            let month: ContributionMonth = try row["contribution_month"]
            let segment: Segment = try row["segment_code"]
            let billLines = try Self.columnLines(of: id, row: row, firstColumn: 5) + (adjustments[id] ?? [])
            return Bill(id: id, membership: try row["membership_id"], month: month,
                        dueDate: segment.billedDueDate(for: month, start: try row["start_date"], rules: dueDays),
                        lines: billLines, amountDue: billLines.map(\.amount).sum(), amountPaid: paid[id] ?? .zero)
        }
    }

    /// The dues lines stored in a bill's columns: `row` holds ``DuesColumn/selectList`` from
    /// column `firstColumn` on.
    static func columnLines(of bill: Bill.ID, row: some RowReading, firstColumn: Int) throws -> [BillLine] {
        let workerPayer = try row.get(firstColumn + DuesColumn.allCases.count, as: Payer?.self)
        return try DuesColumn.allCases.compactMap { column in
            guard let amount = try row.get(firstColumn + column.slot, as: Rupiah?.self) else { return nil }
            // The table's CHECK sets worker_payer_code whenever a worker column is set.
            guard let payer = column.isEmployerShare ? .employer : workerPayer else {
                throw RowDecodingError(column: "worker_payer_code", index: firstColumn + DuesColumn.allCases.count,
                                       expectedType: "Payer", problem: .unexpectedNull, sql: nil)
            }
            return BillLine(id: column.lineID(of: bill), program: column.program, payer: payer, kind: .dues,
                            amount: amount, reverses: nil)
        }
    }

    public func payment(_ id: Payment.ID) throws -> Payment? {
        guard let row = try db.fetchOne("""
            SELECT id, receipt_number, payer_code, employer_id, amount, paid_at, months_covered, channel_code, reverses_id
            FROM payments WHERE id = ?
            """, id) else { return nil }
        let allocations = try db.fetchAll("""
            SELECT a.bill_id, b.contribution_month, a.amount FROM payment_allocations a JOIN bills b ON b.id = a.bill_id
            WHERE a.payment_id = ? ORDER BY a.reversal, b.contribution_month, a.bill_id
            """, id).map { Payment.Allocation(bill: try $0["bill_id"], month: try $0["contribution_month"], amount: try $0["amount"]) }
        return Payment(id: id, receiptNumber: try row["receipt_number"], payer: try row["payer_code"],
                       employer: try row["employer_id"], amount: try row["amount"], paidAt: try row.get("paid_at", as: UnixMilliseconds.self).date,
                       monthsCovered: try row["months_covered"], channel: try row["channel_code"],
                       reverses: try row["reverses_id"], allocations: allocations,
                       projectAllocations: try projectAllocations(of: id))
    }

    /// The payments allocated to a membership's bills (reversals included), oldest first.
    public func payments(of membership: Membership.ID) throws -> [Payment] {
        try db.fetchValues(Payment.ID.self, """
            SELECT DISTINCT a.payment_id FROM payment_allocations a JOIN bills b ON b.id = a.bill_id
            WHERE b.membership_id = ? ORDER BY a.payment_id
            """, membership).compactMap { try payment($0) }
    }

    public func payment(receipt: String) throws -> Payment? {
        try db.fetchValue(Payment.ID?.self, "SELECT id FROM payments WHERE receipt_number = ?", receipt)
            .flatMap { $0 }.flatMap { try payment($0) }
    }
}
