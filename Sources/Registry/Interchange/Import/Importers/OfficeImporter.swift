import SQLiteDB

/// `offices`: `code,name,kind,parent_code,village_code,regencies,regencies_from`, parents first.
///
/// `regencies` lists the regencies a branch serves, space-separated; each is `PP.KK` (served
/// from `regencies_from`) or `PP.KK@YYYY-MM-DD` (served from that date).
struct OfficeImporter: RowImporter {
    static let columns = [
        ImportColumn("code", required: true), ImportColumn("name", required: true), ImportColumn("kind", required: true),
        ImportColumn("parent_code"), ImportColumn("village_code"), ImportColumn("regencies"), ImportColumn("regencies_from"),
    ]
    static let fieldColumns = [
        "office_code": "code", "parent_office_id": "parent_code", "regency_code": "regencies",
        "effective_from": "regencies", "branch_office_id": "regencies",
    ]

    mutating func importRow(_ row: ImportRow, into session: RegistrySession) throws {
        var parent: Office.ID?
        if let code = row.text("parent_code") {
            guard let office = try session.office(code: code) else {
                throw RegistryError.notFound(field: "parent_code", value: code)
            }
            parent = office.id
        }
        let office = try session.addOffice(NewOffice(
            code: try row.required("code"), name: try row.required("name"),
            kind: try row.requiredCode("kind", as: OfficeKind.self), parent: parent, village: try row.region("village_code")))
        let from = try row.date("regencies_from")
        for item in (row.text("regencies") ?? "").split(separator: " ", omittingEmptySubsequences: true) {
            let parts = item.split(separator: "@", maxSplits: 1)
            let regency = try RegionCode(String(parts[0]), field: "regencies")
            var date = from
            if parts.count == 2 {
                guard let given = CalendarDate(iso: String(parts[1])) else {
                    throw RegistryError.invalid(field: "regencies", value: String(item), reason: .regencyDateNotADate)
                }
                date = given
            }
            guard let date else {
                throw RegistryError.invalid(field: "regencies_from", value: "",
                                            reason: .regenciesFromEmpty)
            }
            try session.assign(regency: regency, to: office.id, from: date)
        }
    }
}
