import Foundation
import Registry
import SQLiteDB
import Testing

// Shared by SchemaDefenceTests and ReportViewTests: a migrated in-memory database, the hand-made
// fixture (a port of the scratch fixture.sql), and helpers to catch refusals and compare states.

/// A fresh in-memory database with every migration applied.
func migratedDatabase() throws -> Connection {
    let db = try Connection(.memory)
    try RegistrySchema.migrate(db)
    return db
}

/// A migrated in-memory database holding the fixture, with `report_as_of` fixed at
/// ``SchemaFixture/asOf`` (or left at `date('now')` when `fixedDate` is false).
func fixtureDatabase(fixedDate: Bool = true) throws -> Connection {
    let db = try migratedDatabase()
    if fixedDate { try setReportDate(db, SchemaFixture.asOf) }
    try SchemaFixture.load(into: db)
    return db
}

/// Fixture databases shared by the many small rule tests: migrating and loading the fixture
/// takes ~40 ms in a debug build, so each test case borrows a loaded database, runs inside a
/// transaction and rolls it back. A database whose transaction did not survive is dropped.
final class FixturePool: @unchecked Sendable {
    static let shared = FixturePool()
    private let lock = NSLock()
    private var idle: [Connection] = []

    /// A fixture database inside an open transaction; hand it back with ``giveBack(_:)``.
    func borrow() throws -> Connection {
        let db = try lock.withLock { idle.popLast() } ?? fixtureDatabase()
        try db.executeScript("BEGIN IMMEDIATE TRANSACTION")
        return db
    }

    /// Rolls the borrowed database back to the fixture and keeps it for the next test.
    func giveBack(_ db: Connection) {
        if db.isInTransaction, (try? db.executeScript("ROLLBACK TRANSACTION")) != nil {
            lock.withLock { idle.append(db) }
        }
    }

    func withRolledBackFixture<T>(_ body: (Connection) throws -> T) throws -> T {
        let db = try borrow()
        defer { giveBack(db) }
        return try body(db)
    }
}

/// The SQLiteError `body` throws, or nil when it throws nothing (or something else).
func refusal(_ body: () throws -> Void) -> SQLiteError? {
    do {
        try body()
    } catch let error as SQLiteError {
        return error
    } catch {
        return nil
    }
    return nil
}

/// Redefines the view `report_as_of`, as 0010_views.sql allows for test databases.
func setReportDate(_ db: Connection, _ date: String) throws {
    // The date goes into DDL (no parameters there): accept only YYYY-MM-DD.
    precondition(date.count == 10 && date.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "-") })
    try db.executeScript("""
        DROP VIEW report_as_of;
        CREATE VIEW report_as_of AS SELECT '\(date)' AS as_of;
        """)
}

/// Points the views at what the register said on `date` (recorded time: `report_known_on`, 0022);
/// nil restores everything recorded.
func setKnownOn(_ db: Connection, _ date: String?) throws {
    let day = date ?? "9999-12-31"
    precondition(day.count == 10 && day.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "-") })
    try db.executeScript("""
        DROP VIEW report_known_on;
        CREATE VIEW report_known_on AS SELECT '\(day)' AS known_on;
        """)
}

/// The memberships the register held on the views' `report_known_on` day. 0033 leaves the
/// others out of `membership_status` and `arrears` on purpose (RecordedTimeRegistrationTests),
/// so the upgrade tests that compare the views of a register from before 0033 with its views
/// after the upgrade compare these rows.
let registeredByKnownOn = "membership_id IN (SELECT id FROM memberships WHERE registered_at < (SELECT recorded_before FROM report_dates))"

