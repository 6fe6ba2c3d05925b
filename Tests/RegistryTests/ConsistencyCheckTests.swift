import Foundation
import Registry
import SQLiteDB
import Testing

/// `consistencyProblems(on:)`: silent on a sound ledger, and each check fires on the fault it
/// exists for, written by hand as an ad-hoc SQL session could.
@Suite struct ConsistencyCheckTests {
    /// A BPU member billed and paid for three months, a PU member billed two months and paid
    /// one, and an income change between bills.
    func soundLedger() throws -> (DomainWorld, Membership, Membership) {
        let world = try DomainWorld()
        let informal = try world.session.enrol(.informal(worker: try world.register(serial: 1).id,
                                                         declaredIncome: 1_500_000, startDate: day("2025-01-01")))
        let wageEarner = try world.session.enrol(.wageEarner(
            worker: try world.register(serial: 2).id, employer: world.employer.id, wage: 5_000_000,
            startDate: day("2025-01-01"), programs: [.jkk, .jkm, .jht, .jp]))
        try world.session.payInformalDues(for: informal.id, months: 3, amount: 65_400, receipt: "R-1", channel: .eWallet)
        try world.session.issueBills(for: month("2025-01"))
        try world.session.changeDeclaredIncome(of: wageEarner.id, to: 6_000_000)
        try world.session.issueBills(for: month("2025-02"))
        let owed = try #require(try world.session.bills(of: wageEarner.id).first).outstanding
        try world.session.payEmployerDues(employer: world.employer.id, month: month("2025-01"), amount: owed,
                                          receipt: "E-1", channel: .bankTransfer)
        return (world, informal, wageEarner)
    }

    @Test func aSoundLedgerHasNoProblems() throws {
        let (world, _, _) = try soundLedger()
        #expect(try world.session.consistencyProblems(on: day("2025-02-20")) == [])
    }

    @Test func aBillLineAddedByHandIsAPricingProblem() throws {
        let (world, informal, _) = try soundLedger()
        let bill = try #require(try world.session.bills(of: informal.id).first)
        try world.db.execute("""
            INSERT INTO bill_lines (bill_id, program_code, payer_code, kind, amount, recorded_at)
            VALUES (?, 'JKK', 'self', 'dues', 500, '2025-01-05T00:00:00.000Z')
            """, bill.id)
        let problems = try world.session.consistencyProblems(on: day("2025-02-20"))
        #expect(problems.map(\.check) == [.billPricing])
        #expect(problems.first?.description == "bill_pricing: bill \(bill.id) (membership \(informal.id), 2025-01): bills JKK self Rp15.500, JKM self Rp6.800; the rules of 2025-01 give JKK self Rp15.000, JKM self Rp6.800")
    }

    /// Each running total (0013), kept by the allocations trigger, equals the sum of its
    /// payment's allocations; since 0030 only payments not made by the member keep one (here the
    /// employer's; the member's own payment is guarded by summing its few allocations). A total
    /// edited by hand is found, and cannot be deleted.
    @Test func allocationTotalsFollowTheAllocationsAndAHandEditIsFound() throws {
        let (world, _, _) = try soundLedger()
        let totals = try world.db.fetchAll("SELECT payment_id, allocated FROM payment_allocation_totals ORDER BY 1")
            .map { "\(try $0.get(0, as: Int64.self)):\(try $0.get(1, as: Int64.self))" }
        let sums = try world.db.fetchAll("""
            SELECT a.payment_id, sum(a.amount) FROM payment_allocations a JOIN payments p ON p.id = a.payment_id
            WHERE p.payer_code <> 'self' GROUP BY 1 ORDER BY 1
            """).map { "\(try $0.get(0, as: Int64.self)):\(try $0.get(1, as: Int64.self))" }
        let member = try #require(try world.session.payment(receipt: "R-1"))
        let employer = try #require(try world.session.payment(receipt: "E-1"))
        #expect(totals.count == 1 && totals.first?.hasPrefix("\(employer.id):") == true, "\(totals)")
        #expect(totals == sums)
        #expect(try world.db.fetchValue(Int64.self, "SELECT count(*) FROM payment_allocation_totals WHERE payment_id = ?", member.id) == 0)

        #expect(throws: SQLiteError.self) { try world.db.execute("DELETE FROM payment_allocation_totals WHERE payment_id = ?", employer.id) }
        try world.db.execute("UPDATE payment_allocation_totals SET allocated = 0 WHERE payment_id = ?", employer.id)
        let problems = try world.session.consistencyProblems(on: day("2025-02-20"))
        #expect(problems.map(\.description) == [
            "allocation_totals: payment \(employer.id): payment_allocation_totals says Rp0, its allocations sum to \(employer.amount)",
        ])
    }

    /// The schema refuses this allocation; a database written before that trigger existed (or
    /// by someone who dropped it) is what the check is for. (A payment settles a bill once, 0027:
    /// the extra 1,000 comes from the employer's payment, onto the informal member's paid bill.)
    @Test func anAllocationBeyondThePaymentIsFound() throws {
        let (world, informal, _) = try soundLedger()
        try world.db.execute("DROP TRIGGER payment_allocations_check_on_insert")
        let payment = try #require(try world.session.payment(receipt: "E-1"))
        let bill = try #require(try world.session.bills(of: informal.id).first)
        try world.db.execute("""
            INSERT INTO payment_allocations (payment_id, bill_id, amount, recorded_at)
            VALUES (?, ?, 1000, ?)
            """, payment.id, bill.id, UnixMilliseconds(Date(iso8601: "2025-01-05T00:00:00.000Z")!))
        let checks = try world.session.consistencyProblems(on: day("2025-02-20")).map(\.description)
        #expect(checks.contains("payment_allocation: payment \(payment.id) (receipt E-1): allocates \(payment.amount + Rupiah(1000)) of \(payment.amount)"))
        #expect(checks.contains("bill_overpaid: bill \(bill.id) (membership \(informal.id), 2025-01): is paid Rp22.800 of Rp21.800"))
    }

    @Test func aMissingRequiredProgramAndAContradictoryNIKAreFound() throws {
        let (world, _, wageEarner) = try soundLedger()
        try world.db.execute("DELETE FROM membership_programs WHERE membership_id = ? AND program_code = 'JP'", wageEarner.id)
        try world.db.execute("UPDATE workers SET birth_date = '1985-03-13' WHERE id = ?", wageEarner.worker)
        let problems = try world.session.consistencyProblems(on: day("2025-02-20"))
        let descriptions = problems.map(\.description)
        #expect(descriptions.contains("required_programs: membership \(wageEarner.id): wage_earner membership lacks required program JP on 2025-02-20"))
        #expect(problems.contains { $0.check == .workerIdentity && $0.subject.hasPrefix("worker \(wageEarner.worker) (NIK 3214********") })
        #expect(!descriptions.joined().contains(try #require(try world.session.worker(wageEarner.worker)).nik.digits))
    }

    @Test func aDanglingReferenceIsAForeignKeyProblem() throws {
        let (world, _, _) = try soundLedger()
        try world.db.execute("PRAGMA foreign_keys = OFF")
        try world.db.execute("UPDATE workers SET village_code = '32.14.01.2999' WHERE id = 1")
        try world.db.execute("PRAGMA foreign_keys = ON")
        let problems = try world.session.consistencyProblems(on: day("2025-02-20"))
        #expect(problems.contains(ConsistencyProblem(check: .foreignKeys, subject: "workers row 1", detail: "refers to a missing row of villages")))
    }
}
