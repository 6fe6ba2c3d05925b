import Foundation
import SQLiteDB

/// New ledger rows (bills, bill lines, payments, allocations), gathered in memory and written
/// in multi-row INSERTs: how billing and payments insert into the ledger (reversals, a few rows
/// each, still insert theirs one by one).
///
/// Why not one INSERT per row: every ledger table has triggers that may `RAISE(ABORT)`, so
/// SQLite keeps a statement journal for each INSERT, a copy of every page the statement is
/// about to change. Inside a savepoint (a billing run, a payment batch, every payment) those
/// copies pile up until the savepoint ends, in a temporary file once past 64 KiB. Measured on
/// the 20,000-member benchmark register (one month's 20,153 bills and 53,130 lines, inserted
/// through the system SQLite in one transaction): in a savepoint 1.09 s one row per INSERT,
/// 0.50 s with 16 rows, 0.39 s with 64 (no gain beyond); without a savepoint, one row per
/// INSERT as registry-bench's raw C contender writes, 0.61 s. In that benchmark's profile the
/// journal's `pwrite` calls were a third of the library's time.
///
/// Bills and payments get their ids here, one more than the table's largest id (what SQLite
/// itself would give them: neither table has AUTOINCREMENT), so lines and allocations can
/// name them before anything is written. ``flush()`` writes bills, then lines, then payments,
/// then allocations: the order the triggers' checks need. Use a writer inside one savepoint and
/// flush it before that ends; nothing else may insert bills or payments meanwhile (the ids
/// would collide, and the `*_no_replace` triggers refuse that).
///
/// A line goes into a column of its bill (``DuesColumn``) when the bill is written by the same
/// flush, the line is a dues line recorded with it, and the column is free (the worker columns:
/// while they have one payer); every other line becomes a `bill_adjustments` row. Lines are
/// placed at ``flush()``, so ``rollBack(to:)`` only has to drop rows.
struct LedgerWriter {
    struct BillRow {
        var id: Bill.ID
        var membership: Membership.ID
        var month: ContributionMonth
        var recordedAt: Date
        /// Set by ``flush()`` from the lines: the dues columns in slot order, their worker payer,
        /// and the notes of the column lines ("JP: …").
        var columns: [Rupiah?] = Array(repeating: nil, count: DuesColumn.allCases.count)
        var workerPayer: Payer?
        var note: String?
    }

    struct LineRow {
        var bill: Bill.ID
        var program: Program
        var payer: Payer
        var kind: BillLine.Kind
        var amount: Rupiah
        var recordedAt: Date
        var note: String?
    }

    struct PaymentRow {
        var id: Payment.ID
        var receipt: String
        var payer: Payer
        var employer: Employer.ID?
        var amount: Rupiah
        var paidAt: Date
        var months: Int?
        var channel: PaymentChannel
        var recordedAt: Date
    }

    struct AllocationRow {
        var payment: Payment.ID
        var bill: Bill.ID
        var amount: Rupiah
        var recordedAt: Date
    }

    let db: Connection
    private var bills: [BillRow] = []
    private var lines: [LineRow] = []
    private var payments: [PaymentRow] = []
    private var allocations: [AllocationRow] = []
    private var nextBillID: Int64?
    private var nextPaymentID: Int64?

    init(_ db: Connection) {
        self.db = db
    }

    /// Rows waiting for ``flush()``.
    var pendingRows: Int { bills.count + lines.count + payments.count + allocations.count }

    /// Where the pending rows stand, to drop what was added after it (``rollBack(to:)``).
    struct Mark {
        fileprivate var bills, lines, payments, allocations: Int
        fileprivate var nextBillID, nextPaymentID: Int64?
    }

    var mark: Mark {
        Mark(bills: bills.count, lines: lines.count, payments: payments.count, allocations: allocations.count,
             nextBillID: nextBillID, nextPaymentID: nextPaymentID)
    }

