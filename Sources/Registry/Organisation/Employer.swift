import Foundation
import SQLiteDB

/// An employer (pemberi kerja), registered under its NPP. Its size class decides which
/// programs its wage earners must join; its risk group sets their JKK rate.
public struct Employer: Sendable, Hashable, Identifiable {
    public typealias ID = RecordID<Employer>

    public let id: ID
    public let npp: EmployerNumber
    public let name: String
    public let sizeClass: EmployerSizeClass
    public let riskGroup: RiskGroup
    /// A labour-intensive industry (industri padat karya), eligible for the 2025 JKK relief.
    public let isLabourIntensive: Bool
    public let village: RegionCode
    public let branchOffice: Office.ID

    init(row: some RowReading) throws {
        id = try row["id"]
        npp = try row["npp"]
        name = try row["name"]
        sizeClass = try row["size_class"]
        riskGroup = try row["jkk_risk_group"]
        isLabourIntensive = try row["labour_intensive"]
        village = try row["village_code"]
        branchOffice = try row["branch_office_id"]
    }

    static let columns = "id, npp, name, size_class, jkk_risk_group, labour_intensive, village_code, branch_office_id"
}

/// An employer to register.
public struct NewEmployer: Sendable, Hashable {
    public var npp: EmployerNumber
    public var name: String
    public var sizeClass: EmployerSizeClass
    public var riskGroup: RiskGroup
    public var isLabourIntensive: Bool
    public var village: RegionCode
    public var branchOffice: Office.ID

    public init(
        npp: EmployerNumber, name: String, sizeClass: EmployerSizeClass, riskGroup: RiskGroup,
        isLabourIntensive: Bool = false, village: RegionCode, branchOffice: Office.ID
    ) {
        self.npp = npp
        self.name = name
        self.sizeClass = sizeClass
        self.riskGroup = riskGroup
        self.isLabourIntensive = isLabourIntensive
        self.village = village
        self.branchOffice = branchOffice
    }
}
