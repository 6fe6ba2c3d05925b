import Registry
import SQLiteDB
import Testing

@Suite struct WorkerRegistrationTests {
    @Test func registersAndIssuesSequentialCheckedKPJs() throws {
        let world = try DomainWorld()
        let first = try world.register(serial: 1)
        let second = try world.register(serial: 2, name: "Siti Aminah", birth: "1990-07-05", sex: .female)
        #expect(first.kpj == KPJ(serial: 1_000_000_000))
        #expect(second.kpj == KPJ(serial: 1_000_000_001))
        #expect(try world.session.worker(nik: second.nik)?.fullName == "Siti Aminah")
        #expect(try world.session.worker(kpj: first.kpj)?.id == first.id)
        #expect(first.registeredAt == world.clock.now)
    }

    @Test func duplicateNIKNamesTheMemberHoldingIt() throws {
        let world = try DomainWorld()
        let existing = try world.register(serial: 1, name: "Budi Santoso")
        var again = world.newWorker(serial: 1, name: "Someone Else")
        again.phone = "081234567890"
        let error = registryError { _ = try world.session.register(again) }
        #expect(error == .duplicate(field: "nik", value: existing.nik.masked, existing: .record("KPJ \(existing.kpj), Budi Santoso")))
        #expect(error?.description.contains(existing.nik.digits) == false)
        #expect(try world.db.fetchValue(Int.self, "SELECT count(*) FROM workers") == 1)
    }

    @Test func nikContradictingTheBirthDateIsRefusedNamingBothValues() throws {
        let world = try DomainWorld()
        var worker = world.newWorker(serial: 1, birth: "1985-03-12")
        worker.birthDate = day("1985-03-13")
        let error = registryError { _ = try world.session.register(worker) }
        #expect(error == .identityMismatch(field: "birth_date", nikSays: "12-03-85 (DD-MM-YY)", recorded: "1985-03-13 (13-03-85)"))
    }

    @Test func nikContradictingTheSexIsRefused() throws {
        let world = try DomainWorld()
        var worker = world.newWorker(serial: 1, birth: "1992-05-15", sex: .female)
        worker.sex = .male
        let error = registryError { _ = try world.session.register(worker) }
        #expect(error == .identityMismatch(field: "sex", nikSays: "female (birth day written as 55)", recorded: "male"))
    }

    @Test func nikFromAnUnknownDistrictIsRefused() throws {
        let world = try DomainWorld()
        var worker = world.newWorker(serial: 1)
        worker.nik = nik("3214021203850001")       // district 32.14.02 is not in the region table
        let error = registryError { _ = try world.session.register(worker) }
        #expect(error?.field == "nik")
        #expect(error?.description.contains("32.14.02") == true)
    }

    @Test func unknownVillageBranchAndInactiveAgentAreRefused() throws {
        let world = try DomainWorld()
        var worker = world.newWorker(serial: 1)
        worker.village = try RegionCode("32.14.01.2999")
        #expect(registryError { _ = try world.session.register(worker) } == .notFound(field: "village_code", value: "32.14.01.2999"))
        worker = world.newWorker(serial: 1)
        worker.branchOffice = world.regionalOffice.id
        #expect(registryError { _ = try world.session.register(worker) }?.field == "branch_office_id")
        worker = world.newWorker(serial: 1, agent: world.agent.id)
        worker.registeredAt = JakartaCalendar.startOfDay(day("2017-12-31"))
        #expect(registryError { _ = try world.session.register(worker) }?.field == "registered_by_agent_id")
    }

    @Test func birthDateInTheFutureIsRefused() throws {
        let world = try DomainWorld(today: day("2025-01-02"))
        let worker = world.newWorker(serial: 1, birth: "2025-03-12")
        #expect(registryError { _ = try world.session.register(worker) }?.field == "birth_date")
    }

    @Test func bulkRegistrationIsAllOrNothing() throws {
        let world = try DomainWorld()
        var bad = world.newWorker(serial: 3)
        bad.fullName = "   "
        let batch = [world.newWorker(serial: 1), world.newWorker(serial: 2), bad]
        #expect(registryError { _ = try world.session.register(batch) } == .invalid(field: "full_name", value: "   ", reason: "is empty"))
        #expect(try world.db.fetchValue(Int.self, "SELECT count(*) FROM workers") == 0)
        #expect(try world.session.register(Array(batch.prefix(2))).count == 2)
    }

    @Test func namesWithSQLMetacharactersAreStoredVerbatimAndFound() throws {
        let world = try DomainWorld()
        let name = "Robert'); DROP TABLE workers;-- 100%_sure"
        _ = try world.register(serial: 1, name: name)
        _ = try world.register(serial: 2, name: "Robert 100x sure")
        #expect(try world.session.workers(named: "100%_").map(\.fullName) == [name])
        #expect(try world.session.workers(named: "robert").count == 2)
        #expect(try world.db.fetchValue(Int.self, "SELECT count(*) FROM workers") == 2)
    }
}
