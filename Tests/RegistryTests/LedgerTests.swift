import Foundation
import Registry
import SQLiteDB
import Testing

@Suite struct LedgerTests {
    /// A BPU member declaring Rp1,500,000 (band 1.5M: JKK 15,000 + JKM 6,800 = 21,800 a month) from January 2025.
    func informalMember(_ world: DomainWorld, agent: Agent.ID? = nil) throws -> Membership {
        var worker = world.newWorker(serial: 1)
        worker.registeredBy = agent
        let registered = try world.session.register(worker)
        return try world.session.enrol(.informal(worker: registered.id, declaredIncome: 1_500_000, startDate: day("2025-01-01")))
    }

    @Test func monthlyBillsArePricedAndDueOnTheFifteenth() throws {
        let world = try DomainWorld()
        let membership = try informalMember(world)
        let run = try world.session.issueBills(for: month("2025-01"))
        #expect(run.bills == 1 && run.total == 21_800)
        #expect(try world.session.issueBills(for: month("2025-01")).bills == 0)     // already billed
        let bill = try #require(try world.session.bills(of: membership.id).first)
        #expect(bill.dueDate == day("2025-01-15"))
        #expect(bill.lines.map(\.amount) == [15_000, 6_800])
        #expect(bill.lines.allSatisfy { $0.payer == .self && $0.kind == .dues })
    }

