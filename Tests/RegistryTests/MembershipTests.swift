import Registry
import SQLiteDB
import Testing

@Suite struct MembershipTests {
    @Test func informalIncomeBelowTheFloorIsRefusedWithTheDues() throws {
        let world = try DomainWorld()
        let worker = try world.register(serial: 1)
        let error = registryError {
            _ = try world.session.enrol(.informal(worker: worker.id, declaredIncome: 900_000, startDate: day("2025-01-01")))
        }
        #expect(error == .incomeBelowFloor(declared: 900_000, floor: 1_000_000, dues: 15_800, minimumDues: 16_800))
        #expect(error?.description == "declared_income: declared income Rp900.000 is below the Rp1.000.000 floor for informal workers (the minimum monthly dues, Rp16.800, are those of the floor)")
        #expect(try world.db.fetchValue(Int.self, "SELECT count(*) FROM memberships") == 0)
    }

    @Test func informalMembershipWithOptionalJHT() throws {
        let world = try DomainWorld()
        let worker = try world.register(serial: 1)
        let membership = try world.session.enrol(
            .informal(worker: worker.id, declaredIncome: 1_000_000, startDate: day("2025-01-01"), withJHT: true))
        #expect(membership.programs == [.jkk, .jkm, .jht])
        #expect(membership.payer == .self)
        #expect(try world.session.memberships(of: worker.id) == [membership])
    }

    @Test func programsOutsideTheMatrixAreRefusedWithTheReason() throws {
        let world = try DomainWorld()
        let worker = try world.register(serial: 1)
        var bpu = NewMembership.informal(worker: worker.id, declaredIncome: 1_000_000, startDate: day("2025-01-01"))
        bpu.programs.insert(.jp)
        let error = registryError { _ = try world.session.enrol(bpu) }
        guard case .programNotAllowed(.jp, .informal, let reason)? = error else {
            Issue.record("expected JP refused for BPU, got \(String(describing: error))")
            return
        }
        #expect(reason.description.contains("1 January 2025"))   // a date in prose, as the sentence writes it
        bpu.programs = [.jkk]
        #expect(registryError { _ = try world.session.enrol(bpu) } == .programMissing(
            program: .jkm, segment: .informal, reason: "every member in informal workers (BPU) must join it"))
    }

    @Test func wageEarnersNeedTheProgramsOfTheirEmployersSizeClass() throws {
        let world = try DomainWorld()
        let worker = try world.register(serial: 1)
        let start = day("2025-03-01")
        let missingJP = NewMembership.wageEarner(worker: worker.id, employer: world.employer.id, wage: 6_000_000,
                                                 startDate: start, programs: [.jkk, .jkm, .jht])
        #expect(registryError { _ = try world.session.enrol(missingJP) } == .programMissing(
            program: .jp, segment: .wageEarner, reason: "every member in wage earners (PU) at a medium employer must join it"))
        var full = missingJP
        full.programs = [.jkk, .jkm, .jht, .jp]
        let membership = try world.session.enrol(full)
        #expect(membership.employer == world.employer.id && membership.payer == .employer)
        #expect(membership.declaredIncome == 6_000_000)
    }

    @Test func jkpFollowsEligibility() throws {
        let world = try DomainWorld()
        let young = try world.register(serial: 1, birth: "1990-01-01")
        let old = try world.register(serial: 2, birth: "1970-01-01")
        let start = day("2025-03-01")
        let programs: Set<Program> = [.jkk, .jkm, .jht, .jp]
        let eligible = JKPEligibility(isIndonesianCitizen: true, isEnrolledInNationalHealthInsurance: true)

        var request = NewMembership.wageEarner(worker: young.id, employer: world.employer.id, wage: 6_000_000,
                                               startDate: start, programs: programs.union([.jkp]))
        #expect(registryError { _ = try world.session.enrol(request) } == .programNotAllowed(
            program: .jkp, segment: .wageEarner, reason: "JKP eligibility (citizenship, JKN enrolment) was not given"))

        request.programs = programs
        request.jkp = eligible
        #expect(registryError { _ = try world.session.enrol(request) }?.value == "JKP")

        request.jkp = JKPEligibility(isIndonesianCitizen: true, isEnrolledInNationalHealthInsurance: false)
        _ = try world.session.enrol(request)          // not in JKN: JKP neither required nor allowed

        var older = NewMembership.wageEarner(worker: old.id, employer: world.employer.id, wage: 6_000_000,
                                             startDate: start, programs: programs.union([.jkp]), jkp: eligible)
        #expect(registryError { _ = try world.session.enrol(older) } == .programNotAllowed(
            program: .jkp, segment: .wageEarner, reason: "the member is 55 at registration; JKP is for members under 54"))
        older.programs = programs
        #expect(try world.session.enrol(older).programs == programs)
    }

    @Test func overlappingMembershipsInOneSegmentAreRefused() throws {
        let world = try DomainWorld()
        let worker = try world.register(serial: 1)
        let first = try world.session.enrol(.informal(worker: worker.id, declaredIncome: 1_000_000, startDate: day("2025-01-01")))
        let error = registryError {
            _ = try world.session.enrol(.informal(worker: worker.id, declaredIncome: 1_000_000, startDate: day("2025-06-01")))
        }
        #expect(error?.field == "start_date")
        #expect(error?.description.contains("overlaps membership \(first.id)") == true)
        try world.session.endMembership(first.id, on: day("2025-05-31"), reason: .withdrawn)
        _ = try world.session.enrol(.informal(worker: worker.id, declaredIncome: 1_000_000, startDate: day("2025-06-01")))
    }

    @Test func partiesMustFitTheSegment() throws {
        let world = try DomainWorld()
        let worker = try world.register(serial: 1)
        var request = NewMembership.informal(worker: worker.id, declaredIncome: 1_000_000, startDate: day("2025-01-01"))
        request.payer = .employer
        #expect(registryError { _ = try world.session.enrol(request) }?.field == "payer")
        request.payer = .localGovernment
        _ = try world.session.enrol(request)
        let wage = NewMembership(worker: worker.id, segment: .wageEarner, startDate: day("2025-01-01"), payer: .employer,
                                 programs: [.jkk, .jkm, .jht, .jp], declaredIncome: 5_000_000)
        #expect(registryError { _ = try world.session.enrol(wage) }?.field == "employer_id")
    }

    @Test func declaredIncomeChangesAreCheckedAgainstTheFloor() throws {
        let world = try DomainWorld()
        let worker = try world.register(serial: 1)
        let membership = try world.session.enrol(.informal(worker: worker.id, declaredIncome: 1_500_000, startDate: day("2025-01-01")))
        #expect(registryError { try world.session.changeDeclaredIncome(of: membership.id, to: 999_999) }?.field == "declared_income")
        try world.session.changeDeclaredIncome(of: membership.id, to: 2_000_000)
        #expect(try world.session.membership(membership.id)?.declaredIncome == 2_000_000)
    }
}
