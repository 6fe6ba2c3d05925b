import Foundation
import Registry
import SQLiteDB
import Testing

/// The recorded-time coverage reports on the demo: as known after the demo's clock stopped,
/// they equal the valid-time reports read from the standing tables, for every regency, branch
/// and regional office, at dates across the history; as known before anything was recorded,
/// they count nobody.
@Suite struct DemoRecordedTimeCoverageTests {
    @Test func asKnownAfterEverythingWasRecordedCoverageIsTheValidTimeReport() throws {
        let demo = try DemoFixture.standard.get()
        let session = try demo.session()
        // The demo writes under a historical clock (registered_at, recorded_at): a year after its
        // report date, everything it wrote was recorded.
        let afterEverything = demo.summary.asOf.adding(days: 365)
        let db = session.connection
        let cutoff = JakartaCalendar.startOfDay(afterEverything)
        let cutoffMilliseconds = Int64(cutoff.timeIntervalSince1970 * 1000)
        #expect(try db.fetchValue(String.self, "SELECT max(registered_at) FROM memberships")! < "\(afterEverything.isoString)")
        for table in ["bills", "payment_allocations"] {
            #expect(try db.fetchValue(Int64.self, "SELECT max(recorded_at) FROM \(table)")! < cutoffMilliseconds, "\(table)")
        }
        func figures(_ coverage: Coverage) -> [Int?] {
            [coverage.participants, coverage.activeParticipants, coverage.labourForce.map(Int.init), coverage.labourForceYear]
        }
        var date = CalendarDate(iso: "2024-11-20")!
        var compared = 0, counted = 0
        while date <= demo.summary.asOf.adding(days: 45) {
            defer { date = date.adding(days: 97) }
            for segment in [nil, Segment.informal, .construction] {
                let at: Comment = "on \(date), segment \(segment.map(\.rawValue) ?? "all")"
                let valid = try session.coverageByRegency(on: date, segment: segment)
                let known = try session.coverageByRegency(on: date, asKnownOn: afterEverything, segment: segment)
                #expect(known.map(\.regency) == valid.map(\.regency), at)
                for (k, v) in zip(known, valid) {
                    #expect(figures(k.coverage) == figures(v.coverage), "\(k.regency) \(at)")
                    #expect(k.coverage.knownOn == afterEverything && v.coverage.knownOn == nil)
                }
                counted += valid.reduce(0) { $0 + $1.coverage.participants }
                let branches = try session.coverageByBranch(on: date, segment: segment)
                #expect(try session.coverageByBranch(on: date, asKnownOn: afterEverything, segment: segment)
                    .map { [$0.officeCode] + figures($0.coverage).map { "\($0 as Any)" } }
                    == branches.map { [$0.officeCode] + figures($0.coverage).map { "\($0 as Any)" } }, at)
                let regional = try session.coverageByRegionalOffice(on: date, segment: segment)
                #expect(try session.coverageByRegionalOffice(on: date, asKnownOn: afterEverything, segment: segment)
                    .map { [$0.officeCode] + figures($0.coverage).map { "\($0 as Any)" } }
                    == regional.map { [$0.officeCode] + figures($0.coverage).map { "\($0 as Any)" } }, at)
                if let office = regional.first {
                    let area = CoverageArea.office(code: office.officeCode)
                    #expect(figures(try session.coverage(of: area, on: date, asKnownOn: afterEverything, segment: segment))
                            == figures(try session.coverage(of: area, on: date, segment: segment)), at)
                }
                compared += 1
            }
        }
        #expect(compared >= 24)
        #expect(counted > 1_000, "the dates see the demo's members, so equal figures are not zeros")

        // Control: as known before the demo's first month, nobody was registered.
        let before = demo.summary.firstMonth.firstDay.adding(days: -1)
        let valid = try session.coverageByRegency(on: demo.summary.asOf)
        let known = try session.coverageByRegency(on: demo.summary.asOf, asKnownOn: before)
        #expect(valid.contains { $0.coverage.participants > 0 })
        #expect(known.allSatisfy { $0.coverage.participants == 0 && $0.coverage.activeParticipants == 0 })
    }
}
