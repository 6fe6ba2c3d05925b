/// Targets as set, the office by its code and the segment by its abbreviation.
enum TargetExporter: RecordExporter {
    static let sql = """
        SELECT CASE WHEN t.office_id IS NOT NULL THEN 'office' WHEN t.province_code IS NOT NULL THEN 'province'
                    ELSE 'regency' END,
               coalesce(o.code, t.province_code, t.regency_code), s.short_code, t.kind, CAST(t.target_value AS TEXT),
               t.period_start, t.period_end, t.note
        FROM targets t
        LEFT JOIN offices o ON o.id = t.office_id
        LEFT JOIN segments s ON s.code = t.segment_code
        ORDER BY t.id
        """
}
