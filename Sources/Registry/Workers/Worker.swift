import Foundation
import SQLiteDB

/// A registered worker (tenaga kerja, peserta), identified by NIK and carrying the KPJ card
/// number the registry issued.
public struct Worker: Sendable, Hashable, Identifiable {
    public typealias ID = RecordID<Worker>

    public let id: ID
    public let nik: NIK
    public let kpj: KPJ
    public let fullName: String
    public let birthDate: CalendarDate
    public let sex: Sex
    /// The village of residence: coverage counts the worker in its regency.
    public let village: RegionCode
    public let occupation: String?
    public let phone: String?
    /// The branch holding the worker's file.
    public let branchOffice: Office.ID
    /// The Perisai agent who signed the worker up, if any.
    public let registeredBy: Agent.ID?
    public let registeredAt: Date

    init(row: some RowReading) throws {
        id = try row["id"]
        nik = try row["nik"]
        kpj = try row["kpj"]
        fullName = try row["full_name"]
        birthDate = try row["birth_date"]
        sex = try row["sex"]
        village = try row["village_code"]
        occupation = try row["occupation"]
        phone = try row["phone"]
        branchOffice = try row["branch_office_id"]
        registeredBy = try row["registered_by_agent_id"]
        registeredAt = try row["registered_at"]
    }

    /// A worker as just stored, built from the values written rather than read back.
    init(id: ID, stored worker: NewWorker, kpj: KPJ, fullName: String, occupation: String?, phone: String?, registeredAt: Date) {
        self.id = id
        nik = worker.nik
        self.kpj = kpj
        self.fullName = fullName
        birthDate = worker.birthDate
        sex = worker.sex
        village = worker.village
        self.occupation = occupation
        self.phone = phone
        branchOffice = worker.branchOffice
        registeredBy = worker.registeredBy
        self.registeredAt = registeredAt
    }

    static let columns = """
        id, nik, kpj, full_name, birth_date, sex, village_code, occupation, phone, branch_office_id,
        registered_by_agent_id, registered_at
        """
}

/// A worker to register. The KPJ is issued by the registry unless one is given (a card
/// number carried over from an earlier system, which must pass its check digit).
public struct NewWorker: Sendable, Hashable {
    public var nik: NIK
    public var fullName: String
    public var birthDate: CalendarDate
    public var sex: Sex
    public var village: RegionCode
    public var occupation: String?
    public var phone: String?
    public var branchOffice: Office.ID
    public var registeredBy: Agent.ID?
    /// When the registration happened; the session's clock when nil.
    public var registeredAt: Date?
    public var kpj: KPJ?

    public init(
        nik: NIK, fullName: String, birthDate: CalendarDate, sex: Sex, village: RegionCode,
        occupation: String? = nil, phone: String? = nil, branchOffice: Office.ID,
        registeredBy: Agent.ID? = nil, registeredAt: Date? = nil, kpj: KPJ? = nil
    ) {
        self.nik = nik
        self.fullName = fullName
        self.birthDate = birthDate
        self.sex = sex
        self.village = village
        self.occupation = occupation
        self.phone = phone
        self.branchOffice = branchOffice
        self.registeredBy = registeredBy
        self.registeredAt = registeredAt
        self.kpj = kpj
    }
}
