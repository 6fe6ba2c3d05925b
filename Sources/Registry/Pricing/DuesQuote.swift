/// The priced dues of one contribution month of one membership (perhitungan iuran).
///
/// `lines` is the whole picture, including the government-funded JKP lines; `billable` and
/// `billableTotal` are what a bill carries, what the employer, the member or the sponsor pays.
/// Every line was rounded on its own, so `billableTotal` is the exact sum of rounded lines and
/// a bill's lines always add up to it.
public struct DuesQuote: Sendable, Hashable {
    public var month: ContributionMonth
    /// Every line, sorted by program (JKK, JKM, JHT, JP, JKP) then share (employer, worker,
    /// government).
    public var lines: [DuesLine]
    /// The lines a bill carries: those whose share is not `.government`.
    public var billable: [DuesLine]
    /// The sum of `billable`: what the month's bill asks for. It leaves out what central
    /// government funds (JKP), which ``total(for:)`` with `.government` gives.
    public var billableTotal: Rupiah

    /// The sum of `billable`, government-funded JKP left out: ``billableTotal``, whose name says so.
    @available(*, deprecated, renamed: "billableTotal", message: "it leaves out government-funded JKP; billableTotal says so")
    public var total: Rupiah { billableTotal }

    /// A quote of `lines` (in any order) for `month`.
    public init(month: ContributionMonth, lines: [DuesLine]) {
        self.month = month
        self.lines = lines.sorted {
            ($0.program.order, $0.share.order) < ($1.program.order, $1.share.order)
        }
        billable = self.lines.filter(\.isBillable)
        billableTotal = billable.reduce(.zero) { $0 + $1.amount }
    }

    /// The sum of one share's lines; for `.government`, what central government funds.
    public func total(for share: DuesShare) -> Rupiah {
        lines.reduce(.zero) { $1.share == share ? $0 + $1.amount : $0 }
    }

    /// The line of one program and share, if the quote has it.
    public func line(_ program: Program, _ share: DuesShare) -> DuesLine? {
        lines.first { $0.program == program && $0.share == share }
    }
}

extension Program {
    /// Position in quotes, as listed in `domain.md` (and without allocating `allCases`).
    var order: Int {
        switch self {
        case .jkk: 0
        case .jkm: 1
        case .jht: 2
        case .jp: 3
        case .jkp: 4
        }
    }

    /// Every program in quote order.
    static let inOrder: [Program] = [.jkk, .jkm, .jht, .jp, .jkp]
}
