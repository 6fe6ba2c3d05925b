import SQLiteDB

/// How SQLite runs one report's query: the `detail` lines of `EXPLAIN QUERY PLAN`, for the
/// benchmarks and for anyone tuning a large register.
public struct ReportQueryPlan: Sendable, Hashable {
    /// The report's function name, e.g. `coverageByRegency`.
    public var report: String
    /// The plan's lines, indented two spaces per level.
    public var lines: [String]
    /// Whether some step searches an index (rather than every step scanning a whole table).
    public var usesIndex: Bool
    /// The steps that read a whole table or index from start to end (`SCAN …`), which cost in
    /// proportion to its size.
    public var fullScans: [String] { lines.map { $0.trimmingPrefix(while: \.isWhitespace) }.filter { $0.hasPrefix("SCAN ") }.map(String.init) }
}

extension RegistrySession {
    /// The query plan of every report that reads the standing tables, with `date` bound.
    public func reportQueryPlans(on date: CalendarDate) throws -> [ReportQueryPlan] {
        var parameters = ReportDate(date).parameters.merging(ArrearsFilter().parameters) { $1 }
        parameters[":on"] = .text(date.isoString)
        // A page of the arrears list: one closed length class, after a cursor.
        parameters[":class"] = .integer(3)
        parameters[":from"] = .text(ArrearsPaging.earliestStart(of: 3, holding: date))
        parameters[":worker"] = .integer(0)
        parameters[":until"] = .text(date.isoString)
        parameters[":membership"] = .integer(0)
        parameters[":limit"] = .integer(1_000)
        let reports: [(String, String)] = [
            ("coverageByRegency", Self.coverageByRegencySQL),
            ("coverageByBranch", Self.coverageByBranchSQL),
            ("coverageByRegionalOffice", Self.coverageByRegionalOfficeSQL),
            ("statusCounts", Self.statusCountsSQL),
            ("arrears", Self.arrearsSQL),
            ("arrearsPage", ArrearsPaging.sql(afterCursor: false)),
            ("arrearsPageAfterCursor", ArrearsPaging.sql(afterCursor: true)),
            ("targetAchievements", Self.targetAchievementsSQL),
        ]
        return try reports.map { name, sql in
            var depth: [Int64: Int] = [0: -1]
            var lines: [String] = []
            try forEachReportRow("EXPLAIN QUERY PLAN " + sql, parameters) { row in
                let id: Int64 = try row.get(0), parent: Int64 = try row.get(1)
                let level = (depth[parent] ?? -1) + 1
                depth[id] = level
                lines.append(String(repeating: "  ", count: level) + (try row.get(3, as: String.self)))
            }
            let usesIndex = lines.contains { $0.contains(" USING ") && ($0.contains("INDEX") || $0.contains("PRIMARY KEY")) }
            return ReportQueryPlan(report: name, lines: lines, usesIndex: usesIndex)
        }
    }
}