    /// Drops the rows added since `mark`, and their ids; nothing may have been flushed since.
    mutating func rollBack(to mark: Mark) {
        precondition(bills.count >= mark.bills && lines.count >= mark.lines && payments.count >= mark.payments
                     && allocations.count >= mark.allocations, "flushed since the mark")
        bills.removeSubrange(mark.bills...)
        lines.removeSubrange(mark.lines...)
        payments.removeSubrange(mark.payments...)
        allocations.removeSubrange(mark.allocations...)
        nextBillID = mark.nextBillID
        nextPaymentID = mark.nextPaymentID
    }

    // MARK: Adding rows

    /// A new bill (its lines are added with ``addLine(_:)``).
    mutating func addBill(membership: Membership.ID, month: ContributionMonth, recordedAt: Date) throws -> Bill.ID {
        let id = try nextID(&nextBillID, "SELECT coalesce(max(id), 0) + 1 FROM bills")
        bills.append(BillRow(id: Bill.ID(id), membership: membership, month: month, recordedAt: recordedAt))
        return Bill.ID(id)
    }

    mutating func addLine(_ line: LineRow) {
        lines.append(line)
    }

    /// A new payment (its allocations are added with ``addAllocation(_:)``).
    mutating func addPayment(receipt: String, payer: Payer, employer: Employer.ID?, amount: Rupiah, paidAt: Date,
                             months: Int?, channel: PaymentChannel, recordedAt: Date) throws -> Payment.ID {
        let id = Payment.ID(try nextID(&nextPaymentID, "SELECT coalesce(max(id), 0) + 1 FROM payments"))
        payments.append(PaymentRow(id: id, receipt: receipt, payer: payer, employer: employer, amount: amount,
                                   paidAt: paidAt, months: months, channel: channel, recordedAt: recordedAt))
        return id
    }

    mutating func addAllocation(_ allocation: AllocationRow) {
        allocations.append(allocation)
    }

    private func nextID(_ next: inout Int64?, _ sql: String) throws -> Int64 {
        if next == nil { next = try db.fetchValue(Int64.self, sql) ?? 1 }
        defer { next! += 1 }
        return next!
    }

    // MARK: Writing

    /// Writes every pending row, bills first, and forgets them.
    mutating func flush() throws {
        let adjustments = placeLines()
        try insert(bills, Self.billInsert) { statement, base, row in
            try statement.bind(row.id, at: base + 1)
            try statement.bind(row.membership, at: base + 2)
            try statement.bind(row.month, at: base + 3)
            try statement.bind(UnixMilliseconds(row.recordedAt), at: base + 4)
            try statement.bind(row.note, at: base + 5)
            for column in DuesColumn.allCases {
                try statement.bind(row.columns[column.slot], at: base + 6 + column.slot)
            }
            try statement.bind(row.workerPayer, at: base + 6 + DuesColumn.allCases.count)
        }
        try insert(adjustments, Self.adjustmentInsert) { statement, base, row in
            try statement.bind(row.bill, at: base + 1)
            try statement.bind(row.program, at: base + 2)
            try statement.bind(row.payer, at: base + 3)
            try statement.bind(row.kind, at: base + 4)
            try statement.bind(row.amount, at: base + 5)
            try statement.bind(UnixMilliseconds(row.recordedAt), at: base + 6)
            try statement.bind(row.note, at: base + 7)
        }
        try insert(payments, Self.paymentInsert) { statement, base, row in
            try statement.bind(row.id, at: base + 1)
            try statement.bind(row.receipt, at: base + 2)
            try statement.bind(row.payer, at: base + 3)
            try statement.bind(row.employer, at: base + 4)
            try statement.bind(row.amount, at: base + 5)
            try statement.bind(UnixMilliseconds(row.paidAt), at: base + 6)
            try statement.bind(row.months, at: base + 7)
            try statement.bind(row.channel, at: base + 8)
            try statement.bind(UnixMilliseconds(row.recordedAt), at: base + 9)
        }
        try insert(allocations, Self.allocationInsert) { statement, base, row in
            try statement.bind(row.bill, at: base + 1)
            try statement.bind(row.payment, at: base + 2)
            try statement.bind(row.amount, at: base + 3)
            try statement.bind(UnixMilliseconds(row.recordedAt), at: base + 4)
        }
        bills.removeAll(keepingCapacity: true)
        lines.removeAll(keepingCapacity: true)
        payments.removeAll(keepingCapacity: true)
        allocations.removeAll(keepingCapacity: true)
    }

