import Foundation
import Registry
import RegistryDemo
import SQLiteDB
import Testing

@Suite struct DemoRegistryTests {
    private func standard() throws -> BuiltDemo { try DemoFixture.standard.get() }

    @Test func sameSeedBuildsTheSameRegisterAnotherSeedAnotherOne() throws {
        let first = try standard()
        let again = try DemoFixture.build(workers: 400, seed: 2026, name: "again")
        let other = try DemoFixture.build(workers: 400, seed: 7, name: "other")
        defer { DemoFixture.remove(again.path); DemoFixture.remove(other.path) }
        let (a, b, c) = (try DemoFixture.dump(first.path), try DemoFixture.dump(again.path), try DemoFixture.dump(other.path))
        #expect(a.keys.sorted() == b.keys.sorted())
        for table in a.keys.sorted() {
            #expect(a[table] == b[table], "table \(table) differs between two builds with one seed")
        }
        #expect((a["workers"]?.count ?? 0) > 0)
        #expect(a["workers"] != c["workers"])
        #expect(a["bills"] != c["bills"])   // (bill_lines is a view since 0026: the bills hold their dues)
    }

    @Test func refusesAnExistingFile() throws {
        let path = DemoFixture.temporaryPath("exists")
        #expect(FileManager.default.createFile(atPath: path, contents: Data("keep".utf8)))
        defer { DemoFixture.remove(path) }
        #expect(throws: DemoError.fileExists(path: path)) {
            try DemoRegistry.build(at: path, options: DemoOptions(workers: 400))
        }
        #expect(FileManager.default.contents(atPath: path) == Data("keep".utf8))
    }

    @Test func purwakartaHas192VillagesAndBantul75() throws {
        let demo = try standard()
        do {
            let session = try demo.session()
            let db = session.connection
            func villages(_ regency: String, _ prefix: String = "") -> Int {
                (try? db.fetchValue(Int.self, "SELECT count(*) FROM villages WHERE code LIKE ?", "\(regency).__.\(prefix)%")) ?? nil ?? -1
            }
            #expect(villages("32.14") == 192)
            #expect(villages("32.14", "1") == 9)      // kelurahan
            #expect(villages("32.14", "2") == 183)    // desa
            #expect(villages("34.02") == 75)
            #expect(try session.regions(in: RegionCode("32.14")).count == 17)
            #expect(try session.regions(in: RegionCode("34.02")).count == 17)
            #expect(try session.region(RegionCode("32.14.13"))?.name == "Bungursari")
        }
    }

    @Test func everySegmentSizeClassAndRiskGroupIsPresent() throws {
        let demo = try standard()
        do {
            let session = try demo.session()
            let db = session.connection
            for segment in Segment.allCases {
                #expect((demo.summary.membershipsBySegment[segment] ?? 0) > 0, "no \(segment)")
            }
            let sizes = Set(try db.fetchValues(String.self, "SELECT DISTINCT size_class FROM employers"))
            #expect(sizes == Set(EmployerSizeClass.allCases.map(\.rawValue)))
            let risks = Set(try db.fetchValues(String.self, "SELECT DISTINCT jkk_risk_group FROM employers"))
            #expect(risks == Set(RiskGroup.allCases.map(\.rawValue)))
            #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM employers WHERE labour_intensive = 1") ?? 0 > 0)
            #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM workers WHERE registered_by_agent_id IS NOT NULL") ?? 0 > 0)
            #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM construction_projects") ?? 0 > 0)
            let kinds = Set(try db.fetchValues(String.self, "SELECT DISTINCT kind FROM offices"))
            #expect(kinds == Set(OfficeKind.allCases.map(\.rawValue)))
        }
    }

    @Test func everyNIKIsValidAndMatchesItsWorker() throws {
        let demo = try standard()
        do {
            let session = try demo.session()
            let db = session.connection
            let districts = Set(try db.fetchValues(String.self, "SELECT code FROM districts"))
            let rows = try db.fetchAll("SELECT nik, birth_date, sex FROM workers ORDER BY id")
            #expect(rows.count == demo.summary.workers)
            var seen = Set<String>()
            for row in rows {
                let nik = try NIK(try row.get(0, as: String.self))
                let birth: CalendarDate = try row.get(1)
                #expect(nik.encodes(birthDate: birth))
                #expect(nik.sex == (try row.get(2, as: Sex.self)))
                #expect(districts.contains(nik.districtCode.code))
                #expect(seen.insert(nik.digits).inserted)
            }
            #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM worker_identity_issues") == 0)
        }
    }

    @Test func everyStatusAppearsAtTheAsOfDate() throws {
        let demo = try standard()
        let counts = try demo.session().statusCounts(on: demo.summary.asOf)
        let total = { (state: KeyPath<SegmentStatusCount, Int>) in counts.map { $0[keyPath: state] }.reduce(0, +) }
        #expect(total(\.active) > 0)
        #expect(total(\.inArrears) > 0)
        #expect(total(\.lapsed) > 0)
        #expect(total(\.ended) > 0)
        #expect(total(\.notStarted) > 0)
        #expect(total(\.memberships) == demo.summary.memberships)
    }

    @Test func theFileIsSoundAndPaymentsCoverTheirAllocations() throws {
        let demo = try standard()
        do {
            let session = try demo.session()
            let db = session.connection
            #expect(try db.integrityCheck().isEmpty)
            #expect(try db.foreignKeyCheck().isEmpty)
            #expect(try db.fetchValue(Int.self, """
                SELECT count(*) FROM payments p
                WHERE (SELECT coalesce(sum(amount), 0) FROM payment_allocations WHERE payment_id = p.id) > p.amount
                """) == 0)
            #expect(try db.fetchValue(Int.self, """
                SELECT count(*) FROM bills b
                WHERE (SELECT coalesce(sum(amount), 0) FROM payment_allocations WHERE bill_id = b.id)
                    > (SELECT coalesce(sum(amount), 0) FROM bill_lines WHERE bill_id = b.id)
                """) == 0)
            #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM bill_lines WHERE kind = 'late_penalty'") ?? 0 > 0)
            #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM bill_lines WHERE reverses_id IS NOT NULL") ?? 0 > 0)
        }
    }

    /// The history is written under a historical clock: nothing is stamped after the as-of date
    /// or before the register went live.
    @Test func everyStampLiesInTheHistory() throws {
        let demo = try standard()
        let first = JakartaCalendar.startOfDay(demo.summary.firstMonth.firstDay)
        let last = JakartaCalendar.startOfDay(demo.summary.asOf.adding(days: 1))
        do {
            let session = try demo.session()
            let db = session.connection
            for (table, column) in [("workers", "registered_at"), ("memberships", "registered_at"),
                                    ("employers", "registered_at"), ("bills", "recorded_at"),
                                    ("bill_lines", "recorded_at"), ("payments", "paid_at"),
                                    ("payments", "recorded_at"), ("payment_allocations", "recorded_at")] {
                // The ledger's instants are milliseconds since 1970 (0026, 0027, 0029); the rest ISO text.
                let ledger = column == "recorded_at" || column == "paid_at"
                let stamp = { (sql: String) in
                    ledger ? try db.fetchValue(UnixMilliseconds.self, sql)?.date : try db.fetchValue(Date.self, sql)
                }
                let earliest = try stamp("SELECT min(\(column)) FROM \(table)")
                let latest = try stamp("SELECT max(\(column)) FROM \(table)")
                #expect(earliest.map { $0 >= first } == true, "\(table).\(column) starts at \(String(describing: earliest))")
                #expect(latest.map { $0 < last } == true, "\(table).\(column) ends at \(String(describing: latest))")
            }
        }
    }

    @Test func coverageAndAchievementReportsHaveFigures() throws {
        let demo = try standard()
        do {
            let session = try demo.session()
            let coverage = try session.coverageByRegency(on: demo.summary.asOf)
            let bantul = coverage.first { $0.regency.code == "34.02" }
            #expect(bantul?.coverage.labourForce == Int64(467_890))   // 2025: 456,020 employed + 11,870 unemployed
            #expect((bantul?.coverage.participants ?? 0) > 0)
            let achievements = try session.targetAchievements(on: demo.summary.asOf)
            #expect(achievements.contains { $0.kind == .headCount && ($0.actualValue ?? 0) > 0 })
            #expect(achievements.contains { $0.kind == .coveragePercentage })
        }
    }
}
