import Foundation
@testable import Registry
import SQLiteDB
import Testing

/// Construction (JAKON) dues billed once per project (0020), paid by the contractor, and the
/// status of every worker on the project following that one bill.
@Suite struct ProjectDuesTests {
    let world: DomainWorld

    init() throws {
        world = try DomainWorld(today: day("2025-02-21"))
    }

    var session: RegistrySession { world.session }

    /// A project of the world's employer; work order on a Thursday, 14 working days before its due date.
    func project(_ name: String = "Jembatan Desa Satu", value: Int64 = 1_000_000_000, workOrder: String = "2025-02-20",
                 start: String = "2025-03-01", end: String = "2025-12-31") throws -> ConstructionProject {
        try session.registerProject(NewConstructionProject(
            contractor: world.employer.id, name: name, contractValue: Rupiah(value), workOrderDate: day(workOrder),
            startDate: day(start), endDate: day(end), site: DomainWorld.village))
    }

    func worker(_ serial: Int, on project: ConstructionProject, start: String = "2025-03-01", end: String? = nil) throws -> Membership {
        let worker = try world.register(serial: serial)
        return try session.enrol(NewMembership(
            worker: worker.id, segment: .construction, startDate: day(start), endDate: end.map(day), payer: .employer,
            programs: [.jkk, .jkm], project: project.id))
    }

    func state(_ membership: Membership, _ date: String) throws -> String {
        let status = try session.status(of: membership.id, on: day(date))
        return "\(status.state.rawValue) \(status.unpaidMonths)"
    }

    // MARK: Billing

    /// The domain's check figure through a bill: a Rp1,000,000,000 contract owes JKK Rp1,540,000
    /// and JKM Rp210,000, due 14 working days (Monday to Friday) after the work order.
    @Test func aBillionRupiahProjectIsBilledJKK1540000AndJKM210000() throws {
        let jembatan = try project()
        #expect(try session.amountOwed(forProject: jembatan.id) == 1_750_000, "priced before it is billed")
        #expect(try session.projectBill(of: jembatan.id) == nil, "asking the amount bills nothing")

        let bill = try session.issueProjectBill(for: jembatan.id)
        #expect(bill.lines.map { "\($0.program.rawValue) \($0.kind.rawValue) \($0.amount.amount)" }
                == ["JKK dues 1540000", "JKM dues 210000"])
        #expect(bill.amountDue == 1_750_000 && bill.amountPaid == .zero)
        #expect(bill.month == month("2025-03"), "the month the project starts")
        // Thursday 20 February + 14 working days: 21, 24-28 Feb, 3-7 Mar, 10-12 Mar.
        #expect(bill.dueDate == day("2025-03-12"))
        #expect(try session.amountOwed(forProject: jembatan.id) == 1_750_000)
        #expect(try world.db.fetchValue(String.self, "SELECT DISTINCT payer_code FROM project_bill_lines") == "employer")

