/// Employers as registered.
enum EmployerExporter: RecordExporter {
    static let sql = """
        SELECT e.npp, e.name, e.size_class, e.jkk_risk_group,
               CASE e.labour_intensive WHEN 1 THEN 'true' ELSE 'false' END, e.village_code, o.code
        FROM employers e JOIN offices o ON o.id = e.branch_office_id
        ORDER BY e.id
        """
}
