import Foundation
import Registry
import SQLiteDB
import Testing

/// Status from the facts (0022): a month is owed from its due date whether or not a billing run
/// billed it; a payment counts from the Jakarta day it was made, however late it was typed in;
/// what the register *said* on a day is a separate question (`asKnownOn`).
@Suite struct ValidTimeStatusTests {
    /// The same members and payments, once with a billing run every month and once with none:
    /// every membership has the same status on every day, and the standing tables count the same.
    @Test func billingRunsDoNotChangeAnyStatus() throws {
        let billed = try DomainWorld(today: day("2024-12-20"))
        let unbilled = try DomainWorld(today: day("2024-12-20"))
        var members: [Membership.ID] = []
        for world in [billed, unbilled] {
            let session = world.session
            let steady = try session.enrol(.informal(worker: try world.register(serial: 1).id, declaredIncome: 1_500_000,
                                                     startDate: day("2025-01-01")))
            let stops = try session.enrol(.informal(worker: try world.register(serial: 2).id, declaredIncome: 1_000_000,
                                                    startDate: day("2025-01-01"), withJHT: true))
            let late = try session.enrol(.informal(worker: try world.register(serial: 3).id, declaredIncome: 2_000_000,
                                                   startDate: day("2025-02-10")))
            let wage = try session.enrol(.wageEarner(worker: try world.register(serial: 4).id, employer: world.employer.id,
                                                     wage: 6_000_000, startDate: day("2025-03-01"), programs: [.jkk, .jkm, .jht, .jp]))
            members = [steady.id, stops.id, late.id, wage.id]
        }
        // (day, membership index, months paid): payments made on that day, for the oldest months owed.
        let payments: [(String, Int, Int)] = [
            ("2025-01-05", 0, 3), ("2025-01-05", 1, 1), ("2025-03-01", 2, 1), ("2025-04-02", 0, 3),
            ("2025-05-20", 2, 3), ("2025-07-01", 0, 6), ("2025-09-30", 2, 1),
        ]
        var month = ContributionMonth("2025-01")!
        var receipt = 0
        while month <= ContributionMonth("2025-12")! {
            billed.clock.set(month.firstDay)
            _ = try billed.session.issueBills(for: month)
            for (text, index, months) in payments where ContributionMonth(containing: day(text)) == month {
                receipt += 1
                for world in [billed, unbilled] {
                    world.clock.set(day(text))
                    let amount = try world.session.amountOwed(for: members[index], months: months)
                    try world.session.payInformalDues(for: members[index], months: months, amount: amount,
                                                      receipt: "R-\(receipt)", channel: .agent)
                }
            }
            month = month.next
        }
        for world in [billed, unbilled] {
            world.clock.set(day("2026-01-05"))
            try world.session.refreshStanding()
        }
        #expect(try billed.db.fetchValue(Int.self, "SELECT count(*) FROM bills") ?? 0 > 30)
        #expect(try unbilled.db.fetchValue(Int.self, "SELECT count(*) FROM bills") ?? 0 < 20, "only the months paid are billed")

        var date = day("2024-12-25")
        var states = Set<MembershipStatus.State>()
        while date <= day("2026-01-31") {
            for id in members {
                let a = try billed.session.status(of: id, on: date), b = try unbilled.session.status(of: id, on: date)
                #expect(a.state == b.state, "membership \(id) on \(date)")
                if a.state != .lapsed { #expect(a.unpaidMonths == b.unpaidMonths, "membership \(id) on \(date)") }
                states.insert(a.state)
            }
            #expect(try billed.session.statusCounts(on: date) == unbilled.session.statusCounts(on: date), "\(date)")
            date = date.adding(days: 3)
        }
        #expect(states == [.notStarted, .active, .inArrears, .lapsed], "the dates exercise every open state")
        // The wage earner never paid: lapsed with or without bills, and the unbilled months are
        // priced as the billing run prices them.
        let owedUnbilled = try #require(try unbilled.session.status(of: members[3], on: day("2025-05-20")).owed)
        let owedBilled = try #require(try billed.session.status(of: members[3], on: day("2025-05-20")).owed)
        #expect(owedUnbilled.unbilledMonths == 2 && owedBilled.billedMonths == 2)
        #expect(owedUnbilled.amount == owedBilled.amount)
    }

    /// History typed in today with its real payment dates: the past shows the arrears it had
    /// (valid time), while the register *as it was on that day* knew nothing of it. The
    /// membership itself was registered in January, so as known in May it is there, unpaid.
    @Test func historyEnteredTodayShowsItsPastArrears() throws {
        let world = try DomainWorld(today: day("2025-01-02"))
        let session = world.session
        let id = try session.enrol(.informal(worker: try world.register(serial: 1).id, declaredIncome: 1_500_000,
                                             startDate: day("2025-01-01"))).id
        world.clock.set(day("2025-12-01"))
        let amount = try session.amountOwed(for: id, months: 3)
        let paidAt = JakartaCalendar.startOfDay(day("2025-01-05")).addingTimeInterval(10 * 3600)
        try session.payInformalDues(for: id, months: 3, amount: amount, receipt: "CATCH-UP-1", channel: .agent, paidAt: paidAt)
        try session.refreshStanding()

        let known = try session.status(of: id, on: day("2025-05-20"))
        #expect(known.state == .inArrears && known.unpaidMonths == 2 && known.lastPaidMonth == ContributionMonth("2025-03"))
        #expect(known.knownOn == nil)
        #expect(try session.statusCounts(on: day("2025-05-20")).first { $0.segment == .informal }?.inArrears == 1)
        #expect(try session.arrears(on: day("2025-05-20")).map { "\($0.unbilledMonths) \($0.firstUnpaidMonth)…\($0.lastUnpaidMonth) \($0.amountOwed)" }
                == ["2 2025-04…2025-05 Rp43.600"])

        // On 20 May the register held no payment: four unpaid months, lapsed.
        let said = try session.status(of: id, on: day("2025-05-20"), asKnownOn: day("2025-05-20"))
        #expect(said.state == .lapsed && said.unpaidMonths == 4 && said.lastPaidMonth == nil)
        #expect(said.knownOn == day("2025-05-20"))
        #expect(try session.statusCounts(on: day("2025-05-20"), asKnownOn: day("2025-05-20"))
            .first { $0.segment == .informal }?.lapsed == 1)
        #expect(try session.arrears(on: day("2025-05-20"), asKnownOn: day("2025-05-20")).map(\.unbilledMonths) == [4])
        // Known today, the answer is the valid-time one.
        #expect(try session.status(of: id, on: day("2025-05-20"), asKnownOn: day("2025-12-01")).state == .inArrears)
    }

    /// An employer's payment recorded months after its day, on a bill the billing run recorded on
    /// time: as known before the payment was recorded, the bill is unpaid; known today, paid from
    /// its day. Only the allocation's (and payment's) recorded time, INTEGER milliseconds since
    /// 0027, tells the two apart: a comparison with the ISO cut-off would count it always.
    @Test func aPaymentRecordedLateIsLeftOutAsKnownBeforeIt() throws {
        let world = try DomainWorld(today: day("2025-02-01"))
        let session = world.session
        let id = try session.enrol(.wageEarner(
            worker: try world.register(serial: 1).id, employer: world.employer.id, wage: 5_000_000,
            startDate: day("2025-01-01"), programs: [.jkk, .jkm, .jht, .jp])).id
        try session.issueBills(for: ContributionMonth("2025-01")!)
        world.clock.set(day("2025-06-01"))
        let bill = try #require(try session.bills(of: id).first)
        let paidAt = JakartaCalendar.startOfDay(day("2025-02-10")).addingTimeInterval(10 * 3600)
        try session.payEmployerDues(employer: world.employer.id, month: ContributionMonth("2025-01")!, amount: bill.outstanding,
                                    receipt: "LATE-ENTRY", channel: .bankTransfer, paidAt: paidAt)
        try session.refreshStanding()

        let known = try session.status(of: id, on: day("2025-03-01"))
        #expect(known.lastPaidMonth == ContributionMonth("2025-01"))
        let said = try session.status(of: id, on: day("2025-03-01"), asKnownOn: day("2025-03-01"))
        #expect(said.lastPaidMonth == nil && said.owed?.billedMonths == 1, "\(said)")
        #expect(try session.arrears(on: day("2025-03-01"), asKnownOn: day("2025-03-01")).map(\.overdueBills) == [1])
        // The views, at the same two recorded times.
        try setReportDate(world.db, "2025-03-01")
        try setKnownOn(world.db, "2025-03-01")
        #expect(try world.db.fetchValue(Int64.self, "SELECT amount_paid FROM bill_balances WHERE bill_id = ?", bill.id) == 0)
        try setKnownOn(world.db, "2025-06-01")
        #expect(try world.db.fetchValue(Int64.self, "SELECT amount_paid FROM bill_balances WHERE bill_id = ?", bill.id)
                == bill.outstanding.amount)
    }

    /// A payment made at 03:00 in Jakarta is on the Jakarta day, not the UTC day before: it pays
    /// nothing on that UTC day, and dues received count it on the Jakarta one.
    @Test func paymentsCountOnTheirJakartaDay() throws {
        let world = try DomainWorld(today: day("2025-01-02"))
        let session = world.session
        let id = try session.enrol(.informal(worker: try world.register(serial: 1).id, declaredIncome: 1_000_000,
                                             startDate: day("2025-01-01"))).id
        try session.payInformalDues(for: id, months: 1, amount: try session.amountOwed(for: id, months: 1),
                                    receipt: "R-1", channel: .agent)
        world.clock.set(day("2025-03-20"))
        // 16 March, 03:00 in Jakarta: 15 March, 20:00 UTC.
        let paidAt = try #require(ISO8601DateFormatter().date(from: "2025-03-15T20:00:00Z"))
        try session.payInformalDues(for: id, months: 1, amount: try session.amountOwed(for: id, months: 1),
                                    receipt: "R-2", channel: .agent, paidAt: paidAt)
        try session.refreshStanding()
        #expect(try session.status(of: id, on: day("2025-03-15")).lastPaidMonth == ContributionMonth("2025-01"))
        #expect(try session.status(of: id, on: day("2025-03-16")).lastPaidMonth == ContributionMonth("2025-02"))
        #expect(try world.db.fetchValues(String.self, "SELECT paid_on FROM dues_received ORDER BY paid_on")
                == ["2025-01-02", "2025-03-16"])
        // The view counts the same day (its report date read from report_as_of).
        try setReportDate(world.db, "2025-03-15")
        #expect(try world.db.fetchValue(String.self, "SELECT last_paid_month FROM membership_status") == "2025-01")
        try setReportDate(world.db, "2025-03-16")
        #expect(try world.db.fetchValue(String.self, "SELECT last_paid_month FROM membership_status") == "2025-02")
    }

    /// A register taking over from an older system says where its ledger begins: members of long
    /// standing owe nothing before it; without it, their unpaid months are owed up to the lapse.
    @Test func theLedgerOpeningSettlesTheMonthsBeforeIt() throws {
        let world = try DomainWorld(today: day("2025-01-02"))
        let session = world.session
        let id = try session.enrol(.informal(worker: try world.register(serial: 1).id, declaredIncome: 1_000_000,
                                             startDate: day("2019-06-01"))).id
        try session.refreshStanding()
        let before = try session.status(of: id, on: day("2025-01-10"))
        #expect(before.state == .lapsed && before.owed?.firstMonth == ContributionMonth("2019-06"))
        #expect(before.owed?.lastMonth == ContributionMonth("2019-09"), "no unbilled month is owed after the lapse")

        try session.openLedger(from: ContributionMonth("2025-01"), note: "go-live")
        #expect(try session.ledgerOpening() == ContributionMonth("2025-01"))
        try session.refreshStanding()
        #expect(try session.status(of: id, on: day("2025-01-10")).state == .active, "January is due on the 15th")
        #expect(try session.status(of: id, on: day("2025-01-16")).state == .inArrears)
        #expect(try session.arrears(on: day("2025-01-10")).isEmpty)
        try session.openLedger(from: nil)
        try session.refreshStanding()
        #expect(try session.status(of: id, on: day("2025-01-10")).state == .lapsed)
    }
}
