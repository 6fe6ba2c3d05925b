import Foundation
import Registry
import SQLiteDB
import Testing

// The Swift report queries (Sources/Registry/Reports) against the views of 0010_views.sql: at
// every date the views are re-pointed to (setReportDate), each Swift report must give the
// view's rows exactly. Then exact figures: the fixture at its date, the press figures of
// domain.md, masking and parameter binding. The view-row structs (MembershipStatus,
// SegmentCounts, Arrears, Coverage, Achievement) are those of ReportViewTests; `Coverage`
// there is the test's view row, which shadows Registry's type of the same name.

/// Dates for the consistency check: before any membership, around every due date, reversal,
/// late recording and end date of the fixture, its date, and after it.
private let consistencyDates = [
    "2015-06-30", "2023-12-31", "2024-01-01", "2024-06-15", "2024-12-15", "2024-12-16", "2024-12-31",
    "2025-01-01", "2025-01-15", "2025-01-16", "2025-02-01", "2025-02-02", "2025-03-31", "2025-04-01",
    "2025-04-11", "2025-04-12", "2025-04-30", "2025-05-16", "2025-05-31", "2025-06-01", "2025-06-16",
    SchemaFixture.asOf, "2025-07-01", "2025-07-09", "2025-07-10", "2025-08-16", "2026-01-01", "2026-06-30",
]

/// Changes over time on top of the fixture, so the dates disagree about more than the ledger:
/// the lapse threshold has no row in force in April–May 2025 and from July (default 3: on
/// 2025-05-16 membership 3 has 4 unpaid months), is 1 then 0 in June, Purwakarta moves
/// from the pioneer branch to Bandung, labour-force figures for several years, membership
/// 3 pays five months late, recorded on 2025-07-10, and the construction project of membership 7
/// has a bill of its own (0020) for 2025-04, due 2025-04-30, that its contractor pays on
/// 2025-07-09: its worker owes from May, and lapses while the threshold is 0.
private let historySQL = """
    UPDATE scheme_parameters SET effective_to = '2025-03-31' WHERE code = 'arrears_lapse_months';
    INSERT INTO scheme_parameters (code, value, effective_from, effective_to, confidence) VALUES
        ('arrears_lapse_months', 1, '2025-06-01', '2025-06-15', 'L'),
        ('arrears_lapse_months', 0, '2025-06-16', '2025-06-30', 'L');
    UPDATE branch_regencies SET effective_to = '2025-05-31' WHERE regency_code = '32.14';
    INSERT INTO branch_regencies (branch_office_id, regency_code, effective_from) VALUES (5, '32.14', '2025-06-01');
    INSERT INTO labour_force (year, regency_code, employed, unemployed) VALUES
        (2025, '32.14', 3, 1), (2026, '32.14', 100, 0), (2022, '34.02', 400000, 10000);
    INSERT INTO payments (id, receipt_number, payer_code, amount, paid_at, channel_code, recorded_at) VALUES
        (20, 'RCPT-0020', 'self', 129000, unixepoch('2025-07-10T05:00:00.000Z') * 1000, 'e_wallet', unixepoch('2025-07-10T05:00:00.000Z') * 1000);
    INSERT INTO payment_allocations (payment_id, bill_id, amount, recorded_at)
    SELECT 20, id, 25800, unixepoch('2025-07-10T05:00:00.000Z') * 1000 FROM bills WHERE id BETWEEN 32 AND 36;
    INSERT INTO project_bills (id, construction_project_id, contribution_month, due_date, recorded_at) VALUES
        (1, 1, '2025-04', '2025-04-30', '2025-04-01T00:00:00.000Z');
    INSERT INTO project_bill_lines (project_bill_id, program_code, payer_code, amount, recorded_at) VALUES
        (1, 'JKK', 'employer', 100000, '2025-04-01T00:00:00.000Z');
    INSERT INTO payments (id, receipt_number, payer_code, employer_id, amount, paid_at, channel_code, recorded_at) VALUES
        (21, 'RCPT-0021', 'employer', 2, 100000, unixepoch('2025-07-09T05:00:00.000Z') * 1000, 'bank_transfer', unixepoch('2025-07-09T05:00:00.000Z') * 1000);
    INSERT INTO project_payment_allocations (payment_id, project_bill_id, amount, recorded_at) VALUES
        (21, 1, 100000, '2025-07-09T05:00:00.000Z');
    """


