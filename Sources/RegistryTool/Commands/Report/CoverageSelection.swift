import Registry
import SQLiteDB

/// What `report coverage` was asked for: the rows (`--by`) and the filters, and the rows they
/// give at a date.
struct CoverageSelection {
    let by: CoverageReport.Grouping
    let segment: Segment?
    let region: RegionCode?
    let office: Office?
    /// `--as-known-on`: the rows as the register said them that day (recorded time); nil, from
    /// everything recorded now.
    var knownOn: CalendarDate? = nil

    /// The report's rows at `date`; a total row closes a report filtered to a province or an office.
    func rows(in session: RegistrySession, on date: CalendarDate) throws -> [CoverageRow] {
        var rows: [CoverageRow] = []
        switch by {
        case .regency:
            let served = try office.map { Set(try session.regencies(servedBy: $0.id, on: date)) }
            let regencies = try knownOn.map { try session.coverageByRegency(on: date, asKnownOn: $0, segment: segment) }
                ?? session.coverageByRegency(on: date, segment: segment)
            for row in regencies
            where region.map({ $0.contains(row.regency) || row.regency.contains($0) }) ?? true
                && served.map({ $0.contains(row.regency) }) ?? true {
                rows.append(CoverageRow(code: row.regency.code, name: row.name, area: .regency(row.regency), coverage: row.coverage))
            }
        case .branch, .regional:
            let offices = switch (by, knownOn) {
            case (.branch, nil): try session.coverageByBranch(on: date, segment: segment)
            case (.branch, let knownOn?): try session.coverageByBranch(on: date, asKnownOn: knownOn, segment: segment)
            case (_, nil): try session.coverageByRegionalOffice(on: date, segment: segment)
            case (_, let knownOn?): try session.coverageByRegionalOffice(on: date, asKnownOn: knownOn, segment: segment)
            }
            for row in offices where office.map({ row.officeCode == $0.code || row.parentOfficeCode == $0.code }) ?? true {
                rows.append(CoverageRow(code: row.officeCode, name: row.officeName, area: .office(code: row.officeCode),
                                        coverage: row.coverage))
            }
        }
        if let office {
            let area = CoverageArea.office(code: office.code)
            rows.append(CoverageRow(code: "total", name: office.name, area: area,
                                    coverage: try total(of: area, in: session, on: date), isTotal: true))
        } else if let region, region.level == .province {
            let area = CoverageArea.province(region)
            rows.append(CoverageRow(code: "total", name: try session.region(region)?.name ?? region.code, area: area,
                                    coverage: try total(of: area, in: session, on: date), isTotal: true))
        }
        return rows
    }

    private func total(of area: CoverageArea, in session: RegistrySession, on date: CalendarDate) throws -> Coverage {
        try knownOn.map { try session.coverage(of: area, on: date, asKnownOn: $0, segment: segment) }
            ?? session.coverage(of: area, on: date, segment: segment)
    }

    /// The columns of the report; `dated` puts the date first (a report over time), `withTargets`
    /// adds the coverage target in force (the HTML table, which shows what the chart draws).
    /// `extraColumns` follow (the published figures of `--published`).
    static func table(dated: Bool = false, withTargets: Bool = false, extraColumns: [TextTable.Column] = []) -> TextTable {
        TextTable((dated ? [.init(name: "date")] : []) + [
            .init(name: "code"), .init(name: "name"), .init(name: "labour_force", numeric: true),
            .init(name: "participants", numeric: true), .init(name: "coverage_pct", numeric: true),
        ] + (withTargets ? [.init(name: "target_pct", numeric: true)] : []) + [
            .init(name: "active", numeric: true), .init(name: "active_pct", numeric: true),
        ] + extraColumns)
    }

    /// Appends `row` under the columns of a ``table(dated:withTargets:)``: with `date` when
    /// the table is dated, and `target` (nil: none for this area) when it has the target column;
    /// `extra`, the cells of the table's extra columns.
    static func append(_ row: CoverageRow, to table: inout TextTable, date: CalendarDate? = nil, target: Int? = nil,
                       extra: [String?] = []) {
        let dated = table.columns.first?.name == "date"
        let withTargets = table.columns.contains { $0.name == "target_pct" }
        precondition(dated == (date != nil), "a dated table takes a date, and only a dated one")
        let coverage = row.coverage
        table.append((date.map { [$0.isoString] } ?? []) + [
            row.code, row.name, coverage.labourForce.map(Cell.number), Cell.number(coverage.participants),
            Cell.percent(coverage.basisPoints),
        ] + (withTargets ? [Cell.percent(target)] : []) + [
            Cell.number(coverage.activeParticipants), Cell.percent(coverage.activeBasisPoints),
        ] + extra)
    }

    /// The filters, as the subtitle line of a chart says them.
    var filters: String {
        var parts = [segment.map { ChartText.segment($0.shortCode) } ?? ChartText.allSegments]
        if let region { parts.append(ChartText.region(region.code)) }
        if let office { parts.append(ChartText.office(office.code)) }
        if let knownOn { parts.append(ChartText.knownOn(knownOn)) }
        return parts.joined(separator: " · ")
    }

    /// The options that give this selection, for the note saying how a chart was made.
    func arguments(asOf date: CalendarDate) -> String {
        var words = ["--as-of", date.isoString]
        if by != .regency { words += ["--by", by.rawValue] }
        if let region { words += ["--region", region.code] }
        if let office { words += ["--office", office.code] }
        if let segment { words += ["--segment", segment.shortCode] }
        if let knownOn { words += ["--as-known-on", knownOn.isoString] }
        return words.joined(separator: " ")
    }
}
