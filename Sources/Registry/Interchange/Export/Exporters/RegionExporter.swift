/// Regions by code: a parent's code is a prefix of its children's, so it sorts first.
enum RegionExporter: RecordExporter {
    static let sql = """
        SELECT code, name FROM provinces UNION ALL SELECT code, name FROM regencies
        UNION ALL SELECT code, name FROM districts UNION ALL SELECT code, name FROM villages
        ORDER BY 1
        """
}
