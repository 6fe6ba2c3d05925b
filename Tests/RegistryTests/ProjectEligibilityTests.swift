import Foundation
import Registry
import SQLiteDB
import Testing

/// Eligibility of a construction (JAKON) worker: the project's one bill, paid by its contractor,
/// judged by valid time like every other segment's dues.
@Suite struct ProjectEligibilityTests {
    let world: DomainWorld
    let worker: Worker
    let project: ConstructionProject

    init() throws {
        world = try DomainWorld(today: day("2025-02-21"))
        project = try world.session.registerProject(NewConstructionProject(
            contractor: world.employer.id, name: "Jembatan Desa Satu", contractValue: 1_000_000_000,
            workOrderDate: day("2025-02-20"), startDate: day("2025-03-01"), endDate: day("2025-12-31")))
        worker = try world.register(serial: 1)
        try world.session.enrol(NewMembership(
            worker: worker.id, segment: .construction, startDate: day("2025-03-01"), payer: .employer,
            programs: [.jkk, .jkm], project: project.id))
    }

    func ask(_ program: Program, on date: String) throws -> Eligibility {
        try RegistrySchema.recordingActor("claims:dewi", on: world.db) {
            try world.session.eligibility(of: worker.id, program: program, on: day(date))
        }
    }

    func dues(_ answer: Eligibility) -> String {
        let check = answer.checks.first { $0.rule == "dues_paid_on_time" }
        return "\(check?.outcome.rawValue ?? "none"): \(check?.detail ?? "")"
    }

    /// 10:00 in Jakarta on `date`.
    func at(_ date: String) -> Date { JakartaCalendar.startOfDay(day(date)).addingTimeInterval(10 * 3600) }

    @Test func beforeTheDueDateTheWorkersAreProtectedFromTheStart() throws {
        let answer = try ask(.jkk, on: "2025-03-05")
        #expect(answer.verdict == .eligible)
        #expect(dues(answer) == "met: the dues of construction project \(project.id) (Jembatan Desa Satu) fall due on 2025-03-12, after 2025-03-05; the workers are protected from the start")
    }

    @Test func anUnbilledProjectPastItsDueDateProtectsNobody() throws {
        let answer = try ask(.jkk, on: "2025-03-20")
        #expect(answer.verdict == .notEligible)
        #expect(dues(answer) == "not_met: the dues of construction project \(project.id) (Jembatan Desa Satu) were owed by 2025-03-12 and not paid (the project was not billed; its dues are owed whether or not it was)")
    }

    @Test func aProjectPaidOnTimeProtectsItsWorkers() throws {
        world.clock.set(day("2025-04-01"))
        try world.session.payProjectDues(project: project.id, amount: 1_750_000, receipt: "JK-1", channel: .bankTransfer,
                                         paidAt: at("2025-03-10"))
        let answer = try ask(.jkm, on: "2025-06-01")
        #expect(answer.verdict == .eligible, "\(answer.checks)")
        #expect(dues(answer) == "met: the dues of construction project \(project.id) (Jembatan Desa Satu) (Rp1.750.000, due 2025-03-12) were paid by their due date")
    }

    /// Paid late: not protected until the payment, nor on its day (it may follow the incident);
    /// protected from the next day, as the one payment covers the whole project.
    @Test func aLatePaymentProtectsFromTheNextDay() throws {
        world.clock.set(day("2025-03-01"))
        try world.session.issueProjectBill(for: project.id)
        world.clock.set(day("2025-04-01"))
        try world.session.payProjectDues(project: project.id, amount: 1_750_000, receipt: "JK-1", channel: .bankTransfer,
                                         paidAt: at("2025-03-25"))
        let subject = "the dues of construction project \(project.id) (Jembatan Desa Satu) (Rp1.750.000, due 2025-03-12)"
        #expect(dues(try ask(.jkk, on: "2025-03-20")) == "not_met: \(subject) were not paid by 2025-03-20")
        #expect(dues(try ask(.jkk, on: "2025-03-25")) == "not_met: \(subject) were paid late, on 2025-03-25 itself: a payment on the incident's day does not protect it")
        let after = try ask(.jkk, on: "2025-03-26")
        #expect(after.verdict == .eligible)
        #expect(dues(after) == "met: \(subject) were paid late, on 2025-03-25: the workers are protected from the next day")
    }

    /// A payment that bounced (reversed) never paid the project.
    @Test func aReversedPaymentDoesNotProtect() throws {
        world.clock.set(day("2025-04-01"))
        try world.session.payProjectDues(project: project.id, amount: 1_750_000, receipt: "JK-1", channel: .bankTransfer,
                                         paidAt: at("2025-03-10"))
        try world.session.reversePayment(receipt: "JK-1")
        #expect(try ask(.jkk, on: "2025-06-01").verdict == .notEligible)
    }
}
