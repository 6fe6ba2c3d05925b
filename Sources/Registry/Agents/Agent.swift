import SQLiteDB

/// A Perisai agent (Penggerak Jaminan Sosial Indonesia): a community agent who signs up
/// informal workers in villages, paid a share of their recruits' dues.
public struct Agent: Sendable, Hashable, Identifiable {
    public typealias ID = RecordID<Agent>

    public let id: ID
    public let fullName: String
    public let nik: NIK?
    public let phone: String?
    public let branchOffice: Office.ID
    public let activeFrom: CalendarDate
    /// The last day of service; nil while the agent serves.
    public let activeTo: CalendarDate?

    public func isActive(on date: CalendarDate) -> Bool {
        activeFrom <= date && (activeTo.map { date <= $0 } ?? true)
    }

    init(row: some RowReading) throws {
        id = try row["id"]
        fullName = try row["full_name"]
        nik = try row["nik"]
        phone = try row["phone"]
        branchOffice = try row["branch_office_id"]
        activeFrom = try row["active_from"]
        activeTo = try row["active_to"]
    }

    static let columns = "id, full_name, nik, phone, branch_office_id, active_from, active_to"
}

/// An agent to register: a name, and a NIK or a phone number (at least one).
public struct NewAgent: Sendable, Hashable {
    public var fullName: String
    public var nik: NIK?
    public var phone: String?
    public var branchOffice: Office.ID
    public var activeFrom: CalendarDate
    /// The villages the agent serves.
    public var villages: [RegionCode]

    public init(fullName: String, nik: NIK? = nil, phone: String? = nil, branchOffice: Office.ID,
                activeFrom: CalendarDate, villages: [RegionCode] = []) {
        self.fullName = fullName
        self.nik = nik
        self.phone = phone
        self.branchOffice = branchOffice
        self.activeFrom = activeFrom
        self.villages = villages
    }
}

/// An agent's fee for one contribution month.
public struct AgentFee: Sendable, Hashable {
    public let agent: Agent.ID
    public let month: ContributionMonth
    /// The recruits whose dues for the month were paid.
    public let payingRecruits: Int
    /// Dues paid for the month on the recruits' memberships.
    public let dues: Rupiah
    /// The fee rate in force on the month's first day (7.5% since 2018).
    public let rate: Rate
    /// `dues` × `rate`, rounded half up to whole rupiah.
    public let fee: Rupiah
}
