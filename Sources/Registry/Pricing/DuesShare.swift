import SQLiteDB

/// Whose share of the dues (iuran) a line is: the `share` column of `contribution_rates`.
///
/// Wage earners' dues are split between the employer (pemberi kerja) and the worker, whose
/// share is deducted from the wage; JKP is funded by central government and never billed, but
/// is priced so a quote shows the whole picture. Informal and migrant workers pay a worker
/// share (whoever sponsors it); construction dues are the contractor's, an employer share.
public enum DuesShare: String, Sendable, Hashable, CaseIterable, Codable, DatabaseValueConvertible {
    /// Paid by the employer or construction contractor.
    case employer
    /// The member's own share (for wage earners, deducted from the wage).
    case worker
    /// Funded by central government (JKP): informational, never on a bill.
    case government

    /// Position in quotes: employer, worker, government.
    var order: Int {
        switch self {
        case .employer: 0
        case .worker: 1
        case .government: 2
        }
    }
}