        #expect(registryError { _ = try session.issueProjectBill(for: jembatan.id) }
            == .conflict(field: "construction_project_id", value: "\(jembatan.id)",
                         reason: "is already billed (project bill \(bill.id): Rp1.750.000, due 2025-03-12)"))
        #expect(registryError { _ = try session.issueProjectBill(for: ConstructionProject.ID(99)) }
            == .notFound(field: "construction_project_id", value: "99"))
    }

    /// A contract value of Rp0 owes nothing: refused with the project named, nothing stored.
    @Test func aProjectPricedAtNothingIsNotBilled() throws {
        let free = try project("Kerja Bakti", value: 0)
        let before = try snapshot(world.db)
        #expect(registryError { _ = try session.issueProjectBill(for: free.id) }
            == .conflict(field: "construction_project_id", value: "\(free.id)", reason: "owes nothing: its contract value Rp0 prices to Rp0"))
        #expect(try snapshot(world.db) == before)
    }

    /// The billing run bills every project whose work order is dated by then, once.
    @Test func theRunBillsProjectsOrderedByTheDateOnce() throws {
        let first = try project("Jembatan", value: 1_000_000_000, workOrder: "2025-02-20")
        let later = try project("Pasar", value: 250_000_000, workOrder: "2025-04-01", start: "2025-04-15")
        _ = try project("Kerja Bakti", value: 0, workOrder: "2025-02-01")
        let march = try session.issueProjectBills(through: day("2025-03-31"))
        #expect(march == ProjectBillingRun(bills: 1, total: 1_750_000))
        #expect(try session.projectBill(of: first.id) != nil && session.projectBill(of: later.id) == nil)
        // Rp250M: JKK 100M × 0.21% + 150M × 0.17% = 465,000; JKM 100M × 0.03% + 150M × 0.02% = 60,000.
        let april = try session.issueProjectBills(through: day("2025-04-30"))
        #expect(april == ProjectBillingRun(bills: 1, total: 525_000))
        #expect(try session.projectBill(of: later.id)?.dueDate == day("2025-04-21"))
        #expect(try session.issueProjectBills(through: day("2025-12-31")) == ProjectBillingRun(bills: 0, total: .zero))
    }

    // MARK: Paying

    /// Exact amount, unique receipt, the contractor as payer; a bill issued by the payment is
    /// written with it or not at all.
    @Test func payingAProjectDemandsTheExactAmountAndBillsItIfNeeded() throws {
        let jembatan = try project()
        let before = try snapshot(world.db)
        #expect(registryError {
            _ = try session.payProjectDues(project: jembatan.id, amount: 1_700_000, receipt: "JK-1", channel: .bankTransfer)
        } == .amountMismatch(field: "amount", given: 1_700_000, expected: 1_750_000,
                             reason: "owed for construction project \(jembatan.id) (bill of 2025-03, due 2025-03-12)"))
        #expect(try snapshot(world.db) == before, "the refused payment left no bill behind")

        let payment = try session.payProjectDues(project: jembatan.id, amount: 1_750_000, receipt: "JK-1", channel: .bankTransfer)
        #expect(payment.payer == .employer && payment.employer == world.employer.id)
        #expect(payment.allocations.isEmpty)
        #expect(payment.projectAllocations.map(\.amount) == [1_750_000])
        #expect(try session.projectBill(of: jembatan.id)?.isSettled == true)

        #expect(registryError { _ = try session.amountOwed(forProject: jembatan.id) }
            == .conflict(field: "construction_project_id", value: "\(jembatan.id)", reason: "owes nothing: the project's bill (2025-03) is paid"))
        let other = try project("Pasar", value: 250_000_000)
        #expect(registryError { _ = try session.payProjectDues(project: other.id, amount: 525_000, receipt: "JK-1", channel: .bankTransfer) }?
            .field == "receipt_number")
        #expect(registryError {
            _ = try session.payProjectDues(project: other.id, amount: 525_000, receipt: "JK-2", channel: .bankTransfer,
                                           paidAt: Date().addingTimeInterval(365 * 86_400))
        }?.field == "paid_at")
    }

    /// A bounced payment is reversed with its project allocation: the bill owes again.
    @Test func reversingAProjectPaymentUnpaysTheBill() throws {
        let jembatan = try project()
        try session.payProjectDues(project: jembatan.id, amount: 1_750_000, receipt: "JK-1", channel: .bankTransfer)
        let reversal = try session.reversePayment(receipt: "JK-1")
        #expect(reversal.amount == -1_750_000)
        // The reversing allocation stays on the payment it cancels (0007's rule).
        #expect(try session.payment(receipt: "JK-1")?.projectAllocations.map(\.amount) == [1_750_000, -1_750_000])
        #expect(try session.amountOwed(forProject: jembatan.id) == 1_750_000)
        #expect(try session.consistencyProblems(on: day("2025-02-21")) == [])
    }

    // MARK: Status

    /// Unpaid past its due date, the project puts every worker on it in arrears (one unpaid
    /// bill: never lapsed); paid, every one of them is active again from the day it is recorded.
    @Test func anUnpaidProjectPutsEveryWorkerInArrearsAndPayingMakesThemActive() throws {
        let jembatan = try project()
        let first = try worker(1, on: jembatan)
        let second = try worker(2, on: jembatan)
        let elsewhere = try worker(3, on: try project("Pasar", value: 250_000_000))
        world.clock.set(day("2025-03-01"))
        try session.issueProjectBill(for: jembatan.id)
        try session.refreshStanding()

        for membership in [first, second] {
            #expect(try state(membership, "2025-03-12") == "active 0", "on the due date")
            #expect(try state(membership, "2025-03-13") == "in_arrears 1")
            #expect(try state(membership, "2025-09-30") == "in_arrears 1", "one unpaid bill: in arrears, never lapsed")
        }
        #expect(try state(elsewhere, "2025-03-13") == "active 0", "another project's bill is not theirs")
        let owing = try session.arrears(on: day("2025-03-20"))
        #expect(owing.map { "\($0.membership) \($0.amountOwed.amount) \($0.firstUnpaidMonth)" }
                == ["\(first.id) 1750000 2025-03", "\(second.id) 1750000 2025-03"])
        #expect(try session.statusCounts(on: day("2025-03-20")).first { $0.segment == .construction }?.inArrears == 2)

        world.clock.set(day("2025-03-25"))
        try session.payProjectDues(project: jembatan.id, amount: 1_750_000, receipt: "JK-1", channel: .bankTransfer)
        try session.refreshStanding()
        for membership in [first, second] {
            #expect(try state(membership, "2025-03-24") == "in_arrears 1", "the past is not rewritten")
            #expect(try state(membership, "2025-03-25") == "active 0")
        }
        #expect(try session.arrears(on: day("2025-03-26")).isEmpty)
        #expect(try session.statusCounts(on: day("2025-03-26")).first { $0.segment == .construction }?.active == 3)

        // A worker who joins later reads the paid bill.
        let latecomer = try worker(4, on: jembatan, start: "2025-04-01")
        try session.refreshStanding()
        #expect(try state(latecomer, "2025-04-02") == "active 0")
    }

    /// The three definitions of status agree on construction members at many dates: the view
    /// `membership_status` (and `arrears`), the library's status and the standing spans. The
    /// ledger: a project paid late; one never paid, billed by the run; one paid then reversed,
    /// whose worker also has a bill of their own for the project's month typed by hand (the two
    /// share a month); a worker who left a project before it paid.
    @Test func theViewTheSQLAndTheSpansAgreeOnConstructionMembers() throws {
        let jembatan = try project("Jembatan", value: 1_000_000_000, workOrder: "2025-02-20")
        let pasar = try project("Pasar", value: 250_000_000, workOrder: "2025-04-01", start: "2025-04-15")
        let gedung = try project("Gedung", value: 6_000_000_000, workOrder: "2025-05-05", start: "2025-05-10")
        let onJembatan = try worker(1, on: jembatan)
        let leftJembatan = try worker(2, on: jembatan, end: "2025-03-20")
        let onPasar = try worker(3, on: pasar, start: "2025-04-15")
        let onGedung = try worker(4, on: gedung, start: "2025-05-10")
        let informal = try session.enrol(.informal(worker: try world.register(serial: 5).id, declaredIncome: 1_000_000,
                                                   startDate: day("2025-03-01")))

        world.clock.set(day("2025-03-01"))
        try session.issueProjectBill(for: jembatan.id)
        try session.issueBills(for: month("2025-03"))
        world.clock.set(day("2025-04-02"))
        try session.payProjectDues(project: jembatan.id, amount: 1_750_000, receipt: "JK-1", channel: .bankTransfer)
        world.clock.set(day("2025-04-30"))
        #expect(try session.issueProjectBills(through: day("2025-05-31")).bills == 2)
        // A bill of the Gedung worker's own, for the project's month, paid: typed by hand.
        try world.db.executeScript("""
            INSERT INTO bills (membership_id, contribution_month, recorded_at)
            VALUES (\(onGedung.id), '2025-05', unixepoch('2025-05-20T03:00:00') * 1000);
            INSERT INTO bill_lines (bill_id, program_code, payer_code, amount, recorded_at)
            SELECT id, 'JKK', 'employer', 1000, '2025-05-20T03:00:00.000Z' FROM bills WHERE membership_id = \(onGedung.id);
            INSERT INTO payments (receipt_number, payer_code, employer_id, amount, paid_at, channel_code, recorded_at)
            VALUES ('HAND-1', 'employer', \(world.employer.id), 1000, unixepoch('2025-05-21T03:00:00.000Z') * 1000, 'bank_transfer',
                    unixepoch('2025-05-21T03:00:00.000Z') * 1000);
            INSERT INTO payment_allocations (payment_id, bill_id, amount, recorded_at)
            SELECT p.id, b.id, 1000, unixepoch('2025-05-21T03:00:00.000Z') * 1000 FROM payments p, bills b
            WHERE p.receipt_number = 'HAND-1' AND b.membership_id = \(onGedung.id);
            """)
        world.clock.set(day("2025-07-01"))
        let gedungOwed = try session.amountOwed(forProject: gedung.id)
        try session.payProjectDues(project: gedung.id, amount: gedungOwed, receipt: "JK-2", channel: .bankTransfer)
        world.clock.set(day("2025-07-15"))
        try session.reversePayment(receipt: "JK-2")
        try session.refreshStanding()

        let memberships = [onJembatan, leftJembatan, onPasar, onGedung, informal].map(\.id)
        var seen = Set<String>()
        var owingDays = 0
        var date = day("2025-02-25")
        while date <= day("2025-09-30") {
            let text = date.isoString
            try setReportDate(world.db, text)
            let view = try world.db.fetchAll("""
                SELECT membership_id, status, unpaid_months, last_paid_month FROM membership_status ORDER BY membership_id
                """).map { "\(try $0.get(0, as: Int64.self)) \(try $0.get(1, as: String.self)) \(try $0.get(2, as: Int.self)) \(try $0.get(3, as: String?.self) ?? "-")" }
            let sql = try session.membershipStatuses(on: date).map {
                "\($0.membership) \($0.state.rawValue) \($0.unpaidMonths) \($0.lastPaidMonth?.description ?? "-")"
            }
            #expect(sql == view, "at \(text)")
            let spans = try world.db.fetchAll("""
                SELECT membership_id, status, unpaid_months FROM membership_status_spans
                WHERE from_date <= ?1 AND until_date > ?1 ORDER BY membership_id
                """, text).map { "\(try $0.get(0, as: Int64.self)) \(try $0.get(1, as: String.self)) \(try $0.get(2, as: Int.self))" }
            #expect(spans == view.map { $0.split(separator: " ").prefix(3).joined(separator: " ") }, "at \(text)")
            let viewArrears = try world.db.fetchAll("""
                SELECT membership_id, status, unpaid_months, overdue_bills, first_unpaid_month, last_unpaid_month, amount_owed,
                       unbilled_months
                FROM arrears ORDER BY membership_id
                """).map { row in
                ["\(try row.get(0, as: Int64.self))", try row.get(1, as: String.self), "\(try row.get(2, as: Int.self))",
                 "\(try row.get(3, as: Int.self))", try row.get(4, as: String.self), try row.get(5, as: String.self),
                 "\(try row.get(6, as: Int64.self))", "\(try row.get(7, as: Int.self))"].joined(separator: " ")
            }
            // The view's amount is the billed months'; the library also prices the unbilled ones.
            let spanArrears = try session.arrears(on: date).map {
                ["\($0.membership)", $0.status.rawValue, "\($0.unpaidMonths)", "\($0.overdueBills)", "\($0.firstUnpaidMonth)",
                 "\($0.lastUnpaidMonth)", "\(($0.amountOwed - $0.unbilledAmount).amount)", "\($0.unbilledMonths)"].joined(separator: " ")
            }
            #expect(spanArrears == viewArrears, "at \(text)")
            if viewArrears.contains(where: { $0.hasPrefix("\(onGedung.id) ") }) { owingDays += 1 }
            seen.formUnion(view.filter { memberships.contains(Membership.ID(Int64($0.split(separator: " ")[0])!)) }
                .map { String($0.split(separator: " ")[1]) })
            date = date.adding(days: 1)
        }
        // (lapsed: the informal member, billed for March only, owes the months after it unbilled)
        #expect(seen == ["not_started", "active", "in_arrears", "lapsed", "ended"], "the dates exercise every state")
        #expect(owingDays > 30, "the arrears lists were compared while a project owed")

        // The worker with both bills: the own bill of 2025-05 is paid, the project's of the same
        // month not (after the reversal), so the unpaid project bill is not counted after it.
        #expect(try session.status(of: onGedung.id, on: day("2025-07-20")).unpaidMonths == 0)
        #expect(try session.consistencyProblems(on: day("2025-09-30")).filter { [.standing, .standingHorizons].contains($0.check) } == [])
    }

    /// SQL typed by hand against a project's bill (here a payment and its allocation) marks
    /// every membership of the project stale, from the day recorded, and the refresh follows.
    @Test func handTypedSQLMarksEveryMembershipOfTheProjectStale() throws {
        let jembatan = try project()
        let first = try worker(1, on: jembatan)
        let second = try worker(2, on: jembatan)
        let other = try worker(3, on: try project("Pasar", value: 250_000_000))
        world.clock.set(day("2025-03-01"))
        let bill = try session.issueProjectBill(for: jembatan.id)
        try session.refreshStanding()
        #expect(try session.isStandingCurrent())

        try world.db.executeScript("""
            INSERT INTO payments (receipt_number, payer_code, employer_id, amount, paid_at, channel_code, recorded_at)
            VALUES ('HAND-1', 'employer', \(world.employer.id), 1750000, unixepoch('2025-04-01T03:00:00.000Z') * 1000, 'branch_counter',
                    unixepoch('2025-04-01T03:00:00.000Z') * 1000);
            INSERT INTO project_payment_allocations (payment_id, project_bill_id, amount, recorded_at)
            SELECT id, \(bill.id), 1750000, '2025-04-01T03:00:00.000Z' FROM payments WHERE receipt_number = 'HAND-1';
            """)
        let stale = try world.db.fetchAll("SELECT membership_id, since, from_month FROM standing_stale ORDER BY 1").map {
            "\(try $0.get(0, as: Int64.self)) \(try $0.get(1, as: String.self)) \(try $0.get(2, as: String.self))"
        }
        #expect(stale == ["\(first.id) 2025-04-01 2025-03", "\(second.id) 2025-04-01 2025-03"])
        #expect(!stale.contains { $0.hasPrefix("\(other.id) ") })
        #expect(try session.refreshStanding() == 2)
        #expect(try state(first, "2025-04-01") == "active 0")
        #expect(try state(second, "2025-03-31") == "in_arrears 1")

        // A membership moved to another project by hand is recomputed whole.
        try world.db.execute("UPDATE memberships SET construction_project_id = ? WHERE id = ?", other.project!, second.id)
        #expect(try world.db.fetchAll("SELECT membership_id, since FROM standing_stale").map {
            "\(try $0.get(0, as: Int64.self)) \(try $0.get(1, as: String?.self) ?? "whole")"
        } == ["\(second.id) whole"])
        try session.refreshStanding()
        #expect(try session.consistencyProblems(on: day("2025-04-02")).filter { $0.check == .standing } == [])
    }

    /// The project ledger is append-only and guarded like the membership ledger.
    @Test func theProjectLedgerRefusesWhatTheLedgerRefuses() throws {
        let jembatan = try project()
        let bill = try session.issueProjectBill(for: jembatan.id)
        try session.payProjectDues(project: jembatan.id, amount: 1_750_000, receipt: "JK-1", channel: .bankTransfer)
        let db = world.db
        #expect(refusal { try db.execute("UPDATE project_bills SET due_date = '2025-12-31'") }?.message
                == "the dues ledger is append-only: a project bill cannot be changed; correct its lines with reversing lines")
        #expect(refusal { try db.execute("DELETE FROM project_bill_lines") }?.message
                == "the dues ledger is append-only: a project bill line cannot be deleted; insert a reversing line (reverses_id, negated amount)")
        #expect(refusal { try db.execute("UPDATE project_payment_allocations SET amount = 1") } != nil)
        #expect(refusal { try db.execute("INSERT INTO project_bills (construction_project_id, contribution_month, due_date) VALUES (?, '2025-03', '2025-03-12')", jembatan.id) } != nil,
                "one bill per project")
        #expect(refusal { try db.execute("INSERT INTO project_bill_lines (project_bill_id, program_code, payer_code, amount) VALUES (?, 'JHT', 'employer', 5)", bill.id) }?.message
                == "a project bill line's program must be one construction (JAKON) allows (JKK, JKM): see segment_programs")
        #expect(refusal { try db.execute("INSERT INTO project_bill_lines (project_bill_id, program_code, payer_code, amount) VALUES (?, 'JKK', 'self', 5)", bill.id) } != nil,
                "the contractor pays")
        // A payment by someone else cannot settle a project; one already allocated cannot be allocated again.
        try db.execute("""
            INSERT INTO payments (receipt_number, payer_code, amount, paid_at, channel_code)
            VALUES ('SELF-1', 'self', 10, unixepoch('2025-03-01T03:00:00.000Z') * 1000, 'agent')
            """)
        #expect(refusal { try db.execute("INSERT INTO project_payment_allocations (payment_id, project_bill_id, amount) SELECT id, ?, 10 FROM payments WHERE receipt_number = 'SELF-1'", bill.id) }?.message
                == "a project's dues are paid by its contractor: the payment must be by an employer (payer_code employer) and name the project's contractor (employer_id)")
        #expect(refusal { try db.execute("INSERT INTO project_payment_allocations (payment_id, project_bill_id, amount) SELECT id, ?, 1 FROM payments WHERE receipt_number = 'JK-1'", bill.id) }?.message
                == "allocations would exceed the payment amount: a payment cannot be allocated for more than was paid")
        #expect(refusal { try db.execute("INSERT INTO payments (receipt_number, payer_code, employer_id, amount, paid_at, channel_code, reverses_id) SELECT 'JK-1-R', 'employer', employer_id, -amount, paid_at, channel_code, id FROM payments WHERE receipt_number = 'JK-1'") }?.message
                == "a payment with allocations cannot be reversed: reverse its allocations first")
    }

    // MARK: Check

    /// `registry check` re-prices project bills: silent on a sound one, a line typed by hand is
    /// found, and a payment's project allocation counts as allocated.
    @Test func theCheckPricesProjectBills() throws {
        let jembatan = try project()
        let bill = try session.issueProjectBill(for: jembatan.id)
        try session.payProjectDues(project: jembatan.id, amount: 1_750_000, receipt: "JK-1", channel: .bankTransfer)
        #expect(try session.consistencyProblems(on: day("2025-03-20")) == [])

        try world.db.execute("""
            INSERT INTO project_bill_lines (project_bill_id, program_code, payer_code, amount, recorded_at)
            VALUES (?, 'JKM', 'employer', 500, '2025-03-01T03:00:00.000Z')
            """, bill.id)
        #expect(try session.consistencyProblems(on: day("2025-03-20")).map(\.description) == [
            "bill_pricing: project bill \(bill.id) (construction project \(jembatan.id), 2025-03): bills JKK employer Rp1.540.000, JKM employer Rp210.500; the contract value Rp1.000.000.000 gives JKK employer Rp1.540.000, JKM employer Rp210.000",
        ])
    }
}

