import SQLiteDB

/// The evaluation date of a report, as the named SQL parameters every report query binds.
///
/// The views read their date from the view `report_as_of`, which is today in Jakarta in
/// production (`0022_valid_time.sql`), so they cannot answer "how did things stand on 31 December?".
/// The report queries in this folder take the date as bound parameters instead (never spliced
/// into the SQL text), so the same compiled statement serves every date:
///
/// | parameter          | value                         | the views' expression               |
/// |--------------------|-------------------------------|-------------------------------------|
/// | `:as_of`           | the date, `YYYY-MM-DD`        | `as_of`                             |
/// | `:year`            | the date's year, integer      | `CAST(strftime('%Y', as_of) AS INTEGER)` |
struct ReportDate {
    let date: CalendarDate

    init(_ date: CalendarDate) { self.date = date }

    /// The parameters above, by name.
    var parameters: [String: DatabaseValue] {
        [
            ":as_of": .text(date.isoString),
            ":year": .integer(Int64(date.year)),
        ]
    }
}

extension RegistrySession {
    /// Runs a report query, binding by name those of `parameters` the SQL uses, and calls `body`
    /// with each row read in place.
    ///
    /// Report queries are assembled from shared fragments, so not every query uses every
    /// parameter: binding only the names the statement declares keeps one parameter set for
    /// all of them, while a name the SQL uses but nobody supplies is still an error (SQLiteDB
    /// refuses to run a statement with an unbound parameter).
    func forEachReportRow(
        _ sql: String, _ parameters: [String: DatabaseValue], body: (CursorRow) throws -> Void
    ) throws {
        let statement = try db.cachedStatement(sql)
        let used = parameters.filter { statement.parameterIndex(named: $0.key) != nil }
        try statement.bind(named: used)
        defer { statement.reset() }
        while try statement.step() {
            try body(statement.currentRow)
        }
    }

    /// Every row of a report query, each turned into a value by `make`.
    func reportRows<T>(
        _ sql: String, _ parameters: [String: DatabaseValue], _ make: (CursorRow) throws -> T
    ) throws -> [T] {
        var items: [T] = []
        try forEachReportRow(sql, parameters) { items.append(try make($0)) }
        return items
    }
}
