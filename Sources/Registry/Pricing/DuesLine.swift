/// One program's share of one month's dues: a line of a quote or a bill (rincian iuran).
///
/// A line keeps how it was computed (`basis` and `rate`) beside the amount, so a clerk can
/// explain a bill and an audit can recompute it. Each line is rounded once, half up to the
/// nearest rupiah (see ``Rupiah/applying(_:)``); a relief then charges its share of that
/// rounded amount, rounded the same way.
public struct DuesLine: Sendable, Hashable, Codable {
    public var program: Program
    public var share: DuesShare
    /// The amount owed, in whole rupiah.
    public var amount: Rupiah
    /// What the rate applied to: the band nominal of declared income (BPU), the wage after any
    /// cap (PU), the contract value (JAKON), the joint JKK+JKM amount the line is a part of
    /// (PMI); nil for flat amounts.
    public var basis: Rupiah?
    /// The rate applied to `basis`; nil for flat amounts and construction's marginal slices.
    public var rate: Rate?
    /// Why the line is not plain `basis × rate`: a cap, a relief, a fixed amount.
    public var note: String?

    public init(
        program: Program, share: DuesShare, amount: Rupiah,
        basis: Rupiah? = nil, rate: Rate? = nil, note: String? = nil
    ) {
        self.program = program
        self.share = share
        self.amount = amount
        self.basis = basis
        self.rate = rate
        self.note = note
    }

    /// Whether a bill carries the line: everything except the government's (JKP) share.
    public var isBillable: Bool { share != .government }
}