    @Test func informalPaymentCoversTheOldestMonthsAndBillsAhead() throws {
        let world = try DomainWorld()
        let membership = try informalMember(world)
        try world.session.issueBills(for: month("2025-01"))
        let before = try snapshot(world.db)
        let error = registryError {
            _ = try world.session.payInformalDues(for: membership.id, months: 3, amount: 60_000, receipt: "R-1", channel: .eWallet)
        }
        #expect(error == .amountMismatch(field: "amount", given: 60_000, expected: 65_400, reason: "owed for 3 month(s), January 2025 to March 2025"))
        #expect(try snapshot(world.db) == before, "a refused payment stores nothing, not even the bills it priced")

        let payment = try world.session.payInformalDues(for: membership.id, months: 3, amount: 65_400, receipt: "R-1", channel: .eWallet)
        #expect(payment.allocations.map(\.month) == [month("2025-01"), month("2025-02"), month("2025-03")])
        #expect(payment.allocations.map(\.amount) == [21_800, 21_800, 21_800])
        #expect(payment.monthsCovered == 3 && payment.payer == .self)
        #expect(registryError {
            _ = try world.session.payInformalDues(for: membership.id, months: 2, amount: 43_600, receipt: "R-2", channel: .eWallet)
        }?.field == "months_covered")
        #expect(registryError {
            _ = try world.session.payInformalDues(for: membership.id, months: 1, amount: 21_800, receipt: "R-1", channel: .eWallet)
        } == .duplicate(field: "receipt_number", value: "R-1", existing: .earlierPayment))
    }

    @Test func statusFollowsTheLedgerDayByDay() throws {
        let world = try DomainWorld()
        let membership = try informalMember(world)
        try world.session.payInformalDues(for: membership.id, months: 3, amount: 65_400, receipt: "R-1", channel: .agent)
        for text in ["2025-04", "2025-05", "2025-06", "2025-07", "2025-08"] {
            world.clock.set(month(text).firstDay)
            try world.session.issueBills(for: month(text))
        }
        func state(_ date: String) throws -> (MembershipStatus.State, Int) {
            let status = try world.session.status(of: membership.id, on: day(date))
            return (status.state, status.unpaidMonths)
        }
        #expect(try state("2024-12-31") == (.notStarted, 0))
        #expect(try state("2025-04-15") == (.active, 0))
        #expect(try state("2025-04-16") == (.inArrears, 1))
        #expect(try state("2025-06-16") == (.inArrears, 3))
        #expect(try state("2025-07-16") == (.lapsed, 4))

        // Paying the oldest month late moves the run forward, as of the day it is recorded.
        world.clock.set(day("2025-07-20"))
        try world.session.payInformalDues(for: membership.id, months: 1, amount: 21_800, receipt: "R-2", channel: .agent)
        #expect(try state("2025-07-20") == (.inArrears, 3))
        #expect(try state("2025-07-19") == (.lapsed, 4), "the past is not rewritten by a later payment")
        try world.session.endMembership(membership.id, on: day("2025-08-31"), reason: .lapsed)
        #expect(try state("2025-09-01") == (.ended, 4))
    }

    @Test func reversingAPaymentUnpaysItsBills() throws {
        let world = try DomainWorld()
        let membership = try informalMember(world)
        try world.session.payInformalDues(for: membership.id, months: 1, amount: 21_800, receipt: "R-1", channel: .bankTransfer)
        world.clock.set(day("2025-01-20"))
        #expect(try world.session.status(of: membership.id, on: day("2025-01-20")).state == .active)
        let reversal = try world.session.reversePayment(receipt: "R-1", note: "bounced")
        #expect(reversal.amount == -21_800 && reversal.receiptNumber == "R-1-R")
        #expect(try world.session.bills(of: membership.id).first?.amountPaid == .zero)
        #expect(try world.session.status(of: membership.id, on: day("2025-01-20")).state == .inArrears)
        #expect(registryError { _ = try world.session.reversePayment(receipt: "R-1") }?.description
            .contains("already reversed by R-1-R") == true)
        #expect(registryError { _ = try world.session.reversePayment(receipt: "R-1-R") }?.field == "receipt_number")
    }

    @Test func cancelledBillCanBeReissuedAndUnblocksEndingTheMembership() throws {
        let world = try DomainWorld()
        let membership = try informalMember(world)
        try world.session.issueBills(for: month("2025-01"))
        try world.session.issueBills(for: month("2025-02"))
        let february = try #require(try world.session.bills(of: membership.id).last)
        #expect(registryError { try world.session.endMembership(membership.id, on: day("2025-01-31"), reason: .withdrawn) }?
            .description.contains("bill for 2025-02") == true)
        try world.session.payInformalDues(for: membership.id, months: 1, amount: 21_800, receipt: "R-1", channel: .bankTransfer)
        try world.session.cancelBill(february.id, note: "withdrawn")
        #expect(try world.session.bill(february.id)?.amountDue == .zero)
        let reissued = try world.session.issueBill(for: membership.id, month: month("2025-02"))
        #expect(reissued.id == february.id && reissued.amountDue == 21_800 && reissued.lines.count == 6)
        try world.session.cancelBill(february.id)
        try world.session.endMembership(membership.id, on: day("2025-01-31"), reason: .withdrawn)
        let january = try #require(try world.session.bills(of: membership.id).first)
        #expect(registryError { try world.session.cancelBill(january.id) }?.description.contains("reverse the payment first") == true)
    }

    @Test func employerPaysTheMonthWithALatePenaltyOfTwoPercentAMonth() throws {
        let world = try DomainWorld(today: day("2025-03-01"))
        let worker = try world.register(serial: 1)
        let membership = try world.session.enrol(.wageEarner(
            worker: worker.id, employer: world.employer.id, wage: 6_000_000, startDate: day("2025-03-01"),
            programs: [.jkk, .jkm, .jht, .jp]))
        // Medium employer, risk group low: JKK 0.54% 32,400; JKM 0.30% 18,000; JHT 222,000 + 120,000; JP 120,000 + 60,000.
        #expect(try world.session.issueBills(for: month("2025-03")).total == 572_400)
        let march = try #require(try world.session.bills(of: membership.id).first)
        #expect(march.dueDate == day("2025-04-15"))
        #expect(Set(march.lines.map(\.payer)) == [.employer, .self])
        world.clock.set(day("2025-04-15"))      // a payment is recorded on or after its day
        try world.session.payEmployerDues(employer: world.employer.id, month: month("2025-03"), amount: 572_400,
                                          receipt: "E-1", channel: .bankTransfer, paidAt: JakartaCalendar.startOfDay(day("2025-04-15")))
        try world.session.issueBills(for: month("2025-04"))
        let late = JakartaCalendar.startOfDay(day("2025-05-20"))      // due 2025-05-15: one month late
        world.clock.set(day("2025-05-20"))
        let error = registryError {
            _ = try world.session.payEmployerDues(employer: world.employer.id, month: month("2025-04"), amount: 572_400,
                                                  receipt: "E-2", channel: .bankTransfer, paidAt: late)
        }
        // 2% of each line: 648 + 360 + 4,440 + 2,400 + 2,400 + 1,200 = 11,448.
        #expect(error == .amountMismatch(field: "amount", given: 572_400, expected: 583_848,
                                         reason: "owed by employer \(world.employer.id) for 2025-04 (1 bill(s), late penalty included)"))
        let payment = try world.session.payEmployerDues(employer: world.employer.id, month: month("2025-04"), amount: 583_848,
                                                        receipt: "E-2", channel: .bankTransfer, paidAt: late)
        let april = try #require(try world.session.bills(of: membership.id).last)
        #expect(april.isSettled && april.amountDue == 583_848)
        #expect(april.lines.filter { $0.kind == .latePenalty }.map(\.amount).sum() == 11_448)
        #expect(payment.employer == world.employer.id)
    }

    @Test(arguments: [
        ("2025-05-15", 0), ("2025-05-16", 1), ("2025-06-15", 1), ("2025-06-16", 2), ("2026-05-15", 12),
    ])
    func monthsLateCountsStartedMonths(paid: String, months: Int) throws {
        let world = try DomainWorld(today: day("2025-04-01"))
        let worker = try world.register(serial: 1)
        _ = try world.session.enrol(.wageEarner(worker: worker.id, employer: world.employer.id, wage: 1_000_000,
                                                startDate: day("2025-04-01"), programs: [.jkk, .jkm, .jht, .jp]))
        let run = try world.session.issueBills(for: month("2025-04"))      // JKK 5,400 + JKM 3,000 + JHT 57,000 + JP 30,000
        world.clock.set(day(paid))
        let error = registryError {
            _ = try world.session.payEmployerDues(employer: world.employer.id, month: month("2025-04"), amount: 1, receipt: "E",
                                                  channel: .bankTransfer, paidAt: JakartaCalendar.startOfDay(day(paid)))
        }
        // 2% per month per line, rounded per line: 5,400 → 108; 3,000 → 60; 37,000 → 740; 20,000 → 400; 20,000 → 400; 10,000 → 200.
        let perMonth: Rupiah = 108 + 60 + 740 + 400 + 400 + 200
        guard case .amountMismatch(_, _, let expected, _)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(expected == run.total + perMonth * Int64(months))
    }
}

