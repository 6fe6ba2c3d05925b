import Foundation
import Registry
import SQLiteDB
import Testing

// Port of the "bad rows" section of /work/schema-scratch/test.sh: every rule the schema enforces,
// written as raw SQL with bound values, must be refused with SQLite's exact message and the
// right constraint kind, must leave every table unchanged, and its corrected row must be
// accepted (so a test cannot pass because everything is refused).

/// One rule of the schema: a statement that breaks it, and the corrected statement(s).
struct SchemaRule: Sendable, CustomTestStringConvertible {
    let name: String
    /// Run before the bad statement (e.g. a membership of a segment the fixture lacks).
    var setup: [SQLCall] = []
    let bad: SQLCall
    let kind: ConstraintKind
    let message: String
    /// The corrected statement(s), which must be accepted after the refusal.
    var good: [SQLCall] = []
    /// For UPDATE / DELETE rules, which have no corrected form: a count that must be positive,
    /// showing that the refused statement targeted an existing row.
    var targets: String? = nil

    var testDescription: String { name }

    /// Runs the rule on the fixture (in a transaction rolled back afterwards) and records any
    /// mismatch as an issue.
    func check() throws {
        try FixturePool.shared.withRolledBackFixture { db in try check(on: db) }
    }

    private func check(on db: Connection) throws {
        for call in setup { try call.run(on: db) }
        if let targets {
            #expect(try db.fetchValue(Int.self, targets) ?? 0 > 0, "\(name): the statement must target a row")
        }
        let before = try snapshot(db)
        let error = try #require(refusal { try bad.run(on: db) }, "\(name): was accepted")
        #expect(error.constraint == kind, "\(name)")
        #expect(error.message == message, "\(name)")
        #expect(try snapshot(db) == before, "\(name): the refused statement changed the database")
        #expect(db.isInTransaction, "\(name): the refusal must undo the statement only")
        for call in good {
            do {
                try call.run(on: db)
            } catch {
                Issue.record("\(name): the corrected statement was refused: \(error)")
            }
        }
        #expect(good.isEmpty || db.changes > 0, "\(name): the corrected statement changed nothing")
    }
}

// MARK: - Statement builders (bound values only)

enum Build {
    static func worker(
        nik: DatabaseValue = "3402011203850099", name: DatabaseValue = "Test Worker",
        birthDate: DatabaseValue = "1985-03-12", sex: DatabaseValue = "male",
        village: DatabaseValue = "34.02.01.2001", phone: DatabaseValue = .null,
        kpj: DatabaseValue = "20000000001", registeredAt: DatabaseValue = "2025-01-01T00:00:00.000Z",
        agent: DatabaseValue = .null, branch: DatabaseValue = 6
    ) -> SQLCall {
        SQLCall("""
            INSERT INTO workers (nik, full_name, birth_date, sex, village_code, phone, kpj, registered_at,
                                 registered_by_agent_id, branch_office_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, nik, name, birthDate, sex, village, phone, kpj, registeredAt, agent, branch)
    }

    /// Worker 7 has no membership in the fixture.
    static func membership(
        worker: DatabaseValue = 7, segment: DatabaseValue = "informal", employer: DatabaseValue = .null,
        project: DatabaseValue = .null, payer: DatabaseValue = "self", income: DatabaseValue = 1_000_000,
        start: DatabaseValue = "2025-01-01", end: DatabaseValue = .null, endReason: DatabaseValue = .null
    ) -> SQLCall {
        SQLCall("""
            INSERT INTO memberships (worker_id, segment_code, employer_id, construction_project_id, payer_code,
                                     declared_income, start_date, end_date, end_reason_code)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, worker, segment, employer, project, payer, income, start, end, endReason)
    }

    static func agent(
        nik: DatabaseValue = .null, phone: DatabaseValue = "081200000099", branch: DatabaseValue = 6,
        from: DatabaseValue = "2024-01-01", to: DatabaseValue = .null
    ) -> SQLCall {
        SQLCall("""
            INSERT INTO agents (full_name, nik, phone, branch_office_id, active_from, active_to)
            VALUES ('Test Agent', ?, ?, ?, ?, ?)
            """, nik, phone, branch, from, to)
    }

    static func employer(
        npp: DatabaseValue = "NPP-T", labourIntensive: DatabaseValue = 0, branch: DatabaseValue = 4,
        registeredAt: DatabaseValue = "2025-01-01T00:00:00.000Z"
    ) -> SQLCall {
        SQLCall("""
            INSERT INTO employers (npp, name, size_class, jkk_risk_group, labour_intensive, village_code,
                                   branch_office_id, registered_at)
            VALUES (?, 'PT Test', 'small', 'low', ?, '32.14.01.2001', ?, ?)
            """, npp, labourIntensive, branch, registeredAt)
    }

    static func project(value: DatabaseValue = 500_000_000, workOrder: DatabaseValue = "2025-01-01",
                        start: DatabaseValue = "2025-01-02", end: DatabaseValue = "2025-02-01") -> SQLCall {
        SQLCall("""
            INSERT INTO construction_projects (contractor_employer_id, name, contract_value, work_order_date,
                                               start_date, end_date)
            VALUES (2, 'Test project', ?, ?, ?, ?)
            """, value, workOrder, start, end)
    }

    /// A bill stores no due date (0028): the rules date it.
    static func bill(membership: DatabaseValue = 1, month: DatabaseValue = "2025-07") -> SQLCall {
        SQLCall("INSERT INTO bills (membership_id, contribution_month) VALUES (?, ?)", membership, month)
    }

