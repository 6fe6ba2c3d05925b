import SQLiteDB

/// The denominators of the coverage and achievement reports: labour-force figures and targets.
extension RegistrySession {
    /// Records the labour force (employed + unemployed, BPS figures) of a province or a regency
    /// for a year. Coverage uses each area's latest year not after the report date.
    public func recordLabourForce(
        year: Int, area: RegionCode, employed: Int64, unemployed: Int64, source: String? = nil
    ) throws {
        guard (1900...2200).contains(year) else {
            throw RegistryError.invalid(field: "year", value: String(year), reason: .notAYearBetween(low: 1900, high: 2200))
        }
        guard area.level == .province || area.level == .regency else {
            throw RegistryError.invalid(field: "region_code", value: area.code, reason: .notAProvinceOrRegencyCode)
        }
        for (field, count) in [("employed", employed), ("unemployed", unemployed)] where count < 0 {
            throw RegistryError.invalid(field: field, value: String(count), reason: .negative)
        }
        try requireRegion(area, field: "region_code")
        let column = area.level == .province ? "province_code" : "regency_code"
        if try db.fetchValue(Int.self, "SELECT count(*) FROM labour_force WHERE \(column) = ? AND year = ?", area, year) != 0 {
            throw RegistryError.duplicate(field: "year", value: String(year), existing: .labourForce(area: area.code))
        }
        try db.execute("""
            INSERT INTO labour_force (year, province_code, regency_code, employed, unemployed, source)
            VALUES (?, ?, ?, ?, ?, ?)
            """, year, area.level == .province ? area : nil, area.level == .regency ? area : nil, employed, unemployed,
            try source.map { try Validation.name($0, field: "source") })
    }

    /// Sets a target; returns its id (the `target_id` of ``targetAchievements(on:)``).
    @discardableResult
    public func addTarget(_ target: NewTarget) throws -> Int64 {
        guard target.value >= 0 else {
            throw RegistryError.invalid(field: "target_value", value: String(target.value), reason: .negative)
        }
        guard target.periodEnd >= target.periodStart else {
            throw RegistryError.invalid(field: "period_end", value: target.periodEnd.isoString,
                                        reason: .beforePeriodStart(start: target.periodStart))
        }
        var office: Office.ID?, province: RegionCode?, regency: RegionCode?
        switch target.area {
        case .office(let code):
            guard let found = try self.office(code: code) else { throw RegistryError.notFound(field: "office_code", value: code) }
            office = found.id
        case .province(let code):
            guard code.level == .province else {
                throw RegistryError.invalid(field: "province_code", value: code.code, reason: .wrongRegionLevel(expected: .province))
            }
            try requireRegion(code, field: "province_code")
            province = code
        case .regency(let code):
            guard code.level == .regency else {
                throw RegistryError.invalid(field: "regency_code", value: code.code, reason: .wrongRegionLevel(expected: .regency))
            }
            try requireRegion(code, field: "regency_code")
            regency = code
        }
        try db.execute("""
            INSERT INTO targets (office_id, province_code, regency_code, segment_code, kind, target_value,
                                 period_start, period_end, note)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, office, province, regency, target.segment, target.kind, target.value, target.periodStart,
            target.periodEnd, try target.note.map { try Validation.name($0, field: "note", maximumLength: 500) })
        return db.lastInsertedRowID
    }
}
