import SQLiteDB

extension RegistrySession {
    /// Coverage of one area at `date`, counting memberships of `segment` (nil = all).
    ///
    /// Counts are those of the views (`coverage_by_regency`, `coverage_by_branch`,
    /// `coverage_by_regional_office`) when `report_as_of` is `date`: participants are resident
    /// workers with a membership active, in arrears or lapsed at the date.
    ///
    /// The labour force is each regency's latest figure for a year up to the date's year,
    /// summed over the area's regencies, with one exception: for a **province**, a
    /// province-level `labour_force` row (the latest up to the date's year) is used when one
    /// exists, and the regencies' sum only when none does. A province's published total need
    /// not equal the sum of its regencies' figures (not every regency may have one for the
    /// year), and offices and the press quote the provincial total, e.g. Central Java, November
    /// 2021: 3,062,280 covered of 17,835,770 employed + 1,128,223 unemployed = 16.15%. Regency
    /// and office areas always sum the regency figures, as the views do (and the view
    /// `target_achievement` does so for province targets too).
    ///
    /// - Throws: ``RegistryError/invalid(field:value:reason:)`` when a region code is not of the
    ///   area's level; ``RegistryError/notFound(field:value:)`` when the regency, province or
    ///   office does not exist.
    public func coverage(of area: CoverageArea, on date: CalendarDate, segment: Segment? = nil) throws -> Coverage {
        let key = try checkedKey(of: area)
        var parameters = ReportDate(date).parameters
        parameters[":area"] = .text(key)
        parameters[":segment"] = segment.map { .text($0.rawValue) } ?? .null

        try requireCurrentStanding()
        var participants = 0, active = 0
        try forEachReportRow(Self.areaParticipationSQL(area), parameters) { row in
            participants = try row.get(0)
            active = try row.get(1)
        }

        let (labourForce, labourForceYear) = try labourForce(of: area, key: key, on: date)
        return Coverage(area: area, date: date, segment: segment, labourForce: labourForce,
                        labourForceYear: labourForceYear, participants: participants, activeParticipants: active)
    }

    /// The labour force of an area at `date` and its year, as ``coverage(of:on:segment:)`` takes
    /// it (a province's own row first); both nil when no figure exists.
    func labourForce(of area: CoverageArea, on date: CalendarDate) throws -> (labourForce: Int64?, year: Int?) {
        try labourForce(of: area, key: try checkedKey(of: area), on: date)
    }

    private func labourForce(of area: CoverageArea, key: String, on date: CalendarDate) throws -> (labourForce: Int64?, year: Int?) {
        var parameters = ReportDate(date).parameters
        parameters[":area"] = .text(key)
        var labourForce: Int64?, labourForceYear: Int?
        try forEachReportRow(Self.areaLabourForceSQL(area), parameters) { row in
            labourForce = try row.get(0)
            labourForceYear = try row.get(1)
        }
        if case .province = area {
            try forEachReportRow(Self.provinceLabourForceSQL, parameters) { row in
                labourForce = try row.get(0)
                labourForceYear = try row.get(1)
            }
        }
        return (labourForce, labourForceYear)
    }

    /// The area's key for `:area`, after checking that the area exists.
    func checkedKey(of area: CoverageArea) throws -> String {
        switch area {
        case .regency(let code):
            guard code.level == .regency else {
                throw RegistryError.invalid(field: "regency_code", value: code.code, reason: .wrongRegionLevel(expected: .regency))
            }
            try requireRow("SELECT 1 FROM regencies WHERE code = ?", key: code.code, field: "regency_code")
            return code.code
        case .province(let code):
            guard code.level == .province else {
                throw RegistryError.invalid(field: "province_code", value: code.code, reason: .wrongRegionLevel(expected: .province))
            }
            try requireRow("SELECT 1 FROM provinces WHERE code = ?", key: code.code, field: "province_code")
            return code.code
        case .office(let code):
            try requireRow("SELECT 1 FROM offices WHERE code = ?", key: code, field: "office_code")
            return code
        }
    }

    private func requireRow(_ sql: String, key: String, field: String) throws {
        guard try db.fetchValue(Int.self, sql, key) != nil else {
            throw RegistryError.notFound(field: field, value: key)
        }
    }

    /// Participants and active participants of the area: its regencies' sums of
    /// `participation_changes` up to the date.
    static func areaParticipationSQL(_ area: CoverageArea) -> String {
        """
        WITH \(CoverageSQL.areaRegencies(area))
        SELECT coalesce(sum(pc.participants), 0), coalesce(sum(pc.active_participants), 0)
        FROM area_regencies ar
        JOIN participation_changes pc
          ON pc.segment_code = coalesce(:segment, 'all') AND pc.regency_code = ar.regency_code
         AND pc.day <= :as_of
        """
    }

    /// The area's regencies' labour force, summed, and the latest year among them.
    static func areaLabourForceSQL(_ area: CoverageArea) -> String {
        """
        WITH \(CoverageSQL.areaRegencies(area)),
        \(CoverageSQL.regencyLabourForce)
        SELECT sum(lf.labour_force), max(lf.year)
        FROM area_regencies ar JOIN regency_labour_force lf ON lf.regency_code = ar.regency_code
        """
    }

    /// A province's own labour-force row, the latest for a year up to the date's year.
    static let provinceLabourForceSQL = """
        SELECT employed + unemployed, year FROM labour_force
        WHERE province_code = :area AND year <= :year
        ORDER BY year DESC LIMIT 1
        """
}
