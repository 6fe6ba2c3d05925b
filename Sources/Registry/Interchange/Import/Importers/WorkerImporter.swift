/// `workers`: `nik,full_name,birth_date,sex,village_code,occupation,phone,branch_code,kpj,registered_at`.
/// An empty `kpj` has the registry issue one; an empty `registered_at` is now.
struct WorkerImporter: RowImporter {
    static let columns = [
        ImportColumn("nik", required: true), ImportColumn("full_name", required: true),
        ImportColumn("birth_date", required: true), ImportColumn("sex", required: true),
        ImportColumn("village_code", required: true), ImportColumn("occupation"), ImportColumn("phone"),
        ImportColumn("branch_code", required: true), ImportColumn("kpj"), ImportColumn("registered_at"),
    ]
    static let fieldColumns = ["branch_office_id": "branch_code"]
    static let cachesReferenceData = true

    private var branches = BranchLookup()

    mutating func importRow(_ row: ImportRow, into session: RegistrySession) throws {
        try session.registerReturningID(NewWorker(
            nik: try NIK(try row.required("nik")), fullName: try row.required("full_name"),
            birthDate: try row.requiredDate("birth_date"), sex: try Self.sex(row),
            village: try row.requiredRegion("village_code"), occupation: row.text("occupation"), phone: row.text("phone"),
            branchOffice: try branches.id(of: try row.required("branch_code"), in: session),
            registeredAt: try row.timestamp("registered_at"), kpj: try row.text("kpj").map { try KPJ($0) }))
    }

    /// `male`/`female`, or the civil registry's `L` (laki-laki) and `P` (perempuan).
    static func sex(_ row: ImportRow) throws(RegistryError) -> Sex {
        let text = try row.required("sex")
        switch text.lowercased() {
        case "male", "l": return .male
        case "female", "p": return .female
        default: throw .invalid(field: "sex", value: text, reason: .notASex)
        }
    }
}