private func region(_ text: String) -> RegionCode { try! RegionCode(text) }

extension MembershipStatus {
    fileprivate var viewRow: MembershipStatusRow {
        MembershipStatusRow(membership_id: Int(membership.rawValue), worker_id: Int(worker.rawValue),
                            segment_code: segment.rawValue, start_date: startDate.isoString, end_date: endDate?.isoString,
                            last_paid_month: lastPaidMonth?.description, unpaid_months: unpaidMonths,
                            status: state.rawValue)
    }
}

// Registry's `Coverage` cannot be named here: the test's view-row struct `Coverage` shadows it,
// and `Registry.Coverage` would look inside the class `Registry`. An associated type names it.
fileprivate protocol ExposesFigures { associatedtype Figures; var coverage: Figures { get } }
extension RegencyCoverage: ExposesFigures {}
fileprivate typealias Figures = RegencyCoverage.Figures

fileprivate func coverageRow(_ figures: Figures, _ key: String, _ name: String) -> Coverage {
    Coverage(key: key, name: name, labour_force_year: figures.labourForceYear,
             labour_force: figures.labourForce.map(Int.init), participants: figures.participants,
             active_participants: figures.activeParticipants, coverage_pct: figures.percentage,
             active_coverage_pct: figures.activePercentage)
}

extension RegencyCoverage {
    fileprivate var viewRow: Coverage { coverageRow(coverage, regency.code, name) }
}

extension OfficeCoverage {
    fileprivate var viewRow: Coverage { coverageRow(coverage, officeCode, officeName) }
}

@Suite final class ReportQueryTests {
    let db: Connection
    let session: RegistrySession

    init() throws {
        db = try FixturePool.shared.borrow()
        session = RegistrySession(db)
    }

    deinit {
        FixturePool.shared.giveBack(db)
    }

    // MARK: - Swift reports = views, at every date

    @Test(arguments: [false, true])
    func everyReportMatchesItsViewAtEveryDate(withHistory: Bool) throws {
        if withHistory { try db.executeScript(historySQL) }
        let officeIDs = Dictionary(uniqueKeysWithValues: try db.fetchAll("SELECT code, id FROM offices").map {
            (try $0.get("code", as: String.self), try $0.get("id", as: Int.self))
        })
        for text in consistencyDates {
            try setReportDate(db, text)
            let date = day(text)
            let at: Comment = "at \(text)\(withHistory ? " with history" : "")"

            // Membership status
            #expect(try session.membershipStatuses(on: date).map(\.viewRow) == db.membershipStatuses(), at)

            // Status counts
            let counts = try session.statusCounts(on: date).map {
                SegmentCounts(segment_code: $0.segment.rawValue, short_code: $0.segment.shortCode,
                              memberships: $0.memberships, active: $0.active, in_arrears: $0.inArrears,
                              lapsed: $0.lapsed, ended: $0.ended, not_started: $0.notStarted)
            }
            #expect(counts == (try db.fetchAll(SegmentCounts.self, "SELECT * FROM segment_status_counts ORDER BY segment_code")), at)

            // Arrears (the view's NIK masked the same way; its amount leaves out the months no
            // billing run billed, which the library prices)
            let arrears = try session.arrears(on: date).map {
                Arrears(membership_id: Int($0.membership.rawValue), worker_id: Int($0.worker.rawValue), nik: $0.maskedNIK, kpj: $0.kpj,
                        full_name: $0.fullName, segment_code: $0.segment.rawValue, status: $0.status.rawValue,
                        unpaid_months: $0.unpaidMonths, overdue_bills: $0.overdueBills,
                        first_unpaid_month: $0.firstUnpaidMonth.description,
                        last_unpaid_month: $0.lastUnpaidMonth.description,
                        amount_owed: Int(($0.amountOwed - $0.unbilledAmount).amount))
            }
            let viewArrears = try db.fetchAll(Arrears.self, "SELECT * FROM arrears ORDER BY membership_id").map {
                Arrears(membership_id: $0.membership_id, worker_id: $0.worker_id, nik: NIK.mask($0.nik), kpj: $0.kpj,
                        full_name: $0.full_name, segment_code: $0.segment_code, status: $0.status,
                        unpaid_months: $0.unpaid_months, overdue_bills: $0.overdue_bills,
                        first_unpaid_month: $0.first_unpaid_month, last_unpaid_month: $0.last_unpaid_month,
                        amount_owed: $0.amount_owed)
            }
            #expect(arrears == viewArrears, at)

            // Coverage by regency, and each regency alone
            let regencies = try session.coverageByRegency(on: date)
            let viewRegencies = try db.fetchAll(Coverage.self, """
                SELECT regency_code AS key, regency_name AS name, labour_force_year, labour_force, participants,
                       active_participants, coverage_pct, active_coverage_pct
                FROM coverage_by_regency ORDER BY regency_code
                """)
            #expect(regencies.map(\.viewRow) == viewRegencies, at)
            for row in viewRegencies {
                let alone = try session.coverage(of: .regency(region(row.key)), on: date)
                #expect(coverageRow(alone, row.key, row.name) == row, at)
                #expect(alone.basisPoints == row.coverage_pct.map { Int(($0 * 100).rounded()) }, at)
            }

            // Coverage by branch, and each branch alone
            let branches = try session.coverageByBranch(on: date)
            let viewBranches = try db.fetchAll(Coverage.self, """
                SELECT office_code AS key, office_name AS name, labour_force_latest_year AS labour_force_year,
                       labour_force, participants, active_participants, coverage_pct, active_coverage_pct
                FROM coverage_by_branch ORDER BY office_code
                """)
            #expect(branches.map(\.viewRow) == viewBranches, at)
            #expect(try branches.map(\.regenciesServed)
                    == db.fetchValues(Int.self, "SELECT regencies_served FROM coverage_by_branch ORDER BY office_code"), at)
            #expect(try branches.map { officeIDs[$0.parentOfficeCode!]! }
                    == db.fetchValues(Int.self, "SELECT regional_office_id FROM coverage_by_branch ORDER BY office_code"), at)
            for row in viewBranches {
                let alone = try session.coverage(of: .office(code: row.key), on: date)
                #expect(coverageRow(alone, row.key, row.name) == row, at)
            }

