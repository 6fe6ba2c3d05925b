import Registry
import SQLiteDB
import Testing

/// Coverage and achievement of a registry built only through the domain API: registered is not
/// active, and both follow the ledger.
@Suite struct CoverageThroughTheAPITests {
    @Test func registeredAndActiveParticipantsAgainstLabourForceAndTarget() throws {
        let world = try DomainWorld()
        let session = world.session
        let purwakarta = try RegionCode("32.14")
        try session.recordLabourForce(year: 2024, area: purwakarta, employed: 7, unemployed: 1, source: "test")
        let target = try session.addTarget(NewTarget(area: .office(code: "KC-PWK"), segment: .informal, kind: .headCount,
                                                     value: 2, periodStart: day("2025-01-01"), periodEnd: day("2025-12-31")))
        var memberships: [Membership] = []
        for serial in 1...3 {
            let worker = try world.register(serial: serial)
            memberships.append(try session.enrol(.informal(worker: worker.id, declaredIncome: 1_000_000, startDate: day("2025-01-01"))))
        }
        _ = try world.register(serial: 4)                       // registered, never enrolled: not a participant
        try session.issueBills(for: month("2025-01"))
        try session.payInformalDues(for: memberships[0].id, months: 1, amount: 16_800, receipt: "R-1", channel: .agent)

        let coverage = try session.coverage(of: .regency(purwakarta), on: day("2025-01-20"))
        #expect(coverage.labourForce == 8 && coverage.participants == 3 && coverage.activeParticipants == 1)
        #expect(coverage.basisPoints == 3750 && coverage.activeBasisPoints == 1250)
        let informal = try session.coverage(of: .office(code: "KC-PWK"), on: day("2025-01-20"), segment: .wageEarner)
        #expect(informal.participants == 0)
        let achievement = try #require(try session.targetAchievements(on: day("2025-06-30")).first { $0.targetID == target })
        #expect(achievement.actualValue == 3 && achievement.percentage == 150)

        #expect(registryError { try session.recordLabourForce(year: 2024, area: purwakarta, employed: 1, unemployed: 0) }?
            .field == "year")
        #expect(registryError { _ = try session.addTarget(NewTarget(area: .office(code: "NOPE"), kind: .headCount, value: 1,
                                                                    periodStart: day("2025-01-01"), periodEnd: day("2025-12-31"))) }
            == .notFound(field: "office_code", value: "NOPE"))
    }
}
