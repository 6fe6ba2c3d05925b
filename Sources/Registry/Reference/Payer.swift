import SQLiteDB

/// Who pays a membership's dues, or one line of a bill.
public enum Payer: String, Sendable, Hashable, CaseIterable, Codable, DatabaseValueConvertible {
    /// The worker (for wage earners: the worker's share, deducted from the wage).
    case `self` = "self"
    /// The employer (pemberi kerja) or construction contractor.
    case employer
    /// A local government sponsoring vulnerable workers (pemerintah daerah).
    case localGovernment = "local_government"
    /// A company's CSR budget.
    case companyCSR = "company_csr"
    /// Another sponsor: a foundation, a village fund, a placement agency.
    case otherSponsor = "other_sponsor"
    /// Central government, funding JKP; never billed to members or employers.
    case centralGovernment = "central_government"
}