            // Coverage by regional office, and each alone
            let regional = try session.coverageByRegionalOffice(on: date)
            let viewRegional = try db.fetchAll(Coverage.self, """
                SELECT office_code AS key, office_name AS name, labour_force_latest_year AS labour_force_year,
                       labour_force, participants, active_participants, coverage_pct, active_coverage_pct
                FROM coverage_by_regional_office ORDER BY office_code
                """)
            #expect(regional.map(\.viewRow) == viewRegional, at)
            #expect(try regional.map { [$0.branches!, $0.regenciesServed] } == db.fetchAll(
                "SELECT branches, regencies_served FROM coverage_by_regional_office ORDER BY office_code").map {
                    [try $0.get("branches", as: Int.self), try $0.get("regencies_served", as: Int.self)]
                }, at)
            for row in viewRegional {
                let alone = try session.coverage(of: .office(code: row.key), on: date)
                #expect(coverageRow(alone, row.key, row.name) == row, at)
            }

            // Head office and provinces without a province row: sums of the view's regencies
            func summed(_ rows: [Coverage], key: String, name: String) -> Coverage {
                let labour = rows.compactMap(\.labour_force)
                let total = labour.isEmpty ? nil : Int64(labour.reduce(0, +))
                let participants = rows.map(\.participants).reduce(0, +)
                let active = rows.map(\.active_participants).reduce(0, +)
                func pct(_ n: Int) -> Double? {
                    total.flatMap { $0 == 0 ? nil : (Double(n) * 10000 / Double($0)).rounded() / 100 }
                }
                return Coverage(key: key, name: name, labour_force_year: rows.compactMap(\.labour_force_year).max(),
                                labour_force: total.map(Int.init), participants: participants,
                                active_participants: active, coverage_pct: pct(participants),
                                active_coverage_pct: pct(active))
            }
            let national = try session.coverage(of: .office(code: "KP"), on: date)
            #expect(coverageRow(national, "KP", "national") == summed(viewRegencies, key: "KP", name: "national"), at)
            for province in ["32", "34"] {
                let alone = try session.coverage(of: .province(region(province)), on: date)
                let rows = viewRegencies.filter { $0.key.hasPrefix(province + ".") }
                #expect(coverageRow(alone, province, "") == summed(rows, key: province, name: ""), at)
            }
            // Central Java has a province row (2021) and no regency in the fixture.
            let centralJava = try session.coverage(of: .province(region("33")), on: date)
            #expect(centralJava.labourForce == (date.year >= 2021 ? 18_963_993 : nil), at)
            #expect(centralJava.labourForceYear == (date.year >= 2021 ? 2021 : nil), at)

            // One segment: the view's statuses counted per regency by hand
            for segment in Segment.allCases {
                let bySegment = try session.coverageByRegency(on: date, segment: segment)
                let expected = try db.fetchAll("""
                    SELECT rg.code,
                           count(DISTINCT CASE WHEN ms.status IN ('active', 'in_arrears', 'lapsed') THEN w.id END) AS p,
                           count(DISTINCT CASE WHEN ms.status = 'active' THEN w.id END) AS a
                    FROM regencies rg
                    LEFT JOIN workers w ON substr(w.village_code, 1, 5) = rg.code
                    LEFT JOIN membership_status ms ON ms.worker_id = w.id AND ms.segment_code = ?
                    GROUP BY rg.code ORDER BY rg.code
                    """, segment.rawValue).map { [try $0.get(0, as: String.self), String(try $0.get(1, as: Int.self)),
                                                  String(try $0.get(2, as: Int.self))] }
                #expect(bySegment.map { [$0.regency.code, String($0.coverage.participants),
                                         String($0.coverage.activeParticipants)] } == expected, "\(segment) \(at)")
                #expect(bySegment.allSatisfy { $0.coverage.segment == segment })
                for row in bySegment {
                    #expect(try session.coverage(of: .regency(row.regency), on: date, segment: segment) == row.coverage)
                }
            }

            // Target achievement: all targets, and those in force at the date
            let viewTargets = try db.fetchAll(Achievement.self, """
                SELECT target_id, area_kind, area_key, area_name, segment_code, kind, target_value, actual_value,
                       labour_force, achievement_pct
                FROM target_achievement ORDER BY target_id
                """)
            let targets = try session.targetAchievements()
            #expect(targets.map { achievementRow($0, officeIDs) } == viewTargets, at)
            let inForce = try db.fetchValues(Int.self, """
                SELECT id FROM targets WHERE period_start <= ?1 AND period_end >= ?1 ORDER BY id
                """, text)
            let targetsOnDate = try session.targetAchievements(on: date)
            #expect(targetsOnDate.map { Int($0.targetID) } == inForce, at)
            #expect(targetsOnDate.map { achievementRow($0, officeIDs) }
                    == viewTargets.filter { inForce.contains($0.target_id) }, at)
        }
    }

    private func achievementRow(_ target: TargetAchievement, _ officeIDs: [String: Int]) -> Achievement {
        let (kind, key): (String, String) = switch target.area {
        case .office(let code): ("office", String(officeIDs[code]!))
        case .province(let code): ("province", code.code)
        case .regency(let code): ("regency", code.code)
        }
        return Achievement(target_id: Int(target.targetID), area_kind: kind, area_key: key, area_name: target.areaName,
                           segment_code: target.segment?.rawValue, kind: target.kind.rawValue,
                           target_value: Int(target.targetValue), actual_value: target.actualValue.map(Int.init),
                           labour_force: target.labourForce.map(Int.init), achievement_pct: target.percentage)
    }

    // MARK: - Exact figures on the fixture

    @Test func statusesAtTheFixtureDateAndWithALateRecordedPayment() throws {
        try db.executeScript(historySQL)
        let states = { (text: String) in try self.session.membershipStatuses(on: day(text)).map(\.state) }
        // Threshold 0 in June 2025: any unpaid month lapses, the construction worker's unpaid
        // project bill too.
        #expect(try states("2025-06-20") == [.active, .lapsed, .lapsed, .lapsed, .ended, .notStarted, .lapsed])
        // No threshold row in force from July: the default 3. Membership 3's payment is recorded
        // on 2025-07-10, so on the 9th it is still 5 months behind, on the 10th it is paid up.
        #expect(try states("2025-07-09") == [.active, .inArrears, .lapsed, .inArrears, .ended, .active, .active])
        let m3 = { (text: String) in try #require(try self.session.membershipStatuses(on: day(text)).first { $0.membership.rawValue == 3 }) }
        #expect(try m3("2025-07-09").unpaidMonths == 5)
        #expect(try m3("2025-07-10").state == .active)
        #expect(try m3("2025-07-10").lastPaidMonth == ContributionMonth("2025-06"))
    }

    @Test func coverageOfAreasAtTheFixtureDate() throws {
        let date = day(SchemaFixture.asOf)
        // Jawa Barat: Purwakarta (8, workers 3 lapsed and 6 active) + Bandung (3, worker 4 in arrears).
        let jabar = try session.coverage(of: .office(code: "KW-JABAR"), on: date)
        #expect(jabar.area == .office(code: "KW-JABAR"))
        #expect(jabar.labourForce == 11 && jabar.labourForceYear == 2024)
        #expect(jabar.participants == 3 && jabar.activeParticipants == 1)
        #expect(jabar.basisPoints == 2727 && jabar.activeBasisPoints == 909)
        #expect(jabar.percentage == 27.27 && jabar.activePercentage == 9.09)
        var westJava = jabar   // the same regencies
        westJava.area = .province(region("32"))
        #expect(try session.coverage(of: .province(region("32")), on: date) == westJava)
        // National: workers 1, 2, 3, 4, 6; labour force 8 + 3 + 457,718.
        let national = try session.coverage(of: .office(code: "KP"), on: date)
        #expect(national.participants == 5 && national.activeParticipants == 2)
        #expect(national.labourForce == 457_729 && national.basisPoints == 0)
        // One segment: Purwakarta's BPU member (3) is lapsed, its JAKON member (6) active.
        let purwakarta = region("32.14")
        let informal = try session.coverage(of: .regency(purwakarta), on: date, segment: .informal)
        #expect(informal.participants == 1 && informal.activeParticipants == 0)
        #expect(informal.basisPoints == 1250 && informal.activeBasisPoints == 0)
        #expect(informal.segment == .informal)
        let construction = try session.coverage(of: .regency(purwakarta), on: date, segment: .construction)
        #expect(construction.participants == 1 && construction.activeParticipants == 1)
        let migrant = try session.coverageByRegency(on: date, segment: .migrant)
        #expect(migrant.map(\.coverage.participants) == [0, 0, 0])
        #expect(migrant.map(\.coverage.basisPoints) == [0, 0, 0])
        // Before any membership, and a year without any labour-force figure.
        let early = try session.coverage(of: .office(code: "KC-YK"), on: day("2020-12-31"))
        #expect(early.participants == 0 && early.labourForce == nil && early.basisPoints == nil && early.percentage == nil)
    }

    @Test func unknownOrMalformedAreasAreRefused() throws {
        let date = day(SchemaFixture.asOf)
        #expect(throws: RegistryError.notFound(field: "office_code", value: "KC-NOWHERE")) {
            try self.session.coverage(of: .office(code: "KC-NOWHERE"), on: date)
        }
        #expect(throws: RegistryError.notFound(field: "regency_code", value: "32.01")) {
            try self.session.coverage(of: .regency(region("32.01")), on: date)
        }
        #expect(throws: RegistryError.notFound(field: "province_code", value: "35")) {
            try self.session.coverage(of: .province(region("35")), on: date)
        }
        #expect(throws: RegistryError.self) { try self.session.coverage(of: .regency(region("32")), on: date) }
        #expect(throws: RegistryError.self) { try self.session.coverage(of: .province(region("32.14")), on: date) }
    }

    @Test func arrearsNeverShowAFullNIK() throws {
        let entries = try session.arrears(on: day(SchemaFixture.asOf))
        #expect(entries.map(\.maskedNIK) == ["3402********0002", "3214********0003", "3273********0004", "3402********0005"])
        #expect(entries.map(\.kpj) == ["10000000002", "10000000003", "10000000004", "10000000005"])
        #expect(entries.map(\.fullName) == ["Siti", "Agus", "Dewi", "Rudi"])
        #expect(entries.map(\.amountOwed) == [Rupiah(3 * 36800), Rupiah(5 * 25800), Rupiah(556_200), Rupiah(16800)])
        let printed = "\(entries) \(entries.map { String(reflecting: $0) })"
        let niks = try db.fetchValues(String.self, "SELECT nik FROM workers")
        #expect(niks.count == 7)
        for nik in niks {
            #expect(!printed.contains(nik))
            #expect(!printed.contains(String(nik.dropFirst(4).prefix(8))))   // not even the hidden middle
        }
    }

    @Test func aQuoteInAParameterIsJustText() throws {
        let evil = "X'); DROP TABLE workers;--"
        let date = day(SchemaFixture.asOf)
        #expect(throws: RegistryError.notFound(field: "office_code", value: evil)) {
            try self.session.coverage(of: .office(code: evil), on: date)
        }
        // An office that really has this code: Bantul moves to it, and it reports Bantul's figures.
        try db.execute("INSERT INTO offices (id, code, name, kind, parent_office_id) VALUES (?, ?, ?, ?, ?)",
                       7, evil, "Kantor Cabang Perintis '; --", "pioneer_branch", 3)
        try db.execute("UPDATE branch_regencies SET effective_to = ? WHERE regency_code = ?", "2025-05-31", "34.02")
        try db.execute("INSERT INTO branch_regencies (branch_office_id, regency_code, effective_from) VALUES (?, ?, ?)",
                       7, "34.02", "2025-06-01")
        let coverage = try session.coverage(of: .office(code: evil), on: date)
        #expect(coverage.participants == 2 && coverage.activeParticipants == 1)
        #expect(coverage.labourForce == 457_718)
        #expect(coverage.area == .office(code: evil))
        let branch = try #require(try session.coverageByBranch(on: date).first { $0.officeCode == evil })
        #expect(branch.coverage == coverage && branch.regenciesServed == 1 && branch.parentOfficeCode == "KW-JTDIY")
        // Before the move the office served nothing.
        #expect(try session.coverage(of: .office(code: evil), on: day("2025-05-31")).participants == 0)
        #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM workers") == 7)
        #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM sqlite_schema WHERE name = 'workers'") == 1)
    }
}

