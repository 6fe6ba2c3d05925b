import Foundation
import Registry
import SQLiteDB
import Testing

/// `amountOwed(for:months:)` is exactly what `payInformalDues` demands for the same call on the
/// same day: the payment accepts that amount and refuses one rupiah more or less.
@Suite struct AmountOwedTests {
    /// Asks what `months` months of `membership` cost, then pays them: off by one either way is
    /// refused with that figure, the figure itself accepted. Returns it.
    @discardableResult
    func payWhatIsOwed(_ world: DomainWorld, _ membership: Membership.ID, months: Int, receipt: String) throws -> Rupiah {
        let before = try snapshot(world.db)
        let owed = try world.session.amountOwed(for: membership, months: months)
        #expect(try snapshot(world.db) == before, "asking writes nothing, not even the bills it priced")
        for wrong in [owed - 1, owed + 1] {
            let error = registryError {
                _ = try world.session.payInformalDues(for: membership, months: months, amount: wrong, receipt: receipt, channel: .eWallet)
            }
            guard case .amountMismatch(_, _, let expected, _)? = error else {
                Issue.record("expected an amount mismatch, got \(String(describing: error))")
                continue
            }
            #expect(expected == owed)
        }
        let payment = try world.session.payInformalDues(for: membership, months: months, amount: owed, receipt: receipt, channel: .eWallet)
        #expect(payment.amount == owed && payment.allocations.count == months)
        return owed
    }

    /// A bill issued before the income changed, then months billed on the new income: the first
    /// is owed at its old price, the next at the new one.
    @Test func unsettledBillsThenMonthsAheadAtTheirOwnPrice() throws {
        let world = try DomainWorld()
        let worker = try world.register(serial: 1)
        let membership = try world.session.enrol(.informal(worker: worker.id, declaredIncome: 1_500_000, startDate: day("2025-01-01")))
        try world.session.issueBills(for: month("2025-01"))                      // Rp21,800 on Rp1,500,000
        try world.session.changeDeclaredIncome(of: membership.id, to: 2_000_000)  // band 1.9M: Rp25,800 a month
        #expect(try payWhatIsOwed(world, membership.id, months: 3, receipt: "R-1") == 21_800 + 25_800 + 25_800)
        #expect(try payWhatIsOwed(world, membership.id, months: 1, receipt: "R-2") == 25_800)   // April, ahead
        // A bounced payment: its month is owed again, before any month ahead.
        try world.session.reversePayment(receipt: "R-2")
        #expect(try world.session.amountOwed(for: membership.id, months: 1) == 25_800)
        #expect(try world.session.amountOwed(for: membership.id, months: 6) == Rupiah(25_800 * 6))
    }

    /// Months in and out of the COVID relief (Aug 2020 – Jan 2021, 1% of normal JKK and JKM):
    /// each month priced with its own rules.
    @Test func monthsArePricedWithTheRulesOfEachMonth() throws {
        let world = try DomainWorld(today: day("2020-07-02"))
        let worker = try world.register(serial: 1)
        let membership = try world.session.enrol(.informal(worker: worker.id, declaredIncome: 1_000_000, startDate: day("2020-07-01")))
        // July Rp16,800; August and September Rp100 + Rp68.
        #expect(try payWhatIsOwed(world, membership.id, months: 3, receipt: "R-1") == 16_800 + 168 + 168)
        world.clock.set(day("2021-01-05"))
        // October to March: four relief months, then February and March at Rp16,800.
        #expect(try payWhatIsOwed(world, membership.id, months: 6, receipt: "R-2") == Rupiah(168 * 4 + 16_800 * 2))
    }

    @Test func itRefusesWhatThePaymentWouldRefuse() throws {
        let world = try DomainWorld()
        let worker = try world.register(serial: 1)
        let informal = try world.session.enrol(.informal(worker: worker.id, declaredIncome: 1_000_000, startDate: day("2025-01-01")))
        let ended = try world.session.enrol(.informal(worker: try world.register(serial: 2).id, declaredIncome: 1_000_000,
                                                      startDate: day("2024-01-01")))
        try world.session.endMembership(ended.id, on: day("2024-03-31"), reason: .withdrawn)
        let wageEarner = try world.session.enrol(.wageEarner(
            worker: try world.register(serial: 3).id, employer: world.employer.id, wage: 5_000_000,
            startDate: day("2025-01-01"), programs: [.jkk, .jkm, .jht, .jp]))
        for (id, months) in [(informal.id, 5), (Membership.ID(999), 1), (wageEarner.id, 1), (ended.id, 1)] {
            let asked = registryError { _ = try world.session.amountOwed(for: id, months: months) }
            let paid = registryError {
                _ = try world.session.payInformalDues(for: id, months: months, amount: 16_800, receipt: "R-9", channel: .eWallet)
            }
            #expect(asked != nil && asked == paid, "membership \(id), \(months) month(s)")
        }
    }

    /// Through a `Registry` on a file: a read transaction can ask, the write then pays.
    @Test func aReadCanAskAndTheWriteThenPays() throws {
        let directory = try RegisterDirectory("owed")
        let clock = RegistryClock.Settable(day("2025-01-02"))
        let registry = try Registry(path: directory.path("r.sqlite"), clock: clock.clock)
        let membership = try registry.write { session in
            let worker = try session.register(purwakartaWorker(serial: 1, branch: try addPurwakarta(session)))
            return try session.enrol(.informal(worker: worker.id, declaredIncome: 1_000_000, startDate: day("2025-01-01")))
        }
        let owed = try registry.read { try $0.amountOwed(for: membership.id, months: 12) }
        #expect(owed == Rupiah(16_800 * 12))
        let payment = try registry.write { session in
            try session.payInformalDues(for: membership.id, months: 12, amount: owed, receipt: "R-1", channel: .bankTransfer)
        }
        #expect(payment.allocations.map(\.month).last == month("2025-12"))
        try registry.close()
    }
}