    static func billLine(bill: DatabaseValue = 11, program: DatabaseValue = "JKK", payer: DatabaseValue = "self",
                         kind: DatabaseValue = "dues", amount: DatabaseValue = 100,
                         reverses: DatabaseValue = .null,
                         recordedAt: DatabaseValue = 1_735_689_600_000) -> SQLCall {   // 2025-01-01, ms
        // Into the table: an insert through the bill_lines view (an INSTEAD OF trigger) changes
        // no row of its own, so `changes` could not tell that the good statement was stored.
        SQLCall("""
            INSERT INTO bill_adjustments (bill_id, program_code, payer_code, kind, amount, reverses_id, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, bill, program, payer, kind, amount, reverses, recordedAt)
    }

    static func payment(receipt: DatabaseValue = "R-TEST", payer: DatabaseValue = "self",
                        employer: DatabaseValue = .null, amount: DatabaseValue = 100_000,
                        paidAt: DatabaseValue = 1_735_689_600_000, months: DatabaseValue = 1,   // 2025-01-01T00:00Z (0029)
                        reverses: DatabaseValue = .null, id: DatabaseValue = .null) -> SQLCall {
        SQLCall("""
            INSERT INTO payments (id, receipt_number, payer_code, employer_id, amount, paid_at, months_covered,
                                  channel_code, reverses_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, 'other', ?)
            """, id, receipt, payer, employer, amount, paidAt, months, reverses)
    }

    /// An allocation (`reversal` 0) or an allocation's reversal (1, 0027).
    static func allocation(payment: DatabaseValue, bill: DatabaseValue, amount: DatabaseValue,
                           reversal: DatabaseValue = 0) -> SQLCall {
        SQLCall("INSERT INTO payment_allocations (payment_id, bill_id, amount, reversal) VALUES (?, ?, ?, ?)",
                payment, bill, amount, reversal)
    }
}

/// SQLite's text for CHECK constraints and the schema's RAISE messages.
enum Message {
    static func check(_ name: String) -> String { "CHECK constraint failed: \(name)" }
    static func unique(_ columns: String) -> String { "UNIQUE constraint failed: \(columns)" }
    static func real(_ column: String) -> String { "cannot store REAL value in INTEGER column \(column)" }
    static let foreignKey = "FOREIGN KEY constraint failed"

    static let notABranch = "branch_office_id must be a branch or pioneer branch (Kantor Cabang / Kantor Cabang Perintis)"
    static let officeHierarchy = "office hierarchy: the head office has no parent; a regional office (Kantor Wilayah) must belong to the head office; a branch or pioneer branch (Kantor Cabang / Perintis) must belong to a regional office"
    static let bpuFloor = "informal (BPU) declared income is below the Rp1,000,000 floor in force at the membership start (minimum dues Rp16,800; see scheme_parameters bpu_income_floor)"
    static let secondOpen = "this worker already has an open membership in this segment: end it (set end_date) before opening another"
    static let overlap = "this membership period overlaps another membership of the same worker in the same segment"
    static let workerAndSegmentFixed = "a membership's worker and segment cannot change: end it and open a new membership"
    static let programNotAllowed = "this program is not allowed for the membership's segment (e.g. JP or JKP for informal/BPU, JHT for construction/JAKON; for wage earners/PU it depends on the employer size class): see segment_programs"
    static let billOutsideMembership = "the contribution month of this bill lies outside the membership period"
    static let lineProgramNotChosen = "a bill line's program must be one of the membership's programs (membership_programs)"
    static let lineAlreadyReversed = "this bill line has already been reversed"
    static let badLineReversal = "a reversing bill line must be on the same bill, for the same program, payer and kind, with exactly the negated amount of the line it reverses, which must not itself be a reversal"
    static let paymentAlreadyReversed = "this payment has already been reversed"
    static let badPaymentReversal = "a reversing payment must have the same payer and exactly the negated amount of the payment it reverses, which must not itself be a reversal"
    static let paymentStillAllocated = "a payment with allocations cannot be reversed: reverse its allocations first"
    static let allocationAlreadyReversed = "this allocation has already been reversed"
    static let badAllocationReversal = "a reversing allocation (reversal 1) needs the allocation of the same payment to the same bill (reversal 0) and exactly its negated amount"
    static let beyondPayment = "allocations would exceed the payment amount: a payment cannot be allocated for more than was paid"
    static let beyondBill = "allocations would exceed the amount billed: a bill cannot be paid for more than the sum of its lines"
}

// MARK: - The rules

enum SchemaRules {
    static let worker = Build.worker()

    static let identifiers: [SchemaRule] = [
        SchemaRule(name: "NIK with 15 digits", bad: Build.worker(nik: "340201120385001"),
                   kind: .check, message: Message.check("nik_must_be_16_digits"), good: [worker]),
        SchemaRule(name: "NIK with 17 digits", bad: Build.worker(nik: "34020112038500991"),
                   kind: .check, message: Message.check("nik_must_be_16_digits"), good: [worker]),
        SchemaRule(name: "NIK with a letter", bad: Build.worker(nik: "34020112038500A1"),
                   kind: .check, message: Message.check("nik_must_be_16_digits"), good: [worker]),
        SchemaRule(name: "NIK with a space", bad: Build.worker(nik: "3402 11203850001"),
                   kind: .check, message: Message.check("nik_must_be_16_digits"), good: [worker]),
        SchemaRule(name: "NIK with full-width digits", bad: Build.worker(nik: "３４０２０１１２０３８５００９９"),
                   kind: .check, message: Message.check("nik_must_be_16_digits"), good: [worker]),
        SchemaRule(name: "duplicate NIK", bad: Build.worker(nik: "3402011203850001"),
                   kind: .unique, message: Message.unique("workers.nik"), good: [worker]),
        SchemaRule(name: "KPJ with 10 digits", bad: Build.worker(kpj: "2000000001"),
                   kind: .check, message: Message.check("kpj_must_be_11_digits"), good: [worker]),
        SchemaRule(name: "KPJ with 12 digits", bad: Build.worker(kpj: "200000000001"),
                   kind: .check, message: Message.check("kpj_must_be_11_digits"), good: [worker]),
        SchemaRule(name: "KPJ with a letter", bad: Build.worker(kpj: "2000000000X"),
                   kind: .check, message: Message.check("kpj_must_be_11_digits"), good: [worker]),
        SchemaRule(name: "duplicate KPJ", bad: Build.worker(kpj: "10000000001"),
                   kind: .unique, message: Message.unique("workers.kpj"), good: [worker]),
        SchemaRule(name: "worker phone with a dash", bad: Build.worker(phone: "0812-3456-789"),
                   kind: .check, message: Message.check("worker_phone_must_be_digits_with_optional_plus"),
                   good: [Build.worker(phone: "+628123456789")]),
        SchemaRule(name: "worker phone too short", bad: Build.worker(phone: "0812345"),
                   kind: .check, message: Message.check("worker_phone_must_be_digits_with_optional_plus"),
                   good: [Build.worker(phone: "08123456")]),
        SchemaRule(name: "sex neither male nor female", bad: Build.worker(sex: "m"),
                   kind: .check, message: Message.check("sex IN ('male', 'female')"), good: [worker]),
        SchemaRule(name: "blank name", bad: Build.worker(name: "  "),
                   kind: .check, message: Message.check("length(trim(full_name)) > 0"), good: [worker]),
        SchemaRule(name: "worker in an unknown village", bad: Build.worker(village: "34.02.01.2999"),
                   kind: .foreignKey, message: Message.foreignKey, good: [worker]),
        SchemaRule(name: "worker attached to a regional office", bad: Build.worker(branch: 3),
                   kind: .trigger, message: "workers: " + Message.notABranch, good: [Build.worker(branch: 4)]),
        SchemaRule(name: "worker moved to a regional office",
                   bad: SQLCall("UPDATE workers SET branch_office_id = ? WHERE id = ?", 3, 1),
                   kind: .trigger, message: "workers: " + Message.notABranch,
                   good: [SQLCall("UPDATE workers SET branch_office_id = ? WHERE id = ?", 5, 1)]),
        SchemaRule(name: "worker registered by an agent not yet active",
                   bad: Build.worker(registeredAt: "2017-01-01T00:00:00.000Z", agent: 1),
                   kind: .trigger, message: "workers: the registering Perisai agent was not active on the registration date",
                   good: [Build.worker(registeredAt: "2018-03-01T00:00:00.000Z", agent: 1)]),
        SchemaRule(name: "agent with neither NIK nor phone", bad: Build.agent(phone: .null),
                   kind: .check, message: Message.check("agent_needs_nik_or_phone"),
                   good: [Build.agent(nik: "3402011203850088", phone: .null)]),
        SchemaRule(name: "agent NIK with 15 digits", bad: Build.agent(nik: "340201120385008"),
                   kind: .check, message: Message.check("agent_nik_must_be_16_digits"),
                   good: [Build.agent(nik: "3402011203850088")]),
        SchemaRule(name: "agent active_to before active_from", bad: Build.agent(to: "2023-12-31"),
                   kind: .check, message: Message.check("agent_active_to_must_not_be_before_active_from"),
                   good: [Build.agent(to: "2024-01-01")]),
        SchemaRule(name: "agent attached to the head office", bad: Build.agent(branch: 1),
                   kind: .trigger, message: "agents: " + Message.notABranch, good: [Build.agent(branch: 5)]),
        SchemaRule(name: "employer attached to a regional office", bad: Build.employer(branch: 2),
                   kind: .trigger, message: "employers: " + Message.notABranch, good: [Build.employer(branch: 4)]),
        SchemaRule(name: "duplicate employer NPP", bad: Build.employer(npp: "NPP-0001"),
                   kind: .unique, message: Message.unique("employers.npp"), good: [Build.employer()]),
        SchemaRule(name: "boolean labour_intensive = 2",
                   bad: SQLCall("UPDATE employers SET labour_intensive = ? WHERE id = ?", 2, 2),
                   kind: .check, message: Message.check("labour_intensive IN (0, 1)"),
                   good: [SQLCall("UPDATE employers SET labour_intensive = ? WHERE id = ?", 1, 2)]),
    ]

    static let regions: [SchemaRule] = [
        SchemaRule(name: "province code '3'", bad: SQLCall("INSERT INTO provinces VALUES (?, 'X')", "3"),
                   kind: .check, message: Message.check("province_code_must_be_PP"),
                   good: [SQLCall("INSERT INTO provinces VALUES (?, 'X')", "35")]),
        SchemaRule(name: "province code '00'", bad: SQLCall("INSERT INTO provinces VALUES (?, 'X')", "00"),
                   kind: .check, message: Message.check("province_code_must_be_PP"),
                   good: [SQLCall("INSERT INTO provinces VALUES (?, 'X')", "11")]),
        SchemaRule(name: "province code '3A'", bad: SQLCall("INSERT INTO provinces VALUES (?, 'X')", "3A"),
                   kind: .check, message: Message.check("province_code_must_be_PP"),
                   good: [SQLCall("INSERT INTO provinces VALUES (?, 'X')", "36")]),
    ] + regencyNumbers + [
        regency("regency code '32-14'", "32-14", "32", Message.check(regencyFormat), good: "32.15"),
        regency("regency code '32.1'", "32.1", "32", Message.check(regencyFormat), good: "32.15"),
        regency("regency code '32.140'", "32.140", "32", Message.check(regencyFormat), good: "32.15"),
        regency("regency 33.01 under province 32", "33.01", "32",
                Message.check("regency_code_must_start_with_province_code"), good: "32.01"),
        district("district code '32.14.1'", "32.14.1", Message.check("district_code_must_be_PP_KK_CC"), good: "32.14.02"),
        district("district code '32.14.00'", "32.14.00", Message.check("district_code_must_be_PP_KK_CC"), good: "32.14.02"),
        district("district 32.73.02 under regency 32.14", "32.73.02",
                 Message.check("district_code_must_start_with_regency_code"), good: "32.14.02"),
        village("village code starting with 3", "32.14.01.3001", good: "32.14.01.1002"),
        village("village code starting with 0", "32.14.01.0001", good: "32.14.01.1002"),
        village("village number 1000", "32.14.01.1000", good: "32.14.01.1002"),
        village("village number 2000", "32.14.01.2000", good: "32.14.01.2002"),
        village("village code with 3 digits", "32.14.01.201", good: "32.14.01.2002"),
        village("village 32.14.02.2001 under district 32.14.01", "32.14.02.2001", good: "32.14.01.2002",
                message: Message.check("village_code_must_start_with_district_code")),
        SchemaRule(name: "regency in an unknown province",
                   bad: SQLCall("INSERT INTO regencies (code, province_code, name) VALUES (?, ?, 'X')", "35.01", "35"),
                   kind: .foreignKey, message: Message.foreignKey,
                   good: [SQLCall("INSERT INTO provinces VALUES ('35', 'Jawa Timur')"),
                          SQLCall("INSERT INTO regencies (code, province_code, name) VALUES (?, ?, 'X')", "35.01", "35")]),
    ]

    static let regencyFormat = "regency_code_must_be_PP_KK_with_KK_01_to_69_or_71_to_99"

    /// Regency numbers 01–69 are kabupaten, 71–99 kota; 00 and 70 are neither. Boundaries accepted.
    static let regencyNumbers: [SchemaRule] = [
        regency("regency number 70", "32.70", "32", Message.check(regencyFormat), good: "32.69"),
        regency("regency number 70 (city side)", "32.70", "32", Message.check(regencyFormat), good: "32.71"),
        regency("regency number 00", "32.00", "32", Message.check(regencyFormat), good: "32.01"),
        regency("regency number 99 accepted, 9A refused", "32.9A", "32", Message.check(regencyFormat), good: "32.99"),
    ]

    static func regency(_ name: String, _ code: String, _ province: String, _ message: String, good: String) -> SchemaRule {
        let sql = "INSERT INTO regencies (code, province_code, name) VALUES (?, ?, 'X')"
        return SchemaRule(name: name, bad: SQLCall(sql, .text(code), .text(province)), kind: .check,
                          message: message, good: [SQLCall(sql, .text(good), .text(province))])
    }

    static func district(_ name: String, _ code: String, _ message: String, good: String) -> SchemaRule {
        let sql = "INSERT INTO districts (code, regency_code, name) VALUES (?, '32.14', 'X')"
        return SchemaRule(name: name, bad: SQLCall(sql, .text(code)), kind: .check, message: message,
                          good: [SQLCall(sql, .text(good))])
    }

    static func village(_ name: String, _ code: String, good: String,
                        message: String = Message.check("village_code_must_be_PP_KK_CC_DDDD_starting_1_or_2")) -> SchemaRule {
        let sql = "INSERT INTO villages (code, district_code, name) VALUES (?, '32.14.01', 'X')"
        return SchemaRule(name: name, bad: SQLCall(sql, .text(code)), kind: .check, message: message,
                          good: [SQLCall(sql, .text(good))])
    }

    static let offices: [SchemaRule] = {
        let insert = "INSERT INTO offices (code, name, kind, parent_office_id) VALUES (?, 'X', ?, ?)"
        return [
            SchemaRule(name: "branch directly under the head office", bad: SQLCall(insert, "KC-X", "branch", 1),
                       kind: .trigger, message: Message.officeHierarchy, good: [SQLCall(insert, "KC-X", "branch", 2)]),
            SchemaRule(name: "pioneer branch under a branch", bad: SQLCall(insert, "KCP-X", "pioneer_branch", 5),
                       kind: .trigger, message: Message.officeHierarchy,
                       good: [SQLCall(insert, "KCP-X", "pioneer_branch", 3)]),
            SchemaRule(name: "regional office under a regional office", bad: SQLCall(insert, "KW-X", "regional_office", 2),
                       kind: .trigger, message: Message.officeHierarchy,
                       good: [SQLCall(insert, "KW-X", "regional_office", 1)]),
            SchemaRule(name: "regional office without a parent", bad: SQLCall(insert, "KW-X", "regional_office", DatabaseValue.null),
                       kind: .trigger, message: Message.officeHierarchy,
                       good: [SQLCall(insert, "KW-X", "regional_office", 1)]),
            SchemaRule(name: "branch without a parent", bad: SQLCall(insert, "KC-X", "branch", DatabaseValue.null),
                       kind: .trigger, message: Message.officeHierarchy, good: [SQLCall(insert, "KC-X", "branch", 3)]),
            SchemaRule(name: "second head office", bad: SQLCall(insert, "KP2", "head_office", DatabaseValue.null),
                       kind: .unique, message: Message.unique("offices.kind"),
                       good: [SQLCall(insert, "KW-X", "regional_office", 1)]),
            SchemaRule(name: "branch moved under the head office",
                       bad: SQLCall("UPDATE offices SET parent_office_id = ? WHERE id = ?", 1, 5),
                       kind: .trigger, message: Message.officeHierarchy,
                       good: [SQLCall("UPDATE offices SET parent_office_id = ? WHERE id = ?", 3, 5)]),
            SchemaRule(name: "regional office with branches changes kind",
                       bad: SQLCall("UPDATE offices SET kind = ?, parent_office_id = ? WHERE id = ?", "branch", 3, 2),
                       kind: .trigger, message: "office hierarchy: an office that still has child offices cannot change kind",
                       good: [SQLCall(insert, "KW-X", "regional_office", 1),
                              SQLCall("UPDATE offices SET kind = ?, parent_office_id = ? WHERE code = ?", "branch", 3, "KW-X")]),
            SchemaRule(name: "regency served by two branches at once",
                       bad: SQLCall("INSERT INTO branch_regencies (branch_office_id, regency_code, effective_from) VALUES (?, ?, ?)",
                                    5, "32.14", "2024-01-01"),
                       kind: .trigger,
                       message: "branch_regencies: this regency is already served by a branch during an overlapping period (one branch per regency at a time)",
                       good: [SQLCall("UPDATE branch_regencies SET effective_to = ? WHERE regency_code = ?", "2023-12-31", "32.14"),
                              SQLCall("INSERT INTO branch_regencies (branch_office_id, regency_code, effective_from) VALUES (?, ?, ?)",
                                      5, "32.14", "2024-01-01")]),
            SchemaRule(name: "regency served by a regional office",
                       setup: [SQLCall("INSERT INTO regencies (code, province_code, name) VALUES ('32.15', '32', 'X')")],
                       bad: SQLCall("INSERT INTO branch_regencies (branch_office_id, regency_code, effective_from) VALUES (?, ?, ?)",
                                    2, "32.15", "2024-01-01"),
                       kind: .trigger,
                       message: "branch_regencies: the serving office must be a branch or pioneer branch (Kantor Cabang / Kantor Cabang Perintis)",
                       good: [SQLCall("INSERT INTO branch_regencies (branch_office_id, regency_code, effective_from) VALUES (?, ?, ?)",
                                      4, "32.15", "2024-01-01")]),
        ]
    }()

    static let money: [SchemaRule] = [
        SchemaRule(name: "negative BPU declared income", bad: Build.membership(income: -1),
                   kind: .trigger, message: Message.bpuFloor, good: [Build.membership()]),
        SchemaRule(name: "negative PU wage",
                   bad: Build.membership(segment: "wage_earner", employer: 2, payer: "employer", income: -1),
                   kind: .check, message: Message.check("declared_income >= 0"),
                   good: [Build.membership(segment: "wage_earner", employer: 2, payer: "employer", income: 3_000_000)]),
        SchemaRule(name: "fractional declared income", bad: Build.membership(income: 1_500_000.5),
                   kind: .dataType, message: Message.real("memberships.declared_income"),
                   good: [Build.membership(income: 1_500_000)]),
        SchemaRule(name: "declared income as text", bad: Build.membership(income: "1.5M"),
                   kind: .dataType, message: "cannot store TEXT value in INTEGER column memberships.declared_income",
                   good: [Build.membership(income: "1500000")]),
        SchemaRule(name: "negative contract value", bad: Build.project(value: -5),
                   kind: .check, message: Message.check("contract_value >= 0"), good: [Build.project()]),
        SchemaRule(name: "fractional contract value", bad: Build.project(value: 1000.5),
                   kind: .dataType, message: Message.real("construction_projects.contract_value"), good: [Build.project()]),
        SchemaRule(name: "project ending before it starts", bad: Build.project(end: "2025-01-01"),
                   kind: .check, message: Message.check("project_end_date_must_not_be_before_start_date"),
                   good: [Build.project(end: "2025-01-02")]),
        SchemaRule(name: "negative bill line, not a reversal", bad: Build.billLine(amount: -100),
                   kind: .check, message: Message.check("negative_amount_only_on_reversing_rows"),
                   good: [Build.billLine(amount: 100)]),
        SchemaRule(name: "fractional bill line", bad: Build.billLine(amount: 100.5),
                   kind: .dataType, message: Message.real("bill_adjustments.amount"), good: [Build.billLine(amount: 100)]),
        SchemaRule(name: "negative payment, not a reversal", bad: Build.payment(amount: -1),
                   kind: .check, message: Message.check("negative_amount_only_on_reversing_rows"),
                   good: [Build.payment(amount: 1)]),
        SchemaRule(name: "fractional payment", bad: Build.payment(amount: 1.5),
                   kind: .dataType, message: Message.real("payments.amount"), good: [Build.payment(amount: 2)]),
        SchemaRule(name: "negative allocation, not a reversal", bad: Build.allocation(payment: 3, bill: 32, amount: -5),
                   kind: .check, message: Message.check("negative_amount_only_on_reversing_rows"),
                   good: [Build.payment(amount: 25800), Build.allocation(payment: 8, bill: 32, amount: 5)]),
        SchemaRule(name: "fractional allocation",
                   setup: [Build.payment(amount: 25800)],
                   bad: Build.allocation(payment: 8, bill: 32, amount: 0.5),
                   kind: .dataType, message: Message.real("payment_allocations.amount"),
                   good: [Build.allocation(payment: 8, bill: 32, amount: 1)]),
        SchemaRule(name: "negative labour force",
                   bad: SQLCall("INSERT INTO labour_force (year, regency_code, employed, unemployed) VALUES (?, ?, ?, ?)",
                                2025, "32.14", -1, 0),
                   kind: .check, message: Message.check("employed >= 0"),
                   good: [SQLCall("INSERT INTO labour_force (year, regency_code, employed, unemployed) VALUES (?, ?, ?, ?)",
                                  2025, "32.14", 1, 0)]),
        SchemaRule(name: "negative target",
                   bad: SQLCall("INSERT INTO targets (regency_code, kind, target_value, period_start, period_end) VALUES (?, ?, ?, ?, ?)",
                                "32.14", "head_count", -1, "2025-01-01", "2025-12-31"),
                   kind: .check, message: Message.check("target_value >= 0"),
                   good: [SQLCall("INSERT INTO targets (regency_code, kind, target_value, period_start, period_end) VALUES (?, ?, ?, ?, ?)",
                                  "32.14", "head_count", 1, "2025-01-01", "2025-12-31")]),
    ]

    static let memberships: [SchemaRule] = [
        SchemaRule(name: "BPU declared income 999,999", bad: Build.membership(income: 999_999),
                   kind: .trigger, message: Message.bpuFloor, good: [Build.membership(income: 1_000_000)]),
        SchemaRule(name: "BPU income lowered below the floor by UPDATE",
                   bad: SQLCall("UPDATE memberships SET declared_income = ? WHERE id = ?", 999_999, 1),
                   kind: .trigger, message: Message.bpuFloor,
                   good: [SQLCall("UPDATE memberships SET declared_income = ? WHERE id = ?", 1_000_000, 1)]),
        SchemaRule(name: "BPU income 500,000 (a PU wage of 500,000 is fine)",
                   bad: Build.membership(income: 500_000),
                   kind: .trigger, message: Message.bpuFloor,
                   good: [Build.membership(segment: "wage_earner", employer: 2, payer: "employer", income: 500_000)]),
        SchemaRule(name: "BPU membership without declared income", bad: Build.membership(income: .null),
                   kind: .check, message: Message.check("wage_earner_and_informal_membership_need_declared_income"),
                   good: [Build.membership()]),
        SchemaRule(name: "wage earner membership without employer",
                   bad: Build.membership(segment: "wage_earner", payer: "employer", income: 5_000_000),
                   kind: .check, message: Message.check("wage_earner_membership_needs_employer"),
                   good: [Build.membership(segment: "wage_earner", employer: 2, payer: "employer", income: 5_000_000)]),
        SchemaRule(name: "employer on a BPU membership", bad: Build.membership(employer: 2),
                   kind: .check, message: Message.check("employer_only_on_wage_earner_membership"),
                   good: [Build.membership()]),
        SchemaRule(name: "construction membership without project",
                   bad: Build.membership(segment: "construction", payer: "employer", income: .null),
                   kind: .check, message: Message.check("construction_membership_needs_project"),
                   good: [Build.membership(segment: "construction", project: 1, payer: "employer", income: .null)]),
        SchemaRule(name: "project on a BPU membership", bad: Build.membership(project: 1),
                   kind: .check, message: Message.check("construction_membership_needs_project"),
                   good: [Build.membership()]),
        SchemaRule(name: "BPU membership paid by the employer", bad: Build.membership(payer: "employer"),
                   kind: .check, message: Message.check("wage_earner_and_construction_dues_are_paid_by_employer"),
                   good: [Build.membership(payer: "company_csr")]),
        SchemaRule(name: "PU membership paid by the worker",
                   bad: Build.membership(segment: "wage_earner", employer: 2, payer: "self", income: 5_000_000),
                   kind: .check, message: Message.check("wage_earner_and_construction_dues_are_paid_by_employer"),
                   good: [Build.membership(segment: "wage_earner", employer: 2, payer: "employer", income: 5_000_000)]),
        SchemaRule(name: "membership ending before it starts", bad: Build.membership(end: "2024-12-31"),
                   kind: .check, message: Message.check("membership_end_date_must_not_be_before_start_date"),
                   good: [Build.membership(end: "2025-01-01")]),
        SchemaRule(name: "end reason on an open membership", bad: Build.membership(endReason: "withdrawn"),
                   kind: .check, message: Message.check("end_reason_only_when_membership_has_ended"),
                   good: [Build.membership(end: "2025-03-31", endReason: "withdrawn")]),
        SchemaRule(name: "second open BPU membership", bad: Build.membership(worker: 1, start: "2026-01-01"),
                   kind: .trigger, message: Message.secondOpen,
                   good: [Build.membership(worker: 1, segment: "migrant", start: "2026-01-01")]),
        SchemaRule(name: "overlapping closed membership",
                   bad: Build.membership(worker: 5, start: "2024-06-01", end: "2024-08-31"),
                   kind: .trigger, message: Message.overlap,
                   good: [Build.membership(worker: 5, start: "2025-01-01", end: "2025-06-30")]),
        SchemaRule(name: "closed membership overlapping the open one by a day",
                   bad: Build.membership(worker: 5, start: "2025-01-01", end: "2025-07-01"),
                   kind: .trigger, message: Message.overlap,
                   good: [Build.membership(worker: 5, start: "2025-01-01", end: "2025-06-30")]),
        SchemaRule(name: "reopening an ended membership over the next one",
                   bad: SQLCall("UPDATE memberships SET end_date = NULL, end_reason_code = NULL WHERE id = ?", 5),
                   kind: .trigger, message: Message.secondOpen,
                   good: [SQLCall("UPDATE memberships SET end_date = ? WHERE id = ?", "2025-01-31", 5)]),
        SchemaRule(name: "extending an ended membership over the next one",
                   bad: SQLCall("UPDATE memberships SET end_date = ? WHERE id = ?", "2025-07-01", 5),
                   kind: .trigger, message: Message.overlap,
                   good: [SQLCall("UPDATE memberships SET end_date = ? WHERE id = ?", "2025-06-30", 5)]),
        SchemaRule(name: "changing a membership's segment",
                   bad: SQLCall("UPDATE memberships SET segment_code = ?, payer_code = ? WHERE id = ?", "migrant", "self", 1),
                   kind: .trigger, message: Message.workerAndSegmentFixed,
                   good: [SQLCall("UPDATE memberships SET end_date = ?, end_reason_code = ? WHERE id = ?", "2025-06-30", "withdrawn", 1)]),
        SchemaRule(name: "changing a membership's worker",
                   bad: SQLCall("UPDATE memberships SET worker_id = ? WHERE id = ?", 7, 1),
                   kind: .trigger, message: Message.workerAndSegmentFixed,
                   good: [SQLCall("UPDATE memberships SET declared_income = ? WHERE id = ?", 1_700_000, 1)]),
        SchemaRule(name: "membership of an unknown worker", bad: Build.membership(worker: 99),
                   kind: .foreignKey, message: Message.foreignKey, good: [Build.membership()]),
    ]

    static let pu2019 = Build.membership(worker: 4, segment: "wage_earner", employer: 1, payer: "employer",
                                         income: 4_000_000, start: "2019-01-01", end: "2020-12-31")
    static let pu2021 = Build.membership(worker: 4, segment: "wage_earner", employer: 1, payer: "employer",
                                         income: 4_000_000, start: "2021-01-01", end: "2021-12-31")
    static let migrant = Build.membership(worker: 7, segment: "migrant", income: .null)
    static func program(_ membership: Int, _ code: String) -> SQLCall {
        SQLCall("INSERT INTO membership_programs (membership_id, program_code) VALUES (?, ?)",
                .integer(Int64(membership)), .text(code))
    }

    static let programs: [SchemaRule] = [
        SchemaRule(name: "JP on a BPU membership", bad: program(1, "JP"),
                   kind: .trigger, message: Message.programNotAllowed, good: [program(1, "JHT")]),
        SchemaRule(name: "JKP on a BPU membership", bad: program(1, "JKP"),
                   kind: .trigger, message: Message.programNotAllowed, good: [program(1, "JHT")]),
        SchemaRule(name: "JHT on a JAKON membership", bad: program(7, "JHT"),
                   kind: .trigger, message: Message.programNotAllowed,
                   good: [SQLCall("DELETE FROM membership_programs WHERE membership_id = 7 AND program_code = 'JKM'"),
                          program(7, "JKM")]),
        SchemaRule(name: "JP on a JAKON membership", bad: program(7, "JP"),
                   kind: .trigger, message: Message.programNotAllowed,
                   good: [SQLCall("DELETE FROM membership_programs WHERE membership_id = 7 AND program_code = 'JKM'"),
                          program(7, "JKM")]),
        SchemaRule(name: "JKP on a JAKON membership", bad: program(7, "JKP"),
                   kind: .trigger, message: Message.programNotAllowed,
                   good: [SQLCall("DELETE FROM membership_programs WHERE membership_id = 7 AND program_code = 'JKM'"),
                          program(7, "JKM")]),
        SchemaRule(name: "JP on a PMI membership", setup: [migrant], bad: program(8, "JP"),
                   kind: .trigger, message: Message.programNotAllowed, good: [program(8, "JHT")]),
        SchemaRule(name: "JKP on a PMI membership", setup: [migrant], bad: program(8, "JKP"),
                   kind: .trigger, message: Message.programNotAllowed, good: [program(8, "JKK")]),
        SchemaRule(name: "JKP on a PU membership that ended before JKP existed", setup: [pu2019, pu2021],
                   bad: program(8, "JKP"), kind: .trigger, message: Message.programNotAllowed,
                   good: [program(8, "JP"), program(9, "JKP")]),
        SchemaRule(name: "updating a membership's program",
                   bad: SQLCall("UPDATE membership_programs SET program_code = ? WHERE membership_id = ? AND program_code = ?",
                                "JHT", 1, "JKM"),
                   kind: .trigger, message: "membership_programs rows cannot be updated: delete the row and insert the new program",
                   good: [program(1, "JHT")]),
        SchemaRule(name: "duplicate program on a membership", bad: program(1, "JKK"),
                   kind: .primaryKey, message: Message.unique("membership_programs.membership_id, membership_programs.program_code"),
                   good: [program(1, "JHT")]),
    ]

    static let bills: [SchemaRule] = [
        SchemaRule(name: "bill for month 2025-13", bad: Build.bill(month: "2025-13"),
                   kind: .check, message: Message.check("contribution_month_must_be_yyyy_mm"), good: [Build.bill()]),
        SchemaRule(name: "bill for month 2025-00", bad: Build.bill(month: "2025-00"),
                   kind: .check, message: Message.check("contribution_month_must_be_yyyy_mm"), good: [Build.bill()]),
        SchemaRule(name: "bill for month 2025-7", bad: Build.bill(month: "2025-7"),
                   kind: .check, message: Message.check("contribution_month_must_be_yyyy_mm"), good: [Build.bill()]),
        SchemaRule(name: "bill for a full date as month", bad: Build.bill(month: "2025-07-01"),
                   kind: .check, message: Message.check("contribution_month_must_be_yyyy_mm"), good: [Build.bill()]),
        SchemaRule(name: "bill month after the membership ended", bad: Build.bill(membership: 5, month: "2025-01"),
                   kind: .trigger, message: Message.billOutsideMembership,
                   good: [Build.bill(membership: 5, month: "2024-11")]),
        SchemaRule(name: "bill month before the membership started", bad: Build.bill(membership: 4, month: "2025-03"),
                   kind: .trigger, message: Message.billOutsideMembership,
                   good: [Build.bill(membership: 4, month: "2025-07")]),
        SchemaRule(name: "second bill for the same month", bad: Build.bill(month: "2025-01"),
                   kind: .unique, message: Message.unique("bills.membership_id, bills.contribution_month"),
                   good: [Build.bill()]),
        SchemaRule(name: "bill of an unknown membership", bad: Build.bill(membership: 99),
                   kind: .foreignKey, message: Message.foreignKey, good: [Build.bill()]),
        SchemaRule(name: "bill line for a program not chosen", bad: Build.billLine(program: "JHT"),
                   kind: .trigger, message: Message.lineProgramNotChosen, good: [Build.billLine(program: "JKM")]),
        SchemaRule(name: "bill line of an unknown kind", bad: Build.billLine(kind: "fine"),
                   kind: .check, message: Message.check("kind IN ('dues', 'late_penalty')"),
                   good: [Build.billLine(kind: "late_penalty")]),
        // 0026: a bill line's recorded_at is INTEGER milliseconds; the view takes ISO text too.
        SchemaRule(name: "bill line with a text timestamp", bad: Build.billLine(recordedAt: "2025-01-01T00:00:00.000Z"),
                   kind: .dataType, message: "cannot store TEXT value in INTEGER column bill_adjustments.recorded_at",
                   good: [Build.billLine()]),
        SchemaRule(name: "bill line with a timestamp before 1970", bad: Build.billLine(recordedAt: -1),
                   kind: .check, message: Message.check("recorded_at_must_be_milliseconds_since_1970"),
                   good: [Build.billLine()]),
        SchemaRule(name: "bill line through the view with an invalid timestamp",
                   bad: SQLCall("""
                       INSERT INTO bill_lines (bill_id, program_code, payer_code, amount, recorded_at) VALUES (?, ?, ?, ?, ?)
                       """, 11, "JKK", "self", 100, "2025-01-01 00:00:00"),
                   kind: .trigger,
                   message: "bill_lines.recorded_at must be INTEGER milliseconds since 1970 UTC or UTC text YYYY-MM-DDTHH:MM:SS.SSSZ",
                   good: [Build.billLine()]),
        SchemaRule(name: "bill with a text timestamp",
                   bad: SQLCall("INSERT INTO bills (membership_id, contribution_month, recorded_at) VALUES (?, ?, ?)",
                                1, "2025-07", "2025-07-01T00:00:00.000Z"),
                   kind: .dataType, message: "cannot store TEXT value in INTEGER column bills.recorded_at",
                   good: [Build.bill()]),
        SchemaRule(name: "bill whose worker columns have no payer",
                   bad: SQLCall("INSERT INTO bills (membership_id, contribution_month, jkk_worker) VALUES (?, ?, ?)",
                                1, "2025-07", 15000),
                   kind: .check, message: Message.check("worker_payer_exactly_when_a_worker_column_is_set"),
                   good: [SQLCall("""
                       INSERT INTO bills (membership_id, contribution_month, jkk_worker, worker_payer_code)
                       VALUES (?, ?, ?, ?)
                       """, 1, "2025-07", 15000, "self")]),
        SchemaRule(name: "bill with a dues column for a program not chosen",
                   bad: SQLCall("INSERT INTO bills (membership_id, contribution_month, jp_worker, worker_payer_code) VALUES (?, ?, ?, ?)",
                                1, "2025-07", 15000, "self"),
                   kind: .trigger, message: Message.lineProgramNotChosen,
                   good: [SQLCall("""
                       INSERT INTO bills (membership_id, contribution_month, jkm_worker, worker_payer_code)
                       VALUES (?, ?, ?, ?)
                       """, 1, "2025-07", 6800, "self")]),
        SchemaRule(name: "payment by self naming an employer", bad: Build.payment(employer: 1),
                   kind: .check, message: Message.check("employer_only_on_payments_by_an_employer"),
                   good: [Build.payment(payer: "employer", employer: 1)]),
        SchemaRule(name: "payment covering 0 months", bad: Build.payment(months: 0),
                   kind: .check, message: Message.check("months_covered > 0"), good: [Build.payment(months: 12)]),
        SchemaRule(name: "duplicate receipt number", bad: Build.payment(receipt: "RCPT-0001"),
                   kind: .unique, message: Message.unique("payments.receipt_number"), good: [Build.payment()]),
        // 0029: a payment's paid_at is INTEGER milliseconds; ISO text would sort after every integer.
        SchemaRule(name: "payment with a text paid_at", bad: Build.payment(paidAt: "2025-01-01T00:00:00.000Z"),
                   kind: .dataType, message: "cannot store TEXT value in INTEGER column payments.paid_at",
                   good: [Build.payment()]),
        SchemaRule(name: "payment paid before 1970", bad: Build.payment(paidAt: -1),
                   kind: .check, message: Message.check("paid_at_must_be_milliseconds_since_1970"),
                   good: [Build.payment(paidAt: 0)]),
        SchemaRule(name: "payment paid after 9999", bad: Build.payment(paidAt: 253_402_300_800_000),
                   kind: .check, message: Message.check("paid_at_must_be_milliseconds_since_1970"),
                   good: [Build.payment(paidAt: 253_402_300_799_999)]),
    ]

    static let reversals: [SchemaRule] = {
        /// A reversing line for the (only) JKK line of bill 11 (15,000: a column of the bill, so
        /// its id is -(11 × 8 + 1)), or for a line given by id.
        func reversal(bill: Int = 11, program: String = "JKK", payer: String = "self", kind: String = "dues",
                      amount: Int, ofLine id: Int? = nil) -> SQLCall {
            let original: DatabaseValue = id.map { .integer(Int64($0)) } ?? .null
            return SQLCall("""
                INSERT INTO bill_adjustments (bill_id, program_code, payer_code, kind, amount, reverses_id)
                VALUES (?, ?, ?, ?, ?, coalesce(?, (SELECT id FROM bill_lines
                                                    WHERE bill_id = 11 AND program_code = 'JKK' AND reverses_id IS NULL)))
                """, .integer(Int64(bill)), .text(program), .text(payer), .text(kind), .integer(Int64(amount)), original)
        }
        let good = reversal(amount: -15000)
        return [
            SchemaRule(name: "bill line reversal with the wrong amount", bad: reversal(amount: -1),
                       kind: .trigger, message: Message.badLineReversal, good: [good],
                       targets: "SELECT count(*) FROM bill_lines WHERE bill_id = 11 AND program_code = 'JKK' AND amount = 15000"),
            SchemaRule(name: "bill line reversal with a positive amount", bad: reversal(amount: 15000),
                       kind: .trigger, message: Message.badLineReversal, good: [good]),
            SchemaRule(name: "bill line reversal on another bill", bad: reversal(bill: 12, amount: -15000),
                       kind: .trigger, message: Message.badLineReversal, good: [good]),
            SchemaRule(name: "bill line reversal for another program", bad: reversal(program: "JKM", amount: -15000),
                       kind: .trigger, message: Message.badLineReversal, good: [good]),
            SchemaRule(name: "bill line reversal for another payer",
                       bad: reversal(payer: "company_csr", amount: -15000),
                       kind: .trigger, message: Message.badLineReversal, good: [good]),
            SchemaRule(name: "bill line reversal of another kind",
                       bad: reversal(kind: "late_penalty", amount: -15000),
                       kind: .trigger, message: Message.badLineReversal, good: [good]),
            SchemaRule(name: "reversing a reversal", bad: reversal(bill: 32, amount: 20000, ofLine: 1002),
                       kind: .trigger, message: Message.badLineReversal, good: [good]),
            SchemaRule(name: "second reversal of the same bill line", bad: reversal(bill: 32, amount: -20000, ofLine: 1001),
                       kind: .trigger, message: Message.lineAlreadyReversed, good: [good]),
            SchemaRule(name: "payment reversal with the wrong amount",
                       setup: [Build.payment(amount: 50000)],
                       bad: Build.payment(receipt: "R-X", amount: -1, reverses: 8),
                       kind: .trigger, message: Message.badPaymentReversal,
                       good: [Build.payment(receipt: "R-X", amount: -50000, reverses: 8)]),
            SchemaRule(name: "payment reversal by another payer",
                       setup: [Build.payment(amount: 50000)],
                       bad: Build.payment(receipt: "R-X", payer: "company_csr", amount: -50000, reverses: 8),
                       kind: .trigger, message: Message.badPaymentReversal,
                       good: [Build.payment(receipt: "R-X", amount: -50000, reverses: 8)]),
            SchemaRule(name: "payment reversed twice",
                       bad: Build.payment(receipt: "R-X", payer: "local_government", amount: -36800, reverses: 6),
                       kind: .trigger, message: Message.paymentAlreadyReversed,
                       good: [Build.payment(amount: 50000), Build.payment(receipt: "R-X", amount: -50000, reverses: 8)]),
            SchemaRule(name: "reversing a payment reversal",
                       bad: Build.payment(receipt: "R-X", payer: "local_government", amount: 36800, reverses: 7),
                       kind: .trigger, message: Message.badPaymentReversal,
                       good: [Build.payment(receipt: "R-X", payer: "local_government", amount: 36800)]),
            SchemaRule(name: "reversing a payment that is still allocated",
                       bad: Build.payment(receipt: "RCPT-0003-R", amount: -25800, reverses: 3),
                       kind: .trigger, message: Message.paymentStillAllocated,
                       good: [Build.allocation(payment: 3, bill: 31, amount: -25800, reversal: 1),
                              Build.payment(receipt: "RCPT-0003-R", amount: -25800, reverses: 3)]),
            SchemaRule(name: "allocation reversal with the wrong amount",
                       bad: Build.allocation(payment: 3, bill: 31, amount: -1, reversal: 1),
                       kind: .trigger, message: Message.badAllocationReversal,
                       good: [Build.allocation(payment: 3, bill: 31, amount: -25800, reversal: 1)]),
            SchemaRule(name: "allocation reversal on another bill",
                       bad: Build.allocation(payment: 3, bill: 32, amount: -25800, reversal: 1),
                       kind: .trigger, message: Message.badAllocationReversal,
                       good: [Build.allocation(payment: 3, bill: 31, amount: -25800, reversal: 1)]),
            SchemaRule(name: "allocation reversal from another payment",
                       bad: Build.allocation(payment: 1, bill: 31, amount: -25800, reversal: 1),
                       kind: .trigger, message: Message.badAllocationReversal,
                       good: [Build.allocation(payment: 3, bill: 31, amount: -25800, reversal: 1)]),
            SchemaRule(name: "allocation reversed twice",
                       bad: Build.allocation(payment: 6, bill: 24, amount: -36800, reversal: 1),
                       kind: .trigger, message: Message.allocationAlreadyReversed,
                       good: [Build.allocation(payment: 3, bill: 31, amount: -25800, reversal: 1)]),
            // 0027: a reversal is keyed beside its allocation; it cannot repeat its amount, and
            // there is no reversal of a reversal to write (reversal is 0 or 1).
            SchemaRule(name: "allocation reversal with the allocation's own amount",
                       bad: Build.allocation(payment: 3, bill: 31, amount: 25800, reversal: 1),
                       kind: .trigger, message: Message.badAllocationReversal,
                       good: [Build.allocation(payment: 3, bill: 31, amount: -25800, reversal: 1)]),
            SchemaRule(name: "reversing an allocation reversal",
                       bad: Build.allocation(payment: 6, bill: 24, amount: -36800, reversal: 2),
                       kind: .check, message: Message.check("reversal IN (0, 1)"),
                       good: [Build.allocation(payment: 3, bill: 31, amount: -25800, reversal: 1)]),
        ]
    }()

    static let allocations: [SchemaRule] = [
        // Payment 3 (25,800) is fully allocated to bill 31; bill 32 owes 25,800.
        SchemaRule(name: "allocation beyond the payment amount", bad: Build.allocation(payment: 3, bill: 32, amount: 1),
                   kind: .trigger, message: Message.beyondPayment,
                   good: [Build.payment(amount: 25800), Build.allocation(payment: 8, bill: 32, amount: 25800)]),
        SchemaRule(name: "allocation beyond the bill amount",
                   setup: [Build.payment(amount: 100_000)],
                   bad: Build.allocation(payment: 8, bill: 32, amount: 25801),
                   kind: .trigger, message: Message.beyondBill,
                   good: [Build.allocation(payment: 8, bill: 32, amount: 25800)]),
        SchemaRule(name: "allocation to a bill already paid",
                   setup: [Build.payment(amount: 100_000)],
                   bad: Build.allocation(payment: 8, bill: 11, amount: 1),
                   kind: .trigger, message: Message.beyondBill,
                   good: [Build.allocation(payment: 8, bill: 32, amount: 1)]),
        SchemaRule(name: "allocating a payment that was reversed (bounced)",
                   bad: Build.allocation(payment: 6, bill: 32, amount: 1),
                   kind: .trigger, message: Message.beyondPayment,
                   good: [Build.payment(receipt: "RCPT-0006-B", payer: "local_government", amount: 36800),
                          Build.allocation(payment: 8, bill: 24, amount: 36800)]),
        SchemaRule(name: "allocating from a reversing payment",
                   bad: Build.allocation(payment: 7, bill: 24, amount: 1),
                   kind: .trigger, message: Message.beyondPayment, good: []),
        SchemaRule(name: "allocation across two allocations beyond the payment",
                   setup: [Build.payment(amount: 30000), Build.allocation(payment: 8, bill: 32, amount: 25800)],
                   bad: Build.allocation(payment: 8, bill: 33, amount: 4201),
                   kind: .trigger, message: Message.beyondPayment,
                   good: [Build.allocation(payment: 8, bill: 33, amount: 4200)]),
    ]

    static let appendOnly: [SchemaRule] = [
        SchemaRule(name: "UPDATE a bill", bad: SQLCall("UPDATE bills SET note = ? WHERE id = ?", "changed", 11),
                   kind: .trigger,
                   message: "the dues ledger is append-only: a bill cannot be changed; correct its lines with reversing bill lines",
                   targets: "SELECT count(*) FROM bills WHERE id = 11"),
        SchemaRule(name: "DELETE a bill", bad: SQLCall("DELETE FROM bills WHERE id = ?", 43),
                   kind: .trigger, message: "the dues ledger is append-only: a bill cannot be deleted; reverse its lines instead",
                   targets: "SELECT count(*) FROM bills WHERE id = 43"),
        SchemaRule(name: "UPDATE a bill line", bad: SQLCall("UPDATE bill_lines SET amount = ? WHERE bill_id = ?", 0, 11),
                   kind: .trigger,
                   message: "the dues ledger is append-only: a bill line cannot be changed; insert a reversing line (reverses_id, negated amount) and a new line",
                   targets: "SELECT count(*) FROM bill_lines WHERE bill_id = 11"),
        SchemaRule(name: "DELETE a bill line", bad: SQLCall("DELETE FROM bill_lines WHERE bill_id = ?", 11),
                   kind: .trigger,
                   message: "the dues ledger is append-only: a bill line cannot be deleted; insert a reversing line (reverses_id, negated amount)",
                   targets: "SELECT count(*) FROM bill_lines WHERE bill_id = 11"),
        SchemaRule(name: "UPDATE a payment", bad: SQLCall("UPDATE payments SET amount = ? WHERE id = ?", 1, 1),
                   kind: .trigger,
                   message: "the dues ledger is append-only: a payment cannot be changed; insert a reversing payment (reverses_id, negated amount) and a new one",
                   targets: "SELECT count(*) FROM payments WHERE id = 1"),
        SchemaRule(name: "DELETE a payment", bad: SQLCall("DELETE FROM payments WHERE id = ?", 7),
                   kind: .trigger,
                   message: "the dues ledger is append-only: a payment cannot be deleted; insert a reversing payment (reverses_id, negated amount)",
                   targets: "SELECT count(*) FROM payments WHERE id = 7"),
        SchemaRule(name: "UPDATE an allocation",
                   bad: SQLCall("UPDATE payment_allocations SET amount = ? WHERE bill_id = ? AND payment_id = ? AND reversal = 0", 1, 31, 3),
                   kind: .trigger,
                   message: "the dues ledger is append-only: an allocation cannot be changed; insert its reversal (reversal 1, negated amount) and a new allocation",
                   targets: "SELECT count(*) FROM payment_allocations WHERE bill_id = 31 AND payment_id = 3 AND reversal = 0"),
        SchemaRule(name: "DELETE an allocation",
                   bad: SQLCall("DELETE FROM payment_allocations WHERE bill_id = ? AND payment_id = ? AND reversal = 1", 24, 6),
                   kind: .trigger,
                   message: "the dues ledger is append-only: an allocation cannot be deleted; insert its reversal (reversal 1, negated amount)",
                   targets: "SELECT count(*) FROM payment_allocations WHERE bill_id = 24 AND payment_id = 6 AND reversal = 1"),
        // INSERT OR REPLACE deletes the old row without firing DELETE triggers: the id must be new.
        SchemaRule(name: "INSERT OR REPLACE over a bill",
                   bad: SQLCall("INSERT OR REPLACE INTO bills (id, membership_id, contribution_month) VALUES (?, ?, ?)",
                                11, 1, "2025-01"),
                   kind: .trigger,
                   message: "the dues ledger is append-only: a bill with this id already exists (INSERT OR REPLACE cannot overwrite it)",
                   good: [Build.bill()]),
        SchemaRule(name: "INSERT OR REPLACE over a bill line",
                   bad: SQLCall("INSERT OR REPLACE INTO bill_lines (id, bill_id, program_code, payer_code, amount) VALUES (?, ?, ?, ?, ?)",
                                1001, 32, "JKK", "self", 19000),
                   kind: .trigger,
                   message: "the dues ledger is append-only: a bill line with this id already exists (INSERT OR REPLACE cannot overwrite it)",
                   good: [Build.billLine()], targets: "SELECT count(*) FROM bill_lines WHERE id = 1001"),
        SchemaRule(name: "INSERT OR REPLACE over a payment",
                   bad: SQLCall("INSERT OR REPLACE INTO payments (id, receipt_number, payer_code, amount, paid_at, channel_code) VALUES (?, ?, ?, ?, ?, ?)",
                                1, "RCPT-0001", "self", 1, 1_736_046_000_000, "agent"),   // 2025-01-05T03:00Z
                   kind: .trigger,
                   message: "the dues ledger is append-only: a payment with this id already exists (INSERT OR REPLACE cannot overwrite it)",
                   good: [Build.payment()]),
        // 0027: an allocation is keyed by (bill_id, payment_id, reversal): the key must be new.
        SchemaRule(name: "INSERT OR REPLACE over an allocation",
                   bad: SQLCall("INSERT OR REPLACE INTO payment_allocations (bill_id, payment_id, reversal, amount) VALUES (?, ?, ?, ?)",
                                31, 3, 0, 0),
                   kind: .trigger,
                   message: "the dues ledger is append-only: this payment already has an allocation to this bill (INSERT OR REPLACE cannot overwrite it)",
                   good: [Build.allocation(payment: 3, bill: 31, amount: -25800, reversal: 1)]),
        SchemaRule(name: "INSERT OR REPLACE over an allocation's reversal",
                   bad: SQLCall("INSERT OR REPLACE INTO payment_allocations (bill_id, payment_id, reversal, amount) VALUES (?, ?, ?, ?)",
                                24, 6, 1, -36800),
                   kind: .trigger, message: Message.allocationAlreadyReversed,
                   good: [Build.allocation(payment: 3, bill: 31, amount: -25800, reversal: 1)]),
    ]

    static let audit: [SchemaRule] = [
        SchemaRule(name: "UPDATE an audit row", bad: SQLCall("UPDATE audit_log SET actor = ? WHERE id = ?", "me", 1),
                   kind: .trigger, message: "the audit log is append-only: audit rows cannot be changed",
                   good: [SQLCall("UPDATE workers SET occupation = ? WHERE id = ?", "trader", 1)],
                   targets: "SELECT count(*) FROM audit_log WHERE id = 1"),
        SchemaRule(name: "DELETE an audit row", bad: SQLCall("DELETE FROM audit_log WHERE id = ?", 1),
                   kind: .trigger, message: "the audit log is append-only: audit rows cannot be deleted",
                   targets: "SELECT count(*) FROM audit_log WHERE id = 1"),
        SchemaRule(name: "INSERT OR REPLACE over an audit row",
                   bad: SQLCall("INSERT OR REPLACE INTO audit_log (id, table_name, row_key, operation, actor) VALUES (?, ?, ?, ?, ?)",
                                1, "workers", "1", "INSERT", "forger"),
                   kind: .trigger,
                   message: "the audit log is append-only: an audit row with this id already exists (INSERT OR REPLACE cannot overwrite it)",
                   targets: "SELECT count(*) FROM audit_log WHERE id = 1"),
        SchemaRule(name: "DELETE the audit_context row", bad: SQLCall("DELETE FROM audit_context"),
                   kind: .trigger, message: "audit_context must keep its single row (id = 1): set actor to NULL instead",
                   good: [SQLCall("UPDATE audit_context SET actor = NULL WHERE id = 1")]),
        SchemaRule(name: "second audit_context row", bad: SQLCall("INSERT INTO audit_context VALUES (?, NULL)", 2),
                   kind: .check, message: Message.check("id = 1"),
                   good: [SQLCall("UPDATE audit_context SET actor = NULL WHERE id = 1")]),
        SchemaRule(name: "audit row with invalid JSON",
                   bad: SQLCall("INSERT INTO audit_log (table_name, row_key, operation, new_values) VALUES (?, ?, ?, ?)",
                                "workers", "1", "INSERT", "{not json"),
                   kind: .check, message: Message.check("new_values IS NULL OR json_valid(new_values)"),
                   good: [SQLCall("INSERT INTO audit_log (table_name, row_key, operation, new_values) VALUES (?, ?, ?, ?)",
                                  "workers", "1", "INSERT", "{}")]),
    ]

    static let rulesAndTargets: [SchemaRule] = [
        SchemaRule(name: "overlapping rule row (income floor)",
                   bad: SQLCall("INSERT INTO scheme_parameters (code, value, effective_from, confidence) VALUES (?, ?, ?, ?)",
                                "bpu_income_floor", 1_200_000, "2026-01-01", "L"),
                   kind: .trigger,
                   message: "scheme_parameters: this parameter already has a value for part of this period (close the old row with effective_to first)",
                   good: [SQLCall("UPDATE scheme_parameters SET effective_to = ? WHERE code = ?", "2025-12-31", "bpu_income_floor"),
                          SQLCall("INSERT INTO scheme_parameters (code, value, effective_from, confidence) VALUES (?, ?, ?, ?)",
                                  "bpu_income_floor", 1_200_000, "2026-01-01", "L")]),
        // Since 0016 a rule row only grows: the one update allowed closes an open row, which
        // cannot overlap anything, so extending a closed row is refused before the overlap
        // trigger would see it.
        SchemaRule(name: "closed JP wage cap extended by UPDATE",
                   bad: SQLCall("UPDATE scheme_parameters SET effective_to = ? WHERE code = ? AND value = ?",
                                "2025-03-01", "jp_wage_cap", 10_042_300),
                   kind: .trigger,
                   message: Message.ruleChanged("scheme_parameters"),
                   good: [SQLCall("UPDATE scheme_parameters SET effective_to = ? WHERE code = ? AND effective_to IS NULL",
                                  "2026-12-31", "jp_wage_cap")]),
        SchemaRule(name: "rate row with both ppm and flat amount",
                   bad: SQLCall("INSERT INTO contribution_rates (segment_code, program_code, share, rate_ppm, flat_amount, effective_from, confidence) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                "migrant", "JKK", "worker", 1, 1, "2030-01-01", "L"),
                   kind: .check, message: Message.check("exactly_one_of_rate_ppm_or_flat_amount"),
                   good: [SQLCall("INSERT INTO contribution_rates (segment_code, program_code, share, rate_ppm, flat_amount, effective_from, confidence) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                  "migrant", "JKK", "worker", DatabaseValue.null, 1, "2030-01-01", "L")]),
        SchemaRule(name: "overlapping BPU JKM rate",
                   bad: SQLCall("INSERT INTO contribution_rates (segment_code, program_code, share, flat_amount, effective_from, confidence) VALUES (?, ?, ?, ?, ?, ?)",
                                "informal", "JKM", "worker", 7000, "2030-01-01", "L"),
                   kind: .trigger,
                   message: "contribution_rates: a rate for this segment, program, share and risk group already covers part of this period (close the old row with effective_to first)",
                   good: [SQLCall("UPDATE contribution_rates SET effective_to = ? WHERE segment_code = ? AND program_code = ?",
                                  "2029-12-31", "informal", "JKM"),
                          SQLCall("INSERT INTO contribution_rates (segment_code, program_code, share, flat_amount, effective_from, confidence) VALUES (?, ?, ?, ?, ?, ?)",
                                  "informal", "JKM", "worker", 7000, "2030-01-01", "L")]),
        SchemaRule(name: "overlapping construction tier",
                   bad: SQLCall("INSERT INTO construction_rate_tiers (program_code, from_value, to_value, rate_ppm, effective_from, confidence) VALUES (?, ?, ?, ?, ?, ?)",
                                "JKK", 50_000_000, 150_000_000, 2000, "2030-01-01", "L"),
                   kind: .trigger,
                   message: "construction_rate_tiers: this contract-value slice overlaps another slice of the same program in force during part of this period",
                   good: [SQLCall("INSERT INTO construction_rate_tiers (program_code, from_value, to_value, rate_ppm, effective_from, confidence) VALUES (?, ?, ?, ?, ?, ?)",
                                  "JP", 50_000_000, 150_000_000, 2000, "2030-01-01", "L")]),
        SchemaRule(name: "overlapping BPU income band",
                   bad: SQLCall("INSERT INTO bpu_income_bands (lower_income, upper_income, nominal_income, effective_from, confidence) VALUES (?, ?, ?, ?, ?)",
                                500_000, 1_000_000, 500_000, "2030-01-01", "L"),
                   kind: .trigger,
                   message: "bpu_income_bands: this income range overlaps another band in force during part of this period",
                   good: [SQLCall("INSERT INTO bpu_income_bands (lower_income, upper_income, nominal_income, effective_from, confidence) VALUES (?, ?, ?, ?, ?)",
                                  500_000, 999_999, 500_000, "2030-01-01", "L")]),
        SchemaRule(name: "overlapping segment × program rule",
                   bad: SQLCall("INSERT INTO segment_programs (segment_code, program_code, requirement, effective_from, confidence) VALUES (?, ?, ?, ?, ?)",
                                "informal", "JP", "optional", "2030-01-01", "L"),
                   kind: .trigger,
                   message: "segment_programs: a rule for this segment, size class and program already covers part of this period (close the old row with effective_to first)",
                   good: [SQLCall("UPDATE segment_programs SET effective_to = ? WHERE segment_code = ? AND program_code = ?",
                                  "2029-12-31", "informal", "JP"),
                          SQLCall("INSERT INTO segment_programs (segment_code, program_code, requirement, effective_from, confidence) VALUES (?, ?, ?, ?, ?)",
                                  "informal", "JP", "optional", "2030-01-01", "L")]),
        SchemaRule(name: "PU rule without employer size class",
                   bad: SQLCall("INSERT INTO segment_programs (segment_code, program_code, requirement, effective_from, confidence) VALUES (?, ?, ?, ?, ?)",
                                "wage_earner", "JP", "optional", "2030-01-01", "L"),
                   kind: .check, message: Message.check("employer_size_class_only_and_always_for_wage_earners"),
                   good: []),
        SchemaRule(name: "overlapping relief",
                   bad: SQLCall("INSERT INTO dues_reliefs (segment_code, program_code, applies_to, charged_ppm, effective_from, effective_to, confidence) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                "informal", "JKK", "all", 500_000, "2021-01-01", "2021-06-30", "L"),
                   kind: .trigger,
                   message: "dues_reliefs: a relief for this segment, program and scope already covers part of this period",
                   good: [SQLCall("INSERT INTO dues_reliefs (segment_code, program_code, applies_to, charged_ppm, effective_from, effective_to, confidence) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                  "informal", "JKK", "all", 500_000, "2021-02-01", "2021-06-30", "L")]),
        SchemaRule(name: "overlapping migrant amount",
                   bad: SQLCall("INSERT INTO migrant_fixed_dues (kind, placement_months, amount, effective_from, confidence) VALUES (?, ?, ?, ?, ?)",
                                "placement", 6, 120_000, "2030-01-01", "L"),
                   kind: .trigger,
                   message: "migrant_fixed_dues: an amount for this kind and placement length already covers part of this period",
                   good: [SQLCall("INSERT INTO migrant_fixed_dues (kind, placement_months, amount, effective_from, confidence) VALUES (?, ?, ?, ?, ?)",
                                  "placement", 36, 450_000, "2030-01-01", "L")]),
        SchemaRule(name: "overlapping division of the migrant amount",
                   bad: SQLCall("INSERT INTO migrant_dues_split (jkk_parts, jkm_parts, effective_from, confidence, source) VALUES (?, ?, ?, ?, ?)",
                                1, 1, "2030-01-01", "L", "halves"),
                   kind: .trigger,
                   message: "migrant_dues_split: a division of the migrant JKK+JKM amount already covers part of this period (close the old row with effective_to first)",
                   good: [SQLCall("UPDATE migrant_dues_split SET effective_to = ?", "2029-12-31"),
                          SQLCall("INSERT INTO migrant_dues_split (jkk_parts, jkm_parts, effective_from, confidence, source) VALUES (?, ?, ?, ?, ?)",
                                  1, 1, "2030-01-01", "L", "halves")]),
        SchemaRule(name: "division of the migrant amount into no parts",
                   bad: SQLCall("INSERT INTO migrant_dues_split (jkk_parts, jkm_parts, effective_from, effective_to, confidence, source) VALUES (?, ?, ?, ?, ?, ?)",
                                0, 0, "2014-01-01", "2014-12-31", "L", "nothing"),
                   kind: .check, message: Message.check("split_needs_at_least_one_part"),
                   good: [SQLCall("INSERT INTO migrant_dues_split (jkk_parts, jkm_parts, effective_from, effective_to, confidence, source) VALUES (?, ?, ?, ?, ?, ?)",
                                  0, 1, "2014-01-01", "2014-12-31", "L", "all JKM")]),
        SchemaRule(name: "rule ending before it starts",
                   bad: SQLCall("INSERT INTO scheme_parameters (code, value, effective_from, effective_to, confidence) VALUES (?, ?, ?, ?, ?)",
                                "jkp_wage_cap", 1, "2020-12-31", "2020-01-01", "L"),
                   kind: .check, message: Message.check("effective_to_must_not_be_before_effective_from"),
                   good: [SQLCall("INSERT INTO scheme_parameters (code, value, effective_from, effective_to, confidence) VALUES (?, ?, ?, ?, ?)",
                                  "jkp_wage_cap", 1, "2020-01-01", "2020-12-31", "L")]),
        SchemaRule(name: "labour force for a province and a regency",
                   bad: SQLCall("INSERT INTO labour_force (year, province_code, regency_code, employed, unemployed) VALUES (?, ?, ?, ?, ?)",
                                2024, "34", "34.02", 1, 1),
                   kind: .check, message: Message.check("labour_force_is_for_exactly_one_province_or_regency"),
                   good: [SQLCall("INSERT INTO labour_force (year, province_code, regency_code, employed, unemployed) VALUES (?, ?, ?, ?, ?)",
                                  2024, DatabaseValue.null, "34.02", 1, 1)]),
        SchemaRule(name: "second labour force figure for a regency and year",
                   bad: SQLCall("INSERT INTO labour_force (year, regency_code, employed, unemployed) VALUES (?, ?, ?, ?)",
                                2023, "34.02", 1, 1),
                   kind: .unique, message: Message.unique("labour_force.regency_code, labour_force.year"),
                   good: [SQLCall("INSERT INTO labour_force (year, regency_code, employed, unemployed) VALUES (?, ?, ?, ?)",
                                  2022, "34.02", 1, 1)]),
        SchemaRule(name: "target with no office or region",
                   bad: SQLCall("INSERT INTO targets (kind, target_value, period_start, period_end) VALUES (?, ?, ?, ?)",
                                "head_count", 1, "2025-01-01", "2025-12-31"),
                   kind: .check, message: Message.check("target_is_for_exactly_one_office_or_province_or_regency"),
                   good: [SQLCall("INSERT INTO targets (office_id, kind, target_value, period_start, period_end) VALUES (?, ?, ?, ?, ?)",
                                  1, "head_count", 1, "2025-01-01", "2025-12-31")]),
        SchemaRule(name: "target for an office and a regency",
                   bad: SQLCall("INSERT INTO targets (office_id, regency_code, kind, target_value, period_start, period_end) VALUES (?, ?, ?, ?, ?, ?)",
                                1, "34.02", "head_count", 1, "2025-01-01", "2025-12-31"),
                   kind: .check, message: Message.check("target_is_for_exactly_one_office_or_province_or_regency"),
                   good: [SQLCall("INSERT INTO targets (regency_code, kind, target_value, period_start, period_end) VALUES (?, ?, ?, ?, ?)",
                                  "34.02", "head_count", 1, "2025-01-01", "2025-12-31")]),
        SchemaRule(name: "target period ending before it starts",
                   bad: SQLCall("INSERT INTO targets (regency_code, kind, target_value, period_start, period_end) VALUES (?, ?, ?, ?, ?)",
                                "34.02", "head_count", 1, "2025-12-31", "2025-01-01"),
                   kind: .check, message: Message.check("target_period_end_must_not_be_before_period_start"),
                   good: [SQLCall("INSERT INTO targets (regency_code, kind, target_value, period_start, period_end) VALUES (?, ?, ?, ?, ?)",
                                  "34.02", "head_count", 1, "2025-01-01", "2025-12-31")]),
    ]
}

// MARK: - Calendar dates and timestamps

/// A date column and how to write one row with a given date in it.
enum DateColumn: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case workerBirthDate, membershipStartDate, membershipEndDate, agentActiveFrom,
         projectWorkOrderDate, targetPeriodStart, ruleEffectiveFrom

    var testDescription: String { rawValue }

    func insert(_ date: String) -> SQLCall {
        let value = DatabaseValue.text(date)
        switch self {
        case .workerBirthDate: return Build.worker(birthDate: value)
        case .membershipStartDate: return Build.membership(start: value)
        case .membershipEndDate: return Build.membership(start: "2020-01-01", end: value)
        case .agentActiveFrom: return Build.agent(from: value)
        case .projectWorkOrderDate: return Build.project(workOrder: value)
        case .targetPeriodStart:
            return SQLCall("INSERT INTO targets (regency_code, kind, target_value, period_start, period_end) VALUES (?, ?, ?, ?, ?)",
                           "34.02", "head_count", 1, value, "2099-12-31")
        case .ruleEffectiveFrom:
            return SQLCall("INSERT INTO dues_reliefs (segment_code, program_code, applies_to, charged_ppm, effective_from, confidence) VALUES (?, ?, ?, ?, ?, ?)",
                           "migrant", "JKK", "all", 500_000, value, "L")
        }
    }

    var message: String {
        switch self {
        case .workerBirthDate: Message.check("birth_date_must_be_a_real_date_yyyy_mm_dd")
        case .membershipStartDate: Message.check("start_date_must_be_a_real_date_yyyy_mm_dd")
        case .membershipEndDate: Message.check("end_date_must_be_a_real_date_yyyy_mm_dd")
        case .agentActiveFrom: Message.check("active_from IS date(active_from, '+0 days')")
        case .projectWorkOrderDate: Message.check("work_order_date IS date(work_order_date, '+0 days')")
        case .targetPeriodStart: Message.check("period_start IS date(period_start, '+0 days')")
        case .ruleEffectiveFrom: Message.check("effective_from IS date(effective_from, '+0 days')")
        }
    }
}

/// A timestamp column ('YYYY-MM-DDTHH:MM:SS.SSSZ'). (payments.paid_at is INTEGER milliseconds
/// since 0029: its rules are with the payments'.)
enum TimestampColumn: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case workerRegisteredAt, employerRegisteredAt

    var testDescription: String { rawValue }

    func insert(_ timestamp: String) -> SQLCall {
        let value = DatabaseValue.text(timestamp)
        switch self {
        case .workerRegisteredAt: return Build.worker(registeredAt: value)
        case .employerRegisteredAt: return Build.employer(registeredAt: value)
        }
    }

    var message: String {
        switch self {
        case .workerRegisteredAt: Message.check("registered_at_must_be_utc_timestamp_with_milliseconds")
        case .employerRegisteredAt:
            Message.check("registered_at IS strftime('%Y-%m-%dT%H:%M:%fZ', registered_at, '+0 days')")
        }
    }
}

// MARK: - Tests

@Suite struct SchemaDefenceTests {
    @Test(arguments: SchemaRules.identifiers)
    func identifiersAndPeople(_ rule: SchemaRule) throws { try rule.check() }

    @Test(arguments: SchemaRules.regions)
    func regionCodes(_ rule: SchemaRule) throws { try rule.check() }

    @Test(arguments: SchemaRules.offices)
    func officeHierarchy(_ rule: SchemaRule) throws { try rule.check() }

    @Test(arguments: SchemaRules.money)
    func moneyIsWholeNonNegativeRupiah(_ rule: SchemaRule) throws { try rule.check() }

    @Test(arguments: SchemaRules.memberships)
    func memberships(_ rule: SchemaRule) throws { try rule.check() }

    @Test(arguments: SchemaRules.programs)
    func programsAllowedPerSegment(_ rule: SchemaRule) throws { try rule.check() }

    @Test(arguments: SchemaRules.bills)
    func billsLinesAndPayments(_ rule: SchemaRule) throws { try rule.check() }

    @Test(arguments: SchemaRules.reversals)
    func reversals(_ rule: SchemaRule) throws { try rule.check() }

    @Test(arguments: SchemaRules.allocations)
    func allocationsStayWithinPaymentAndBill(_ rule: SchemaRule) throws { try rule.check() }

    @Test(arguments: SchemaRules.appendOnly)
    func ledgerIsAppendOnly(_ rule: SchemaRule) throws { try rule.check() }

    @Test(arguments: SchemaRules.audit)
    func auditLogIsAppendOnly(_ rule: SchemaRule) throws { try rule.check() }

    @Test(arguments: SchemaRules.rulesAndTargets)
    func ruleTablesAndTargets(_ rule: SchemaRule) throws { try rule.check() }

    static let impossibleDates = ["2026-02-30", "2023-02-29", "2026-13-01", "2024-04-31", "2024-00-10",
                                  "2024-2-29", "2024-02-29 ", "20240229", "2024-02-29T00:00:00.000Z"]

    @Test(arguments: DateColumn.allCases, impossibleDates)
    func calendarDatesMustExist(_ column: DateColumn, _ date: String) throws {
        try SchemaRule(name: "\(column.rawValue) = '\(date)'", bad: column.insert(date), kind: .check,
                       message: column.message, good: [column.insert("2024-02-29")]).check()
    }

    static let malformedTimestamps = [
        "2024-02-30T10:00:00.000Z", "2024-02-29T24:00:00.000Z", "2024-02-29T10:00:60.000Z",
        "2024-02-29T10:00:00Z", "2024-02-29 10:00:00.000", "2024-02-29T10:11:12.123+07:00",
        "2024-02-29T10:11:12.123", "2024-02-29",
    ]

    @Test(arguments: TimestampColumn.allCases, malformedTimestamps)
    func timestampsMustBeUTCWithMilliseconds(_ column: TimestampColumn, _ timestamp: String) throws {
        try SchemaRule(name: "\(column.rawValue) = '\(timestamp)'", bad: column.insert(timestamp), kind: .check,
                       message: column.message, good: [column.insert("2024-02-29T23:59:59.999Z")]).check()
    }

    @Test func fixtureIsConsistent() throws {
        let db = try fixtureDatabase()
        #expect(try db.integrityCheck().isEmpty)
        #expect(try db.foreignKeyCheck().isEmpty)
        #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM workers") == 7)
        #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM bill_lines") == 66)
    }

    @Test func defaultsSatisfyTheirOwnChecks() throws {
        let db = try fixtureDatabase()
        try db.execute("""
            INSERT INTO workers (nik, full_name, birth_date, sex, village_code, kpj, branch_office_id)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, "3402011203850099", "Default Test", "1985-03-12", "male", "34.02.01.2001", "20000000099", 6)
        let registeredAt = try #require(try db.fetchValue(
            String.self, "SELECT registered_at FROM workers WHERE kpj = ?", "20000000099"))
        #expect(registeredAt.count == 24 && registeredAt.hasSuffix("Z") && registeredAt.contains("T"))
        let audit = try #require(try db.fetchOne(
            "SELECT typeof(row_key) AS type, changed_at, actor FROM audit_log ORDER BY id DESC LIMIT 1"))
        #expect(try audit["type"] == "text")
        #expect(try audit.get("actor", as: String?.self) == nil)
    }
}

