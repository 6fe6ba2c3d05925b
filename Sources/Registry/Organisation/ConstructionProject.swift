import SQLiteDB

/// A construction project (proyek Jasa Konstruksi, JAKON): its contractor is an employer, and
/// its dues are priced on the contract value.
public struct ConstructionProject: Sendable, Hashable, Identifiable {
    public typealias ID = RecordID<ConstructionProject>

    public let id: ID
    public let contractor: Employer.ID
    public let name: String
    public let contractValue: Rupiah
    /// The work order (surat perintah kerja); the project registers within 14 working days of it.
    public let workOrderDate: CalendarDate
    public let startDate: CalendarDate
    public let endDate: CalendarDate
    public let site: RegionCode?

    init(row: some RowReading) throws {
        id = try row["id"]
        contractor = try row["contractor_employer_id"]
        name = try row["name"]
        contractValue = try row["contract_value"]
        workOrderDate = try row["work_order_date"]
        startDate = try row["start_date"]
        endDate = try row["end_date"]
        site = try row["village_code"]
    }

    static let columns = "id, contractor_employer_id, name, contract_value, work_order_date, start_date, end_date, village_code"
}

/// A construction project to register.
public struct NewConstructionProject: Sendable, Hashable {
    public var contractor: Employer.ID
    public var name: String
    public var contractValue: Rupiah
    public var workOrderDate: CalendarDate
    public var startDate: CalendarDate
    public var endDate: CalendarDate
    public var site: RegionCode?

    public init(
        contractor: Employer.ID, name: String, contractValue: Rupiah, workOrderDate: CalendarDate,
        startDate: CalendarDate, endDate: CalendarDate, site: RegionCode? = nil
    ) {
        self.contractor = contractor
        self.name = name
        self.contractValue = contractValue
        self.workOrderDate = workOrderDate
        self.startDate = startDate
        self.endDate = endDate
        self.site = site
    }
}