// MARK: - Press figures (domain.md) through the Swift reports

@Suite struct ReportPressFigureTests {
    /// Bantul, February 2023: labour force 457,718, covered 115,463 = 25.23%; target 40%.
    /// Full size: about 4 s, nearly all of it inserting the members.
    @Test func bantulCoverageFullSize() throws {
        let db = try migratedDatabase()
        try db.transaction(.immediate) {
            try db.executeScript(PressFigureTests.frame)
            try db.execute("INSERT INTO labour_force (year, regency_code, employed, unemployed) VALUES (?, ?, ?, ?)",
                           2023, "34.02", 445_000, 12_718)
            try PressFigureTests.members(db, count: 115_463, village: "34.02.01.2001", nikPrefix: "340201",
                                         kpjPrefix: "301", start: "2022-01-01", end: nil)
            // Former members (ended in 2022) are neither participants nor counted for the 2023 target.
            try PressFigureTests.members(db, count: 40, village: "34.02.01.2001", nikPrefix: "340202",
                                         kpjPrefix: "302", start: "2021-01-01", end: "2022-12-31")
            try db.execute("""
                INSERT INTO targets (regency_code, kind, target_value, period_start, period_end) VALUES (?, ?, ?, ?, ?)
                """, "34.02", "coverage_percentage", 4000, "2023-01-01", "2023-12-31")
        }
        let session = RegistrySession(db)
        let date = day("2023-02-28")
        let bantul = try session.coverage(of: .regency(region("34.02")), on: date)
        #expect(bantul.labourForce == 457_718 && bantul.labourForceYear == 2023)
        // The press figure counts participants. These members have paid no dues: a month due is
        // owed with or without a bill (0022), so none is active; lapsed members still participate.
        #expect(bantul.participants == 115_463 && bantul.activeParticipants == 0)
        #expect(bantul.basisPoints == 2523)
        #expect(bantul.percentage == 25.23)
        // The branch serves Bantul and Purwakarta (no labour-force figure): the same figures.
        let branch = try session.coverage(of: .office(code: "KC"), on: date)
        #expect(branch.participants == 115_463 && branch.basisPoints == 2523)
        #expect(try session.coverageByRegency(on: date).first { $0.regency == region("34.02") }?.coverage == bantul)
        let target = try #require(try session.targetAchievements(on: date).first)
        #expect(target.kind == .coveragePercentage && target.targetValue == 4000)
        #expect(target.actualValue == 2523)
        #expect(target.achievementBasisPoints == 6308)   // 2523 / 4000 = 63.075%
        #expect(target.percentage == 63.08)
        // And the views agree.
        try setReportDate(db, "2023-02-28")
        #expect(try db.fetchValue(Double.self, "SELECT coverage_pct FROM coverage_by_regency WHERE regency_code = '34.02'") == 25.23)
    }

