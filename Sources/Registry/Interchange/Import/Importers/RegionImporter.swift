/// `regions`: `code,name`, parents before children (a village's district must exist).
struct RegionImporter: RowImporter {
    static let columns = [ImportColumn("code", required: true), ImportColumn("name", required: true)]
    static let fieldColumns = ["region_code": "code", "parent region": "code"]

    mutating func importRow(_ row: ImportRow, into session: RegistrySession) throws {
        try session.addRegion(try row.requiredRegion("code"), name: try row.required("name"))
    }
}
