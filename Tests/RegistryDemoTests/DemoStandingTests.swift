import Registry
import SQLiteDB
import Testing

/// On the demo's two years of history (late payments, arrears, lapses, endings, migrants), the
/// reports that read the standing tables give what the ledger gives, every few days: status
/// counts and coverage from ``RegistrySession/membershipStatuses(on:)`` (the ledger replayed
/// per membership), arrears from the overdue bills themselves (a construction worker's being
/// the project's, 0020).
@Suite struct DemoStandingTests {
    @Test func reportsFromTheStandingTablesEqualTheLedgerEveryFewDays() throws {
        let demo = try DemoFixture.standard.get()
        let session = try demo.session()
        #expect(try session.isStandingCurrent())
        let regencyOfWorker = Dictionary(uniqueKeysWithValues: try session.connection.fetchAll(
            "SELECT id, substr(village_code, 1, 5) FROM workers").map { (try $0.get(0, as: Int64.self), try $0.get(1, as: String.self)) })
        var date = CalendarDate(iso: "2024-10-01")!
        let last = demo.summary.asOf.adding(days: 60)
        var checked = 0
        var constructionArrears = 0
        while date <= last {
            defer { date = date.adding(days: 9) }
            let statuses = try session.membershipStatuses(on: date)
            let at: Comment = "at \(date)"

            var counts: [Segment: [MembershipStatus.State: Int]] = [:]
            for status in statuses { counts[status.segment, default: [:]][status.state, default: 0] += 1 }
            for row in try session.statusCounts(on: date) {
                let expected = counts[row.segment] ?? [:]
                let states: [MembershipStatus.State] = [.active, .inArrears, .lapsed, .ended, .notStarted]
                let wanted: [Int] = states.map { expected[$0] ?? 0 }
                let got: [Int] = [row.active, row.inArrears, row.lapsed, row.ended, row.notStarted]
                #expect(got == wanted, at)
            }

            for segment in [nil] + Segment.allCases {
                var participants: [String: Set<Int64>] = [:], active: [String: Set<Int64>] = [:]
                for status in statuses where segment == nil || status.segment == segment {
                    let regency = regencyOfWorker[status.worker.rawValue]!
                    if status.state.isParticipating { participants[regency, default: []].insert(status.worker.rawValue) }
                    if status.state == .active { active[regency, default: []].insert(status.worker.rawValue) }
                }
                for row in try session.coverageByRegency(on: date, segment: segment) {
                    #expect(row.coverage.participants == participants[row.regency.code]?.count ?? 0, at)
                    #expect(row.coverage.activeParticipants == active[row.regency.code]?.count ?? 0, at)
                }
            }

            // What each membership owes, from its ledger (valid time), against the arrears
            // list read from the standing spans.
            let owing = statuses.compactMap { status in
                status.owed.map {
                    "\(status.membership.rawValue): \($0.billedMonths) bills \($0.firstMonth)…\($0.lastMonth) Rp\($0.amount.amount)"
                }
            }
            let listed = try session.arrears(on: date).map {
                "\($0.membership.rawValue): \($0.overdueBills) bills \($0.firstUnpaidMonth)…\($0.lastUnpaidMonth) Rp\($0.amountOwed.amount)"
            }
            #expect(listed == owing, at)
            if statuses.contains(where: { $0.segment == .construction && $0.state == .inArrears }) { constructionArrears += 1 }
            checked += 1
        }
        #expect(checked > 80)
        #expect(constructionArrears > 10, "the demo's unpaid and late projects put their workers in arrears")
    }
}

