import Foundation
import Registry
import SQLiteDB
import Testing

/// Published participant counts (0019) through the library: the press figures of domain.md and
/// the coverage they imply, the latest figure on or before a date, corrections and withdrawals,
/// refusals, and the view `coverage_published` against the library.
///
/// Rounding, as for every coverage ratio: count × 10,000 ÷ labour force in basis points, rounded
/// half up (half away from zero), then shown with two decimals: 2523 bp = 25.23%.
@Suite struct PublishedCountTests {
    let world: DomainWorld
    var session: RegistrySession { world.session }
    var db: Connection { world.db }

    static let bantul = try! RegionCode("34.02")
    static let purwakarta = try! RegionCode("32.14")

    init() throws {
        world = try DomainWorld()
    }

    /// `body` under the audit actor a clerk's write carries.
    func asClerk<T>(_ body: () throws -> T) throws -> T {
        try RegistrySchema.recordingActor("clerk:siti", on: db, body)
    }

    @discardableResult
    func record(_ area: CoverageArea, _ date: String, _ count: Int64, measure: PublishedCount.Measure = .registered,
                segment: Segment? = nil, source: String = "BPJS Ketenagakerjaan press release") throws -> PublishedCount {
        try asClerk {
            try session.recordPublishedCount(NewPublishedCount(area: area, segment: segment, measure: measure,
                                                               asOf: day(date), headCount: count, source: source))
        }
    }

    func storedRows() throws -> Int { try db.fetchValue(Int.self, "SELECT count(*) FROM published_counts") ?? -1 }

    // MARK: - Press figures

    /// Bantul, February 2023: labour force 457,718, covered 115,463 = 25.23% (115,463 × 10,000 ÷
    /// 457,718 = 2,522.58… bp, rounded half up to 2,523). The register has no member in Bantul:
    /// it still reports, from the published figure, beside a computed 0.
    @Test func bantulReportsTwentyFivePointTwoThreePercentFromItsPublishedCount() throws {
        try session.recordLabourForce(year: 2023, area: Self.bantul, employed: 445_000, unemployed: 12_718, source: "BPS Sakernas")
        let figure = try record(.regency(Self.bantul), "2023-02-28", 115_463,
                                source: "BPJS Ketenagakerjaan Bantul, press release March 2023")
        #expect(figure.recordedBy == "clerk:siti" && figure.recordedAt == world.clock.now && figure.isCurrent)

        let report = try session.coverageWithPublished(of: .regency(Self.bantul), on: day("2023-02-28"))
        #expect(report.computed.participants == 0 && report.computed.activeParticipants == 0)
        #expect(report.computed.labourForce == 457_718 && report.computed.basisPoints == 0)
        let published = try #require(report.publishedRegistered)
        #expect(published.figure == figure)
        #expect(published.headCount == 115_463)
        #expect(published.labourForce == 457_718 && published.labourForceYear == 2023)
        #expect(published.basisPoints == 2523 && published.percentage == 25.23)
        #expect(report.published(.registered) == published)
        #expect(report.publishedActive == nil, "only a registered count was published")

        // Purwakarta has a member and no published figure: computed, and nothing published.
        let worker = try world.register(serial: 1)
        try session.enrol(.informal(worker: worker.id, declaredIncome: 1_000_000, startDate: day("2023-01-01")))
        let purwakarta = try session.coverageWithPublished(of: .regency(Self.purwakarta), on: day("2023-02-28"))
        #expect(purwakarta.computed.participants == 1)
        #expect(purwakarta.publishedRegistered == nil && purwakarta.publishedActive == nil)
    }

    /// Central Java, November 2021: 3,062,280 covered of 17,835,770 employed + 1,128,223
    /// unemployed = 18,963,993 workers: 1,614.80… bp, 16.15%, against the province's own
    /// labour-force row, not its regencies' (here a much smaller one).
    @Test func centralJavaImpliesSixteenPointOneFivePercentAgainstTheProvinceRow() throws {
        let province = try RegionCode("33"), cilacap = try RegionCode("33.01")
        try session.addRegion(province, name: "Jawa Tengah")
        try session.addRegion(cilacap, name: "Cilacap")
        try session.recordLabourForce(year: 2021, area: province, employed: 17_835_770, unemployed: 1_128_223)
        try session.recordLabourForce(year: 2021, area: cilacap, employed: 1_000, unemployed: 0)
        try record(.province(province), "2021-11-30", 3_062_280, source: "Kanwil Jateng DIY, November 2021")

        let published = try #require(try session.coverageWithPublished(of: .province(province), on: day("2021-11-30")).publishedRegistered)
        #expect(published.labourForce == 18_963_993 && published.labourForceYear == 2021)
        #expect(published.basisPoints == 1615 && published.percentage == 16.15)
        // The regency's own figure is not the province's.
        #expect(try session.coverageWithPublished(of: .regency(cilacap), on: day("2021-11-30")).publishedRegistered == nil)
    }

