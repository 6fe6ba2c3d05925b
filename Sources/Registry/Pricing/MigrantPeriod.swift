/// The period a migrant worker's (PMI) fixed JKK+JKM amount covers, as `migrant_fixed_dues`
/// lists it: one amount before departure, one per placement length.
public enum MigrantPeriod: Sendable, Hashable {
    /// Before departure (sebelum penempatan).
    case beforePlacement
    /// A placement abroad (masa penempatan) of this many months, at least 1.
    case placement(months: Int)
}
