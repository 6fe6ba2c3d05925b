import SQLiteDB

/// The coverage reports as the register said them on a past day: recorded time, what an audit
/// asks ("what coverage did the register report for March, as it stood on 31 March?").
///
/// ``coverage(of:on:segment:)`` and its roll-ups read the standing tables, which answer valid
/// time from everything recorded now: a payment typed in today counts from the day it was
/// made. These count participants from the memberships registered, and the ledger rows
/// recorded, by the end of the Jakarta day `knownOn`
/// (``knownParticipation(on:asKnownOn:segment:regencies:)``), so they cost a pass over the
/// register (the area report, over its regencies' residents) rather than an index read, as the
/// audit status counts and arrears list do (``statusCounts(on:asKnownOn:)``). The labour force,
/// the regencies an office serves and the regencies themselves are taken as the valid-time
/// reports take them at `date`; residences as they are now.
extension RegistrySession {
    /// ``coverage(of:on:segment:)`` as the register said it on `knownOn`.
    ///
    /// - Throws: as ``coverage(of:on:segment:)``, for an area of the wrong level or unknown.
    public func coverage(of area: CoverageArea, on date: CalendarDate, asKnownOn knownOn: CalendarDate,
                         segment: Segment? = nil) throws -> Coverage {
        var parameters = ReportDate(date).parameters
        parameters[":area"] = .text(try checkedKey(of: area))
        let regencies = try reportRows("WITH \(CoverageSQL.areaRegencies(area)) SELECT regency_code FROM area_regencies",
                                       parameters) { try $0.get(0, as: String.self) }
        let counts = try knownParticipation(on: date, asKnownOn: knownOn, segment: segment, regencies: regencies)
        let (labourForce, labourForceYear) = try labourForce(of: area, on: date)
        return Coverage(area: area, date: date, segment: segment, labourForce: labourForce, labourForceYear: labourForceYear,
                        participants: counts.values.reduce(0) { $0 + $1.participants },
                        activeParticipants: counts.values.reduce(0) { $0 + $1.active }, knownOn: knownOn)
    }

    /// ``coverageByRegency(on:segment:)`` as the register said it on `knownOn`.
    public func coverageByRegency(on date: CalendarDate, asKnownOn knownOn: CalendarDate,
                                  segment: Segment? = nil) throws -> [RegencyCoverage] {
        let parameters = try knownParameters(on: date, asKnownOn: knownOn, segment: segment)
        return try reportRows(Self.knownCoverageByRegencySQL, parameters) {
            try Self.regencyCoverage($0, date: date, segment: segment, knownOn: knownOn)
        }
    }

    /// ``coverageByBranch(on:segment:)`` as the register said it on `knownOn`: the regencies
    /// of ``coverageByRegency(on:asKnownOn:segment:)`` summed per branch.
    public func coverageByBranch(on date: CalendarDate, asKnownOn knownOn: CalendarDate,
                                 segment: Segment? = nil) throws -> [OfficeCoverage] {
        let parameters = try knownParameters(on: date, asKnownOn: knownOn, segment: segment)
        return try reportRows(Self.knownCoverageByBranchSQL, parameters) {
            try Self.officeCoverage($0, date: date, segment: segment, branches: nil, knownOn: knownOn)
        }
    }

    /// ``coverageByRegionalOffice(on:segment:)`` as the register said it on `knownOn`: the
    /// branches of ``coverageByBranch(on:asKnownOn:segment:)`` summed per regional office.
    public func coverageByRegionalOffice(on date: CalendarDate, asKnownOn knownOn: CalendarDate,
                                         segment: Segment? = nil) throws -> [OfficeCoverage] {
        let parameters = try knownParameters(on: date, asKnownOn: knownOn, segment: segment)
        return try reportRows(Self.knownCoverageByRegionalOfficeSQL, parameters) {
            try Self.officeCoverage($0, date: date, segment: segment, branches: try $0.get(9), knownOn: knownOn)
        }
    }

    /// The date's parameters and the pass's counts, bound as `:participation`.
    private func knownParameters(on date: CalendarDate, asKnownOn knownOn: CalendarDate,
                                 segment: Segment?) throws -> [String: DatabaseValue] {
        var parameters = ReportDate(date).parameters
        parameters[":participation"] = try Self.participationParameter(
            try knownParticipation(on: date, asKnownOn: knownOn, segment: segment))
        return parameters
    }

    static let knownCoverageByRegencySQL = coverageByRegencySQL(participation: CoverageSQL.boundParticipation)
    static let knownCoverageByBranchSQL = coverageByBranchSQL(participation: CoverageSQL.boundParticipation)
    static let knownCoverageByRegionalOfficeSQL = coverageByRegionalOfficeSQL(participation: CoverageSQL.boundParticipation)
}
