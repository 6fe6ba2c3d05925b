/// Memberships as opened, with the worker's KPJ, the segment's abbreviation and the
/// programs in the fixed order JKK JKM JHT JP JKP.
///
/// JKP eligibility is not stored; a membership with JKP proves it (both columns `true`),
/// one without it exports as unknown, which re-imports without JKP.
enum MembershipExporter: RecordExporter {
    static let sql = """
        SELECT w.kpj, s.short_code, m.start_date, m.end_date, m.end_reason_code, m.payer_code,
               (SELECT group_concat(program_code) FROM membership_programs WHERE membership_id = m.id),
               CAST(m.declared_income AS TEXT), coalesce(e.npp, c.npp), p.name,
               CASE WHEN EXISTS (SELECT 1 FROM membership_programs WHERE membership_id = m.id AND program_code = 'JKP')
                    THEN 'true' END,
               CASE WHEN EXISTS (SELECT 1 FROM membership_programs WHERE membership_id = m.id AND program_code = 'JKP')
                    THEN 'true' END
        FROM memberships m
        JOIN workers w ON w.id = m.worker_id
        JOIN segments s ON s.code = m.segment_code
        LEFT JOIN employers e ON e.id = m.employer_id
        LEFT JOIN construction_projects p ON p.id = m.construction_project_id
        LEFT JOIN employers c ON c.id = p.contractor_employer_id
        ORDER BY m.id
        """

    static func finish(_ cells: inout [String?], unmasked: Bool) {
        cells[6] = Program.set(commaSeparated: cells[6]).sorted().map(\.rawValue).joined(separator: " ")
    }
}
