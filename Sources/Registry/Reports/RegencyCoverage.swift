import SQLiteDB

/// Coverage of one regency or city, as a row of the view `coverage_by_regency`.
public struct RegencyCoverage: Sendable, Hashable {
    public var regency: RegionCode
    public var name: String
    public var province: RegionCode
    /// The figures; ``Coverage/area`` is `.regency(regency)`.
    public var coverage: Coverage

    /// A city (kota) rather than a regency (kabupaten): the view's `kind`.
    public var isCity: Bool { regency.isInCity }
}

extension RegistrySession {
    /// Coverage of every regency and city at `date`, by code, counting memberships of
    /// `segment` (nil = all): the view `coverage_by_regency` when `report_as_of` is `date`.
    /// Regencies without a labour-force figure are listed with nil ratios.
    public func coverageByRegency(on date: CalendarDate, segment: Segment? = nil) throws -> [RegencyCoverage] {
        try requireCurrentStanding()
        var parameters = ReportDate(date).parameters
        parameters[":segment"] = segment.map { .text($0.rawValue) } ?? .null
        return try reportRows(Self.coverageByRegencySQL, parameters) { try Self.regencyCoverage($0, date: date, segment: segment) }
    }

    /// A row of ``coverageByRegencySQL(participation:)``; `knownOn` for the recorded-time report.
    static func regencyCoverage(_ row: CursorRow, date: CalendarDate, segment: Segment?, knownOn: CalendarDate? = nil) throws -> RegencyCoverage {
        let regency: RegionCode = try row.get(0)
        return RegencyCoverage(
            regency: regency, name: try row.get(1), province: try row.get(2),
            coverage: Coverage(
                area: .regency(regency), date: date, segment: segment,
                labourForce: try row.get(3), labourForceYear: try row.get(4),
                participants: try row.get(5), activeParticipants: try row.get(6), knownOn: knownOn))
    }

    static let coverageByRegencySQL = coverageByRegencySQL(participation: CoverageSQL.regencyParticipation)

    /// The regency query over `participation` (``CoverageSQL/regencyCoverage(participation:)``).
    static func coverageByRegencySQL(participation: String) -> String {
        """
        WITH \(CoverageSQL.regencyCoverage(participation: participation))
        SELECT regency_code, regency_name, province_code, labour_force, labour_force_year,
               participants, active_participants
        FROM regency_coverage
        ORDER BY regency_code
        """
    }
}
