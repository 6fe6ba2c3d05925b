/// `employers`: `npp,name,size_class,jkk_risk_group,labour_intensive,village_code,branch_code`.
struct EmployerImporter: RowImporter {
    static let columns = [
        ImportColumn("npp", required: true), ImportColumn("name", required: true), ImportColumn("size_class", required: true),
        ImportColumn("jkk_risk_group", required: true), ImportColumn("labour_intensive"),
        ImportColumn("village_code", required: true), ImportColumn("branch_code", required: true),
    ]
    static let fieldColumns = ["branch_office_id": "branch_code"]

    private var branches = BranchLookup()

    mutating func importRow(_ row: ImportRow, into session: RegistrySession) throws {
        try session.registerEmployer(NewEmployer(
            npp: try EmployerNumber(try row.required("npp")), name: try row.required("name"),
            sizeClass: try row.requiredCode("size_class", as: EmployerSizeClass.self),
            riskGroup: try row.requiredCode("jkk_risk_group", as: RiskGroup.self),
            isLabourIntensive: try row.boolean("labour_intensive") ?? false,
            village: try row.requiredRegion("village_code"),
            branchOffice: try branches.id(of: try row.required("branch_code"), in: session)))
    }
}

/// Office ids by code, remembered: an import of workers or employers adds no offices, and a
/// million rows should not look up the same few branches a million times.
struct BranchLookup {
    private var ids: [String: Office.ID] = [:]

    mutating func id(of code: String, in session: RegistrySession, column: String = "branch_code") throws -> Office.ID {
        if let id = ids[code] { return id }
        guard let office = try session.office(code: code) else { throw RegistryError.notFound(field: column, value: code) }
        guard office.kind.isBranch else {
            throw RegistryError.conflict(field: column, value: code, reason: .notABranch(kind: office.kind.rawValue))
        }
        ids[code] = office.id
        return office.id
    }
}
