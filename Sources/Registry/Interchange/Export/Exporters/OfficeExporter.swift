/// Offices by level (head office, regional offices, branches), then as added; each branch's
/// regency assignments as `PP.KK@from` items in date order.
enum OfficeExporter: RecordExporter {
    static let sql = """
        SELECT o.code, o.name, o.kind, p.code, o.village_code,
               (SELECT group_concat(item, ' ') FROM (
                    SELECT regency_code || '@' || effective_from AS item FROM branch_regencies
                    WHERE branch_office_id = o.id ORDER BY effective_from, regency_code)),
               NULL
        FROM offices o LEFT JOIN offices p ON p.id = o.parent_office_id
        ORDER BY CASE o.kind WHEN 'head_office' THEN 0 WHEN 'regional_office' THEN 1 ELSE 2 END, o.id
        """
}