// MARK: - Audit trail

@Suite struct AuditTrailTests {
    struct AuditRow: Decodable, Equatable {
        let table_name: String
        let row_key: String
        let operation: String
        let old_values: String?
        let new_values: String?
        let actor: String?
    }

    func auditRows(_ db: Connection, after id: Int) throws -> [AuditRow] {
        try db.fetchAll(AuditRow.self, """
            SELECT table_name, row_key, operation, old_values, new_values, actor
            FROM audit_log WHERE id > ? ORDER BY id
            """, id)
    }

    func lastAuditID(_ db: Connection) throws -> Int {
        try db.fetchValue(Int.self, "SELECT coalesce(max(id), 0) FROM audit_log") ?? 0
    }

    @Test func workerInsertUpdateDeleteAreLoggedWithTheActorOfTheTransaction() throws {
        let db = try fixtureDatabase()
        let start = try lastAuditID(db)
        let id: Int64 = try db.transaction(.immediate) {
            try db.execute("UPDATE audit_context SET actor = ? WHERE id = 1", "clerk:siti")
            try Build.worker().run(on: db)
            let id = db.lastInsertedRowID
            try db.execute("UPDATE workers SET phone = ?, occupation = ? WHERE id = ?", "081234567890", "trader", id)
            try db.execute("DELETE FROM workers WHERE id = ?", id)
            try db.execute("UPDATE audit_context SET actor = NULL WHERE id = 1")
            return id
        }
        let rows = try auditRows(db, after: start)
        #expect(rows.map(\.operation) == ["INSERT", "UPDATE", "DELETE"])
        #expect(rows.allSatisfy { $0.table_name == "workers" && $0.row_key == String(id) && $0.actor == "clerk:siti" })
        #expect(rows[0].old_values == nil && rows[2].new_values == nil)

        // The JSON carries the row: read it back with SQLite's JSON functions.
        func json(_ text: String?, _ path: String) throws -> DatabaseValue? {
            try db.fetchValue(DatabaseValue.self, "SELECT json_extract(?, ?)", text, path)
        }
        #expect(try json(rows[0].new_values, "$.nik") == "3402011203850099")
        #expect(try json(rows[0].new_values, "$.kpj") == "20000000001")
        #expect(try json(rows[0].new_values, "$.id") == .integer(id))
        #expect(try json(rows[0].new_values, "$.phone") == .null)
        #expect(try json(rows[1].old_values, "$.phone") == .null)
        #expect(try json(rows[1].new_values, "$.phone") == "081234567890")
        #expect(try json(rows[1].old_values, "$.occupation") == .null)
        #expect(try json(rows[1].new_values, "$.occupation") == "trader")
        #expect(try json(rows[2].old_values, "$.full_name") == "Test Worker")
        #expect(try json(rows[2].old_values, "$.phone") == "081234567890")
        let keys = try db.fetchValues(String.self, "SELECT key FROM json_each(?) ORDER BY key", rows[0].new_values)
        #expect(keys == ["birth_date", "branch_office_id", "full_name", "id", "kpj", "nik", "occupation", "phone",
                         "registered_at", "registered_by_agent_id", "sex", "village_code"])

        // The actor was reset inside the transaction: nothing outside it sees a value.
        #expect(try db.fetchValue(String?.self, "SELECT actor FROM audit_context WHERE id = 1") == .some(nil))
    }

    @Test func changesWithoutAnActorAreLoggedWithNullActor() throws {
        let db = try fixtureDatabase()
        let start = try lastAuditID(db)
        try db.execute("UPDATE workers SET full_name = ? WHERE id = ?", "Budi Santoso", 1)
        try db.execute("UPDATE memberships SET end_date = ?, end_reason_code = ? WHERE id = ?", "2025-06-30", "lapsed", 3)
        try db.execute("UPDATE employers SET labour_intensive = ? WHERE id = ?", 1, 2)
        try db.execute("UPDATE agents SET active_to = ? WHERE id = ?", "2025-12-31", 1)
        let rows = try auditRows(db, after: start)
        #expect(rows.map(\.table_name) == ["workers", "memberships", "employers", "agents"])
        #expect(rows.map(\.row_key) == ["1", "3", "2", "1"])
        #expect(rows.allSatisfy { $0.operation == "UPDATE" && $0.actor == nil })
        #expect(try db.fetchValue(String.self, "SELECT json_extract(?, '$.end_date')", rows[1].new_values) == "2025-06-30")
        #expect(try db.fetchValue(String?.self, "SELECT json_extract(?, '$.end_date')", rows[1].old_values) == .some(nil))
    }

    @Test func refusedChangesLeaveNoAuditRow() throws {
        let db = try fixtureDatabase()
        let start = try lastAuditID(db)
        #expect(refusal { try Build.worker(nik: "123").run(on: db) } != nil)
        #expect(refusal { try db.execute("UPDATE memberships SET worker_id = ? WHERE id = ?", 7, 1) } != nil)
        #expect(try auditRows(db, after: start).isEmpty)
    }

    @Test func fixtureLoadIsAttributedToItsActor() throws {
        let db = try fixtureDatabase()
        struct Count: Decodable, Equatable { let table_name: String; let operation: String; let n: Int; let actor: String? }
        let counts = try db.fetchAll(Count.self, """
            SELECT table_name, operation, count(*) AS n, max(actor) AS actor FROM audit_log
            GROUP BY table_name, operation ORDER BY table_name, operation
            """)
        let actor = SchemaFixture.actor
        #expect(counts == [
            Count(table_name: "agents", operation: "INSERT", n: 1, actor: actor),
            Count(table_name: "employers", operation: "INSERT", n: 2, actor: actor),
            Count(table_name: "memberships", operation: "INSERT", n: 7, actor: actor),
            Count(table_name: "workers", operation: "INSERT", n: 7, actor: actor),
            Count(table_name: "workers", operation: "UPDATE", n: 1, actor: actor),
        ])
        #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM audit_log WHERE actor IS NULL") == 0)
    }
}

