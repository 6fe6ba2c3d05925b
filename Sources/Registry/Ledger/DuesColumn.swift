import SQLiteDB

/// One of the eight dues columns of a `bills` row (0026): a program × share the billing run
/// charges. A bill's dues lines are stored there, not as rows, because a billing run writes each
/// bill once with lines of known program × share; every other line (late penalties, reversals,
/// a line no column fits) is a row of `bill_adjustments`.
///
/// The employer columns are paid by ``Payer/employer``; the worker columns by the bill's
/// `worker_payer_code` (the member, or a sponsor), one payer per bill.
enum DuesColumn: Int, CaseIterable {
    case jkkEmployer, jkkWorker, jkmEmployer, jkmWorker, jhtEmployer, jhtWorker, jpEmployer, jpWorker

    /// Position in the bill (0–7): the order of quotes (program, then employer before worker),
    /// and the `slot` of a column line's id.
    var slot: Int { rawValue }

    var name: String {
        switch self {
        case .jkkEmployer: "jkk_employer"
        case .jkkWorker: "jkk_worker"
        case .jkmEmployer: "jkm_employer"
        case .jkmWorker: "jkm_worker"
        case .jhtEmployer: "jht_employer"
        case .jhtWorker: "jht_worker"
        case .jpEmployer: "jp_employer"
        case .jpWorker: "jp_worker"
        }
    }

    var program: Program {
        switch self {
        case .jkkEmployer, .jkkWorker: .jkk
        case .jkmEmployer, .jkmWorker: .jkm
        case .jhtEmployer, .jhtWorker: .jht
        case .jpEmployer, .jpWorker: .jp
        }
    }

    /// Whether the employer pays it; otherwise the bill's worker payer does.
    var isEmployerShare: Bool { rawValue % 2 == 0 }

    /// The column of a dues line of `program` paid by `payer`, if there is one.
    init?(program: Program, payer: Payer) {
        let base: Int
        switch program {
        case .jkk: base = 0
        case .jkm: base = 2
        case .jht: base = 4
        case .jp: base = 6
        default: return nil
        }
        self.init(rawValue: base + (payer == .employer ? 0 : 1))
    }

    /// The id of this column's line on `bill` in the `bill_lines` view: `-(bill × 8 + slot)`,
    /// negative so that it never equals an adjustment's rowid.
    func lineID(of bill: Bill.ID) -> BillLine.ID {
        BillLine.ID(-(bill.rawValue * 8 + Int64(slot)))
    }

    /// The sum of a bill's dues columns as SQL on the alias `b` (0 when all are NULL). A bill's
    /// amount due is this plus the sum of its adjustments. Not a generated column: SQLite 3.40's
    /// session extension cannot diff a table that has one, and sync diffs `bills`.
    static let sumSQL = "(" + allCases.map { "coalesce(b.\($0.name), 0)" }.joined(separator: " + ") + ")"

    /// A bill's amount due as SQL on the alias `b`: its columns and its adjustments.
    static let amountDueSQL = "(\(sumSQL) + (SELECT coalesce(sum(amount), 0) FROM bill_adjustments WHERE bill_id = b.id))"

    /// The columns as SQL on the alias `b`, in slot order, then `b.worker_payer_code`.
    static let selectList = allCases.map { "b.\($0.name)" }.joined(separator: ", ") + ", b.worker_payer_code"
}
