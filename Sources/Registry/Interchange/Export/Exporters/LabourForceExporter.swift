/// Labour-force figures as recorded.
enum LabourForceExporter: RecordExporter {
    static let sql = """
        SELECT CAST(year AS TEXT), coalesce(province_code, regency_code), CAST(employed AS TEXT),
               CAST(unemployed AS TEXT), source
        FROM labour_force ORDER BY id
        """
}
