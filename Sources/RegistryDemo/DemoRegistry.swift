import Foundation
import Registry
import SQLiteDB

/// Builds a realistic synthetic membership register: real region structure for Purwakarta and
/// Bantul (and a few neighbours), regional and branch offices, employers of every size class and
/// risk group, construction projects, Perisai agents, workers in all four segments with valid
/// NIKs, and 24 months of bills, payments, arrears, lapses and endings, plus labour force and
/// targets. The same options always build the same register.
///
/// ```swift
/// let summary = try DemoRegistry.build(at: "demo.sqlite", options: DemoOptions(workers: 10_000)) { print($0) }
/// let registry = try Registry(path: "demo.sqlite")
/// let coverage = try registry.read { try $0.coverageByRegency(on: summary.asOf) }
/// ```
///
/// Everything is written through ``RegistrySession`` with a historical clock, so every rule of
/// the library holds. Two columns carry the real time of the build, not the history's,
/// because the library stamps them itself: `schema_migrations.applied_at` and `audit_log.changed_at`.
public enum DemoRegistry {
    /// Builds the register in a new file at `path`, calling `progress` before each step.
    ///
    /// Throws ``DemoError/fileExists(path:)`` when `path` exists. When the build fails, the
    /// partial file is removed.
    @discardableResult
    public static func build(
        at path: String, options: DemoOptions = DemoOptions(), progress: (DemoProgress) -> Void = { _ in }
    ) throws -> DemoSummary {
        guard options.workers >= DemoOptions.minimumWorkers else {
            throw DemoError.invalidOption(name: "workers", reason: "is \(options.workers); the demo needs at least \(DemoOptions.minimumWorkers)")
        }
        guard options.workers <= 10_000_000 else {
            throw DemoError.invalidOption(name: "workers", reason: "is \(options.workers); at most 10,000,000 are supported")
        }
        guard (12...120).contains(options.months) else {
            throw DemoError.invalidOption(name: "months", reason: "is \(options.months); it must be 12 to 120")
        }
        guard !FileManager.default.fileExists(atPath: path) else { throw DemoError.fileExists(path: path) }
        let started = ContinuousClock.now
        do {
            var summary = try write(at: path, options: options, progress: progress)
            let elapsed = ContinuousClock.now - started
            summary.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            return summary
        } catch {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            throw error
        }
    }

    private static func write(at path: String, options: DemoOptions, progress: (DemoProgress) -> Void) throws -> DemoSummary {
        let steps = options.months + 3
        progress(DemoProgress(phase: .organisation, step: 1, steps: steps))
        let regions = try RegionIndex()
        var planner = PopulationPlanner(options: options, regions: regions)
        let plan = try planner.make()

        let clock = DemoClock(options.firstMonth.firstDay)
        var configuration = Configuration()
        configuration.cacheSizeKiB = 64 * 1024
        let registry = try Registry(path: path, configuration: configuration, clock: clock.read)
        let offices = try registry.write(actor: "demo:generator") { session in
            let offices = try OrganisationWriter.write(regions, options: options, in: session)
            try TargetWriter.write(plan, regions: regions, options: options, in: session)
            return offices
        }
        let writer = HistoryWriter(registry: registry, clock: clock, plan: plan, regions: regions, options: options)
        writer.offices = offices
        progress(DemoProgress(phase: .organisation, step: 2, steps: steps))
        try writer.writeGoLive()
        for offset in 0..<options.months {
            progress(DemoProgress(phase: .month(options.firstMonth.adding(months: offset)), step: offset + 3, steps: steps))
            try writer.writeMonth(offset)
        }
        progress(DemoProgress(phase: .finishing, step: steps, steps: steps))
        return try registry.read { session in try DemoSummary.count(session.connection, options: options) }
    }
}

extension DemoSummary {
    static func count(_ db: Connection, options: DemoOptions) throws -> DemoSummary {
        func count(_ table: String) throws -> Int { try db.fetchValue(Int.self, "SELECT count(*) FROM \(table)") ?? 0 }
        var bySegment: [Segment: Int] = [:]
        for segment in Segment.allCases {
            bySegment[segment] = try db.fetchValue(Int.self, "SELECT count(*) FROM memberships WHERE segment_code = ?", segment) ?? 0
        }
        return DemoSummary(
            options: options, asOf: options.asOf, firstMonth: options.firstMonth, throughMonth: options.throughMonth,
            provinces: try count("provinces"), regencies: try count("regencies"), districts: try count("districts"),
            villages: try count("villages"), offices: try count("offices"),
            branches: try db.fetchValue(Int.self, "SELECT count(*) FROM offices WHERE kind IN ('branch', 'pioneer_branch')") ?? 0,
            employers: try count("employers"), constructionProjects: try count("construction_projects"),
            agents: try count("agents"), workers: try count("workers"), membershipsBySegment: bySegment,
            memberships: try count("memberships"), bills: try count("bills"), billLines: try count("bill_lines"),
            payments: try count("payments"), labourForceRows: try count("labour_force"), targets: try count("targets"),
            seconds: 0)
    }
}