// MARK: - Structure (the first and last sections of test.sh)

@Suite struct SchemaStructureTests {
    /// The migrator wraps each file in a transaction, so files must not manage their own.
    @Test func migrationsContainNoTransactionControlOrPragmas() throws {
        let forbidden = /(?im)^\s*(BEGIN\s*(DEFERRED|IMMEDIATE|EXCLUSIVE|TRANSACTION)?\s*;|COMMIT|END\s+TRANSACTION|ROLLBACK|SAVEPOINT|RELEASE|PRAGMA|VACUUM|ATTACH|DETACH)/
        #expect("-- x\n  PRAGMA foreign_keys = ON;".firstMatch(of: forbidden) != nil)
        #expect("BEGIN;\n".firstMatch(of: forbidden) != nil)
        #expect("CREATE TRIGGER t BEFORE DELETE ON x\nBEGIN\n    SELECT 1;\nEND;".firstMatch(of: forbidden) == nil)
        for migration in try RegistrySchema.migrations() {
            #expect(migration.sql.firstMatch(of: forbidden) == nil, "\(migration.name)")
        }
    }

    @Test func everyForeignKeyColumnLeadsAnIndex() throws {
        let db = try migratedDatabase()
        let unindexed = try db.fetchValues(String.self, """
            SELECT m.name || '.' || f."from"
            FROM sqlite_schema m, pragma_foreign_key_list(m.name) f
            WHERE m.type = 'table'
              AND NOT EXISTS (SELECT 1 FROM pragma_index_list(m.name) il, pragma_index_info(il.name) ii
                              WHERE ii.seqno = 0 AND ii.name = f."from")
              -- An INTEGER PRIMARY KEY is the rowid: the table's own b-tree is keyed by it.
              AND NOT EXISTS (SELECT 1 FROM pragma_table_info(m.name) ti
                              WHERE ti.name = f."from" AND ti.pk = 1 AND upper(ti.type) = 'INTEGER'
                                AND (SELECT count(*) FROM pragma_table_info(m.name) WHERE pk > 0) = 1)
            """)
        // 0023: the ledger's references to the code tables (programs, payers, payment channels)
        // carry no index of their own. No query reads the ledger by them, and only deleting a
        // code row, which nothing in the library does, would scan the ledger to check them.
        // 0026: the bills' worker payer and the adjustments' codes, likewise.
        #expect(unindexed.sorted() == ["bill_adjustments.payer_code", "bill_adjustments.program_code", "bills.worker_payer_code",
                                       "payments.channel_code", "payments.payer_code"])
        let referenced = try db.fetchValues(String.self, """
            SELECT DISTINCT f."table" FROM pragma_foreign_key_list('bill_adjustments') f WHERE f."from" IN ('payer_code', 'program_code')
            UNION SELECT DISTINCT f."table" FROM pragma_foreign_key_list('bills') f WHERE f."from" = 'worker_payer_code'
            UNION SELECT DISTINCT f."table" FROM pragma_foreign_key_list('payments') f WHERE f."from" IN ('channel_code', 'payer_code')
            ORDER BY 1
            """)
        #expect(referenced == ["payers", "payment_channels", "programs"])
        #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM sqlite_schema m, pragma_foreign_key_list(m.name)") ?? 0 > 30)
    }

    @Test func membershipStatusOfOneWorkerSearchesByIndex() throws {
        let db = try migratedDatabase()
        let plan = try db.fetchAll("EXPLAIN QUERY PLAN SELECT * FROM membership_status WHERE worker_id = ?", 2)
            .map { try $0.get("detail", as: String.self) }
        #expect(plan.contains { $0.contains("SEARCH m USING INDEX memberships_worker_id (worker_id=?)") })
        #expect(!plan.contains { $0.hasPrefix("SCAN m") || $0.hasPrefix("SCAN b") || $0.hasPrefix("SCAN l") })
    }
}
