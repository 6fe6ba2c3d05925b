import SQLiteDB

/// Coverage of a branch or a regional office at a date, as a row of the views
/// `coverage_by_branch` and `coverage_by_regional_office`.
public struct OfficeCoverage: Sendable, Hashable {
    /// The office's unique code (`offices.code`).
    public var officeCode: String
    public var officeName: String
    public var kind: OfficeKind
    /// A branch's regional office, a regional office's head office.
    public var parentOfficeCode: String?
    /// Regencies served at the date (for a regional office, by all its branches).
    public var regenciesServed: Int
    /// For a regional office, its branches; nil for a branch.
    public var branches: Int?
    /// The figures, summed over the regencies served; ``Coverage/area`` is `.office(code:)`.
    public var coverage: Coverage
}

extension RegistrySession {
    /// Coverage of every branch and pioneer branch at `date`, by office code, over the
    /// regencies each serves at the date: the view `coverage_by_branch` when `report_as_of` is
    /// `date`. A branch serving no regency at the date is listed with zeros.
    public func coverageByBranch(on date: CalendarDate, segment: Segment? = nil) throws -> [OfficeCoverage] {
        try requireCurrentStanding()
        return try reportRows(Self.coverageByBranchSQL, Self.officeParameters(date, segment)) { row in
            try Self.officeCoverage(row, date: date, segment: segment, branches: nil)
        }
    }

    /// Coverage of every regional office at `date`, by office code: the sum of its branches
    /// (view `coverage_by_regional_office` when `report_as_of` is `date`).
    public func coverageByRegionalOffice(on date: CalendarDate, segment: Segment? = nil) throws -> [OfficeCoverage] {
        try requireCurrentStanding()
        return try reportRows(Self.coverageByRegionalOfficeSQL, Self.officeParameters(date, segment)) { row in
            try Self.officeCoverage(row, date: date, segment: segment, branches: try row.get(9))
        }
    }

    static func officeParameters(_ date: CalendarDate, _ segment: Segment?) -> [String: DatabaseValue] {
        var parameters = ReportDate(date).parameters
        parameters[":segment"] = segment.map { .text($0.rawValue) } ?? .null
        return parameters
    }

    /// Columns 0–8 of both queries; `knownOn` for the recorded-time reports.
    static func officeCoverage(
        _ row: CursorRow, date: CalendarDate, segment: Segment?, branches: Int?, knownOn: CalendarDate? = nil
    ) throws -> OfficeCoverage {
        let code: String = try row.get(0)
        return OfficeCoverage(
            officeCode: code, officeName: try row.get(1), kind: try row.get(2), parentOfficeCode: try row.get(3),
            regenciesServed: try row.get(4), branches: branches,
            coverage: Coverage(
                area: .office(code: code), date: date, segment: segment,
                labourForce: try row.get(5), labourForceYear: try row.get(6),
                participants: try row.get(7), activeParticipants: try row.get(8), knownOn: knownOn))
    }

    static let coverageByBranchSQL = coverageByBranchSQL(participation: CoverageSQL.regencyParticipation)

    /// The branch query over `participation` (``CoverageSQL/regencyCoverage(participation:)``).
    static func coverageByBranchSQL(participation: String) -> String {
        """
        WITH \(CoverageSQL.branchCoverage(participation: participation))
        SELECT b.office_code, b.office_name, b.kind, p.code, b.regencies_served,
               b.labour_force, b.labour_force_year, b.participants, b.active_participants
        FROM branch_coverage b
        LEFT JOIN offices p ON p.id = b.parent_office_id
        ORDER BY b.office_code
        """
    }

    static let coverageByRegionalOfficeSQL = coverageByRegionalOfficeSQL(participation: CoverageSQL.regencyParticipation)

    /// The regional-office query over `participation`, as ``coverageByBranchSQL(participation:)``.
    static func coverageByRegionalOfficeSQL(participation: String) -> String {
        """
        WITH \(CoverageSQL.branchCoverage(participation: participation))
        SELECT o.code, o.name, o.kind, p.code,
               coalesce(sum(b.regencies_served), 0),
               sum(b.labour_force), max(b.labour_force_year),
               coalesce(sum(b.participants), 0), coalesce(sum(b.active_participants), 0),
               count(b.office_id)
        FROM offices o
        LEFT JOIN branch_coverage b ON b.parent_office_id = o.id
        LEFT JOIN offices p ON p.id = o.parent_office_id
        WHERE o.kind = 'regional_office'
        GROUP BY o.id
        ORDER BY o.code
        """
    }
}