/// A register kept by the library before 0020, with a construction member (the fixture's
/// membership 7, whose project was priced but never billed, and which carries a bill of its own
/// typed by hand), upgraded: statuses are what they were, the schema and rules are a fresh
/// migration's, and the project can then be billed and paid through the library.
@Suite struct ProjectDuesUpgradeTests {
    @Test func upgradingARegisterWithConstructionMembersKeepsTheirStatusAndBillsTheProject() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("upgrade-\(UUID()).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let all = try RegistrySchema.migrations()
        let before = all.filter { $0.number < 20 }
        let statusRows = "SELECT membership_id, status, unpaid_months, last_paid_month FROM membership_status ORDER BY 1"
        func rows(_ db: Connection) throws -> [String] {
            try db.fetchAll(statusRows).map { row in
                "\(try row.get(0, as: Int64.self)) \(try row.get(1, as: String.self)) \(try row.get(2, as: Int.self)) \(try row.get(3, as: String?.self) ?? "-")"
            }
        }
        var old: [String: [String]] = [:]
        do {
            let db = try Connection(.file(path))
            try Migrator(migrations: before).migrate(db)
            try SchemaFixture.load(into: db)
            for date in ["2025-03-13", "2025-04-01", SchemaFixture.asOf] {
                try setReportDate(db, date)
                old[date] = try rows(db)
            }
        }
        let db = try Connection(.file(path))
        #expect(try RegistrySchema.migrate(db) == all.filter { $0.number >= 20 }.map(\.name))
        // Since 0022 a month without a bill is owed: the register says where its ledger begins
        // (the fixture's bills start in 2025), as an operator upgrading would.
        try RegistrySession(db).openLedger(from: ContributionMonth("2025-01"))
        for date in ["2025-03-13", "2025-04-01", SchemaFixture.asOf] {
            try setReportDate(db, date)
            #expect(try rows(db) == old[date], "at \(date)")
        }
        // The view as 0022 creates it, for the schema check below.
        try db.executeScript("DROP VIEW report_as_of; CREATE VIEW report_as_of AS\nSELECT date('now', '+7 hours') AS as_of;")
        let clock = TestClock(day(SchemaFixture.asOf))
        let session = RegistrySession(db, clock: clock.read)
        let schemaLines = try session.consistencyProblems(on: day(SchemaFixture.asOf)).filter { [.schema, .ruleRows].contains($0.check) }
        #expect(schemaLines == [], "\(schemaLines)")

        // The fixture's project (Rp1B, contractor employer 2), billed and paid through the library.
        let project = ConstructionProject.ID(1)
        #expect(try session.amountOwed(forProject: project) == 1_750_000)
        try session.payProjectDues(project: project, amount: 1_750_000, receipt: "JK-UP-1", channel: .bankTransfer)
        #expect(try session.projectBill(of: project)?.isSettled == true)
        try session.refreshStanding()
        #expect(try session.status(of: Membership.ID(7), on: day("2025-06-21")).state == .active)
        #expect(try session.consistencyProblems(on: day(SchemaFixture.asOf))
            .filter { [.standing, .standingHorizons, .allocationTotals, .unallocatedPayment, .paymentAllocation].contains($0.check) } == [])
        #expect(try session.consistencyProblems(on: day(SchemaFixture.asOf))
            .filter { $0.check == .billPricing && $0.subject.hasPrefix("project bill") } == [])
    }
}
