import SQLiteDB

/// The level of an office in the hierarchy head office → regional office → branch.
public enum OfficeKind: String, Sendable, Hashable, CaseIterable, Codable, DatabaseValueConvertible {
    /// Kantor Pusat.
    case headOffice = "head_office"
    /// Kantor Wilayah.
    case regionalOffice = "regional_office"
    /// Kantor Cabang.
    case branch
    /// Kantor Cabang Perintis: a smaller branch.
    case pioneerBranch = "pioneer_branch"

    /// Branches and pioneer branches serve regencies, hold workers' files and employ agents.
    public var isBranch: Bool { self == .branch || self == .pioneerBranch }
}
