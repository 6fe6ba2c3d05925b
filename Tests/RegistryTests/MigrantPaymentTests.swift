import Foundation
import Registry
import SQLiteDB
import Testing

/// Migrant workers (PMI) through the library: enrolment refuses what cannot be priced, the
/// placement's bill has a JKK line and a JKM line, and `payMigrantDues` pays it.
@Suite struct MigrantPaymentTests {
    /// A 12-month placement from 2025-02-10 (Rp189,000: JKK Rp112,500 + JKM Rp76,500), paid by `payer`.
    func placement(_ world: DomainWorld, serial: Int = 1, payer: Payer = .self,
                   programs: Set<Program> = [.jkk, .jkm]) throws -> Membership {
        let worker = try world.register(serial: serial)
        return try world.session.enrol(NewMembership(
            worker: worker.id, segment: .migrant, startDate: day("2025-02-10"), endDate: day("2026-02-09"),
            payer: payer, programs: programs))
    }

    @Test func thePlacementBillHasAJKKLineAndAJKMLine() throws {
        let world = try DomainWorld()
        for (serial, payer) in [(1, Payer.`self`), (2, Payer.otherSponsor)] {
            let membership = try placement(world, serial: serial, payer: payer)
            let bill = try world.session.issueBill(for: membership.id, month: month("2025-02"))
            #expect(bill.lines.map(\.program) == [.jkk, .jkm])
            #expect(bill.lines.map(\.amount) == [112_500, 76_500])
            #expect(bill.amountDue == 189_000)
            #expect(bill.lines.allSatisfy { $0.payer == payer && $0.kind == .dues })
        }
        // `registry check` re-prices bills with the rules: the split lines are what they give.
        #expect(try world.session.consistencyProblems(on: day("2025-02-10")).filter { $0.check == .billPricing }.isEmpty)
    }