    /// The national figure of January 2018 (45M registered, 20.4M active) is the head office's;
    /// the half-up rule on an exact half: 1 of 20,000 is 0.5 bp, shown as 0.01%.
    @Test func nationalFiguresAreTheHeadOfficesAndHalvesRoundUp() throws {
        try record(.office(code: "KP"), "2018-01-31", 45_000_000, source: "Head office, January 2018")
        try record(.office(code: "KP"), "2018-01-31", 20_400_000, measure: .active, source: "Head office, January 2018")
        let national = try session.coverageWithPublished(of: .office(code: "KP"), on: day("2018-02-01"))
        #expect(national.publishedRegistered?.headCount == 45_000_000 && national.publishedActive?.headCount == 20_400_000)
        #expect(national.publishedRegistered?.labourForce == nil && national.publishedRegistered?.basisPoints == nil,
                "no labour force recorded: no coverage to imply")

        try session.recordLabourForce(year: 2024, area: Self.bantul, employed: 20_000, unemployed: 0)
        try record(.regency(Self.bantul), "2024-06-30", 1)
        let half = try #require(try session.coverageWithPublished(of: .regency(Self.bantul), on: day("2024-06-30")).publishedRegistered)
        #expect(half.basisPoints == 1 && half.percentage == 0.01)
    }

    // MARK: - Which figure a date gets

    @Test func aDateGetsTheLatestFigureOnOrBeforeItWithTheLabourForceOfTheFiguresOwnDate() throws {
        try session.recordLabourForce(year: 2023, area: Self.bantul, employed: 445_000, unemployed: 12_718)
        try session.recordLabourForce(year: 2024, area: Self.bantul, employed: 500_000, unemployed: 0)
        let february = try record(.regency(Self.bantul), "2023-02-28", 115_463)
        let august = try record(.regency(Self.bantul), "2024-08-31", 130_000, source: "Kanwil press, September 2024")
        let active = try record(.regency(Self.bantul), "2023-06-30", 90_000, measure: .active)
        let informal = try record(.regency(Self.bantul), "2024-12-31", 20_000, segment: .informal)

        func registered(_ date: String, _ segment: Segment? = nil) throws -> PublishedCoverage? {
            try session.coverageWithPublished(of: .regency(Self.bantul), on: day(date), segment: segment).publishedRegistered
        }
        #expect(try registered("2023-02-27") == nil, "nothing published yet")
        #expect(try registered("2023-02-28")?.figure == february)
        // Still February's figure the day before August's, against 2023's labour force though
        // the report's year has 2024's: the coverage February announced.
        let before = try #require(try registered("2024-08-30"))
        #expect(before.figure == february && before.labourForceYear == 2023 && before.basisPoints == 2523)
        #expect(try session.coverage(of: .regency(Self.bantul), on: day("2024-08-30")).labourForceYear == 2024)
        let after = try #require(try registered("2024-08-31"))
        #expect(after.figure == august && after.labourForce == 500_000 && after.basisPoints == 2600)
        // A BPU figure is never taken for all segments, nor an all-segment one for BPU.
        #expect(try registered("2025-01-01")?.figure == august)
        #expect(try registered("2025-01-01", .informal)?.figure == informal)
        #expect(try registered("2024-12-30", .informal) == nil)
        #expect(try registered("2025-01-01", .wageEarner) == nil)
        // Active participants have their own figures and dates.
        let activeOn = { (date: String) in
            try session.coverageWithPublished(of: .regency(Self.bantul), on: day(date)).publishedActive?.figure
        }
        #expect(try activeOn("2023-06-29") == nil)
        #expect(try activeOn("2023-06-30") == active)

        // The listing for reports: one latest figure per area and measure, of the segment asked.
        #expect(try session.publishedCoverage(on: day("2025-01-01")).map(\.figure) == [active, august])
        #expect(try session.publishedCoverage(on: day("2025-01-01"), segment: .informal).map(\.figure) == [informal])
        #expect(try session.publishedCoverage(on: day("2023-02-27")).isEmpty)
    }

    // MARK: - Corrections

    @Test func aCorrectionSupersedesAndAWithdrawalFallsBackToTheFigureBefore() throws {
        let typo = try record(.regency(Self.bantul), "2023-02-28", 115_436)
        let corrected = try asClerk {
            try session.correctPublishedCount(typo.id, with: NewPublishedCount(
                area: .regency(Self.bantul), measure: .registered, asOf: day("2023-02-28"), headCount: 115_463,
                source: "BPJS Ketenagakerjaan press release (digits corrected)"))
        }
        #expect(corrected.supersedes == typo.id)
        #expect(try session.latestPublishedCount(of: .regency(Self.bantul), on: day("2023-03-01"), measure: .registered) == corrected)
        #expect(try session.publishedCounts(of: .regency(Self.bantul)) == [corrected])
        let history = try session.publishedCounts(of: .regency(Self.bantul), includingHistory: true)
        #expect(history.map(\.id) == [typo.id, corrected.id])
        #expect(history.first?.supersededBy == corrected.id && history.first?.headCount == 115_436, "the old row is kept as it was")

        #expect(registryError {
            _ = try asClerk { try session.correctPublishedCount(typo.id, with: NewPublishedCount(
                area: .regency(Self.bantul), measure: .registered, asOf: day("2023-02-28"), headCount: 1, source: "again")) }
        } == .conflict(field: "published_count_id", value: typo.id.description,
                       reason: "is already superseded by figure \(corrected.id); correct that one"))
        #expect(registryError {
            _ = try asClerk { try session.correctPublishedCount(corrected.id, with: NewPublishedCount(
                area: .regency(Self.purwakarta), measure: .registered, asOf: day("2023-02-28"), headCount: 1, source: "moved")) }
        }?.description == "area: 'regency 32.14' is not the area of figure \(corrected.id) (registered participants of regency 34.02, "
            + "all segments): a correction keeps the area, segment and measure; withdraw the figure and record a new one to change them")
        #expect(registryError {
            _ = try asClerk { try session.correctPublishedCount(corrected.id, with: NewPublishedCount(
                area: .regency(Self.bantul), measure: .active, asOf: day("2023-02-28"), headCount: 1, source: "other measure")) }
        }?.field == "measure")

        // A figure that was never published is withdrawn: the date falls back to the one before.
        let estimate = try record(.regency(Self.bantul), "2023-08-31", 120_000, source: "internal estimate")
        let withdrawal = try asClerk { try session.withdrawPublishedCount(estimate.id, reason: "an internal estimate, never published") }
        #expect(withdrawal.isWithdrawal && withdrawal.asOf == estimate.asOf && withdrawal.supersedes == estimate.id)
        #expect(try session.latestPublishedCount(of: .regency(Self.bantul), on: day("2023-09-01"), measure: .registered) == corrected)
        #expect(registryError { _ = try asClerk { try session.withdrawPublishedCount(withdrawal.id, reason: "twice") } }?.field
                == "published_count_id")
        // The withdrawn day is free again; a day with a current figure is not.
        let published = try record(.regency(Self.bantul), "2023-08-31", 121_000, source: "Kanwil press, September 2023")
        #expect(try session.latestPublishedCount(of: .regency(Self.bantul), on: day("2023-09-01"), measure: .registered) == published)
        let duplicate = registryError { _ = try record(.regency(Self.bantul), "2023-02-28", 115_463, source: "the same file again") }
        #expect(duplicate?.field == "as_of")
        #expect(duplicate?.description.contains("already has a published figure of registered participants of regency 34.02, all segments") == true)

        // Every row was audited under the clerk's name.
        let audited = try db.fetchAll("SELECT row_key, operation, actor FROM audit_log WHERE table_name = 'published_counts' ORDER BY id")
            .map { "\(try $0.get(0, as: String.self)) \(try $0.get(1, as: String.self)) \(try $0.get(2, as: String.self))" }
        #expect(audited == [typo, corrected, estimate, withdrawal, published].map { "\($0.id) INSERT clerk:siti" })
    }

    // MARK: - Refusals

    @Test func refusalsNameTheFieldAndStoreNothing() throws {
        let bantul = Self.bantul
        func refusal(_ area: CoverageArea = .regency(Self.bantul), date: String = "2024-12-31", count: Int64 = 1,
                     source: String = "press") -> RegistryError? {
            registryError { _ = try record(area, date, count, source: source) }
        }
        #expect(refusal(count: -1) == .invalid(field: "head_count", value: "-1", reason: "is negative"))
        #expect(refusal(count: 2_000_000_000)?.field == "head_count")
        #expect(refusal(source: "  ") == .invalid(field: "source", value: "  ", reason: "is empty"))
        #expect(refusal(date: "2025-01-03")?.field == "as_of", "after today, 2025-01-02")
        #expect(refusal(.regency(try RegionCode("34.99"))) == .notFound(field: "regency_code", value: "34.99"))
        #expect(refusal(.regency(try RegionCode("34.02.01")))?.field == "regency_code", "a district has no labour force")
        #expect(refusal(.province(bantul)) == .invalid(field: "province_code", value: "34.02", reason: "is not a province code (PP)"))
        #expect(refusal(.office(code: "KC-NOPE")) == .notFound(field: "office_code", value: "KC-NOPE"))
        let noActor = registryError {
            _ = try session.recordPublishedCount(NewPublishedCount(area: .regency(bantul), measure: .registered,
                                                               asOf: day("2024-12-31"), headCount: 1, source: "press"))
        }
        #expect(noActor?.field == "actor")
        #expect(try storedRows() == 0)
        // The same figure, well formed, is stored.
        try record(.regency(bantul), "2024-12-31", 1)
        #expect(try storedRows() == 1)
    }

    /// What the library refuses, the schema refuses too, in a shell session that never turned
    /// foreign keys on.
    @Test func sqlTypedByHandCannotStoreWhatTheLibraryRefuses() throws {
        try db.execute("PRAGMA foreign_keys = OFF")
        defer { try? db.execute("PRAGMA foreign_keys = ON") }
        func insert(_ columns: String, _ values: String) -> String? {
            do {
                try db.execute("INSERT INTO published_counts (\(columns)) VALUES (\(values))")
                return nil
            } catch let error as SQLiteError {
                return error.message
            } catch {
                return "\(error)"
            }
        }
        func insert(_ values: String) -> String? {
            insert("regency_code, measure, as_of, head_count, source, recorded_by", values)
        }
        #expect(insert("'34.02', 'registered', '2023-02-28', 115463, 'press', 'clerk:siti'") == nil, "a valid row")
        #expect(insert("'34.99', 'registered', '2023-02-28', 1, 'press', 'clerk:siti'")?
            .contains("regency_code names no regency or city") == true)
        #expect(insert("regency_code, segment_code, measure, as_of, head_count, source, recorded_by",
                       "'34.02', 'BPU', 'registered', '2023-01-31', 1, 'press', 'clerk:siti'")?
            .contains("segment_code names no segment") == true, "the stored code is informal, not BPU")
        #expect(insert("office_id, measure, as_of, head_count, source, recorded_by", "99, 'active', '2023-01-31', 1, 'press', 'me'")?
            .contains("office_id names no office") == true)
        #expect(insert("'34.02', 'registered', '2023-01-31', -1, 'press', 'me'")?
            .contains("published_head_count_must_not_be_negative") == true)
        #expect(insert("'34.02', 'registered', '2023-01-31', 1, '   ', 'me'")?.contains("published_count_needs_a_source") == true)
        #expect(insert("'34.02', 'insured', '2023-01-31', 1, 'press', 'me'")?
            .contains("published_measure_must_be_registered_or_active") == true)
        #expect(insert("'34.02', 'registered', '2023-01-31', NULL, 'press', 'me'")?
            .contains("only_a_correction_may_withdraw_a_published_count") == true)
        #expect(insert("'34.02', 'registered', '2023-02-28', 115000, 'the same day again', 'me'")?
            .contains("already recorded for this date: supersede it") == true)
        let correction = "regency_code, measure, as_of, head_count, source, recorded_by, supersedes_id"
        #expect(insert(correction, "'32.14', 'registered', '2023-02-28', 1, 'moved', 'me', 1")?
            .contains("a correction keeps the area, segment and measure") == true)
        #expect(insert(correction, "'34.02', 'registered', '2023-02-28', 115464, 'corrected', 'me', 1") == nil)
        #expect(insert(correction, "'34.02', 'registered', '2023-02-28', 115465, 'again', 'me', 1")?
            .contains("already superseded") == true)
        #expect(insert("id, regency_code, measure, as_of, head_count, source, recorded_by",
                       "1, '34.02', 'registered', '2020-01-31', 1, 'replace', 'me'") != nil)
        for statement in ["UPDATE published_counts SET head_count = 1", "DELETE FROM published_counts",
                          "INSERT OR REPLACE INTO published_counts (id, regency_code, measure, as_of, head_count, source, recorded_by) VALUES (1, '34.02', 'registered', '2020-01-31', 1, 'x', 'me')"] {
            #expect(throws: SQLiteError.self, "\(statement)") { try db.execute(statement) }
        }
        #expect(try db.fetchValues(Int64.self, "SELECT head_count FROM published_counts ORDER BY id") == [115_463, 115_464])
    }

    // MARK: - The view

    /// `coverage_published` at a date gives, row for row, what the library reports for the same
    /// area, segment and measure: published figure, date, source, implied coverage, and the
    /// computed count beside it.
    @Test func theViewCoveragePublishedAgreesWithTheLibrary() throws {
        try session.recordLabourForce(year: 2024, area: Self.purwakarta, employed: 90, unemployed: 10)
        try session.recordLabourForce(year: 2023, area: Self.bantul, employed: 445_000, unemployed: 12_718)
        try session.recordLabourForce(year: 2024, area: try RegionCode("34"), employed: 2_000_000, unemployed: 100_000)
        for serial in 1...3 {
            let worker = try world.register(serial: serial)
            let membership = try session.enrol(.informal(worker: worker.id, declaredIncome: 1_000_000, startDate: day("2025-01-01")))
            if serial == 1 {
                try session.issueBills(for: month("2025-01"))
                try session.payInformalDues(for: membership.id, months: 1, amount: 16_800, receipt: "R-1", channel: .agent)
            }
        }
        try record(.regency(Self.purwakarta), "2024-12-31", 40)
        try record(.regency(Self.purwakarta), "2024-12-31", 25, measure: .active)
        try record(.regency(Self.purwakarta), "2024-12-31", 30, segment: .informal)
        try record(.office(code: "KC-PWK"), "2024-06-30", 35)
        try record(.office(code: "KP"), "2024-06-30", 1_000_000, measure: .active)
        try record(.regency(Self.bantul), "2023-02-28", 115_463)
        try record(.province(try RegionCode("34")), "2024-06-30", 500_000)
        world.clock.set(day("2025-03-05"))
        try record(.regency(Self.bantul), "2025-02-28", 116_000)   // after the report date: not yet

        let date = day("2025-01-20")
        try session.refreshStanding()
        try setReportDate(db, date.isoString)
        let view = try db.fetchAll("""
            SELECT area_kind, area_code, segment_code, measure, published_as_of, published_count, published_source,
                   published_labour_force, published_coverage_pct, computed_count, computed_labour_force, computed_coverage_pct
            FROM coverage_published ORDER BY area_kind, area_code, segment_code, measure
            """).map { row in
            [try row.get(0, as: String.self), try row.get(1, as: String.self), try row.get(2, as: String?.self) ?? "all",
             try row.get(3, as: String.self), try row.get(4, as: String.self), String(try row.get(5, as: Int64.self)),
             try row.get(6, as: String.self), "\(try row.get(7, as: Int64?.self) as Any)", "\(try row.get(8, as: Double?.self) as Any)",
             String(try row.get(9, as: Int64.self)), "\(try row.get(10, as: Int64?.self) as Any)", "\(try row.get(11, as: Double?.self) as Any)"]
        }

        var library: [[String]] = []
        for segment in [nil, Segment.informal] {
            for published in try session.publishedCoverage(on: date, segment: segment) {
                let figure = published.figure
                let report = try session.coverageWithPublished(of: figure.area, on: date, segment: segment)
                #expect(report.published(figure.measure) == published)
                let (kind, code): (String, String) = switch figure.area {
                case .office(let code): ("office", code)
                case .province(let code): ("province", code.code)
                case .regency(let code): ("regency", code.code)
                }
                let computed = figure.measure == .registered ? report.computed.participants : report.computed.activeParticipants
                let computedBasisPoints = figure.measure == .registered ? report.computed.basisPoints : report.computed.activeBasisPoints
                library.append([kind, code, segment?.rawValue ?? "all", figure.measure.rawValue, figure.asOf.isoString,
                                String(published.headCount), figure.source, "\(published.labourForce as Any)",
                                "\(published.percentage as Any)", String(computed), "\(report.computed.labourForce as Any)",
                                "\(computedBasisPoints.map { Double($0) / 100 } as Any)"])
            }
        }
        library.sort { $0.lexicographicallyPrecedes($1) }
        #expect(view.count == 7, "every current figure dated up to the report date, one per area, segment and measure")
        #expect(view.sorted { $0.lexicographicallyPrecedes($1) } == library)
        // The figures worth reading off: Purwakarta computes 3 participants (1 active) beside its
        // published 40 (25 active); Bantul computes none beside its published 25.23%.
        let purwakarta = try #require(view.first { $0[1] == "32.14" && $0[2] == "all" && $0[3] == "registered" })
        #expect(purwakarta[5] == "40" && purwakarta[9] == "3" && purwakarta[8] == "Optional(40.0)")
        let bantul = try #require(view.first { $0[1] == "34.02" })
        #expect(bantul[4] == "2023-02-28" && bantul[8] == "Optional(25.23)" && bantul[9] == "0")
    }
}
