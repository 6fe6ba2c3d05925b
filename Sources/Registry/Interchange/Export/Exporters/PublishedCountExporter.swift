/// The current published figures (neither superseded nor withdrawn) in the order they were
/// recorded, as new figures: importing them into another register gives the same figures, not
/// the corrections that led to them.
enum PublishedCountExporter: RecordExporter {
    static let sql = """
        SELECT CASE WHEN p.office_id IS NOT NULL THEN 'office' WHEN p.province_code IS NOT NULL THEN 'province'
                    ELSE 'regency' END,
               coalesce(o.code, p.province_code, p.regency_code), s.short_code, p.measure, p.as_of,
               CAST(p.head_count AS TEXT), p.source, NULL
        FROM published_counts p
        LEFT JOIN offices o ON o.id = p.office_id
        LEFT JOIN segments s ON s.code = p.segment_code
        WHERE p.head_count IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM published_counts x WHERE x.supersedes_id = p.id)
        ORDER BY p.id
        """
}
