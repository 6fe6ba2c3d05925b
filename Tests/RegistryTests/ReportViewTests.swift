import Foundation
import Registry
import SQLiteDB
import Testing

// Port of the "views" section of /work/schema-scratch/test.sh: the fixture (SchemaFixture) with
// report_as_of fixed at 2025-06-20, so the expected numbers hold whatever today's date is; a
// second fixture built relative to today (Jakarta) for the production report_as_of; press figures
// from domain.md; and the domain checks on the rule tables.

// Column names are the views' own (snake_case), so the rows decode without key mapping.

struct MembershipStatusRow: Decodable, Equatable, CustomStringConvertible {
    let membership_id: Int
    let worker_id: Int
    let segment_code: String
    let start_date: String
    let end_date: String?
    let last_paid_month: String?
    let unpaid_months: Int
    let status: String

    var description: String { "m\(membership_id) \(status) (\(unpaid_months) unpaid, last paid \(last_paid_month ?? "-"))" }
}

struct SegmentCounts: Decodable, Equatable {
    let segment_code: String
    let short_code: String
    let memberships: Int
    let active: Int
    let in_arrears: Int
    let lapsed: Int
    let ended: Int
    let not_started: Int
}

struct Arrears: Decodable, Equatable {
    let membership_id: Int
    let worker_id: Int
    let nik: String
    let kpj: String
    let full_name: String
    let segment_code: String
    let status: String
    let unpaid_months: Int
    let overdue_bills: Int
    let first_unpaid_month: String
    let last_unpaid_month: String
    let amount_owed: Int
}

struct BillBalance: Decodable, Equatable {
    let bill_id: Int
    let contribution_month: String
    let amount_due: Int
    let amount_paid: Int
}

struct Coverage: Decodable, Equatable {
    let key: String
    let name: String
    let labour_force_year: Int?
    let labour_force: Int?
    let participants: Int
    let active_participants: Int
    let coverage_pct: Double?
    let active_coverage_pct: Double?
}

struct Achievement: Decodable, Equatable {
    let target_id: Int
    let area_kind: String
    let area_key: String
    let area_name: String
    let segment_code: String?
    let kind: String
    let target_value: Int
    let actual_value: Int?
    let labour_force: Int?
    let achievement_pct: Double?
}

extension Connection {
    func membershipStatuses() throws -> [MembershipStatusRow] {
        try fetchAll(MembershipStatusRow.self, "SELECT * FROM membership_status ORDER BY membership_id")
    }

    func status(of membership: Int) throws -> MembershipStatusRow? {
        try fetchOne(MembershipStatusRow.self, "SELECT * FROM membership_status WHERE membership_id = ?", membership)
    }
}

/// Each test borrows a loaded fixture inside a transaction that is rolled back when it ends
/// (report dates are changed with DDL, which rolls back too).
@Suite final class ReportViewTests {
    let db: Connection

    init() throws {
        db = try FixturePool.shared.borrow()
    }

    deinit {
        FixturePool.shared.giveBack(db)
    }

    @Test func reportDateIsTheFixtureDate() throws {
        #expect(try db.fetchValue(String.self, "SELECT as_of FROM report_as_of") == SchemaFixture.asOf)
        #expect(try db.fetchValues(String.self, "SELECT DISTINCT as_of FROM membership_status") == [SchemaFixture.asOf])
    }

    /// The recorded-time cut-off in both forms: the ISO text the ledger's text timestamps are
    /// compared with, and the INTEGER milliseconds (0025) for its integer ones.
    @Test func recordedTimeCutOffInTextAndMilliseconds() throws {
        let db = try Connection(.memory)
        try Migrator(migrations: try RegistrySchema.migrations()).migrate(db)
        func cutOff() throws -> (String, UnixMilliseconds) {
            let row = try #require(try db.fetchOne("SELECT recorded_before, recorded_before_ms FROM report_dates"))
            return (try row.get(0), try row.get(1))
        }
        let (everything, everythingMs) = try cutOff()
        #expect(everything == "9999-12-31T23:59:59.999Z")
        #expect(everythingMs == UnixMilliseconds(try #require(Date(iso8601: everything))))
        try db.executeScript("DROP VIEW report_known_on; CREATE VIEW report_known_on AS SELECT '2025-06-20' AS known_on;")
        let (endOfDay, endOfDayMs) = try cutOff()
        #expect(endOfDay == "2025-06-20T17:00:00.000Z", "the end of the Jakarta day")
        #expect(endOfDayMs == UnixMilliseconds(try #require(Date(iso8601: endOfDay))))
    }

