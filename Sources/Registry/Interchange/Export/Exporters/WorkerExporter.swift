/// Workers as registered, the NIK masked unless asked otherwise.
enum WorkerExporter: RecordExporter {
    static let sql = """
        SELECT w.nik, w.full_name, w.birth_date, w.sex, w.village_code, w.occupation, w.phone, o.code, w.kpj,
               w.registered_at
        FROM workers w JOIN offices o ON o.id = w.branch_office_id
        ORDER BY w.id
        """

    static func finish(_ cells: inout [String?], unmasked: Bool) {
        if !unmasked, let nik = cells[0] { cells[0] = NIK.mask(nik) }
    }
}