@Suite struct AgentTests {
    @Test func feeIsSevenAndAHalfPercentOfRecruitsPaidDues() throws {
        let world = try DomainWorld()
        let recruit = try world.session.register(world.newWorker(serial: 1, agent: world.agent.id))
        let membership = try world.session.enrol(.informal(worker: recruit.id, declaredIncome: 1_500_000, startDate: day("2025-01-01")))
        try world.session.payInformalDues(for: membership.id, months: 3, amount: 65_400, receipt: "R-1", channel: .agent)
        #expect(try world.session.recruits(of: world.agent.id).map(\.id) == [recruit.id])
        let fee = try world.session.agentFee(world.agent.id, for: month("2025-02"))
        #expect(fee.dues == 21_800 && fee.rate == Rate(partsPerMillion: 75_000) && fee.fee == 1_635 && fee.payingRecruits == 1)
        #expect(try world.session.agentFee(world.agent.id, for: month("2025-04")).fee == .zero)
    }

    @Test func agentsWithoutARecruitForThreeMonthsAreFlagged() throws {
        let world = try DomainWorld(today: day("2025-01-02"))
        #expect(try world.session.inactiveAgents(on: day("2025-01-02")).map(\.id) == [world.agent.id])
        _ = try world.session.register(world.newWorker(serial: 1, agent: world.agent.id))
        #expect(try world.session.inactiveAgents(on: day("2025-01-02")).isEmpty)
        #expect(try world.session.inactiveAgents(on: day("2025-04-02")).isEmpty)
        #expect(try world.session.inactiveAgents(on: day("2025-04-03")).map(\.id) == [world.agent.id])
        try world.session.retireAgent(world.agent.id, on: day("2025-03-31"))
        #expect(try world.session.inactiveAgents(on: day("2025-04-03")).isEmpty, "a retired agent is not flagged")
    }
}

@Suite struct MigrantAndConstructionBillingTests {
    @Test func aPlacementIsBilledOnceOnItsLength() throws {
        let world = try DomainWorld()
        let worker = try world.register(serial: 1)
        let membership = try world.session.enrol(NewMembership(
            worker: worker.id, segment: .migrant, startDate: day("2025-02-10"), endDate: day("2026-02-09"),
            payer: .self, programs: [.jkk, .jkm]))
        let bill = try world.session.issueBill(for: membership.id, month: month("2025-02"))
        #expect(bill.amountDue == 189_000 && bill.dueDate == day("2025-02-10"))      // 12-month placement
        #expect(try world.session.issueBills(for: month("2025-03")).bills == 0, "no monthly bills for PMI")
        #expect(registryError { _ = try world.session.issueBill(for: membership.id, month: month("2025-03")) }?
            .field == "contribution_month")
    }

    @Test func constructionMembershipsAreNotBilledPerWorker() throws {
        let world = try DomainWorld()
        let worker = try world.register(serial: 1)
        let project = try world.session.registerProject(NewConstructionProject(
            contractor: world.employer.id, name: "Jembatan Desa Satu", contractValue: 1_000_000_000,
            workOrderDate: day("2025-02-20"), startDate: day("2025-03-01"), endDate: day("2025-12-31")))
        let membership = try world.session.enrol(NewMembership(
            worker: worker.id, segment: .construction, startDate: day("2025-03-01"), payer: .employer,
            programs: [.jkk, .jkm], project: project.id))
        #expect(registryError { _ = try world.session.issueBill(for: membership.id, month: month("2025-03")) }?
            .field == "membership_id")
        let quote = try world.session.quote(.construction(contractValue: project.contractValue), programs: [.jkk, .jkm],
                                            month: month("2025-03"))
        #expect(quote.billableTotal == 1_750_000)
    }
}