    @Test func billBalancesNetReversedLinesAndAllocations() throws {
        let balances = try db.fetchAll(BillBalance.self, """
            SELECT bill_id, contribution_month, amount_due, amount_paid FROM bill_balances
            WHERE membership_id IN (2, 3) ORDER BY bill_id
            """)
        let expected: [BillBalance] =
            (1...6).map { BillBalance(bill_id: 20 + $0, contribution_month: "2025-0\($0)", amount_due: 36800,
                                      amount_paid: $0 <= 3 ? 36800 : 0) }
            + (1...6).map { BillBalance(bill_id: 30 + $0, contribution_month: "2025-0\($0)", amount_due: 25800,
                                        amount_paid: $0 == 1 ? 25800 : 0) }
        #expect(balances == expected)
        // Bill 32: 20,000 − 20,000 + 19,000 JKK + 6,800 JKM. Bill 24: the bounced allocation nets to 0.
        let others = try db.fetchAll(BillBalance.self, """
            SELECT bill_id, contribution_month, amount_due, amount_paid FROM bill_balances
            WHERE bill_id IN (11, 41, 42, 43, 51, 71) ORDER BY bill_id
            """)
        #expect(others == [
            BillBalance(bill_id: 11, contribution_month: "2025-01", amount_due: 21800, amount_paid: 21800),
            BillBalance(bill_id: 41, contribution_month: "2025-04", amount_due: 556_200, amount_paid: 556_200),
            BillBalance(bill_id: 42, contribution_month: "2025-05", amount_due: 556_200, amount_paid: 0),
            BillBalance(bill_id: 43, contribution_month: "2025-06", amount_due: 556_200, amount_paid: 0),
            BillBalance(bill_id: 51, contribution_month: "2024-12", amount_due: 16800, amount_paid: 0),
            BillBalance(bill_id: 71, contribution_month: "2025-03", amount_due: 1_750_000, amount_paid: 1_750_000),
        ])
    }

    @Test func billBalancesReplayTheLedgerAsItStoodOnTheReportDate() throws {
        func balance(_ bill: Int) throws -> BillBalance? {
            try db.fetchOne(BillBalance.self, """
                SELECT bill_id, contribution_month, amount_due, amount_paid FROM bill_balances WHERE bill_id = ?
                """, bill)
        }
        // Recorded time: each day as the register said it that day.
        func asKnownOn(_ date: String) throws {
            try setReportDate(db, date)
            try setKnownOn(db, date)
        }
        try asKnownOn("2025-02-01")   // before the wrong JKK line of bill 32 was reversed
        #expect(try balance(32)?.amount_due == 26800)
        try asKnownOn("2025-02-02")
        #expect(try balance(32)?.amount_due == 25800)
        try asKnownOn("2025-04-11")   // bounced transfer allocated, not yet reversed
        #expect(try balance(24)?.amount_paid == 36800)
        #expect(try db.status(of: 2)?.status == "active")
        try asKnownOn("2025-04-20")
        #expect(try balance(24)?.amount_paid == 0)
        #expect(try db.status(of: 2)?.status == "in_arrears")
        try asKnownOn("2025-04-30")   // bills 41–43 not recorded yet
        #expect(try balance(41) == nil)
        #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM bill_balances WHERE membership_id = 4") == 0)

        // Valid time, from everything recorded: the corrected line was always the bill, and the
        // bounced transfer never paid it (its reversal shares the payment's day).
        try setKnownOn(db, nil)
        try setReportDate(db, "2025-02-01")
        #expect(try balance(32)?.amount_due == 25800)
        try setReportDate(db, "2025-04-11")
        #expect(try balance(24)?.amount_paid == 0)
        #expect(try db.status(of: 2)?.status == "active")   // April is due on the 15th
        try setReportDate(db, "2025-04-30")
        #expect(try balance(41)?.amount_due == 556_200)     // recorded in May, known now
    }

    @Test func membershipStatusAtTheFixtureDate() throws {
        #expect(try db.membershipStatuses() == [
            MembershipStatusRow(membership_id: 1, worker_id: 1, segment_code: "informal", start_date: "2024-01-01",
                             end_date: nil, last_paid_month: "2025-06", unpaid_months: 0, status: "active"),
            MembershipStatusRow(membership_id: 2, worker_id: 2, segment_code: "informal", start_date: "2024-01-01",
                             end_date: nil, last_paid_month: "2025-03", unpaid_months: 3, status: "in_arrears"),
            MembershipStatusRow(membership_id: 3, worker_id: 3, segment_code: "informal", start_date: "2024-01-01",
                             end_date: nil, last_paid_month: "2025-01", unpaid_months: 5, status: "lapsed"),
            MembershipStatusRow(membership_id: 4, worker_id: 4, segment_code: "wage_earner", start_date: "2025-04-01",
                             end_date: nil, last_paid_month: "2025-04", unpaid_months: 1, status: "in_arrears"),
            MembershipStatusRow(membership_id: 5, worker_id: 5, segment_code: "informal", start_date: "2024-01-01",
                             end_date: "2024-12-31", last_paid_month: nil, unpaid_months: 1, status: "ended"),
            MembershipStatusRow(membership_id: 6, worker_id: 5, segment_code: "informal", start_date: "2025-07-01",
                             end_date: nil, last_paid_month: nil, unpaid_months: 0, status: "not_started"),
            MembershipStatusRow(membership_id: 7, worker_id: 6, segment_code: "construction", start_date: "2025-03-01",
                             end_date: "2025-12-31", last_paid_month: "2025-03", unpaid_months: 0, status: "active"),
        ])
    }

    /// Membership 3 pays January only; bills fall due on the 15th. More than 3 unpaid months = lapsed.
    @Test(arguments: [
        ("2025-01-15", "active", 0, nil),            // January not yet overdue (due < as_of is strict)
        ("2025-01-16", "active", 0, "2025-01"),
        ("2025-02-16", "in_arrears", 1, "2025-01"),
        ("2025-04-16", "in_arrears", 3, "2025-01"),  // 3 months: still in arrears
        ("2025-05-16", "lapsed", 4, "2025-01"),      // the 4th unpaid month lapses it
    ] as [(String, String, Int, String?)])
    func arrearsRunLapsesAfterThreeUnpaidMonths(_ date: String, _ status: String, _ unpaid: Int, _ lastPaid: String?) throws {
        try setReportDate(db, date)
        let row = try #require(try db.status(of: 3))
        #expect(row.status == status)
        #expect(row.unpaid_months == unpaid)
        #expect(row.last_paid_month == lastPaid)
    }

    @Test func endAndStartDatesAreInclusive() throws {
        try setReportDate(db, "2024-12-31")
        #expect(try db.status(of: 5)?.status == "in_arrears")   // last day of membership 5: not ended yet
        try setReportDate(db, "2025-01-01")
        #expect(try db.status(of: 5)?.status == "ended")
        try setReportDate(db, "2025-07-01")
        #expect(try db.status(of: 6)?.status == "active")        // first day of membership 6
    }

    @Test func lapseThresholdIsReadFromSchemeParameters() throws {
        try db.execute("UPDATE scheme_parameters SET effective_to = ? WHERE code = ?", "2024-12-31", "arrears_lapse_months")
        try db.execute("""
            INSERT INTO scheme_parameters (code, value, effective_from, confidence) VALUES (?, ?, ?, ?)
            """, "arrears_lapse_months", 6, "2025-01-01", "L")
        #expect(try db.status(of: 3)?.status == "in_arrears")   // 5 unpaid months, threshold now 6
    }

    @Test func segmentStatusCounts() throws {
        let counts = try db.fetchAll(SegmentCounts.self, "SELECT * FROM segment_status_counts ORDER BY segment_code")
        #expect(counts == [
            SegmentCounts(segment_code: "construction", short_code: "JAKON", memberships: 1, active: 1, in_arrears: 0,
                          lapsed: 0, ended: 0, not_started: 0),
            SegmentCounts(segment_code: "informal", short_code: "BPU", memberships: 5, active: 1, in_arrears: 1,
                          lapsed: 1, ended: 1, not_started: 1),
            SegmentCounts(segment_code: "migrant", short_code: "PMI", memberships: 0, active: 0, in_arrears: 0,
                          lapsed: 0, ended: 0, not_started: 0),
            SegmentCounts(segment_code: "wage_earner", short_code: "PU", memberships: 1, active: 0, in_arrears: 1,
                          lapsed: 0, ended: 0, not_started: 0),
        ])
    }

    @Test func arrearsListTheAmountOwed() throws {
        let arrears = try db.fetchAll(Arrears.self, "SELECT * FROM arrears ORDER BY membership_id")
        #expect(arrears == [
            Arrears(membership_id: 2, worker_id: 2, nik: "3402014507900002", kpj: "10000000002", full_name: "Siti",
                    segment_code: "informal", status: "in_arrears", unpaid_months: 3, overdue_bills: 3,
                    first_unpaid_month: "2025-04", last_unpaid_month: "2025-06", amount_owed: 3 * 36800),
            Arrears(membership_id: 3, worker_id: 3, nik: "3214013011790003", kpj: "10000000003", full_name: "Agus",
                    segment_code: "informal", status: "lapsed", unpaid_months: 5, overdue_bills: 5,
                    first_unpaid_month: "2025-02", last_unpaid_month: "2025-06", amount_owed: 5 * 25800),
            Arrears(membership_id: 4, worker_id: 4, nik: "3273015402950004", kpj: "10000000004", full_name: "Dewi",
                    segment_code: "wage_earner", status: "in_arrears", unpaid_months: 1, overdue_bills: 1,
                    first_unpaid_month: "2025-05", last_unpaid_month: "2025-05", amount_owed: 556_200),
            Arrears(membership_id: 5, worker_id: 5, nik: "3402010808880005", kpj: "10000000005", full_name: "Rudi",
                    segment_code: "informal", status: "ended", unpaid_months: 1, overdue_bills: 1,
                    first_unpaid_month: "2024-12", last_unpaid_month: "2024-12", amount_owed: 16800),
        ])
    }

    @Test func workerParticipation() throws {
        struct Participation: Decodable, Equatable {
            let worker_id: Int, regency_code: String, is_participant: Int, is_active: Int
        }
        let rows = try db.fetchAll(Participation.self, "SELECT * FROM worker_participation ORDER BY worker_id")
        #expect(rows == [
            Participation(worker_id: 1, regency_code: "34.02", is_participant: 1, is_active: 1),
            Participation(worker_id: 2, regency_code: "34.02", is_participant: 1, is_active: 0),
            Participation(worker_id: 3, regency_code: "32.14", is_participant: 1, is_active: 0),
            Participation(worker_id: 4, regency_code: "32.73", is_participant: 1, is_active: 0),
            Participation(worker_id: 5, regency_code: "34.02", is_participant: 0, is_active: 0),   // ended + not started
            Participation(worker_id: 6, regency_code: "32.14", is_participant: 1, is_active: 1),
            Participation(worker_id: 7, regency_code: "34.02", is_participant: 0, is_active: 0),   // no membership
        ])
    }

    @Test func coverageByRegency() throws {
        let rows = try db.fetchAll(Coverage.self, """
            SELECT regency_code AS key, regency_name AS name, labour_force_year, labour_force, participants,
                   active_participants, coverage_pct, active_coverage_pct
            FROM coverage_by_regency ORDER BY regency_code
            """)
        #expect(rows == [
            Coverage(key: "32.14", name: "Purwakarta", labour_force_year: 2024, labour_force: 8, participants: 2,
                     active_participants: 1, coverage_pct: 25.0, active_coverage_pct: 12.5),
            Coverage(key: "32.73", name: "Kota Bandung", labour_force_year: 2024, labour_force: 3, participants: 1,
                     active_participants: 0, coverage_pct: 33.33, active_coverage_pct: 0.0),
            Coverage(key: "34.02", name: "Bantul", labour_force_year: 2023, labour_force: 457_718, participants: 2,
                     active_participants: 1, coverage_pct: 0.0, active_coverage_pct: 0.0),
        ])
        #expect(try db.fetchValues(String.self, "SELECT kind FROM coverage_by_regency ORDER BY regency_code")
                == ["regency", "city", "regency"])
    }

    @Test func coverageUsesTheLatestLabourForceUpToTheReportYear() throws {
        try db.execute("INSERT INTO labour_force (year, regency_code, employed, unemployed) VALUES (?, ?, ?, ?)",
                       2025, "32.14", 3, 1)
        try db.execute("INSERT INTO labour_force (year, regency_code, employed, unemployed) VALUES (?, ?, ?, ?)",
                       2026, "32.14", 100, 0)
        let row = try #require(try db.fetchOne(
            "SELECT labour_force_year, labour_force, coverage_pct FROM coverage_by_regency WHERE regency_code = ?", "32.14"))
        #expect(try row["labour_force_year"] == 2025)
        #expect(try row["labour_force"] == 4)
        #expect(try row["coverage_pct"] == 50.0)
    }

    @Test func coverageByBranch() throws {
        let rows = try db.fetchAll(Coverage.self, """
            SELECT office_code AS key, office_name AS name, labour_force_latest_year AS labour_force_year,
                   labour_force, participants, active_participants, coverage_pct, active_coverage_pct
            FROM coverage_by_branch ORDER BY office_id
            """)
        #expect(rows == [
            Coverage(key: "KC-PWK", name: "Kantor Cabang Perintis Purwakarta", labour_force_year: 2024, labour_force: 8,
                     participants: 2, active_participants: 1, coverage_pct: 25.0, active_coverage_pct: 12.5),
            Coverage(key: "KC-BDG", name: "Kantor Cabang Bandung", labour_force_year: 2024, labour_force: 3,
                     participants: 1, active_participants: 0, coverage_pct: 33.33, active_coverage_pct: 0.0),
            Coverage(key: "KC-YK", name: "Kantor Cabang Yogyakarta", labour_force_year: 2023, labour_force: 457_718,
                     participants: 2, active_participants: 1, coverage_pct: 0.0, active_coverage_pct: 0.0),
        ])
        #expect(try db.fetchValues(Int.self, "SELECT regional_office_id FROM coverage_by_branch ORDER BY office_id") == [2, 2, 3])
        #expect(try db.fetchValues(Int.self, "SELECT regencies_served FROM coverage_by_branch ORDER BY office_id") == [1, 1, 1])
    }

    @Test func coverageByRegionalOffice() throws {
        let rows = try db.fetchAll(Coverage.self, """
            SELECT office_code AS key, office_name AS name, labour_force_latest_year AS labour_force_year,
                   labour_force, participants, active_participants, coverage_pct, active_coverage_pct
            FROM coverage_by_regional_office ORDER BY office_id
            """)
        #expect(rows == [
            Coverage(key: "KW-JABAR", name: "Kantor Wilayah Jawa Barat", labour_force_year: 2024, labour_force: 11,
                     participants: 3, active_participants: 1, coverage_pct: 27.27, active_coverage_pct: 9.09),
            Coverage(key: "KW-JTDIY", name: "Kantor Wilayah Jawa Tengah & DIY", labour_force_year: 2023,
                     labour_force: 457_718, participants: 2, active_participants: 1, coverage_pct: 0.0,
                     active_coverage_pct: 0.0),
        ])
        #expect(try db.fetchValues(Int.self, "SELECT branches FROM coverage_by_regional_office ORDER BY office_id") == [2, 1])
    }

    @Test func aRegencyMovedToAnotherBranchIsCountedOnceAtTheDate() throws {
        // Purwakarta moves from the pioneer branch (4) to Bandung (5) on 2025-06-01.
        try db.execute("UPDATE branch_regencies SET effective_to = ? WHERE regency_code = ?", "2025-05-31", "32.14")
        try db.execute("INSERT INTO branch_regencies (branch_office_id, regency_code, effective_from) VALUES (?, ?, ?)",
                       5, "32.14", "2025-06-01")
        let served = try db.fetchValues(Int.self, "SELECT regencies_served FROM coverage_by_branch ORDER BY office_id")
        #expect(served == [0, 2, 1])
        let jabar = try #require(try db.fetchOne(
            "SELECT labour_force, participants FROM coverage_by_regional_office WHERE office_id = 2"))
        #expect(try jabar["labour_force"] == 11)
        #expect(try jabar["participants"] == 3)
    }

    @Test func targetAchievement() throws {
        let rows = try db.fetchAll(Achievement.self, """
            SELECT target_id, area_kind, area_key, area_name, segment_code, kind, target_value, actual_value,
                   labour_force, achievement_pct
            FROM target_achievement ORDER BY target_id
            """)
        #expect(rows == [
            // Bantul 40% for 2023: no membership overlapped 2023.
            Achievement(target_id: 1, area_kind: "regency", area_key: "34.02", area_name: "Bantul", segment_code: nil,
                        kind: "coverage_percentage", target_value: 4000, actual_value: 0, labour_force: 457_718,
                        achievement_pct: 0.0),
            // Workers 1, 2 and 5 (membership 6 starts in July 2025) live in Bantul with BPU memberships in 2025.
            Achievement(target_id: 2, area_kind: "office", area_key: "6", area_name: "Kantor Cabang Yogyakarta",
                        segment_code: "informal", kind: "head_count", target_value: 2, actual_value: 3,
                        labour_force: 457_718, achievement_pct: 150.0),
            // Paid in 2025 in Purwakarta and Bandung: 25,800 (m3) + 556,200 (m4) + 1,750,000 (m7).
            Achievement(target_id: 3, area_kind: "office", area_key: "2", area_name: "Kantor Wilayah Jawa Barat",
                        segment_code: nil, kind: "dues_amount", target_value: 1_000_000, actual_value: 2_332_000,
                        labour_force: 11, achievement_pct: 233.2),
            // No labour-force figure for Purwakarta up to 2017.
            Achievement(target_id: 4, area_kind: "regency", area_key: "32.14", area_name: "Purwakarta",
                        segment_code: "informal", kind: "head_count", target_value: 6693, actual_value: 0,
                        labour_force: nil, achievement_pct: 0.0),
            Achievement(target_id: 5, area_kind: "office", area_key: "3", area_name: "Kantor Wilayah Jawa Tengah & DIY",
                        segment_code: nil, kind: "coverage_percentage", target_value: 1, actual_value: 0,
                        labour_force: 457_718, achievement_pct: 0.0),
        ])
    }

    @Test func targetForTheHeadOfficeCoversEveryRegency() throws {
        try db.execute("""
            INSERT INTO targets (id, office_id, kind, target_value, period_start, period_end) VALUES (?, ?, ?, ?, ?, ?)
            """, 10, 1, "head_count", 8, "2025-01-01", "2025-12-31")
        let row = try #require(try db.fetchOne(Achievement.self, """
            SELECT target_id, area_kind, area_key, area_name, segment_code, kind, target_value, actual_value,
                   labour_force, achievement_pct
            FROM target_achievement WHERE target_id = 10
            """))
        // Workers with a membership overlapping 2025: 1, 2, 3, 4, 5 (m6), 6. Labour force 8 + 3 + 457,718.
        #expect(row.actual_value == 6)
        #expect(row.labour_force == 457_729)
        #expect(row.achievement_pct == 75.0)
    }

    @Test func identityIssuesAndMissingPrograms() throws {
        let issues = try db.fetchAll("SELECT worker_id, issue FROM worker_identity_issues")
        #expect(issues.count == 1)
        #expect(try issues.first?.get("worker_id", as: Int.self) == 7)
        #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM memberships_missing_required_programs") == 0)
        try db.execute("DELETE FROM membership_programs WHERE membership_id = ? AND program_code = ?", 4, "JP")
        let missing = try db.fetchAll("SELECT membership_id, program_code FROM memberships_missing_required_programs")
        #expect(missing == [Row(["membership_id": 4, "program_code": "JP"])])
    }
}

// MARK: - The production report_as_of (today in Jakarta)

@Suite struct ReportAtTodayTests {
    /// A fixture whose dates are relative to today in Jakarta, so the statuses hold on any day.
    static let relativeFixture = """
        INSERT INTO provinces (code, name) VALUES ('34', 'DI Yogyakarta');
        INSERT INTO regencies (code, province_code, name) VALUES ('34.02', '34', 'Bantul');
        INSERT INTO districts (code, regency_code, name) VALUES ('34.02.01', '34.02', 'Srandakan');
        INSERT INTO villages (code, district_code, name) VALUES ('34.02.01.2001', '34.02.01', 'Poncosari');
        INSERT INTO offices (id, code, name, kind, parent_office_id) VALUES
            (1, 'KP', 'Kantor Pusat', 'head_office', NULL),
            (2, 'KW', 'Kantor Wilayah', 'regional_office', 1),
            (3, 'KC', 'Kantor Cabang', 'branch', 2);
        INSERT INTO branch_regencies (branch_office_id, regency_code, effective_from) VALUES (3, '34.02', '2015-01-01');
        INSERT INTO labour_force (year, regency_code, employed, unemployed)
        VALUES (CAST(strftime('%Y', 'now', '+7 hours') AS INTEGER), '34.02', 18, 2);
        INSERT INTO workers (id, nik, full_name, birth_date, sex, village_code, kpj, branch_office_id)
        WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 7)
        SELECT i, printf('340201010180%04d', i), 'Worker ' || i, '1980-01-01', 'male', '34.02.01.2001',
               printf('3000000%04d', i), 3
        FROM n;
        -- 1 active (last 3 months paid); 2 in arrears 3 months; 3 lapsed (4 months unpaid);
        -- 4 ended yesterday; 5 ends today (still open); 6 starts tomorrow; 7 starts today.
        INSERT INTO memberships (id, worker_id, segment_code, payer_code, declared_income, start_date, end_date)
        VALUES
            (1, 1, 'informal', 'self', 1000000, date('now', '+7 hours', 'start of month', '-12 months'), NULL),
            (2, 2, 'informal', 'self', 1000000, date('now', '+7 hours', 'start of month', '-12 months'), NULL),
            (3, 3, 'informal', 'self', 1000000, date('now', '+7 hours', 'start of month', '-12 months'), NULL),
            (4, 4, 'informal', 'self', 1000000, date('now', '+7 hours', 'start of month', '-12 months'), date('now', '+7 hours', '-1 day')),
            (5, 5, 'informal', 'self', 1000000, date('now', '+7 hours', 'start of month', '-12 months'), date('now', '+7 hours')),
            (6, 6, 'informal', 'self', 1000000, date('now', '+7 hours', '+1 day'), NULL),
            (7, 7, 'informal', 'self', 1000000, date('now', '+7 hours'), NULL);
        INSERT INTO membership_programs (membership_id, program_code)
        SELECT id, 'JKK' FROM memberships UNION ALL SELECT id, 'JKM' FROM memberships;
        -- Bills for the 4 months before the current one (all due before today), 16,800 each.
        INSERT INTO bills (id, membership_id, contribution_month)
        WITH RECURSIVE k (months_ago) AS (SELECT 1 UNION ALL SELECT months_ago + 1 FROM k WHERE months_ago < 4)
        SELECT m.id * 10 + months_ago, m.id,
               strftime('%Y-%m', 'now', '+7 hours', 'start of month', '-' || months_ago || ' months')
        FROM memberships m, k WHERE m.id IN (1, 2, 3) AND (m.id <> 1 OR months_ago <= 3);
        INSERT INTO bill_lines (bill_id, program_code, payer_code, amount)
        SELECT id, 'JKK', 'self', 10000 FROM bills UNION ALL SELECT id, 'JKM', 'self', 6800 FROM bills;
        INSERT INTO payments (id, receipt_number, payer_code, amount, paid_at, months_covered, channel_code)
        VALUES (1, 'R-1', 'self', 4 * 16800, CAST(round((julianday('now', '-130 days') - 2440587.5) * 86400000) AS INTEGER), 3, 'e_wallet');
        INSERT INTO payment_allocations (payment_id, bill_id, amount)
        SELECT 1, id, 16800 FROM bills WHERE id IN (11, 12, 13, 24);
        -- The ledger opens next month: only the bills above count, whatever the day of the
        -- month (from the 16th the current month, unbilled, would be owed: 0022).
        INSERT INTO ledger_opening (id, first_month) VALUES (1, strftime('%Y-%m', 'now', '+7 hours', 'start of month', '+1 month'));
        """

    @Test func productionReportDateIsToday() throws {
        let db = try migratedDatabase()
        #expect(try db.fetchValue(String.self, "SELECT as_of FROM report_as_of")
                == db.fetchValue(String.self, "SELECT date('now', '+7 hours')"), "today in Jakarta")
    }

    @Test func statusesRelativeToToday() throws {
        let db = try migratedDatabase()
        try db.transaction(.immediate) { try db.executeScript(Self.relativeFixture) }
        let statuses = try db.membershipStatuses()
        #expect(statuses.map(\.status) == ["active", "in_arrears", "lapsed", "ended", "active", "not_started", "active"])
        #expect(statuses.map(\.unpaid_months) == [0, 3, 4, 0, 0, 0, 0])

        let informal = try #require(try db.fetchOne(
            SegmentCounts.self, "SELECT * FROM segment_status_counts WHERE segment_code = 'informal'"))
        #expect(informal == SegmentCounts(segment_code: "informal", short_code: "BPU", memberships: 7, active: 3,
                                          in_arrears: 1, lapsed: 1, ended: 1, not_started: 1))
        #expect(try db.fetchValues(Int.self, "SELECT amount_owed FROM arrears ORDER BY membership_id")
                == [3 * 16800, 4 * 16800])

        // Participants: 1, 2, 3, 5, 7 (active, in arrears or lapsed); active: 1, 5, 7. Labour force 20.
        let coverage = try #require(try db.fetchOne(
            "SELECT participants, active_participants, coverage_pct, active_coverage_pct FROM coverage_by_regency"))
        #expect(try coverage["participants"] == 5)
        #expect(try coverage["active_participants"] == 3)
        #expect(try coverage["coverage_pct"] == 25.0)
        #expect(try coverage["active_coverage_pct"] == 15.0)
    }
}

// MARK: - Press figures (domain.md)

@Suite struct PressFigureTests {
    static let frame = """
        INSERT INTO provinces (code, name) VALUES ('32', 'Jawa Barat'), ('34', 'DI Yogyakarta');
        INSERT INTO regencies (code, province_code, name) VALUES ('32.14', '32', 'Purwakarta'), ('34.02', '34', 'Bantul');
        INSERT INTO districts (code, regency_code, name) VALUES ('32.14.01', '32.14', 'Purwakarta'), ('34.02.01', '34.02', 'Srandakan');
        INSERT INTO villages (code, district_code, name) VALUES ('32.14.01.2001', '32.14.01', 'Desa Satu'),
                                                                 ('34.02.01.2001', '34.02.01', 'Poncosari');
        INSERT INTO offices (id, code, name, kind, parent_office_id) VALUES
            (1, 'KP', 'Kantor Pusat', 'head_office', NULL),
            (2, 'KW', 'Kantor Wilayah', 'regional_office', 1),
            (3, 'KC', 'Kantor Cabang', 'branch', 2);
        INSERT INTO branch_regencies (branch_office_id, regency_code, effective_from) VALUES
            (3, '34.02', '2015-01-01'), (3, '32.14', '2015-01-01');
        """

    /// Inserts `count` workers in `village`, each with a BPU membership over [start, end].
    static func members(_ db: Connection, count: Int, village: String, nikPrefix: String, kpjPrefix: String,
                        start: String, end: String?) throws {
        try db.execute("""
            INSERT INTO workers (nik, full_name, birth_date, sex, village_code, kpj, registered_at, branch_office_id)
            WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
            SELECT ? || printf('%010d', i), 'Member', '1980-01-01', 'female', ?, ? || printf('%08d', i),
                   '2015-01-01T00:00:00.000Z', 3
            FROM n
            """, count, nikPrefix, village, kpjPrefix)
        try db.execute("""
            INSERT INTO memberships (worker_id, segment_code, payer_code, declared_income, start_date, end_date)
            SELECT id, 'informal', 'self', 1000000, ?, ? FROM workers WHERE kpj LIKE ? || '%'
            """, start, end, kpjPrefix)
    }

    /// Bantul, Feb 2023: labour force 457,718, covered 115,463 = 25.23%; target 40% for 2023.
    /// The full-size figures give the same results (checked by hand in sqlite3, about 5 s); the
    /// test scales them by 1/100 (4,577 and 1,155: 25.23%, 2,523 basis points) to stay fast.
    @Test func bantulCoverageAndTarget() throws {
        let db = try migratedDatabase()
        try setReportDate(db, "2023-02-28")
        try db.transaction(.immediate) {
            try db.executeScript(Self.frame)
            try db.execute("INSERT INTO labour_force (year, regency_code, employed, unemployed) VALUES (?, ?, ?, ?)",
                           2023, "34.02", 4450, 127)
            try Self.members(db, count: 1155, village: "34.02.01.2001", nikPrefix: "340201", kpjPrefix: "301",
                             start: "2022-01-01", end: nil)
            // Former members (ended in 2022) are neither participants nor counted for 2023.
            try Self.members(db, count: 40, village: "34.02.01.2001", nikPrefix: "340202", kpjPrefix: "302",
                             start: "2021-01-01", end: "2022-12-31")
            try db.execute("""
                INSERT INTO targets (regency_code, kind, target_value, period_start, period_end) VALUES (?, ?, ?, ?, ?)
                """, "34.02", "coverage_percentage", 4000, "2023-01-01", "2023-12-31")
        }
        let coverage = try #require(try db.fetchOne(
            "SELECT labour_force, participants, coverage_pct FROM coverage_by_regency WHERE regency_code = '34.02'"))
        #expect(try coverage["labour_force"] == 4577)
        #expect(try coverage["participants"] == 1155)
        #expect(try coverage["coverage_pct"] == 25.23)
        let target = try #require(try db.fetchOne("SELECT actual_value, achievement_pct FROM target_achievement"))
        #expect(try target["actual_value"] == 2523)        // basis points: 25.23%
        #expect(try target["achievement_pct"] == 63.08)    // of the 40% target
    }

    /// Purwakarta, 2017: 13,175 informal members against a target of 6,693.
    @Test func purwakartaInformalTarget2017() throws {
        let db = try migratedDatabase()
        try db.transaction(.immediate) {
            try db.executeScript(Self.frame)
            try Self.members(db, count: 13175, village: "32.14.01.2001", nikPrefix: "321401", kpjPrefix: "303",
                             start: "2017-03-01", end: nil)
            try db.execute("""
                INSERT INTO targets (regency_code, segment_code, kind, target_value, period_start, period_end)
                VALUES (?, ?, ?, ?, ?, ?)
                """, "32.14", "informal", "head_count", 6693, "2017-01-01", "2017-12-31")
        }
        let target = try #require(try db.fetchOne("SELECT actual_value, achievement_pct FROM target_achievement"))
        #expect(try target["actual_value"] == 13175)
        #expect(try target["achievement_pct"] == 196.85)
    }

    /// Central Java, Nov 2021: 17,835,770 employed + 1,128,223 unemployed = 18,963,993 workers.
    @Test func centralJavaLabourForce() throws {
        let db = try fixtureDatabase()
        #expect(try db.fetchValue(Int.self, "SELECT employed + unemployed FROM labour_force WHERE province_code = '33'")
                == 18_963_993)
    }
}

// MARK: - Rule tables reproduce the domain checks

@Suite final class RuleTableTests {
    let db: Connection

    init() throws {
        db = try FixturePool.shared.borrow()   // the seeded rule tables, read only
    }

    deinit {
        FixturePool.shared.giveBack(db)
    }

    /// Construction dues on a contract value, summed over the marginal slices in force on a date.
    func constructionDues(_ program: String, contractValue: Int, on date: String = "2025-01-01") throws -> Int? {
        try db.fetchValue(Int.self, """
            SELECT sum((min(?1, coalesce(to_value, ?1)) - from_value) * rate_ppm / 1000000)
            FROM construction_rate_tiers
            WHERE program_code = ?2 AND from_value < ?1
              AND effective_from <= ?3 AND coalesce(effective_to, '9999-12-31') >= ?3
            """, contractValue, program, date)
    }

    @Test(arguments: [
        (1_000_000_000, 1_540_000, 210_000),   // domain.md's check
        (100_000_000, 210_000, 30_000),
        (500_000_000, 890_000, 110_000),
        (6_000_000_000, 6_840_000, 710_000),
    ])
    func constructionTiers(_ value: Int, _ jkk: Int, _ jkm: Int) throws {
        #expect(try constructionDues("JKK", contractValue: value) == jkk)
        #expect(try constructionDues("JKM", contractValue: value) == jkm)
    }

    /// BPU monthly dues at the income floor, from the data: Rp16,800, or Rp36,800 with JHT.
    @Test func minimumBPUDues() throws {
        let row = try #require(try db.fetchOne("""
            WITH floor AS (SELECT value FROM scheme_parameters
                           WHERE code = 'bpu_income_floor' AND effective_from <= '2025-01-01'
                             AND coalesce(effective_to, '9999-12-31') >= '2025-01-01'),
                 band AS (SELECT nominal_income FROM bpu_income_bands, floor
                          WHERE lower_income <= floor.value AND coalesce(upper_income, floor.value) >= floor.value),
                 rate AS (SELECT program_code, rate_ppm, flat_amount FROM contribution_rates
                          WHERE segment_code = 'informal' AND effective_from <= '2025-01-01'
                            AND coalesce(effective_to, '9999-12-31') >= '2025-01-01')
            SELECT (SELECT value FROM floor) AS floor,
                   sum(CASE WHEN program_code IN ('JKK', 'JKM')
                            THEN coalesce(band.nominal_income * rate_ppm / 1000000, flat_amount) END) AS minimum,
                   sum(coalesce(band.nominal_income * rate_ppm / 1000000, flat_amount)) AS with_jht
            FROM rate, band
            """))
        #expect(try row["floor"] == 1_000_000)
        #expect(try row["minimum"] == 16800)
        #expect(try row["with_jht"] == 36800)
    }

    @Test(arguments: [
        (1_000_000, 1_000_000), (1_099_999, 1_000_000), (1_500_000, 1_500_000), (2_000_000, 1_900_000),
        (2_700_000, 2_700_000), (8_199_999, 7_700_000), (25_000_000, 20_700_000),
    ])
    func bpuIncomeSnapsToItsBand(_ income: Int, _ nominal: Int) throws {
        #expect(try db.fetchValue(Int.self, """
            SELECT nominal_income FROM bpu_income_bands
            WHERE lower_income <= ?1 AND coalesce(upper_income, ?1) >= ?1
            """, income) == nominal)
    }

    @Test func bpuBandLadder() throws {
        let row = try #require(try db.fetchOne(
            "SELECT count(*) AS bands, min(nominal_income) AS low, max(nominal_income) AS high FROM bpu_income_bands"))
        #expect(try row["bands"] == 34)
        #expect(try row["low"] == 1_000_000)
        #expect(try row["high"] == 20_700_000)   // JKK at most Rp207,000
        #expect(try db.fetchValue(Int.self, "SELECT max(nominal_income) * 10000 / 1000000 FROM bpu_income_bands") == 207_000)
    }

    /// COVID relief: BPU JKK/JKM for Aug 2020 – Jan 2021 at 1% of normal, so JKM was Rp68.
    @Test(arguments: [("2020-07-01", 6800), ("2020-08-01", 68), ("2021-01-01", 68), ("2021-02-01", 6800)])
    func bpuJKMWithCovidRelief(_ month: String, _ dues: Int) throws {
        #expect(try db.fetchValue(Int.self, """
            SELECT r.flat_amount * coalesce((SELECT charged_ppm FROM dues_reliefs d
                                             WHERE d.segment_code = r.segment_code AND d.program_code = r.program_code
                                               AND d.applies_to = 'all' AND d.effective_from <= ?1
                                               AND coalesce(d.effective_to, '9999-12-31') >= ?1), 1000000) / 1000000
            FROM contribution_rates r
            WHERE r.segment_code = 'informal' AND r.program_code = 'JKM'
              AND r.effective_from <= ?1 AND coalesce(r.effective_to, '9999-12-31') >= ?1
            """, month) == dues)
    }

    /// The PU bill of the fixture (membership 4, April 2025): wage 6,000,000, low risk, labour-intensive.
    @Test func puDuesForALabourIntensiveEmployerIn2025() throws {
        let total = try db.fetchValue(Int.self, """
            WITH p (wage, risk, on_date) AS (SELECT 6000000, 'low', '2025-04-01'),
                 cap AS (SELECT value FROM scheme_parameters, p WHERE code = 'jp_wage_cap'
                           AND effective_from <= on_date AND coalesce(effective_to, '9999-12-31') >= on_date)
            SELECT sum(CASE WHEN r.program_code = 'JP' THEN min(p.wage, (SELECT value FROM cap)) ELSE p.wage END
                       * r.rate_ppm / 1000000
                       * coalesce((SELECT charged_ppm FROM dues_reliefs d
                                   WHERE d.segment_code = 'wage_earner' AND d.program_code = r.program_code
                                     AND d.applies_to = 'labour_intensive_employers'
                                     AND d.effective_from <= p.on_date
                                     AND coalesce(d.effective_to, '9999-12-31') >= p.on_date), 1000000) / 1000000)
            FROM contribution_rates r, p
            WHERE r.segment_code = 'wage_earner' AND r.share IN ('employer', 'worker')
              AND (r.jkk_risk_group IS NULL OR r.jkk_risk_group = p.risk)
              AND r.effective_from <= p.on_date AND coalesce(r.effective_to, '9999-12-31') >= p.on_date
            """)
        #expect(total == 16_200 + 18_000 + 222_000 + 120_000 + 120_000 + 60_000)
    }

    @Test(arguments: [
        ("2019-03-01", 8_512_400), ("2020-02-29", 8_512_400), ("2020-03-01", 8_939_700), ("2021-03-01", 8_754_600),
        ("2022-03-01", 9_077_600), ("2023-03-01", 9_559_600), ("2024-03-01", 10_042_300), ("2025-03-01", 10_547_400),
        ("2026-02-28", 10_547_400), ("2026-03-01", 11_086_300),
    ])
    func jpWageCapChangesEveryMarch(_ date: String, _ cap: Int) throws {
        #expect(try db.fetchValues(Int.self, """
            SELECT value FROM scheme_parameters WHERE code = 'jp_wage_cap'
              AND effective_from <= ?1 AND coalesce(effective_to, '9999-12-31') >= ?1
            """, date) == [cap])
    }

    @Test(arguments: [("2025-02-06", 4600), ("2025-02-07", 3600)])
    func jkpRateDropsOn7February2025(_ date: String, _ ppm: Int) throws {
        #expect(try db.fetchValues(Int.self, """
            SELECT rate_ppm FROM contribution_rates WHERE program_code = 'JKP'
              AND effective_from <= ?1 AND coalesce(effective_to, '9999-12-31') >= ?1
            """, date) == [ppm])
    }

    @Test func migrantFixedAmounts() throws {
        let rows = try db.fetchAll("""
            SELECT kind, placement_months, amount FROM migrant_fixed_dues ORDER BY amount
            """)
        #expect(rows == [
            Row(["kind": "each_month_beyond", "placement_months": .null, "amount": 13500]),
            Row(["kind": "before_placement", "placement_months": .null, "amount": 37500]),
            Row(["kind": "placement", "placement_months": 6, "amount": 108_000]),
            Row(["kind": "placement", "placement_months": 12, "amount": 189_000]),
            Row(["kind": "placement", "placement_months": 24, "amount": 332_500]),
        ])
    }

    @Test func segmentProgramMatrix() throws {
        struct Cell: Decodable, Equatable {
            let segment_code: String, program_code: String, requirement: String
        }
        let cells = try db.fetchAll(Cell.self, """
            SELECT segment_code, program_code, requirement FROM segment_programs
            WHERE employer_size_class IS NULL ORDER BY segment_code, program_code
            """)
        let matrix = Dictionary(uniqueKeysWithValues: cells.map { ("\($0.segment_code) \($0.program_code)", $0.requirement) })
        #expect(matrix["informal JP"] == "not_allowed")
        #expect(matrix["informal JKP"] == "not_allowed")
        #expect(matrix["informal JHT"] == "optional")
        #expect(matrix["construction JHT"] == "not_allowed")
        #expect(matrix["migrant JHT"] == "optional")
        #expect(cells.filter { $0.program_code == "JKK" || $0.program_code == "JKM" }.allSatisfy { $0.requirement == "required" })
        let pu = try db.fetchAll("""
            SELECT employer_size_class AS size, group_concat(program_code || '=' || requirement, ' ') AS rules
            FROM (SELECT * FROM segment_programs WHERE segment_code = 'wage_earner' ORDER BY program_code)
            GROUP BY employer_size_class ORDER BY employer_size_class
            """)
        #expect(try pu.map { try $0.get("rules", as: String.self) } == [
            "JHT=required JKK=required JKM=required JKP=conditional JP=required",   // large
            "JHT=required JKK=required JKM=required JKP=conditional JP=required",   // medium
            "JHT=optional JKK=required JKM=required JKP=conditional JP=optional",   // micro
            "JHT=required JKK=required JKM=required JKP=conditional JP=optional",   // small
        ])
    }
}
