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

            --published adds, beside these computed figures, the latest published figure of each \
            row's area (of the segment, or of all segments) dated on or before the report date: \
            registered and active participants as a branch, the head office or BPS published them \
            (registry import published-counts), each with the coverage it implies against the area's \
            labour force on its own date, its date and its source. The columns are there, empty, for \
            areas without one. Without --published, a note on stderr says when rows have one.
            """
    )

    enum Grouping: String, ExpressibleByArgument, CaseIterable {
        case regency, branch, regional
    }

    @OptionGroup var options: ReportOptions

    @Option(help: "What each row is.")
    var by: Grouping = .regency

    @Flag(help: "Add the latest published figures (registered, active) beside the computed ones.")
    var published = false

    func run() throws {
        let registry = try options.openForReading()
        let region = try options.regionCode()
        if region != nil, by != .regency {
            throw ToolFailure(.usage, "report coverage --by \(by.rawValue) does not take --region; use --office")
        }
        let report = try registry.read { session in
            try Self.report(in: session, on: options.date, by: by, segment: options.segment, region: region,
                            office: try options.officeRecord(in: session), published: published)
        }
        options.print(report.table)
        switch report.rowsWithPublishedFigures {
        case 0: break
        case 1: StandardError.writeLine("note: 1 row has a published figure; --published shows it beside the computed one")
        case let rows: StandardError.writeLine("note: \(rows) rows have a published figure; --published shows them beside the computed ones")
        }
    }

    /// The report's rows; a total row closes a report filtered to a province or an office.
    static func table(in session: RegistrySession, on date: CalendarDate, by: Grouping, segment: Segment?,
                      region: RegionCode?, office: Office?, published: Bool = false) throws -> TextTable {
        try report(in: session, on: date, by: by, segment: segment, region: region, office: office, published: published).table
    }

    /// The table, and how many of its rows have a published figure it does not show (none when
    /// `published`, which shows them).
    static func report(in session: RegistrySession, on date: CalendarDate, by: Grouping, segment: Segment?,
                       region: RegionCode?, office: Office?, published: Bool) throws -> (table: TextTable, rowsWithPublishedFigures: Int) {
        var table = TextTable([
            .init(name: "code"), .init(name: "name"), .init(name: "labour_force", numeric: true),
            .init(name: "participants", numeric: true), .init(name: "coverage_pct", numeric: true),
            .init(name: "active", numeric: true), .init(name: "active_pct", numeric: true),
        ] + (published ? PublishedColumns.columns : []))
        let figures = PublishedColumns(try session.publishedCoverage(on: date, segment: segment))
        var unshown = 0
        func add(_ code: String, _ name: String, _ coverage: Coverage) {
            var cells = [code, name, coverage.labourForce.map(Cell.number), Cell.number(coverage.participants),
                         Cell.percent(coverage.basisPoints), Cell.number(coverage.activeParticipants),
                         Cell.percent(coverage.activeBasisPoints)]
            if published {
                cells += figures.cells(for: coverage.area)
            } else if figures.has(coverage.area) {
                unshown += 1
            }
            table.append(cells)
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
        return (table, unshown)
    }
}
