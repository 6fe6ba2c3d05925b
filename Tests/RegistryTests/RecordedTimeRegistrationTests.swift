import Registry
import SQLiteDB
import Testing

/// As known on a day (recorded time), the register holds the memberships registered by the end
/// of that Jakarta day, not those registered later with an earlier start date (0033). Valid time
/// (everything known now) holds both.
@Suite struct RecordedTimeRegistrationTests {
    /// Two informal members starting on 1 January, neither paying: one registered on 2 January,
    /// the other on 10 April, backdated.
    private static func world() throws -> (world: DomainWorld, early: Membership.ID, late: Membership.ID, lateWorker: Worker.ID) {
        let world = try DomainWorld(today: day("2025-01-02"))
        let session = world.session
        let early = try session.enrol(.informal(worker: try world.register(serial: 1).id, declaredIncome: 1_500_000,
                                                startDate: day("2025-01-01"))).id
        world.clock.set(day("2025-04-10"))
        let lateWorker = try world.register(serial: 2).id
        let late = try session.enrol(.informal(worker: lateWorker, declaredIncome: 1_500_000,
                                               startDate: day("2025-01-01"))).id
        try session.refreshStanding()
        return (world, early, late, lateWorker)
    }

    @Test func theLibraryLeavesOutAMembershipRegisteredAfterTheDay() throws {
        let (world, early, late, lateWorker) = try Self.world()
        let session = world.session
        let date = day("2025-03-31")

        // As known on 31 March: only the early membership.
        #expect(throws: RegistryError.notFound(field: "membership_id", value: late.description)) {
            try session.status(of: late, on: date, asKnownOn: date)
        }
        #expect(try session.status(of: early, on: date, asKnownOn: date).state == .inArrears)
        #expect(try session.membershipStatuses(on: date, asKnownOn: date).map(\.membership) == [early])
        #expect(try session.statuses(ofWorker: lateWorker, on: date, asKnownOn: date).isEmpty)
        let informal = { (counts: [SegmentStatusCount]) in counts.first { $0.segment == .informal }! }
        #expect(informal(try session.statusCounts(on: date, asKnownOn: date)).memberships == 1)
        #expect(try session.arrears(on: date, asKnownOn: date).map(\.membership) == [early])

        // As known on the day it was registered (the end of that Jakarta day), and now: both.
        let registered = day("2025-04-10")
        #expect(try session.status(of: late, on: date, asKnownOn: registered).state == .inArrears)
        #expect(try session.membershipStatuses(on: date, asKnownOn: registered).map(\.membership) == [early, late])
        #expect(informal(try session.statusCounts(on: date, asKnownOn: registered)).memberships == 2)
        #expect(try session.arrears(on: date, asKnownOn: registered).map(\.membership) == [early, late])
        #expect(informal(try session.statusCounts(on: date)).memberships == 2)
        #expect(Set(try session.arrears(on: date).map(\.membership)) == [early, late])
        #expect(try session.status(of: late, on: date).state == .inArrears)
    }

    @Test func theViewsLeaveOutAMembershipRegisteredAfterTheirKnownOnDay() throws {
        let (world, early, late, _) = try Self.world()
        let db = world.db
        try setReportDate(db, "2025-03-31")
        func ids(_ view: String) throws -> [Int64] {
            try db.fetchValues(Int64.self, "SELECT membership_id FROM \(view) ORDER BY membership_id")
        }
        try setKnownOn(db, "2025-03-31")
        #expect(try ids("membership_status") == [early.rawValue])
        #expect(try ids("arrears") == [early.rawValue])
        #expect(try db.fetchValue(Int64.self, "SELECT in_arrears FROM segment_status_counts WHERE segment_code = 'informal'") == 1)
        try setKnownOn(db, "2025-04-10")
        #expect(try ids("membership_status") == [early.rawValue, late.rawValue])
        #expect(try ids("arrears") == [early.rawValue, late.rawValue])
        try setKnownOn(db, nil)
        #expect(try ids("membership_status") == [early.rawValue, late.rawValue])
        #expect(try db.fetchValue(Int64.self, "SELECT in_arrears FROM segment_status_counts WHERE segment_code = 'informal'") == 2)
    }
}
