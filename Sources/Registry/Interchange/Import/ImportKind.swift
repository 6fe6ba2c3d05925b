/// A kind of record the registry imports from and exports to CSV, in dependency order:
/// each kind refers only to kinds listed before it.
public enum ImportKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case regions, offices, employers, workers, memberships, payments
    case labourForce = "labour-force"
    case targets
    case publishedCounts = "published-counts"

    public var description: String { rawValue }

    /// The columns of the kind's CSV files, in the order exports write them.
    public var columns: [ImportColumn] { importerType.columns }

    var importerType: any RowImporter.Type {
        switch self {
        case .regions: RegionImporter.self
        case .offices: OfficeImporter.self
        case .employers: EmployerImporter.self
        case .workers: WorkerImporter.self
        case .memberships: MembershipImporter.self
        case .payments: PaymentImporter.self
        case .labourForce: LabourForceImporter.self
        case .targets: TargetImporter.self
        case .publishedCounts: PublishedCountImporter.self
        }
    }
}

/// A column of an import file: matched by header name, in any order.
public struct ImportColumn: Sendable, Hashable {
    public let name: String
    /// A required column must be in the header (its cells may still be empty where the kind
    /// allows it, e.g. a reversal row of payments).
    public let isRequired: Bool
    /// Written as a JSON number by exports.
    public let isNumeric: Bool

    public init(_ name: String, required: Bool = false, numeric: Bool = false) {
        self.name = name
        isRequired = required
        isNumeric = numeric
    }
}
