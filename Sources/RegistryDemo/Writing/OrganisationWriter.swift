import Registry
import SQLiteDB

/// Writes what exists before the history: regions, the office tree with the regencies each
/// branch serves, and the labour force of each area.
enum OrganisationWriter {
    /// Returns the offices by code.
    static func write(_ regions: RegionIndex, options: DemoOptions, in session: RegistrySession) throws -> [String: Office.ID] {
        for province in RegionData.provinces {
            try session.addRegion(try RegionCode(province.code), name: province.name)
            for regency in province.regencies {
                try session.addRegion(try RegionCode(regency.code), name: regency.name)
                for district in regency.districts {
                    try session.addRegion(try RegionCode(district.code), name: district.name)
                }
            }
        }
        for village in regions.villages {
            try session.addRegion(village.code, name: village.name)
        }

        var offices: [String: Office.ID] = [:]
        let head = try session.addOffice(NewOffice(code: OfficeData.headOffice.code, name: OfficeData.headOffice.name,
                                                   kind: .headOffice))
        offices[head.code] = head.id
        for regional in OfficeData.regionalOffices {
            offices[regional.code] = try session.addOffice(NewOffice(
                code: regional.code, name: regional.name, kind: .regionalOffice, parent: head.id)).id
        }
        for branch in OfficeData.branches {
            offices[branch.code] = try session.addOffice(NewOffice(
                code: branch.code, name: branch.name, kind: branch.isPioneer ? .pioneerBranch : .branch,
                parent: offices[branch.region])).id
        }
        let since = CalendarDate(year: 2015, month: 1, day: 1) ?? options.firstMonth.firstDay
        for assignment in OfficeData.assignments {
            guard let branch = offices[assignment.branch] else { continue }
            let from = assignment.fromMonthOffset.map { options.firstMonth.adding(months: $0).firstDay } ?? since
            try session.assign(regency: try RegionCode(assignment.regency), to: branch, from: from)
        }

        for figure in RegionData.labourForce {
            try session.recordLabourForce(year: figure.year, area: try RegionCode(figure.area), employed: figure.employed,
                                          unemployed: figure.unemployed, source: figure.source)
        }
        return offices
    }
}
