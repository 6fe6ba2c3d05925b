import Registry
import SQLiteDB

/// Sets the targets the achievement report compares against, for each calendar year the
/// history touches:
/// - per branch and segment (PU, BPU), a head count planned from the workers the branch is
///   expected to hold, give or take 15% (offices rarely hit their plan exactly);
/// - per regional office, all segments;
/// - coverage targets for Purwakarta and Bantul (40% was Bantul's 2023 target, domain.md), which
///   a demo of 100,000 workers across six regencies reaches only in part.
enum TargetWriter {
    static func write(_ plan: DemoPlan, regions: RegionIndex, options: DemoOptions, in session: RegistrySession) throws {
        var random = SeededGenerator(seed: options.seed).fork(7)
        let years = Array(options.firstMonth.year...options.throughMonth.year)
        for year in years {
            guard let start = CalendarDate(year: year, month: 1, day: 1),
                  let end = CalendarDate(year: year, month: 12, day: 31) else { continue }
            let yearEndOffset = options.firstMonth.months(until: ContributionMonth(year: year, month: 12) ?? options.throughMonth)
            // Expected head count per branch and segment: one pass over the plan.
            let servingBranch = regions.regencies.indices.map { regions.branch(serving: $0, inMonth: yearEndOffset) }
            var expected: [String: Int] = [:]
            for worker in plan.workers where worker.registeredOn <= end {
                let segment = worker.role.segment
                guard segment == .wageEarner || segment == .informal else { continue }
                expected[servingBranch[regions.villages[worker.village].regency] + "/" + segment.rawValue, default: 0] += 1
            }
            var regional: [String: Int] = [:]
            for branch in OfficeData.branches {
                for segment in [Segment.wageEarner, .informal] {
                    let expected = expected[branch.code + "/" + segment.rawValue] ?? 0
                    guard expected > 0 else { continue }
                    regional[branch.region, default: 0] += expected
                    let value = Int64(expected * random.int(in: 85...115) / 100)
                    try session.addTarget(NewTarget(area: .office(code: branch.code), segment: segment, kind: .headCount,
                                                    value: max(1, value), periodStart: start, periodEnd: end,
                                                    note: "annual plan (rencana kerja) \(year)"))
                }
            }
            for office in OfficeData.regionalOffices {
                guard let expected = regional[office.code], expected > 0 else { continue }
                try session.addTarget(NewTarget(area: .office(code: office.code), kind: .headCount,
                                                value: Int64(expected * random.int(in: 90...110) / 100),
                                                periodStart: start, periodEnd: end, note: "annual plan \(year), PU and BPU"))
            }
            for (regency, basisPoints) in [("32.14", 3000 + (year - 2024) * 250), ("34.02", 4000 + (year - 2024) * 250)] {
                try session.addTarget(NewTarget(area: .regency(try RegionCode(regency)), kind: .coveragePercentage,
                                                value: Int64(basisPoints), periodStart: start, periodEnd: end,
                                                note: "regional coverage target \(year)"))
            }
        }
    }
}