    @Test func enrolmentWithJHTIsRefusedByNameAndStoresNothing() throws {
        let world = try DomainWorld()
        let worker = try world.register(serial: 1)
        func enrol(_ programs: Set<Program>, end: CalendarDate? = day("2026-02-09")) throws -> Membership {
            try world.session.enrol(NewMembership(worker: worker.id, segment: .migrant, startDate: day("2025-02-10"),
                                                  endDate: end, payer: .self, programs: programs))
        }
        let before = try snapshot(world.db)
        for end in [day("2026-02-09"), nil] {   // a placement, and before departure
            let error = registryError { _ = try enrol([.jkk, .jkm, .jht], end: end) }
            #expect(error == .programNotAllowed(
                program: .jht, segment: .migrant,
                reason: "no rule prices it (migrant_fixed_dues migrant JHT, nothing in force on 1 February 2025), so it could never be billed"))
            #expect(error?.field == "programs" && error?.value == "JHT")
        }
        #expect(try snapshot(world.db) == before, "a refused enrolment stores no membership and no programs")
        // The control: the same placement without JHT is accepted.
        #expect(try enrol([.jkk, .jkm]).programs == [.jkk, .jkm])
    }

    /// A register written before migrant JHT was refused may hold such a membership: billing
    /// and paying it are refused rather than pricing JHT at nothing.
    @Test func aStoredMigrantJHTIsNeverPricedAtNothing() throws {
        let world = try DomainWorld()
        let membership = try placement(world)
        try world.db.execute("INSERT INTO membership_programs (membership_id, program_code) VALUES (?, ?)", membership.id, Program.jht)
        let before = try snapshot(world.db)
        let rule = RegistryError.noRuleInForce(rule: "migrant_fixed_dues migrant JHT", date: "2025-02-01")
        #expect(registryError { _ = try world.session.issueBill(for: membership.id, month: month("2025-02")) } == rule)
        #expect(registryError {
            _ = try world.session.payMigrantDues(for: membership.id, amount: 189_000, receipt: "P-1", channel: .bankTransfer)
        } == rule)
        #expect(registryError { _ = try world.session.amountOwed(forPlacement: membership.id) } == rule)
        #expect(try snapshot(world.db) == before)
    }

    @Test func payingTheIssuedBillAcceptsExactlyWhatIsOwed() throws {
        let world = try DomainWorld()
        let membership = try placement(world, payer: .otherSponsor)
        let bill = try world.session.issueBill(for: membership.id, month: month("2025-02"))
        world.clock.set(day("2025-02-10"))
        #expect(try world.session.amountOwed(forPlacement: membership.id) == 189_000)
        let before = try snapshot(world.db)
        for wrong: Rupiah in [188_999, 189_001, 0] {
            let error = registryError {
                _ = try world.session.payMigrantDues(for: membership.id, amount: wrong, receipt: "P-1", channel: .bankTransfer)
            }
            #expect(error == .amountMismatch(field: "amount", given: wrong, expected: 189_000,
                                             reason: "owed for the placement of membership \(membership.id) (bill of 2025-02)"))
        }
        #expect(try snapshot(world.db) == before, "a refused payment stores nothing")

        let paidAt = JakartaCalendar.startOfDay(day("2025-02-09")).addingTimeInterval(9 * 3600)
        let payment = try world.session.payMigrantDues(for: membership.id, amount: 189_000, receipt: " P-1 ",
                                                       channel: .bankTransfer, paidAt: paidAt)
        #expect(payment.receiptNumber == "P-1" && payment.amount == 189_000 && payment.paidAt == paidAt)
        #expect(payment.payer == .otherSponsor && payment.employer == nil && payment.monthsCovered == nil)
        #expect(payment.channel == .bankTransfer && payment.reverses == nil)
        #expect(payment.allocations.map(\.bill) == [bill.id])
        #expect(payment.allocations.map(\.month) == [month("2025-02")] && payment.allocations.map(\.amount) == [189_000])
        #expect(try world.session.bill(bill.id)?.isSettled == true)
        #expect(try world.session.status(of: membership.id, on: day("2025-03-01")).state == .active)

        // Paid: nothing more is owed, and the receipt is taken.
        let owesNothing = registryError { _ = try world.session.amountOwed(forPlacement: membership.id) }
        #expect(owesNothing?.field == "membership_id")
        #expect(owesNothing?.description.contains("owes nothing: the placement's bill (2025-02) is paid") == true)
        let other = try placement(world, serial: 2)
        #expect(registryError {
            _ = try world.session.payMigrantDues(for: other.id, amount: 189_000, receipt: "P-1", channel: .eWallet)
        } == .duplicate(field: "receipt_number", value: "P-1", existing: .earlierPayment))
    }

    @Test func anUnbilledPlacementIsBilledAndPaidInOneGo() throws {
        let world = try DomainWorld()
        let membership = try placement(world)
        let before = try snapshot(world.db)
        let owed = try world.session.amountOwed(forPlacement: membership.id)
        #expect(owed == 189_000)
        #expect(try snapshot(world.db) == before, "pricing what is owed writes nothing")
        #expect(registryError {
            _ = try world.session.payMigrantDues(for: membership.id, amount: owed - 1, receipt: "P-1", channel: .eWallet)
        }?.field == "amount")
        #expect(try snapshot(world.db) == before, "nor does a refused payment, not even the bill it priced")

        let payment = try world.session.payMigrantDues(for: membership.id, amount: owed, receipt: "P-1", channel: .eWallet)
        let bills = try world.session.bills(of: membership.id)
        #expect(bills.count == 1 && bills[0].month == month("2025-02") && bills[0].dueDate == day("2025-02-10"))
        #expect(bills[0].lines.map(\.amount) == [112_500, 76_500] && bills[0].isSettled)
        #expect(payment.allocations.map(\.bill) == [bills[0].id])
        #expect(registryError { _ = try world.session.issueBill(for: membership.id, month: month("2025-02")) }?
            .field == "contribution_month", "billed once")
    }

    @Test func aReversedPaymentIsOwedAgainAndACancelledBillIsNotPaid() throws {
        let world = try DomainWorld()
        let membership = try placement(world)
        try world.session.payMigrantDues(for: membership.id, amount: 189_000, receipt: "P-1", channel: .eWallet)
        try world.session.reversePayment(receipt: "P-1", note: "bounced")
        #expect(try world.session.amountOwed(forPlacement: membership.id) == 189_000)
        try world.session.payMigrantDues(for: membership.id, amount: 189_000, receipt: "P-2", channel: .eWallet)
        try world.session.reversePayment(receipt: "P-2")
        let bill = try #require(try world.session.bills(of: membership.id).first)
        try world.session.cancelBill(bill.id, note: "placement cancelled")
        let error = registryError {
            _ = try world.session.payMigrantDues(for: membership.id, amount: 189_000, receipt: "P-3", channel: .eWallet)
        }
        #expect(error?.field == "membership_id")
        #expect(error?.description.contains("was cancelled; issue it again") == true)
    }

    @Test func paymentsThatAreNotForAPlacementAreRefused() throws {
        let world = try DomainWorld()
        let worker = try world.register(serial: 1)
        let informal = try world.session.enrol(.informal(worker: worker.id, declaredIncome: 1_000_000, startDate: day("2025-01-01")))
        let membership = try placement(world, serial: 2)
        let cases: [(String, () throws -> Void)] = [
            ("membership_id", { _ = try world.session.payMigrantDues(for: informal.id, amount: 16_800, receipt: "P-1", channel: .eWallet) }),
            ("membership_id", { _ = try world.session.payMigrantDues(for: Membership.ID(999), amount: 1, receipt: "P-1", channel: .eWallet) }),
            ("receipt_number", { _ = try world.session.payMigrantDues(for: membership.id, amount: 189_000, receipt: "  ", channel: .eWallet) }),
            ("paid_at", { _ = try world.session.payMigrantDues(for: membership.id, amount: 189_000, receipt: "P-1", channel: .eWallet,
                                                               paidAt: world.clock.now.addingTimeInterval(60)) }),
            ("membership_id", { _ = try world.session.amountOwed(forPlacement: informal.id) }),
        ]
        let before = try snapshot(world.db)
        for (field, attempt) in cases {
            #expect(registryError(attempt)?.field == field)
        }
        #expect(try snapshot(world.db) == before)
        #expect(registryError { _ = try world.session.payMigrantDues(for: informal.id, amount: 16_800, receipt: "P-1", channel: .eWallet) }?
            .description.contains("placement payments are for migrant workers (PMI)") == true)
    }
}
