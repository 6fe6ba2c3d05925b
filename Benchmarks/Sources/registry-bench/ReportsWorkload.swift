// Workload 4, reports on the ledgered register, each in its own `Registry.read`, at 'today'
// and six months earlier: coverage by regency and by branch, target achievement, status counts
// and arrears. These are the whole-register questions; the library answers them from the
// standing tables (0011, 0012), so their cost should follow the number of rows returned, not
// the size of the register. Each repetition runs every report once at each date; a report
// whose row count changes between repetitions stops the run.
import Foundation
import Registry
import SQLiteDB

struct ReportsResult {
    /// `name @ date` in run order, with the milliseconds of each repetition and the rows returned.
    var timings: [(name: String, millis: [Double], rows: Int)] = []
    var plans: [ReportQueryPlan] = []
    /// The arrears list paged at 'today' (the first date).
    var paging: ArrearsPagingSummary?
}

struct ReportsWorkload {
    let path: String
    let dates: [CalendarDate]
    let cacheKiB: Int
    /// With a size, every report also runs on a second `Registry` opened with that
    /// `mmap_size` (MiB), the two alternating which goes first, so the setting is compared
    /// within one run rather than across two noisy ones.
    var mmapMiB: Int? = nil

    /// The reports, given the branch and regency whose arrears lists are timed alone (what a
    /// branch office works through: its filters run in the query).
    static func reports(branch: Office.ID, regency: RegionCode) -> [(String, (RegistrySession, CalendarDate) throws -> Int)] {
        [
            ("coverageByRegency", { try $0.coverageByRegency(on: $1).count }),
            ("coverageByBranch", { try $0.coverageByBranch(on: $1).count }),
            ("targetAchievements", { try $0.targetAchievements(on: $1).count }),
            ("statusCounts", { try $0.statusCounts(on: $1).count }),
            ("arrears", { try $0.arrears(on: $1).count }),
            ("arrears, one branch", { try $0.arrears(on: $1, filter: ArrearsFilter(office: branch)).count }),
            ("arrears, one regency", { try $0.arrears(on: $1, filter: ArrearsFilter(region: regency)).count }),
        ]
    }

    func run(repeats: Int) throws -> ReportsResult {
        var configuration = Configuration()
        configuration.cacheSizeKiB = cacheKiB
        let registry = try Registry(path: path, configuration: configuration)
        var variants = [("", registry)]
        if let mmapMiB {
            var mapped = configuration
            mapped.mmapSize = mmapMiB << 20
            variants.append((", mmap \(mmapMiB) MiB", try Registry(path: path, configuration: mapped)))
        }
        // The branch holding the most workers' files, and the regency where most workers live.
        let (branch, regency) = try registry.read { session in
            (Office.ID(try session.connection.fetchValue(Int64.self, """
                SELECT branch_office_id FROM workers GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1
                """) ?? 0),
             try RegionCode(try session.connection.fetchValue(String.self, """
                SELECT substr(village_code, 1, 5) FROM workers GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1
                """) ?? ""))
        }
        Log.step("  one branch: office \(branch.rawValue); one regency: \(regency)")
        let everyDayReports = Self.reports(branch: branch, regency: regency)
        var result = ReportsResult()
        let pageSize = 1_000
        let paging = try ArrearsPagingWalk.run(registry, on: dates[0], pageSize: pageSize)
        result.paging = paging
        Log.step("  " + ArrearsPagingWalk.lines(paging).joined(separator: " "))
        // The first, the middle and the last page of today's list, timed like the other reports.
        func reports(on date: CalendarDate) -> [(String, (RegistrySession, CalendarDate) throws -> Int)] {
            guard date == dates[0] else { return everyDayReports }
            return everyDayReports + [
                ("arrears, first page of \(pageSize.formatted())", { try $0.arrears(on: $1, pageSize: pageSize).entries.count }),
                ("arrears, page \(paging.middlePageNumber.formatted()) (after its cursor)",
                 { try $0.arrears(on: $1, pageSize: pageSize, after: paging.middle).entries.count }),
                ("arrears, last page \(paging.pages.formatted()) (after its cursor)",
                 { try $0.arrears(on: $1, pageSize: pageSize, after: paging.last).entries.count }),
                // The first page again, its pages now cached: the first timing follows the lists
                // by branch and regency, which on a large register evict the start of the index.
                ("arrears, first page again", { try $0.arrears(on: $1, pageSize: pageSize).entries.count }),
            ]
        }
        for date in dates {
            for (name, _) in reports(on: date) {
                for (label, _) in variants { result.timings.append(("\(name) @ \(date)\(label)", [], -1)) }
            }
        }
        for repetition in 0..<repeats {
            Log.step("  reports repetition \(repetition + 1)/\(repeats)")
            var index = 0
            for date in dates {
                for (name, report) in reports(on: date) {
                    let order = repetition % 2 == 0 ? Array(variants.indices) : variants.indices.reversed()
                    for variant in order {
                        let timing = index + variant
                        let (rows, elapsed) = try timed { try variants[variant].1.read { try report($0, date) } }
                        let millis = elapsed * 1000
                        if result.timings[timing].rows >= 0, result.timings[timing].rows != rows {
                            throw RawError(description: "\(name) at \(date) returned \(rows) rows, earlier \(result.timings[timing].rows)")
                        }
                        result.timings[timing].rows = rows
                        result.timings[timing].millis.append(millis)
                        Log.step("    \(result.timings[timing].name.padding(toLength: 34, withPad: " ", startingAt: 0))"
                            + String(format: "%10.1f ms  %7d rows", millis, rows))
                    }
                    index += variants.count
                }
            }
        }
        result.plans = try registry.read { try $0.reportQueryPlans(on: dates[0]) }
        return result
    }
}