    /// Central Java, November 2021: 3,062,280 covered of 17,835,770 employed + 1,128,223
    /// unemployed = 16.15%, against the province's own labour-force row. Scaled by 1/100 (30,623
    /// of 178,358 + 11,282; 16.15% too) to stay fast: 3 million members take minutes to insert.
    /// The regencies' own rows (much smaller) are not used for the province.
    @Test func centralJavaCoverageFromTheProvinceRow() throws {
        let db = try migratedDatabase()
        try db.transaction(.immediate) {
            try db.executeScript(PressFigureTests.frame)
            try db.executeScript("""
                INSERT INTO provinces (code, name) VALUES ('33', 'Jawa Tengah');
                INSERT INTO regencies (code, province_code, name) VALUES ('33.01', '33', 'Cilacap'), ('33.74', '33', 'Kota Semarang');
                INSERT INTO districts (code, regency_code, name) VALUES ('33.01.01', '33.01', 'Dayeuhluhur'),
                                                                        ('33.74.01', '33.74', 'Semarang Tengah');
                INSERT INTO villages (code, district_code, name) VALUES ('33.01.01.2001', '33.01.01', 'Matenggeng'),
                                                                       ('33.74.01.1001', '33.74.01', 'Sekayu');
                INSERT INTO labour_force (year, province_code, regency_code, employed, unemployed) VALUES
                    (2021, '33', NULL, 178358, 11282),
                    (2022, '33', NULL, 999999, 0),
                    (2021, NULL, '33.01', 1000, 0),
                    (2020, NULL, '33.74', 500, 0);
                """)
            try PressFigureTests.members(db, count: 15_312, village: "33.01.01.2001", nikPrefix: "330101",
                                         kpjPrefix: "304", start: "2019-06-01", end: nil)
            try PressFigureTests.members(db, count: 15_311, village: "33.74.01.1001", nikPrefix: "337401",
                                         kpjPrefix: "305", start: "2021-11-01", end: nil)
        }
        let session = RegistrySession(db)
        let centralJava = try session.coverage(of: .province(region("33")), on: day("2021-11-30"))
        #expect(centralJava.labourForce == 189_640 && centralJava.labourForceYear == 2021)
        #expect(centralJava.participants == 30_623)
        #expect(centralJava.basisPoints == 1615)
        #expect(centralJava.percentage == 16.15)
        // In 2020 there is no province row yet: the regencies' figures (33.74 only, 2020) are summed.
        let before = try session.coverage(of: .province(region("33")), on: day("2020-12-31"))
        #expect(before.labourForce == 500 && before.labourForceYear == 2020 && before.participants == 15_312)
        // A regency always uses its own row.
        let cilacap = try session.coverage(of: .regency(region("33.01")), on: day("2021-11-30"))
        #expect(cilacap.labourForce == 1000 && cilacap.participants == 15_312)
    }

