import Registry
import SQLiteDB
import Testing

/// `status(of:on:)` must give what the view `membership_status` gives with report_as_of at the
/// same date, for every membership of the fixture and dates around every event in its ledger.
@Suite struct StatusConsistencyTests {
    static let dates = [
        "2023-12-31", "2024-01-01", "2024-12-15", "2024-12-16", "2025-01-01", "2025-01-05", "2025-01-06",
        "2025-01-15", "2025-01-16", "2025-02-02", "2025-02-15", "2025-02-16", "2025-03-31", "2025-04-01",
        "2025-04-10", "2025-04-11", "2025-04-13", "2025-04-16", "2025-05-14", "2025-05-15", "2025-05-16",
        "2025-06-15", "2025-06-16", "2025-06-20", "2025-06-21", "2025-07-01", "2025-07-16", "2025-12-31", "2026-02-01",
    ]

    @Test func swiftStatusMatchesTheViewOnEveryDate() throws {
        let db = try fixtureDatabase()
        let session = RegistrySession(db)
        let memberships = try db.fetchValues(Membership.ID.self, "SELECT id FROM memberships ORDER BY id")
        #expect(memberships.count == 7)
        var states = Set<MembershipStatus.State>()
        for date in Self.dates {
            try setReportDate(db, date)
            for id in memberships {
                let view = try #require(try db.fetchOne(
                    "SELECT status, unpaid_months, last_paid_month FROM membership_status WHERE membership_id = ?", id))
                let swift = try session.status(of: id, on: day(date))
                #expect(swift.state.rawValue == (try view.get("status", as: String.self)), "membership \(id) on \(date)")
                #expect(swift.unpaidMonths == (try view.get("unpaid_months", as: Int.self)), "membership \(id) on \(date)")
                #expect(swift.lastPaidMonth?.description == (try view.get("last_paid_month", as: String?.self)),
                        "membership \(id) on \(date)")
                states.insert(swift.state)
            }
        }
        #expect(states == Set(MembershipStatus.State.allCases), "the dates exercise every state")
    }

    @Test func fixtureStatusesAtTheFixtureDate() throws {
        let session = RegistrySession(try fixtureDatabase())
        let expected: [(Int64, MembershipStatus.State, Int)] = [
            (1, .active, 0), (2, .inArrears, 3), (3, .lapsed, 5), (4, .inArrears, 1), (5, .ended, 1),
            (6, .notStarted, 0), (7, .active, 0),
        ]
        for (id, state, unpaid) in expected {
            let status = try session.status(of: Membership.ID(id), on: day(SchemaFixture.asOf))
            #expect(status.state == state, "membership \(id)")
            #expect(status.unpaidMonths == unpaid, "membership \(id)")
        }
    }

    @Test func unknownMembershipIsNotFound() throws {
        let session = RegistrySession(try fixtureDatabase())
        #expect(registryError { _ = try session.status(of: Membership.ID(99), on: day("2025-01-01")) }
            == .notFound(field: "membership_id", value: "99"))
    }
}
