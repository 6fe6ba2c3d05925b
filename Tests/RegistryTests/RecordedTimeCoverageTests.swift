import Foundation
import Registry
import SQLiteDB
import Testing

/// Coverage as the register said it on a past day (recorded time) against coverage from
/// everything recorded now (valid time): what was recorded after the day is left out, in the
/// direction the facts say, and as known after everything was recorded the two agree.
@Suite struct RecordedTimeCoverageTests {
    static let purwakarta = try! RegionCode("32.14")
    static let bantul = try! RegionCode("34.02")
    /// The day the audit asks about.
    static let asked = day("2025-03-20")

    /// Two informal members who paid January to March: one recorded on 5 January, the other
    /// made on 10 March and recorded on 25 March. On 20 March both were active (valid time);
    /// the register of 20 March had the second one's three months unpaid: a participant, not
    /// active, until the end of 25 March (Jakarta).
    @Test func aBackdatedPaymentIsActiveOnlyAsKnownAfterItWasRecorded() throws {
        let world = try DomainWorld(today: day("2025-01-01"))
        let session = world.session
        try session.recordLabourForce(year: 2024, area: Self.purwakarta, employed: 90, unemployed: 10, source: "test")
        let onTime = try session.enrol(.informal(worker: try world.register(serial: 1).id, declaredIncome: 1_000_000,
                                                 startDate: day("2025-01-01")))
        let late = try session.enrol(.informal(worker: try world.register(serial: 2).id, declaredIncome: 1_000_000,
                                               startDate: day("2025-01-01")))
        world.clock.set(day("2025-01-05"))
        try session.payInformalDues(for: onTime.id, months: 3, amount: try session.amountOwed(for: onTime.id, months: 3),
                                    receipt: "R-1", channel: .agent)
        world.clock.set(day("2025-03-25"))
        let paidAt = JakartaCalendar.startOfDay(day("2025-03-10")).addingTimeInterval(10 * 3600)
        try session.payInformalDues(for: late.id, months: 3, amount: try session.amountOwed(for: late.id, months: 3),
                                    receipt: "R-2", channel: .agent, paidAt: paidAt)
        try session.refreshStanding()

        let area = CoverageArea.regency(Self.purwakarta)
        let now = try session.coverage(of: area, on: Self.asked)
        #expect(now.participants == 2 && now.activeParticipants == 2 && now.knownOn == nil)
        let said = try session.coverage(of: area, on: Self.asked, asKnownOn: Self.asked)
        #expect(said.participants == 2 && said.activeParticipants == 1, "\(said)")
        #expect(said.knownOn == Self.asked && said.labourForce == 100 && said.activeBasisPoints == 100)
        // The payment was recorded at 10:00 on the 25th, Jakarta: not known the day before, known that day.
        #expect(try session.coverage(of: area, on: Self.asked, asKnownOn: day("2025-03-24")).activeParticipants == 1)
        let recorded = try session.coverage(of: area, on: Self.asked, asKnownOn: day("2025-03-25"))
        #expect(recorded.participants == now.participants && recorded.activeParticipants == now.activeParticipants)
        #expect(try session.coverage(of: area, on: Self.asked, asKnownOn: day("2025-12-31")).activeParticipants == 2)

        // The roll-ups say the same: the regency row, its branch, its regional office, its province.
        let regency = try #require(try session.coverageByRegency(on: Self.asked, asKnownOn: Self.asked)
            .first { $0.regency == Self.purwakarta })
        #expect(regency.coverage == said)
        let branch = try #require(try session.coverageByBranch(on: Self.asked, asKnownOn: Self.asked).first)
        #expect(branch.officeCode == "KC-PWK" && branch.coverage.participants == 2 && branch.coverage.activeParticipants == 1)
        #expect(branch.coverage.knownOn == Self.asked)
        let regional = try #require(try session.coverageByRegionalOffice(on: Self.asked, asKnownOn: Self.asked).first)
        #expect(regional.officeCode == "KW-JABAR" && regional.branches == 1 && regional.coverage.activeParticipants == 1)
        let province = try session.coverage(of: .province(try RegionCode("32")), on: Self.asked, asKnownOn: Self.asked)
        #expect(province.participants == 2 && province.activeParticipants == 1)
        // Known now, the branch counts both as active.
        #expect(try session.coverageByBranch(on: Self.asked).first?.coverage.activeParticipants == 2)
    }

    /// Memberships registered on 25 March, one of them starting in February: on 20 March the
    /// valid-time report counts them, the register of 20 March did not hold them. A worker
    /// already counted through an older membership stays counted once.
    @Test func aMembershipRegisteredAfterTheDayIsNotCountedAsKnownOnIt() throws {
        let world = try DomainWorld(today: day("2025-01-01"))
        let session = world.session
        let budi = try world.register(serial: 1)
        try session.enrol(.informal(worker: budi.id, declaredIncome: 1_000_000, startDate: day("2025-01-01")))
        world.clock.set(day("2025-03-25"))
        let agus = try session.register(NewWorker(
            nik: nik("3402010101800003"), fullName: "Agus Wibowo", birthDate: day("1980-01-01"), sex: .male,
            village: DomainWorld.bantulVillage, branchOffice: world.branch.id))
        try session.enrol(.informal(worker: agus.id, declaredIncome: 1_000_000, startDate: day("2025-02-01")))
        try session.enrol(.wageEarner(worker: budi.id, employer: world.employer.id, wage: 5_000_000,
                                      startDate: day("2025-03-01"), programs: [.jkk, .jkm, .jht, .jp]))
        try session.refreshStanding()

        func participants(_ regency: RegionCode, segment: Segment? = nil, knownOn: CalendarDate?) throws -> Int {
            let rows = try knownOn.map { try session.coverageByRegency(on: Self.asked, asKnownOn: $0, segment: segment) }
                ?? session.coverageByRegency(on: Self.asked, segment: segment)
            return try #require(rows.first { $0.regency == regency }).coverage.participants
        }
        // Valid time: Agus in Bantul; Budi once in Purwakarta, and in each of his two segments.
        #expect(try participants(Self.bantul, knownOn: nil) == 1)
        #expect(try participants(Self.purwakarta, knownOn: nil) == 1)
        #expect(try participants(Self.purwakarta, segment: .wageEarner, knownOn: nil) == 1)
        // As known on the 20th: no Agus, and Budi's wage-earner membership not yet registered.
        #expect(try participants(Self.bantul, knownOn: Self.asked) == 0)
        #expect(try participants(Self.purwakarta, knownOn: Self.asked) == 1)
        #expect(try participants(Self.purwakarta, segment: .informal, knownOn: Self.asked) == 1)
        #expect(try participants(Self.purwakarta, segment: .wageEarner, knownOn: Self.asked) == 0)
        #expect(try session.coverage(of: .province(try RegionCode("34")), on: Self.asked, asKnownOn: Self.asked).participants == 0)
        // As known on the 25th, when they were registered: as valid time says.
        #expect(try participants(Self.bantul, knownOn: day("2025-03-25")) == 1)
        #expect(try participants(Self.purwakarta, segment: .wageEarner, knownOn: day("2025-03-25")) == 1)
        #expect(try session.coverage(of: .province(try RegionCode("34")), on: Self.asked, asKnownOn: day("2025-03-25"))
            .participants == 1)
    }

    /// The area is checked as the valid-time report checks it.
    @Test func anAreaOfTheWrongLevelOrUnknownIsRefused() throws {
        let world = try DomainWorld()
        let session = world.session
        #expect(registryError { _ = try session.coverage(of: .regency(try RegionCode("32")), on: Self.asked, asKnownOn: Self.asked) }
            == .invalid(field: "regency_code", value: "32", reason: .wrongRegionLevel(expected: .regency)))
        #expect(registryError { _ = try session.coverage(of: .office(code: "NOPE"), on: Self.asked, asKnownOn: Self.asked) }
            == .notFound(field: "office_code", value: "NOPE"))
        #expect(try session.coverage(of: .office(code: "KC-PWK"), on: Self.asked, asKnownOn: Self.asked).participants == 0)
    }
}