    /// Purwakarta, 2017: 13,175 informal members against a target of 6,693 = 196.85%.
    @Test func purwakartaInformalTarget2017() throws {
        let db = try migratedDatabase()
        try db.transaction(.immediate) {
            try db.executeScript(PressFigureTests.frame)
            try PressFigureTests.members(db, count: 13_175, village: "32.14.01.2001", nikPrefix: "321401",
                                         kpjPrefix: "303", start: "2017-03-01", end: nil)
            try db.execute("""
                INSERT INTO targets (regency_code, segment_code, kind, target_value, period_start, period_end)
                VALUES (?, ?, ?, ?, ?, ?)
                """, "32.14", "informal", "head_count", 6693, "2017-01-01", "2017-12-31")
        }
        let session = RegistrySession(db)
        let target = try #require(try session.targetAchievements().first)
        #expect(target.area == .regency(region("32.14")) && target.areaName == "Purwakarta")
        #expect(target.segment == .informal && target.kind == .headCount)
        #expect(target.periodStart == day("2017-01-01") && target.periodEnd == day("2017-12-31"))
        #expect(target.targetValue == 6693 && target.actualValue == 13_175)
        #expect(target.achievementBasisPoints == 19685)
        #expect(target.percentage == 196.85)
        #expect(target.labourForce == nil)
        #expect(try session.targetAchievements(on: day("2018-01-01")).isEmpty)
        let informal = try session.coverage(of: .regency(region("32.14")), on: day("2017-12-31"), segment: .informal)
        #expect(informal.participants == 13_175 && informal.labourForce == nil && informal.basisPoints == nil)
        #expect(try session.coverage(of: .regency(region("32.14")), on: day("2017-12-31"), segment: .wageEarner).participants == 0)
    }
}