/// The arrears filters run in SQL (segment and regency on the index entry, district, village
/// and filing office on the worker); each must keep exactly the entries the whole list holds for
/// that segment, area or office, as a reader filtering worker by worker would.
@Suite struct ArrearsFilterTests {
    @Test func everyFilterKeepsWhatFilteringTheWholeListKeeps() throws {
        let demo = try DemoFixture.standard.get()
        let session = try demo.session()
        let date = demo.summary.asOf
        let whole = try session.arrears(on: date)
        #expect(whole.count > 20)
        var workers: [Worker.ID: Worker] = [:]
        for entry in whole where workers[entry.worker] == nil { workers[entry.worker] = try session.worker(entry.worker) }
        let villages = Set(workers.values.map(\.village))
        var regions = Set<RegionCode>()
        for village in villages.sorted().prefix(3) {
            let parts = village.code.split(separator: ".")
            for depth in 1...4 { regions.insert(try RegionCode(parts.prefix(depth).joined(separator: "."))) }
        }
        regions.insert(try RegionCode("99"))      // nobody lives there
        let offices = try session.connection.fetchValues(Int64.self, "SELECT id FROM offices ORDER BY id").map(Office.ID.init)

        var filters = Segment.allCases.map { ArrearsFilter(segment: $0) }
        filters += regions.map { ArrearsFilter(region: $0) }
        filters += offices.map { ArrearsFilter(office: $0) }
        filters.append(ArrearsFilter(segment: .informal, region: villages.sorted().first, office: workers.values.first?.branchOffice))
        var narrowed = 0
        for filter in filters {
            let below = try filter.office.map { office in Set([office] + (try session.offices(under: office).map(\.id))) }
            let expected = whole.filter { entry in
                let worker = workers[entry.worker]!
                return (filter.segment.map { entry.segment == $0 } ?? true)
                    && (filter.region.map { $0.contains(worker.village) } ?? true)
                    && (below.map { $0.contains(worker.branchOffice) } ?? true)
            }
            let got = try session.arrears(on: date, filter: filter)
            #expect(got == expected, "\(filter)")
            if !got.isEmpty && got.count < whole.count { narrowed += 1 }
        }
        #expect(narrowed > 10, "the filters keep some entries and drop others")
    }
}

/// No report reads a table that grows with the register (workers, memberships, the ledger, the
/// spans) from end to end: each reads the standing tables' sums, or looks rows up by index. The
/// plans name tables by their alias, so each report lists the full scans it may make: of small
/// tables (regencies, offices, segments, targets, the day sums) and of its own intermediate
/// results; a scan of anything else, such as `SCAN b` (bills) in the arrears, fails.
@Suite struct ReportQueryPlanTests {
    @Test func noReportScansATableThatGrowsWithTheRegister() throws {
        let session = try DemoFixture.standard.get().session()
        let plans = try session.reportQueryPlans(on: CalendarDate(iso: "2026-10-20")!)
        let allowedScans: [String: Set<String>] = [
            "coverageByRegency": ["rg"],
            "coverageByBranch": ["rg", "b"],                      // b: the branch_coverage co-routine
            "coverageByRegionalOffice": ["rg"],
            "statusCounts": ["status_count_changes", "s"],
            "arrears": ["f", "filing_offices",                    // the --office subtree of offices
                        "CONSTANT ROW", "closed_length_classes", "c"], // the twelve length classes
            "targetAchievements": ["targets", "t", "rg", "tr", "ts"],
            "arrearsPage": ["f", "filing_offices"],
            "arrearsPageAfterCursor": ["f", "filing_offices"],
        ]
        #expect(Set(plans.map(\.report)) == Set(allowedScans.keys))
        for plan in plans {
            let scanned = plan.fullScans.map { scan in
                scan == "SCAN CONSTANT ROW" ? "CONSTANT ROW" : String(scan.split(separator: " ")[1])
            }
            let unexpected = scanned.filter { !(allowedScans[plan.report] ?? []).contains($0) }
            #expect(unexpected.isEmpty, "\(plan.report):\n\(plan.lines.joined(separator: "\n"))")
            #expect(plan.usesIndex, "\(plan.report)")
        }
        // The arrears list reads what is owed from the index alone (0012: a lookup per index
        // entry made a date six months back twelve times slower), in both of its reads: closed
        // spans class by class over their window of start dates, open and longest spans (0015).
        let arrears = try #require(plans.first { $0.report == "arrears" })
        #expect(arrears.lines.filter { $0.contains("USING COVERING INDEX membership_status_spans_owing_by_length (length_class=? AND from_date") }.count == 2,
                "\(arrears.lines.joined(separator: "\n"))")
    }
}
