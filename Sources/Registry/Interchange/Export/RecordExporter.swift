import SQLiteDB

/// Reads one kind of record as rows of text cells, in the columns of its import file and in
/// an order that imports again (parents before children, payments as they were made).
protocol RecordExporter {
    /// One query whose columns are the kind's columns, every one TEXT or NULL.
    static var sql: String { get }
    /// Adjusts a row's cells before writing: masking a NIK, ordering a list.
    static func finish(_ cells: inout [String?], unmasked: Bool)
}

extension RecordExporter {
    static func finish(_ cells: inout [String?], unmasked: Bool) {}
}

extension ImportKind {
    var exporterType: any RecordExporter.Type {
        switch self {
        case .regions: RegionExporter.self
        case .offices: OfficeExporter.self
        case .employers: EmployerExporter.self
        case .workers: WorkerExporter.self
        case .memberships: MembershipExporter.self
        case .payments: PaymentExporter.self
        case .labourForce: LabourForceExporter.self
        case .targets: TargetExporter.self
        case .publishedCounts: PublishedCountExporter.self
        }
    }
}
