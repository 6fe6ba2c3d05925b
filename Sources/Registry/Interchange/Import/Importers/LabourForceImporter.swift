/// `labour-force`: `year,area_code,employed,unemployed,source` for a province or a regency.
struct LabourForceImporter: RowImporter {
    static let columns = [
        ImportColumn("year", required: true, numeric: true), ImportColumn("area_code", required: true),
        ImportColumn("employed", required: true, numeric: true), ImportColumn("unemployed", required: true, numeric: true),
        ImportColumn("source"),
    ]
    static let fieldColumns = ["region_code": "area_code"]

    mutating func importRow(_ row: ImportRow, into session: RegistrySession) throws {
        let year = try row.requiredInteger("year")
        guard let exactYear = Int(exactly: year) else {
            throw RegistryError.invalid(field: "year", value: String(year), reason: .notAYear)
        }
        try session.recordLabourForce(
            year: exactYear, area: try RegionCode(try row.required("area_code"), field: "area_code"),
            employed: try row.requiredInteger("employed"), unemployed: try row.requiredInteger("unemployed"),
            source: row.text("source"))
    }
}
