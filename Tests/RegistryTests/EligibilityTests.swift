import Foundation
import Registry
import SQLiteDB
import Testing

/// "Was this worker protected by program P on day D?": each rule with its outcome, judged by
/// valid time (due dates and the day each payment was made), from dated rule rows, and every
/// answer audited.
@Suite struct EligibilityTests {
    let world: DomainWorld

    init() throws {
        world = try DomainWorld(today: day("2025-01-02"))
    }

    /// Asks as a claims officer would, inside a write with an actor.
    func ask(_ worker: Worker.ID, _ program: Program, on date: String) throws -> Eligibility {
        try RegistrySchema.recordingActor("claims:dewi", on: world.db) {
            try world.session.eligibility(of: worker, program: program, on: day(date))
        }
    }

    func outcome(_ answer: Eligibility, _ rule: String) -> EligibilityCheck.Outcome? {
        answer.checks.first { $0.rule == rule }?.outcome
    }

    func detail(_ answer: Eligibility, _ rule: String) -> String {
        answer.checks.first { $0.rule == rule }?.detail ?? ""
    }

    func informalMember(serial: Int = 1, start: String = "2025-01-01", withJHT: Bool = false, birth: String = "1985-03-12") throws -> (Worker, Membership) {
        let worker = try world.register(serial: serial, birth: birth)
        let membership = try world.session.enrol(.informal(worker: worker.id, declaredIncome: 1_500_000, startDate: day(start), withJHT: withJHT))
        return (worker, membership)
    }

    /// 10:00 in Jakarta on `date`.
    func at(_ date: String) -> Date { JakartaCalendar.startOfDay(day(date)).addingTimeInterval(10 * 3600) }

    // MARK: Informal workers (BPU): protection follows the months paid

