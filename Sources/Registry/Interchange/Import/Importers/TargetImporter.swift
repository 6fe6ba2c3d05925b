/// `targets`: `area_kind,area_code,segment,kind,value,period_start,period_end,note`.
/// `area_kind` is `office` (by office code), `province` or `regency`; an empty segment is all.
struct TargetImporter: RowImporter {
    static let columns = [
        ImportColumn("area_kind", required: true), ImportColumn("area_code", required: true), ImportColumn("segment"),
        ImportColumn("kind", required: true), ImportColumn("value", required: true, numeric: true),
        ImportColumn("period_start", required: true), ImportColumn("period_end", required: true), ImportColumn("note"),
    ]
    static let fieldColumns = [
        "office_code": "area_code", "province_code": "area_code", "regency_code": "area_code", "target_value": "value",
    ]

    mutating func importRow(_ row: ImportRow, into session: RegistrySession) throws {
        try session.addTarget(NewTarget(
            area: try row.area(), segment: try row.segment("segment"), kind: try row.requiredCode("kind", as: TargetKind.self),
            value: try row.requiredInteger("value"), periodStart: try row.requiredDate("period_start"),
            periodEnd: try row.requiredDate("period_end"), note: row.text("note")))
    }
}

extension ImportRow {
    /// The area of `area_kind` and `area_code`: `office` (by office code), `province` or `regency`.
    func area() throws(RegistryError) -> CoverageArea {
        let code = try required("area_code")
        switch try required("area_kind") {
        case "office": return .office(code: code)
        case "province": return .province(try RegionCode(code, field: "area_code"))
        case "regency": return .regency(try RegionCode(code, field: "area_code"))
        case let other:
            throw .invalid(field: "area_kind", value: other, reason: .notAnAreaKind)
        }
    }
}
