/// What one contribution month of one membership is priced on (dasar perhitungan iuran).
///
/// Each segment prices on something different, so the basis carries exactly what its segment
/// needs and nothing else: declared income (BPU), the wage and the employer's JKK risk group
/// (PU), a project's contract value (JAKON), a placement (PMI).
public enum DuesBasis: Sendable, Hashable {
    /// An informal worker (Bukan Penerima Upah, BPU): income as declared, before it is snapped
    /// to its band (`bpu_income_bands`).
    case informal(declaredIncome: Rupiah)
    /// A wage earner (Penerima Upah, PU): the monthly wage, the employer's JKK risk group, and
    /// whether the employer is labour-intensive (padat karya), which some reliefs target.
    case wageEarner(wage: Rupiah, riskGroup: RiskGroup, labourIntensive: Bool)
    /// A construction project (Jasa Konstruksi, JAKON): dues on the contract value, per project.
    case construction(contractValue: Rupiah)
    /// A migrant worker (Pekerja Migran Indonesia, PMI): fixed amounts per period.
    case migrant(MigrantPeriod)

    /// The segment whose rules price this basis.
    public var segment: Segment {
        switch self {
        case .informal: .informal
        case .wageEarner: .wageEarner
        case .construction: .construction
        case .migrant: .migrant
        }
    }
}
