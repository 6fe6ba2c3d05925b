import ArgumentParser
import Registry
import SQLiteDB

/// `registry report coverage`: participants against the labour force.
struct CoverageReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "Coverage (participants ÷ labour force) by regency, branch or regional office.",
        discussion: """
            Rows are regencies and cities (--by regency, the default), branches (--by branch) or \
            regional offices (--by regional). --region keeps the areas inside that code and adds \
            a total row for it; --office keeps the rows under that office and adds its total. \
            Participants are workers resident in the area with a membership that is active, in \
            arrears or lapsed; 'active' counts active memberships only.
            """
    )

    enum Grouping: String, ExpressibleByArgument, CaseIterable {
        case regency, branch, regional
    }

    @OptionGroup var options: ReportOptions

    @Option(help: "What each row is.")
    var by: Grouping = .regency

    func run() throws {
        let registry = try options.openForReading()
        let region = try options.regionCode()
        if region != nil, by != .regency {
            throw ToolFailure(.usage, "report coverage --by \(by.rawValue) does not take --region; use --office")
        }
        let table = try registry.read { session in
            try Self.table(in: session, on: options.date, by: by, segment: options.segment, region: region,
                           office: try options.officeRecord(in: session))
        }
        options.print(table)
    }

    /// The report's rows; a total row closes a report filtered to a province or an office.
    static func table(in session: RegistrySession, on date: CalendarDate, by: Grouping, segment: Segment?,
                      region: RegionCode?, office: Office?) throws -> TextTable {
        var table = TextTable([
            .init(name: "code"), .init(name: "name"), .init(name: "labour_force", numeric: true),
            .init(name: "participants", numeric: true), .init(name: "coverage_pct", numeric: true),
            .init(name: "active", numeric: true), .init(name: "active_pct", numeric: true),
        ])
        func add(_ code: String, _ name: String, _ coverage: Coverage) {
            table.append([code, name, coverage.labourForce.map(Cell.number), Cell.number(coverage.participants),
                          Cell.percent(coverage.basisPoints), Cell.number(coverage.activeParticipants),
                          Cell.percent(coverage.activeBasisPoints)])
        }
        switch by {
        case .regency:
            let served = try office.map { Set(try session.regencies(servedBy: $0.id, on: date)) }
            for row in try session.coverageByRegency(on: date, segment: segment)
            where region.map({ $0.contains(row.regency) || row.regency.contains($0) }) ?? true
                && served.map({ $0.contains(row.regency) }) ?? true {
                add(row.regency.code, row.name, row.coverage)
            }
        case .branch, .regional:
            let rows = by == .branch
                ? try session.coverageByBranch(on: date, segment: segment)
                : try session.coverageByRegionalOffice(on: date, segment: segment)
            for row in rows where office.map({ row.officeCode == $0.code || row.parentOfficeCode == $0.code }) ?? true {
                add(row.officeCode, row.officeName, row.coverage)
            }
        }
        if let office {
            add("total", office.name, try session.coverage(of: .office(code: office.code), on: date, segment: segment))
        } else if let region, region.level == .province {
            add("total", try session.region(region)?.name ?? region.code,
                try session.coverage(of: .province(region), on: date, segment: segment))
        }
        return table
    }
}