/// Every row of every table, to show that a refused statement stored nothing.
func snapshot(_ db: Connection) throws -> [String: [Row]] {
    let tables = try db.fetchValues(
        String.self, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    var rows: [String: [Row]] = [:]
    for table in tables {
        rows[table] = try db.fetchAll("SELECT * FROM \"\(table)\"")
    }
    return rows
}

/// One SQL statement with bound values.
struct SQLCall: Sendable, CustomStringConvertible {
    var sql: String
    var arguments: [DatabaseValue]

    init(_ sql: String, _ arguments: DatabaseValue...) {
        self.sql = sql
        self.arguments = arguments
    }

    init(_ sql: String, arguments: [DatabaseValue]) {
        self.sql = sql
        self.arguments = arguments
    }

    func run(on db: Connection) throws {
        try db.execute(sql, arguments: arguments)
    }

    var description: String { sql }
}

/// The hand-made fixture of /work/schema-scratch/fixture.sql, evaluated at 2025-06-20.
///
/// Ids are fixed so tests can point at rows: offices 1 head office, 2 regional office Jawa Barat,
/// 3 regional office Jawa Tengah & DIY, 4 pioneer branch Purwakarta, 5 branch Bandung,
/// 6 branch Yogyakarta; memberships 1–7 (expected statuses in the comments); bills
/// `membership × 10 + month` for the BPU memberships 1–3, 41–43 (PU), 51 (ended), 71 (JAKON).
///
/// One change from the scratch file: the bounced payment of membership 2 is reversed in
/// chronological order (payment, allocation, allocation reversal, payment reversal), because a
/// payment that has been reversed has nothing left to allocate (see 0007_dues_ledger.sql).
enum SchemaFixture {
    static let asOf = "2025-06-20"
    static let actor = "fixture-loader"

    static func load(into db: Connection) throws {
        try db.transaction(.immediate) {
            try db.execute("UPDATE audit_context SET actor = ? WHERE id = 1", actor)
            // A register from before 0026 (the upgrade tests) keeps bills' lines as rows, and one
            // from before 0027 its payments and allocations in the layout of 0007.
            let compactBills = try db.fetchValue(Bool.self, "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE name = 'bill_adjustments')") == true
            let fixture = compactBills ? sql : sql(bills: billsBefore0026SQL)
            if try db.fetchValue(Int.self, "SELECT count(*) FROM pragma_table_info('payment_allocations') WHERE name = 'reversal'") == 1 {
                try loadIntoCompactPayments(db, fixture)
            } else {
                try db.executeScript(fixture)
            }
            // The register's ledger holds 2025 on; earlier months were settled elsewhere (0022).
            // The 2024-12 bill of m5 is in it all the same: a bill is owed whatever its month.
            // (A register from before 0022, in the upgrade tests, has no such table.)
            if try db.fetchValue(Bool.self, "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE name = 'ledger_opening')") == true {
                try db.execute("INSERT INTO ledger_opening (id, first_month, note) VALUES (1, '2025-01', 'fixture: the ledger begins in 2025')")
            }
            try db.execute("UPDATE audit_context SET actor = NULL WHERE id = 1")
        }
    }

    /// The fixture on the payment tables of 0027: its payments and allocations, written in the
    /// layout of 0007 (ids, reverses_id, ISO recorded_at and paid_at), go through temporary
    /// tables and are converted as the migrations convert them (paid_at too, from 0029); the
    /// reversal of payment 6 goes in last, after its allocation's reversal, as the triggers demand.
    private static func loadIntoCompactPayments(_ db: Connection, _ sql: String) throws {
        try db.executeScript("""
            CREATE TEMP TABLE fixture_payments (id, receipt_number, payer_code, employer_id, amount, paid_at,
                                                months_covered, channel_code, reverses_id, recorded_at);
            CREATE TEMP TABLE fixture_allocations (id INTEGER PRIMARY KEY, payment_id, bill_id, amount, reverses_id, recorded_at);
            """)
        try db.executeScript(sql
            .replacingOccurrences(of: "INSERT INTO payments (", with: "INSERT INTO temp.fixture_payments (")
            .replacingOccurrences(of: "INSERT INTO payment_allocations (", with: "INSERT INTO temp.fixture_allocations ("))
        let milliseconds = "CAST(round((julianday(recorded_at) - 2440587.5) * 86400000) AS INTEGER)"
        let paidAtIsInteger = try db.fetchValue(
            String.self, "SELECT type FROM pragma_table_info('payments') WHERE name = 'paid_at'") == "INTEGER"
        let paidAt = paidAtIsInteger ? "CAST(round((julianday(paid_at) - 2440587.5) * 86400000) AS INTEGER)" : "paid_at"
        let columns = "id, receipt_number, payer_code, employer_id, amount, paid_at, months_covered, channel_code, reverses_id"
        let values = "id, receipt_number, payer_code, employer_id, amount, \(paidAt), months_covered, channel_code, reverses_id"
        try db.executeScript("""
            INSERT INTO payments (\(columns), recorded_at)
            SELECT \(values), \(milliseconds) FROM temp.fixture_payments WHERE reverses_id IS NULL ORDER BY id;
            INSERT INTO payment_allocations (bill_id, payment_id, reversal, amount, recorded_at)
            SELECT bill_id, payment_id, reverses_id IS NOT NULL, amount, \(milliseconds) FROM temp.fixture_allocations ORDER BY id;
            INSERT INTO payments (\(columns), recorded_at)
            SELECT \(values), \(milliseconds) FROM temp.fixture_payments WHERE reverses_id IS NOT NULL ORDER BY id;
            DROP TABLE temp.fixture_payments;
            DROP TABLE temp.fixture_allocations;
            """)
    }

    static let sql = sql(bills: billsSQL)

    static func sql(bills billsSQL: String) -> String { """
        -- Regions
        INSERT INTO provinces (code, name) VALUES
            ('32', 'Jawa Barat'), ('33', 'Jawa Tengah'), ('34', 'DI Yogyakarta');
        INSERT INTO regencies (code, province_code, name) VALUES
            ('32.14', '32', 'Purwakarta'),
            ('32.73', '32', 'Kota Bandung'),
            ('34.02', '34', 'Bantul');
        INSERT INTO districts (code, regency_code, name) VALUES
            ('32.14.01', '32.14', 'Purwakarta'),
            ('32.73.01', '32.73', 'Sukasari'),
            ('34.02.01', '34.02', 'Srandakan');
        INSERT INTO villages (code, district_code, name) VALUES
            ('32.14.01.2001', '32.14.01', 'Desa Satu'),
            ('32.73.01.1001', '32.73.01', 'Kelurahan Satu'),
            ('34.02.01.2001', '34.02.01', 'Poncosari'),
            ('34.02.01.2002', '34.02.01', 'Trimurti');

        -- Offices
        INSERT INTO offices (id, code, name, kind, parent_office_id) VALUES
            (1, 'KP',       'Kantor Pusat',                     'head_office',     NULL),
            (2, 'KW-JABAR', 'Kantor Wilayah Jawa Barat',        'regional_office', 1),
            (3, 'KW-JTDIY', 'Kantor Wilayah Jawa Tengah & DIY', 'regional_office', 1),
            (4, 'KC-PWK',   'Kantor Cabang Perintis Purwakarta','pioneer_branch',  2),
            (5, 'KC-BDG',   'Kantor Cabang Bandung',            'branch',          2),
            (6, 'KC-YK',    'Kantor Cabang Yogyakarta',         'branch',          3);
        INSERT INTO branch_regencies (branch_office_id, regency_code, effective_from, effective_to) VALUES
            (4, '32.14', '2015-01-01', NULL),
            (5, '32.73', '2015-01-01', NULL),
            (6, '34.02', '2015-01-01', NULL);

        -- Labour force (Bantul total 457,718 from domain.md; the split is invented)
        INSERT INTO labour_force (year, province_code, regency_code, employed, unemployed, source) VALUES
            (2023, NULL, '34.02', 445000, 12718, 'fixture: domain.md total 457,718'),
            (2024, NULL, '32.14', 6, 2, 'fixture: tiny on purpose, gives 25.00%'),
            (2024, NULL, '32.73', 3, 0, 'fixture: tiny on purpose, gives 33.33%'),
            (2021, '33', NULL, 17835770, 1128223, 'domain.md: Central Java Nov 2021');

        -- Employers, project, agent
        INSERT INTO employers (id, npp, name, size_class, jkk_risk_group, labour_intensive,
                               village_code, branch_office_id, registered_at) VALUES
            (1, 'NPP-0001', 'PT Garmen Sejahtera', 'medium', 'low', 1, '32.73.01.1001', 5, '2020-01-02T03:04:05.000Z'),
            (2, 'NPP-0002', 'CV Bangun Desa', 'small', 'high', 0, '32.14.01.2001', 4, '2020-01-02T03:04:05.000Z');
        INSERT INTO construction_projects (id, contractor_employer_id, name, contract_value,
                                           work_order_date, start_date, end_date, village_code, registered_at) VALUES
            (1, 2, 'Jembatan Desa Satu', 1000000000, '2025-02-20', '2025-03-01', '2025-12-31', '32.14.01.2001',
             '2025-03-05T01:00:00.000Z');
        INSERT INTO agents (id, full_name, nik, phone, branch_office_id, active_from, active_to) VALUES
            (1, 'Sri Perisai', NULL, '081200000001', 6, '2018-03-01', NULL);
        INSERT INTO agent_villages (agent_id, village_code) VALUES (1, '34.02.01.2001'), (1, '34.02.01.2002');

        -- Workers (NIK PPKKCC DDMMYY SSSS; women day + 40)
        INSERT INTO workers (id, nik, full_name, birth_date, sex, village_code, occupation, phone, kpj,
                             registered_at, registered_by_agent_id, branch_office_id) VALUES
            (1, '3402011203850001', 'Budi',  '1985-03-12', 'male',   '34.02.01.2001', 'farmer', NULL, '10000000001', '2023-12-20T02:00:00.000Z', 1, 6),
            (2, '3402014507900002', 'Siti',  '1990-07-05', 'female', '34.02.01.2002', 'street vendor', NULL, '10000000002', '2023-12-20T02:00:00.000Z', 1, 6),
            (3, '3214013011790003', 'Agus',  '1979-11-30', 'male',   '32.14.01.2001', 'angkot driver', NULL, '10000000003', '2023-12-20T02:00:00.000Z', NULL, 4),
            (4, '3273015402950004', 'Dewi',  '1995-02-14', 'female', '32.73.01.1001', 'sewing operator', '+6281300000004', '10000000004', '2025-03-20T02:00:00.000Z', NULL, 5),
            (5, '3402010808880005', 'Rudi',  '1988-08-08', 'male',   '34.02.01.2001', 'fisher', NULL, '10000000005', '2023-12-20T02:00:00.000Z', NULL, 6),
            (6, '3214015505920006', 'Wati',  '1992-05-15', 'female', '32.14.01.2001', 'construction labourer', NULL, '10000000006', '2025-03-01T02:00:00.000Z', NULL, 4),
            -- NIK day part 52 = female day 12, but recorded as male: listed by worker_identity_issues
            (7, '3402015203860007', 'Joko',  '1986-03-12', 'male',   '34.02.01.2002', 'craftsman', NULL, '10000000007', '2024-01-05T02:00:00.000Z', NULL, 6);

        -- Memberships (expected status at 2025-06-20 in the comment)
        INSERT INTO memberships (id, worker_id, segment_code, employer_id, construction_project_id, payer_code,
                                 declared_income, start_date, end_date, end_reason_code, registered_at) VALUES
            (1, 1, 'informal', NULL, NULL, 'self', 1500000, '2024-01-01', NULL, NULL, '2023-12-20T02:00:00.000Z'),
            (2, 2, 'informal', NULL, NULL, 'local_government', 1000000, '2024-01-01', NULL, NULL, '2023-12-20T02:00:00.000Z'),
            (3, 3, 'informal', NULL, NULL, 'self', 2000000, '2024-01-01', NULL, NULL, '2023-12-20T02:00:00.000Z'),
            (4, 4, 'wage_earner', 1, NULL, 'employer', 6000000, '2025-04-01', NULL, NULL, '2025-03-20T02:00:00.000Z'),
            (5, 5, 'informal', NULL, NULL, 'self', 1000000, '2024-01-01', '2024-12-31', 'withdrawn', '2023-12-20T02:00:00.000Z'),
            (6, 5, 'informal', NULL, NULL, 'self', 1200000, '2025-07-01', NULL, NULL, '2025-06-10T02:00:00.000Z'),
            (7, 6, 'construction', NULL, 1, 'employer', NULL, '2025-03-01', '2025-12-31', NULL, '2025-03-05T01:00:00.000Z');
        -- 1 active, 2 in_arrears 3, 3 lapsed 5, 4 in_arrears 1, 5 ended, 6 not_started, 7 active
        INSERT INTO membership_programs (membership_id, program_code) VALUES
            (1, 'JKK'), (1, 'JKM'),
            (2, 'JKK'), (2, 'JKM'), (2, 'JHT'),
            (3, 'JKK'), (3, 'JKM'),
            (4, 'JKK'), (4, 'JKM'), (4, 'JHT'), (4, 'JP'), (4, 'JKP'),
            (5, 'JKK'), (5, 'JKM'),
            (6, 'JKK'), (6, 'JKM'),
            (7, 'JKK'), (7, 'JKM');

        \(billsSQL)
        -- Payments and allocations
        INSERT INTO payments (id, receipt_number, payer_code, employer_id, amount, paid_at, months_covered,
                              channel_code, reverses_id, recorded_at) VALUES
            (1, 'RCPT-0001', 'self', NULL, 130800, '2025-01-05T03:00:00.000Z', 6, 'agent', NULL, '2025-01-05T03:00:00.000Z'),
            (2, 'RCPT-0002', 'local_government', NULL, 110400, '2025-01-10T03:00:00.000Z', 3, 'bank_transfer', NULL, '2025-01-10T03:00:00.000Z'),
            (3, 'RCPT-0003', 'self', NULL, 25800, '2025-01-12T03:00:00.000Z', 1, 'e_wallet', NULL, '2025-01-12T03:00:00.000Z'),
            (4, 'RCPT-0004', 'employer', 1, 556200, '2025-05-14T03:00:00.000Z', 1, 'bank_transfer', NULL, '2025-05-14T03:00:00.000Z'),
            (5, 'RCPT-0005', 'employer', 2, 1750000, '2025-03-10T03:00:00.000Z', NULL, 'bank_transfer', NULL, '2025-03-10T03:00:00.000Z'),
            -- m2 April paid by a transfer that bounced: allocation and payment reversed below
            (6, 'RCPT-0006', 'local_government', NULL, 36800, '2025-04-10T03:00:00.000Z', 1, 'bank_transfer', NULL, '2025-04-10T03:00:00.000Z');
        INSERT INTO payment_allocations (payment_id, bill_id, amount, reverses_id, recorded_at)
        SELECT 1, 10 + n, 21800, NULL, '2025-01-05T03:00:00.000Z' FROM (SELECT 1 n UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6)
        UNION ALL
        SELECT 2, 20 + n, 36800, NULL, '2025-01-10T03:00:00.000Z' FROM (SELECT 1 n UNION ALL SELECT 2 UNION ALL SELECT 3);
        INSERT INTO payment_allocations (id, payment_id, bill_id, amount, reverses_id, recorded_at) VALUES
            (101, 3, 31, 25800, NULL, '2025-01-12T03:00:00.000Z'),
            (102, 4, 41, 556200, NULL, '2025-05-14T03:00:00.000Z'),
            (103, 5, 71, 1750000, NULL, '2025-03-10T03:00:00.000Z'),
            (104, 6, 24, 36800, NULL, '2025-04-10T03:00:00.000Z'),
            (105, 6, 24, -36800, 104, '2025-04-12T03:00:00.000Z');
        INSERT INTO payments (id, receipt_number, payer_code, employer_id, amount, paid_at, months_covered,
                              channel_code, reverses_id, recorded_at) VALUES
            (7, 'RCPT-0006-R', 'local_government', NULL, -36800, '2025-04-12T03:00:00.000Z', 1, 'bank_transfer', 6, '2025-04-12T03:00:00.000Z');

        -- Targets
        INSERT INTO targets (id, office_id, province_code, regency_code, segment_code, kind, target_value,
                             period_start, period_end, note) VALUES
            (1, NULL, NULL, '34.02', NULL, 'coverage_percentage', 4000, '2023-01-01', '2023-12-31', 'Bantul 40% for 2023 (domain.md)'),
            (2, 6, NULL, NULL, 'informal', 'head_count', 2, '2025-01-01', '2025-12-31', 'branch Yogyakarta BPU 2025'),
            (3, 2, NULL, NULL, NULL, 'dues_amount', 1000000, '2025-01-01', '2025-12-31', 'regional office Jawa Barat dues 2025'),
            (4, NULL, NULL, '32.14', 'informal', 'head_count', 6693, '2017-01-01', '2017-12-31', 'Purwakarta BPU 2017 (domain.md)'),
            (5, 3, NULL, NULL, NULL, 'coverage_percentage', 1, '2025-01-01', '2025-12-31', 'regional office JT-DIY coverage 0.01%');

        -- An update to show the audit trail with old and new values
        UPDATE workers SET phone = '081299990001' WHERE id = 1;
        """
    }

    /// The bills and their lines (0026: dues as columns of the bill).
    static let billsSQL = """
        -- Bills: BPU months 2025-01..2025-06, due the 15th of the month. A bill's dues lines are
        -- its columns (0026); recorded_at is INTEGER milliseconds (unixepoch(…) * 1000); the due
        -- date is the rules' (bill_due_dates, 0028), stored nowhere.
        -- m1: band 1.5M → JKK 15,000 + JKM 6,800 = 21,800
        -- m2: band 1.0M → JKK 10,000 + JKM 6,800 + JHT 20,000 = 36,800
        -- m3: band 1.9M → JKK 19,000 + JKM 6,800 = 25,800
        INSERT INTO bills (id, membership_id, contribution_month, recorded_at,
                           jkk_worker, jkm_worker, jht_worker, worker_payer_code)
        WITH RECURSIVE months (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM months WHERE n < 6)
        SELECT x.mid * 10 + n, x.mid, printf('2025-%02d', n), unixepoch('2025-01-01') * 1000,
               CASE WHEN x.mid * 10 + n <> 32 THEN x.jkk END, x.jkm, x.jht, m.payer_code
        FROM months,
             (SELECT 1 AS mid, 15000 AS jkk, 6800 AS jkm, NULL AS jht UNION ALL SELECT 2, 10000, 6800, 20000
              UNION ALL SELECT 3, 19000, 6800, NULL) x
        JOIN memberships m ON m.id = x.mid;
        -- m3 February: JKK first billed wrongly at 20,000, reversed, re-billed at 19,000 (lines
        -- inserted through the bill_lines view are bill_adjustments).
        INSERT INTO bill_lines (id, bill_id, program_code, payer_code, amount, reverses_id, recorded_at, note) VALUES
            (1001, 32, 'JKK', 'self', 20000, NULL, '2025-01-01T00:00:00.000Z', 'wrong band'),
            (1002, 32, 'JKK', 'self', -20000, 1001, '2025-02-02T00:00:00.000Z', 'reversal: wrong band'),
            (1003, 32, 'JKK', 'self', 19000, NULL, '2025-02-02T00:00:00.000Z', 'correct band 1.9M');

        -- m4 (PU, medium employer, risk group low, labour-intensive): wage 6,000,000.
        -- JKK 0.54% × 50% relief = 16,200; JKM 0.30% = 18,000; JHT 3.7% = 222,000 +
        -- 2% = 120,000; JP 2% = 120,000 + 1% = 60,000 (wage below the cap). Total 556,200.
        -- JKP is government-funded and not billed. Due the 15th of the next month.
        INSERT INTO bills (id, membership_id, contribution_month, recorded_at,
                           jkk_employer, jkm_employer, jht_employer, jht_worker, jp_employer, jp_worker,
                           worker_payer_code) VALUES
            (41, 4, '2025-04', unixepoch('2025-05-01') * 1000, 16200, 18000, 222000, 120000, 120000, 60000, 'self'),
            (42, 4, '2025-05', unixepoch('2025-06-01') * 1000, 16200, 18000, 222000, 120000, 120000, 60000, 'self'),
            (43, 4, '2025-06', unixepoch('2025-06-20') * 1000, 16200, 18000, 222000, 120000, 120000, 60000, 'self');

        -- m7 (JAKON): one bill on the project, Rp1B contract → JKK 1,540,000, JKM 210,000; due
        -- as a wage earner's month (the 15th of the next), the library's rule for a JAKON month.
        INSERT INTO bills (id, membership_id, contribution_month, recorded_at, jkk_employer, jkm_employer) VALUES
            (71, 7, '2025-03', unixepoch('2025-03-05T01:00:00') * 1000, 1540000, 210000);

        -- m5 (ended): one bill for 2024-12, unpaid: appears in arrears with status ended.
        INSERT INTO bills (id, membership_id, contribution_month, recorded_at,
                           jkk_worker, jkm_worker, worker_payer_code) VALUES
            (51, 5, '2024-12', unixepoch('2024-12-01') * 1000, 10000, 6800, 'self');
        """

    /// The same bills and lines in the schema before 0026 (a line per row, text timestamps).
    static let billsBefore0026SQL = """
        -- Bills: BPU months 2025-01..2025-06, due the 15th of the month.
        -- m1: band 1.5M → JKK 15,000 + JKM 6,800 = 21,800
        -- m2: band 1.0M → JKK 10,000 + JKM 6,800 + JHT 20,000 = 36,800
        -- m3: band 1.9M → JKK 19,000 + JKM 6,800 = 25,800
        INSERT INTO bills (id, membership_id, contribution_month, due_date, recorded_at)
        WITH RECURSIVE months (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM months WHERE n < 6)
        SELECT mid * 10 + n, mid, printf('2025-%02d', n), printf('2025-%02d-15', n), '2025-01-01T00:00:00.000Z'
        FROM months, (SELECT 1 AS mid UNION ALL SELECT 2 UNION ALL SELECT 3);
        INSERT INTO bill_lines (bill_id, program_code, payer_code, amount, recorded_at)
        SELECT b.id, x.program, m.payer_code, x.amount, '2025-01-01T00:00:00.000Z'
        FROM bills b JOIN memberships m ON m.id = b.membership_id
        JOIN (SELECT 1 AS mid, 'JKK' AS program, 15000 AS amount UNION ALL SELECT 1, 'JKM', 6800
              UNION ALL SELECT 2, 'JKK', 10000 UNION ALL SELECT 2, 'JKM', 6800 UNION ALL SELECT 2, 'JHT', 20000
              UNION ALL SELECT 3, 'JKK', 19000 UNION ALL SELECT 3, 'JKM', 6800) x ON x.mid = b.membership_id
        WHERE NOT (b.id = 32 AND x.program = 'JKK');
        -- m3 February: JKK first billed wrongly at 20,000, reversed, re-billed at 19,000.
        INSERT INTO bill_lines (id, bill_id, program_code, payer_code, amount, reverses_id, recorded_at, note) VALUES
            (1001, 32, 'JKK', 'self', 20000, NULL, '2025-01-01T00:00:00.000Z', 'wrong band'),
            (1002, 32, 'JKK', 'self', -20000, 1001, '2025-02-02T00:00:00.000Z', 'reversal: wrong band'),
            (1003, 32, 'JKK', 'self', 19000, NULL, '2025-02-02T00:00:00.000Z', 'correct band 1.9M');

        -- m4 (PU, medium employer, risk group low, labour-intensive): wage 6,000,000.
        -- JKK 0.54% × 50% relief = 16,200; JKM 0.30% = 18,000; JHT 3.7% = 222,000 +
        -- 2% = 120,000; JP 2% = 120,000 + 1% = 60,000 (wage below the cap). Total 556,200.
        -- JKP is government-funded and not billed. Due the 15th of the next month.
        INSERT INTO bills (id, membership_id, contribution_month, due_date, recorded_at) VALUES
            (41, 4, '2025-04', '2025-05-15', '2025-05-01T00:00:00.000Z'),
            (42, 4, '2025-05', '2025-06-15', '2025-06-01T00:00:00.000Z'),
            (43, 4, '2025-06', '2025-07-15', '2025-06-20T00:00:00.000Z');
        INSERT INTO bill_lines (bill_id, program_code, payer_code, amount, recorded_at)
        SELECT b.id, x.program, x.payer, x.amount, b.recorded_at
        FROM bills b,
             (SELECT 'JKK' AS program, 'employer' AS payer, 16200 AS amount
              UNION ALL SELECT 'JKM', 'employer', 18000
              UNION ALL SELECT 'JHT', 'employer', 222000 UNION ALL SELECT 'JHT', 'self', 120000
              UNION ALL SELECT 'JP', 'employer', 120000 UNION ALL SELECT 'JP', 'self', 60000) x
        WHERE b.membership_id = 4;

        -- m7 (JAKON): one bill on the project, Rp1B contract → JKK 1,540,000, JKM 210,000; due
        -- as the library dates a JAKON month (the 15th of the next), so 0028 finds it the rule's.
        INSERT INTO bills (id, membership_id, contribution_month, due_date, recorded_at) VALUES
            (71, 7, '2025-03', '2025-04-15', '2025-03-05T01:00:00.000Z');
        INSERT INTO bill_lines (bill_id, program_code, payer_code, amount, recorded_at) VALUES
            (71, 'JKK', 'employer', 1540000, '2025-03-05T01:00:00.000Z'),
            (71, 'JKM', 'employer', 210000, '2025-03-05T01:00:00.000Z');

        -- m5 (ended): one bill for 2024-12, unpaid: appears in arrears with status ended.
        INSERT INTO bills (id, membership_id, contribution_month, due_date, recorded_at) VALUES
            (51, 5, '2024-12', '2024-12-15', '2024-12-01T00:00:00.000Z');
        INSERT INTO bill_lines (bill_id, program_code, payer_code, amount, recorded_at) VALUES
            (51, 'JKK', 'self', 10000, '2024-12-01T00:00:00.000Z'), (51, 'JKM', 'self', 6800, '2024-12-01T00:00:00.000Z');
        """
}