    @Test func anInformalMemberIsProtectedThroughTheMonthsPaidOnTime() throws {
        let (worker, membership) = try informalMember()
        try world.session.payInformalDues(for: membership.id, months: 3, amount: 65_400, receipt: "R-1", channel: .eWallet)

        let march = try ask(worker.id, .jkk, on: "2025-03-20")
        #expect(march.verdict == .eligible, "\(march.checks)")
        #expect(march.membership == membership.id)
        #expect(detail(march, "dues_paid_on_time") == "the dues of 2025-03 (Rp21.800, due 2025-03-15) were paid by their due date")

        // Until April's due day, March's dues carry the protection.
        #expect(try ask(worker.id, .jkm, on: "2025-04-14").verdict == .eligible)

        // April was never billed nor paid: it is owed all the same, and the member is not protected.
        let april = try ask(worker.id, .jkk, on: "2025-04-20")
        #expect(april.verdict == .notEligible)
        #expect(outcome(april, "membership_in_force") == .met)
        #expect(detail(april, "dues_paid_on_time").hasPrefix("the dues of 2025-04 were owed by 2025-04-15 and not paid (no bill was issued"))
        #expect(try world.session.bills(of: membership.id).map(\.month.description) == ["2025-01", "2025-02", "2025-03"],
                "the answer billed nothing")
    }

    @Test func aLatePaymentDoesNotProtectTheMonthItWasLateFor() throws {
        let (worker, membership) = try informalMember()
        try world.session.payInformalDues(for: membership.id, months: 3, amount: 65_400, receipt: "R-1", channel: .eWallet)
        world.clock.set(day("2025-04-20"))
        try world.session.payInformalDues(for: membership.id, months: 1, amount: 21_800, receipt: "R-2", channel: .eWallet)

        let late = try ask(worker.id, .jkk, on: "2025-04-25")
        #expect(late.verdict == .notEligible)
        #expect(detail(late, "dues_paid_on_time") == "the dues of 2025-04 (Rp21.800, due 2025-04-15) were paid late, on 2025-04-20")
        // Before its due day the month was not yet owed: March's dues, paid on time, protected.
        #expect(try ask(worker.id, .jkk, on: "2025-04-14").verdict == .eligible)
    }

    /// A payment reversed afterwards (a bounced transfer) never paid the month.
    @Test func aReversedPaymentDidNotPay() throws {
        let (worker, membership) = try informalMember()
        try world.session.payInformalDues(for: membership.id, months: 3, amount: 65_400, receipt: "R-1", channel: .eWallet)
        world.clock.set(day("2025-04-10"))
        try world.session.payInformalDues(for: membership.id, months: 1, amount: 21_800, receipt: "R-2", channel: .bankTransfer)
        #expect(try ask(worker.id, .jkk, on: "2025-04-20").verdict == .eligible, "paid on time, before the reversal")
        world.clock.set(day("2025-04-22"))
        try world.session.reversePayment(receipt: "R-2", note: "transfer bounced")
        let answer = try ask(worker.id, .jkk, on: "2025-04-25")
        #expect(answer.verdict == .notEligible)
        #expect(detail(answer, "dues_paid_on_time") == "the dues of 2025-04 (Rp21.800, due 2025-04-15) were not paid by 2025-04-25")
    }

    /// Valid time: a payment entered today with the day it was made counts from that day, so a
    /// catch-up of history gives the same answer as entry on the day.
    @Test func aPaymentEnteredLaterCountsFromTheDayItWasMade() throws {
        let (worker, membership) = try informalMember()
        try world.session.payInformalDues(for: membership.id, months: 3, amount: 65_400, receipt: "R-1", channel: .eWallet)
        world.clock.set(day("2025-06-01"))
        try world.session.payInformalDues(for: membership.id, months: 1, amount: 21_800, receipt: "R-2", channel: .agent,
                                          paidAt: at("2025-04-10"))
        let answer = try ask(worker.id, .jkk, on: "2025-04-20")
        #expect(answer.verdict == .eligible, "\(answer.checks)")
        // Positive control: before that payment was made, April was not yet paid.
        #expect(try ask(worker.id, .jkk, on: "2025-04-09").verdict == .eligible, "March carries it until the 15th")
    }

    @Test func aNewInformalMemberIsProtectedOncePaidNotBefore() throws {
        let (worker, membership) = try informalMember(start: "2025-01-01")
        let unpaid = try ask(worker.id, .jkk, on: "2025-01-05")
        #expect(unpaid.verdict == .notEligible)
        let check = try #require(unpaid.checks.first { $0.rule == "dues_paid_on_time" })
        #expect(check.detail == "the first dues (2025-01, due 2025-01-15) were not paid by 2025-01-05; protection starts when they are paid")
        #expect(check.source?.contains("confidence M") == true, "the rule row's source is cited")

        world.clock.set(day("2025-01-03"))
        try world.session.payInformalDues(for: membership.id, months: 1, amount: 21_800, receipt: "R-1", channel: .eWallet)
        #expect(try ask(worker.id, .jkk, on: "2025-01-05").verdict == .eligible)
        #expect(try ask(worker.id, .jkk, on: "2025-01-02").verdict == .notEligible, "not before the day it was paid")
    }

    /// The rule is data: a later rule row (closing the open one, as a migration would) changes
    /// the answer for incidents from its day, and only those.
    @Test func aNewDatedRuleRowChangesAnswersFromItsDayOnly() throws {
        try world.db.execute("""
            UPDATE eligibility_rules SET effective_to = '2025-12-31'
            WHERE program_code = 'JKK' AND segment_code = 'informal' AND code = 'protection_starts_on_payment'
            """)
        try world.db.execute("""
            INSERT INTO eligibility_rules (program_code, segment_code, code, value, effective_from, confidence, source)
            VALUES ('JKK', 'informal', 'protection_starts_on_payment', 0, '2026-01-01', 'L', 'a test regulation')
            """)
        let (early, _) = try informalMember(serial: 1, start: "2025-03-01")
        world.clock.set(day("2026-02-01"))
        let (late, _) = try informalMember(serial: 2, start: "2026-03-01")
        #expect(try ask(early.id, .jkk, on: "2025-03-05").verdict == .notEligible)
        let answer = try ask(late.id, .jkk, on: "2026-03-05")
        #expect(answer.verdict == .eligible, "\(answer.checks)")
        #expect(detail(answer, "dues_paid_on_time").contains("the membership protects from its start"))
        // JKM kept its own rule: still on payment.
        #expect(try ask(late.id, .jkm, on: "2026-03-05").verdict == .notEligible)
    }

    @Test func noMembershipWithTheProgramIsNotEligibleAndSaysWhy() throws {
        let (worker, membership) = try informalMember(start: "2025-02-01")
        let before = try ask(worker.id, .jkk, on: "2025-01-20")
        #expect(before.verdict == .notEligible && before.membership == nil)
        #expect(detail(before, "membership_in_force") == "no membership with JKK was in force on 2025-01-20; membership \(membership.id) (BPU) starts on 2025-02-01")
        let jkp = try ask(worker.id, .jkp, on: "2025-03-20")
        #expect(jkp.verdict == .notEligible, "an informal worker has no JKP")
    }

    // MARK: Wage earners (PU): the employer's monthly dues

    func wageEarner(serial: Int = 1, start: String = "2024-01-01", programs: Set<Program> = [.jkk, .jkm, .jht, .jp]) throws -> (Worker, Membership) {
        let worker = try world.register(serial: serial)
        let jkp = programs.contains(.jkp) ? JKPEligibility(isIndonesianCitizen: true, isEnrolledInNationalHealthInsurance: true) : nil
        let membership = try world.session.enrol(.wageEarner(worker: worker.id, employer: world.employer.id, wage: 5_000_000,
                                                             startDate: day(start), programs: programs, jkp: jkp))
        return (worker, membership)
    }

    /// Bills each month and pays it on time (the 10th of the next month) unless listed in `unpaid`.
    func payEmployer(_ membership: Membership, _ months: [String], unpaid: Set<String> = []) throws {
        for text in months {
            let month = ContributionMonth(text)!
            world.clock.set(month.firstDay)
            try world.session.issueBills(for: month)
            guard !unpaid.contains(text) else { continue }
            world.clock.set(month.next.day(10))
            let owed = try #require(try world.session.bills(of: membership.id).first { $0.month == month }).outstanding
            try world.session.payEmployerDues(employer: world.employer.id, month: month, amount: owed, receipt: "E-\(text)", channel: .bankTransfer)
        }
    }

    @Test func aWageEarnerIsProtectedWhileTheEmployerPaysOnTime() throws {
        let (worker, membership) = try wageEarner(start: "2025-01-01")
        // Before the first dues fall due (2025-02-15), a wage earner is protected from the start.
        let first = try ask(worker.id, .jkk, on: "2025-01-20")
        #expect(first.verdict == .eligible, "\(first.checks)")
        #expect(detail(first, "dues_paid_on_time") == "the first dues (2025-01) fall due on 2025-02-15, after 2025-01-20; the membership protects from its start")

        try payEmployer(membership, ["2025-01", "2025-02"], unpaid: ["2025-02"])
        #expect(try ask(worker.id, .jkk, on: "2025-03-14").verdict == .eligible, "January, paid on time, carries it to 15 March")
        let march = try ask(worker.id, .jkk, on: "2025-03-20")
        #expect(march.verdict == .notEligible)
        #expect(detail(march, "dues_paid_on_time").hasPrefix("the dues of 2025-02 (Rp"))
        #expect(detail(march, "dues_paid_on_time").hasSuffix("due 2025-03-15) were not paid by 2025-03-20"))
        #expect(march.membership == membership.id)
    }

    @Test(arguments: [
        ([String](), Eligibility.Verdict.eligible, "12 of the 24 months 2023-01 to 2024-12 paid by 2025-01-20 (at least 12 needed); the last 12 paid one after the other (at least 6 needed)"),
        (["2024-03"], .notEligible, "11 of the 24 months 2023-01 to 2024-12 paid by 2025-01-20 (at least 12 needed); the last 9 paid one after the other (at least 6 needed)"),
        (["2024-09"], .notEligible, "11 of the 24 months 2023-01 to 2024-12 paid by 2025-01-20 (at least 12 needed); the last 3 paid one after the other (at least 6 needed)"),
    ])
    func jobLossNeedsTwelveMonthsInTwentyFourAndTheLastSixInARow(unpaid: [String], verdict: Eligibility.Verdict, expected: String) throws {
        let (worker, membership) = try wageEarner(start: "2024-01-01", programs: [.jkk, .jkm, .jht, .jp, .jkp])
        let months = ContributionMonth.range(ContributionMonth("2024-01")!, through: ContributionMonth("2024-12")!).map(\.description)
        try payEmployer(membership, months, unpaid: Set(unpaid))
        let answer = try ask(worker.id, .jkp, on: "2025-01-20")
        let period = try #require(answer.checks.first { $0.rule == "contribution_period" })
        #expect(period.detail == expected)
        #expect(period.source == "PP 37/2021 on JKP, art. 19 (confidence M)")
        #expect(answer.verdict == verdict, "\(answer.checks)")
    }

    // MARK: Old-age savings (JHT)

    @Test func oldAgeSavingsAreClaimableAtFiftySixOrAMonthAfterTheEnd() throws {
        let (young, youngMembership) = try informalMember(serial: 1, withJHT: true, birth: "1985-03-12")
        let (old, _) = try informalMember(serial: 2, withJHT: true, birth: "1968-03-12")
        world.clock.set(day("2025-01-03"))
        for (membership, receipt) in [(youngMembership.id, "R-1"), (try world.session.memberships(of: old.id)[0].id, "R-2")] {
            try world.session.payInformalDues(for: membership, months: 3, amount: 3 * 51_800, receipt: receipt, channel: .eWallet)
        }
        let member = try ask(young.id, .jht, on: "2025-04-01")
        #expect(member.verdict == .notEligible)
        #expect(outcome(member, "savings_paid") == .met && detail(member, "savings_paid") == "3 month(s) of dues with JHT paid by 2025-04-01")
        #expect(detail(member, "claim_condition").hasPrefix("aged 40 (claimable at 56) and still a member"))
        #expect(try ask(old.id, .jht, on: "2025-04-01").verdict == .eligible, "aged 57")

        try world.session.endMembership(youngMembership.id, on: day("2025-03-31"), reason: .withdrawn)
        let soon = try ask(young.id, .jht, on: "2025-04-10")
        #expect(soon.verdict == .notEligible && detail(soon, "claim_condition") == "the last membership with JHT ended on 2025-03-31, 10 day(s) before 2025-04-10 (30 needed)")
        #expect(try ask(young.id, .jht, on: "2025-05-01").verdict == .eligible)
    }

    // MARK: The audit of answers

    @Test func everyAnswerIsRecordedWithWhoAskedAndNoNIK() throws {
        let (worker, membership) = try informalMember()
        try world.session.payInformalDues(for: membership.id, months: 1, amount: 21_800, receipt: "R-1", channel: .eWallet)
        world.clock.set(day("2025-02-03"))
        let answer = try ask(worker.id, .jkk, on: "2025-01-20")
        let row = try #require(try world.db.fetchOne("SELECT * FROM eligibility_answers WHERE id = ?", answer.answerID))
        #expect(try row.get("worker_id", as: Int64.self) == worker.id.rawValue)
        #expect(try row.get("program_code", as: String.self) == "JKK")
        #expect(try row.get("incident_date", as: String.self) == "2025-01-20")
        #expect(try row.get("verdict", as: String.self) == "eligible")
        #expect(try row.get("asked_by", as: String.self) == "claims:dewi")
        #expect(try row.get("asked_at", as: Date.self) == world.clock.now)
        let reasons = try row.get("reasons", as: String.self)
        #expect(try JSONDecoder().decode([EligibilityCheck].self, from: Data(reasons.utf8)) == answer.checks)
        let everything = try world.db.fetchValue(String.self, "SELECT group_concat(reasons || asked_by) FROM eligibility_answers") ?? ""
        #expect(!everything.contains(worker.nik.digits))

        // Append-only, and never without someone who asked.
        for sql in ["UPDATE eligibility_answers SET verdict = 'not_eligible'", "DELETE FROM eligibility_answers"] {
            let error = try #require(throws: SQLiteError.self) { try world.db.execute(sql) }
            #expect(error.message.contains("eligibility_answers is an audit trail"))
        }
        let anonymous = try #require(throws: RegistryError.self) {
            try world.session.eligibility(of: worker.id, program: .jkk, on: day("2025-01-20"))
        }
        #expect(anonymous.field == "actor")
        #expect(try world.db.fetchValue(Int.self, "SELECT count(*) FROM eligibility_answers") == 1)
    }

    @Test func theRegistryAsksInItsOwnWrite() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("eligibility-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let world = try FileWorld(at: directory.appendingPathComponent("r.sqlite").path, clock: TestClock(day("2025-01-02")))
        let registry = world.registry
        let worker = try registry.write(actor: "clerk") { session in
            try session.register(NewWorker(nik: nik("3214011203850001"), fullName: "Budi", birthDate: day("1985-03-12"),
                                           sex: .male, village: FileWorld.village, branchOffice: world.branch))
        }
        let answer = try registry.eligibility(of: worker.id, program: .jkk, on: day("2025-01-20"), askedBy: "claims:dewi")
        #expect(answer.verdict == .notEligible)
        #expect(try registry.read { try $0.connection.fetchValue(String.self, "SELECT asked_by FROM eligibility_answers") } == "claims:dewi")
    }
}