    /// Puts each pending line that fits into its bill's column; returns the others, in order.
    /// Places them afresh each time, so a flush that failed can be tried again.
    private mutating func placeLines() -> [LineRow] {
        var index: [Bill.ID: Int] = [:]
        for position in bills.indices {
            bills[position].columns = Array(repeating: nil, count: DuesColumn.allCases.count)
            bills[position].workerPayer = nil
            bills[position].note = nil
            index[bills[position].id] = position
        }
        var notes: [Int: [String]] = [:]
        var adjustments: [LineRow] = []
        for line in lines {
            guard line.kind == .dues, line.amount >= .zero, let position = index[line.bill],
                  UnixMilliseconds(bills[position].recordedAt) == UnixMilliseconds(line.recordedAt),
                  let column = DuesColumn(program: line.program, payer: line.payer),
                  bills[position].columns[column.slot] == nil,
                  column.isEmployerShare || bills[position].workerPayer == nil || bills[position].workerPayer == line.payer
            else {
                adjustments.append(line)
                continue
            }
            bills[position].columns[column.slot] = line.amount
            if !column.isEmployerShare { bills[position].workerPayer = line.payer }
            if let note = line.note {
                let text = "\(line.program.rawValue): \(note)"
                if !(notes[position]?.contains(text) ?? false) { notes[position, default: []].append(text) }
            }
        }
        for (position, texts) in notes { bills[position].note = texts.joined(separator: "; ") }
        return adjustments
    }

    /// One INSERT of `rows` in statements of 64 rows, the rest in 32, 16, … 1: at most seven
    /// statement texts per table, so the connection's statement cache keeps them all.
    private func insert<Row>(_ rows: [Row], _ sql: MultiRowInsert, bind: (Statement, Int, Row) throws -> Void) throws {
        var start = 0
        while start < rows.count {
            let size = MultiRowInsert.sizes.first { $0 <= rows.count - start }!
            let statement = try db.cachedStatement(sql.text(rows: size))
            statement.reset()
            for offset in 0..<size {
                try bind(statement, offset * sql.columns, rows[start + offset])
            }
            while try statement.step() {}
            start += size
        }
    }

    private static let billInsert = MultiRowInsert("""
        INSERT INTO bills (id, membership_id, contribution_month, recorded_at, note,
                           \(DuesColumn.allCases.map(\.name).joined(separator: ", ")), worker_payer_code)
        """, columns: 6 + DuesColumn.allCases.count)
    private static let adjustmentInsert = MultiRowInsert(
        "INSERT INTO bill_adjustments (bill_id, program_code, payer_code, kind, amount, recorded_at, note)", columns: 7)
    private static let paymentInsert = MultiRowInsert("""
        INSERT INTO payments (id, receipt_number, payer_code, employer_id, amount, paid_at, months_covered,
                              channel_code, recorded_at)
        """, columns: 9)
    // An allocation, reversal 0 (0027): a payment settles a bill once.
    private static let allocationInsert = MultiRowInsert(
        "INSERT INTO payment_allocations (bill_id, payment_id, amount, recorded_at)", columns: 4)
}

/// The texts of an `INSERT … VALUES (?, …), (?, …), …` for each statement size.
private struct MultiRowInsert {
    /// Rows per statement, largest first.
    static let sizes = [64, 32, 16, 8, 4, 2, 1]

    let columns: Int
    private let texts: [Int: String]

    init(_ prefix: String, columns: Int) {
        self.columns = columns
        let row = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
        texts = Dictionary(uniqueKeysWithValues: Self.sizes.map { size in
            (size, prefix + " VALUES " + Array(repeating: row, count: size).joined(separator: ", "))
        })
    }

    func text(rows: Int) -> String { texts[rows]! }
}
