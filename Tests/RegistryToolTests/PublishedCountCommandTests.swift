import Foundation
import Testing

/// `registry import/export published-counts` and `registry report coverage --published`, on the
/// fixture register (Bantul published 115,463 registered participants on 2023-02-28, the head
/// office 45M registered and 20.4M active on 2018-01-31, Purwakarta 13,175 BPU members at the
/// end of 2017), with Bantul's 2023 labour force (457,718) added. No member of the register
/// participates before 2024.
@Suite struct PublishedCountCommandTests {
    let dir: TemporaryDirectory
    let db: String

    static let header = "code,name,labour_force,participants,coverage_pct,active,active_pct"
    static let publishedHeader = header + ",published_registered,published_registered_pct,published_registered_as_of,"
        + "published_registered_source,published_active,published_active_pct,published_active_as_of,published_active_source"
    static let countsHeader = "area_kind,area_code,segment,measure,as_of,head_count,source,replaces_as_of"

    init() throws {
        dir = try TemporaryDirectory()
        db = dir.path("r.sqlite")
        try InterchangeFixtures.database(at: db, in: dir)
        let added = try importFile("labour-force", "year,area_code,employed,unemployed,source\n2023,34.02,445000,12718,BPS Sakernas\n")
        try #require(added.status == 0, "\(added.stdout) \(added.stderr)")
    }

    func run(_ arguments: [String], db: String? = nil) throws -> ToolResult {
        try Tool.run(arguments + ["--db", db ?? self.db])
    }

    func importFile(_ kind: String, _ text: String, into db: String? = nil) throws -> ToolResult {
        let file = dir.path("\(kind)-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        let result = try run(["import", kind, file], db: db)
        let rejects = (try? String(contentsOfFile: file + ".rejects.csv", encoding: .utf8)) ?? ""
        return ToolResult(status: result.status, stdout: result.stdout + rejects, stderr: result.stderr)
    }

    @Test func coverageShowsThePublishedFigureBesideTheComputedWhenAsked() throws {
        // Without --published: the columns as always, and a note that a row has a figure.
        let plain = try run(["report", "coverage", "--as-of", "2023-03-31", "--format", "csv"])
        #expect(plain.status == 0)
        #expect(plain.stdout == "\(Self.header)\n32.14,Purwakarta,,0,,0,\n34.02,Bantul,457718,0,0.00,0,0.00\n")
        #expect(plain.stderr == "note: 1 row has a published figure; --published shows it beside the computed one\n")
        // As the register said it on a day, the same rows and no note: published figures are read
        // as recorded now, so they are not offered beside an audit's figures.
        let audit = try run(["report", "coverage", "--as-of", "2023-03-31", "--as-known-on", "2023-03-31", "--format", "csv"])
        #expect(audit.status == 0 && audit.stdout == plain.stdout && audit.stderr.isEmpty, "\(audit.stderr)")

        // With it: Bantul, with no member in the register, reports 25.23% from its figure.
        let csv = try run(["report", "coverage", "--as-of", "2023-03-31", "--published", "--format", "csv"])
        #expect(csv.status == 0 && csv.stderr.isEmpty, "\(csv.stderr)")
        #expect(csv.stdout == """
            \(Self.publishedHeader)
            32.14,Purwakarta,,0,,0,,,,,,,,,
            34.02,Bantul,457718,0,0.00,0,0.00,115463,25.23,2023-02-28,"BPJS Ketenagakerjaan Bantul, press release March 2023",,,,

            """)
        let json = try run(["report", "coverage", "--as-of", "2023-03-31", "--published", "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let bantul = try #require(rows.first { $0["code"] as? String == "34.02" })
        #expect(bantul["participants"] as? Int == 0 && bantul["coverage_pct"] as? Double == 0)
        #expect(bantul["published_registered"] as? Int == 115_463 && bantul["published_registered_pct"] as? Double == 25.23)
        #expect(bantul["published_registered_as_of"] as? String == "2023-02-28")
        #expect(bantul["published_active"] is NSNull)
        let table = try run(["report", "coverage", "--as-of", "2023-03-31", "--published"])
        let bantulLine = try #require(table.stdout.split(separator: "\n").first { $0.hasPrefix("34.02") })
        #expect(bantulLine.contains("115463") && bantulLine.contains("25.23") && bantulLine.contains("2023-02-28")
                && bantulLine.contains("BPJS Ketenagakerjaan Bantul"))
        #expect(table.stdout.hasPrefix("code   name        labour_force  participants"))

        // Before the figure's date there is none to show, and no note.
        let before = try run(["report", "coverage", "--as-of", "2023-02-27", "--published", "--format", "csv"])
        #expect(before.stdout.contains("34.02,Bantul,457718,0,0.00,0,0.00,,,,,,,,\n"))
        #expect(try run(["report", "coverage", "--as-of", "2023-02-27"]).stderr.isEmpty)
    }

    @Test func aSegmentsFigureIsShownForThatSegmentOnlyAndTheNationalOneOnTheHeadOfficeTotal() throws {
        let informal = try run(["report", "coverage", "--as-of", "2023-03-31", "--published", "--segment", "BPU", "--format", "csv"])
        #expect(informal.stdout == """
            \(Self.publishedHeader)
            32.14,Purwakarta,,0,,0,,13175,,2017-12-31,"KC Purwakarta: ""informal"" members",,,,
            34.02,Bantul,457718,0,0.00,0,0.00,,,,,,,,

            """)
        let national = try run(["report", "coverage", "--as-of", "2018-02-01", "--published", "--by", "regional",
                                "--office", "KP", "--format", "csv"])
        #expect(national.status == 0, "\(national.stderr)")
        #expect(national.stdout.hasSuffix(
            "total,Kantor Pusat,,0,,0,,45000000,,2018-01-31,Head office press release,20400000,,2018-01-31,Head office press release\n"))
        #expect(national.stdout.contains("KW-JABAR,Kantor Wilayah Jawa Barat,,0,,0,,,,,,,,,\n"))
    }

    @Test func aFileCorrectsAndWithdrawsAndTheExportCarriesTheCurrentFigures() throws {
        let loaded = try importFile("published-counts", """
            \(Self.countsHeader)
            regency,34.02,,registered,2023-08-31,120000,Kanwil press September 2023,
            regency,34.02,,registered,2023-02-28,115464,"Bantul press release, corrected",2023-02-28
            regency,34.02,,registered,2023-08-31,,an internal estimate; never published,2023-08-31

            """)
        #expect(loaded.status == 0, "\(loaded.stdout) \(loaded.stderr)")
        // The withdrawn August figure is gone: September reports the corrected February one.
        let september = try run(["report", "coverage", "--as-of", "2023-09-30", "--published", "--format", "csv"])
        #expect(september.stdout.contains(
            "34.02,Bantul,457718,0,0.00,0,0.00,115464,25.23,2023-02-28,\"Bantul press release, corrected\",,,,\n"))

        let exported = try run(["export", "published-counts"])
        #expect(exported.stdout == """
            \(Self.countsHeader)
            office,KP,,registered,2018-01-31,45000000,Head office press release,
            office,KP,,active,2018-01-31,20400000,Head office press release,
            regency,32.14,BPU,registered,2017-12-31,13175,"KC Purwakarta: ""informal"" members",
            regency,34.02,,registered,2023-02-28,115464,"Bantul press release, corrected",

            """)
        let json = try run(["export", "published-counts", "--format", "json"])
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(objects.count == 4 && objects.last?["head_count"] as? Int == 115_464 && objects.last?["segment"] is NSNull)

        // Into a fresh register (regions and offices first): the same figures, byte for byte.
        let copy = dir.path("copy.sqlite")
        try InterchangeFixtures.database(at: copy, in: try TemporaryDirectory(), through: "offices")
        let file = dir.path("exported.csv")
        try Data(exported.stdout.utf8).write(to: URL(fileURLWithPath: file))
        let reloaded = try run(["import", "published-counts", file], db: copy)
        #expect(reloaded.status == 0, "\(reloaded.stdout) \(reloaded.stderr)")
        #expect(try run(["export", "published-counts"], db: copy).stdout == exported.stdout)
        // Loaded twice, the file is refused whole: every figure is already there.
        let twice = try run(["import", "published-counts", file], db: copy)
        #expect(twice.status == 1 && twice.stdout.hasPrefix("published-counts: 4 rows, 0 stored, 4 rejected"))
    }

    @Test func aReplacementMustNameAFigureThatStands() throws {
        let rejected = try importFile("published-counts", """
            \(Self.countsHeader)
            regency,34.02,,registered,2022-12-31,100000,a correction of nothing,2022-12-31
            regency,34.02,,active,2023-02-28,1,another measure,2023-02-28
            regency,34.02,,registered,2023-02-28,,withdrawn under another date,2023-02-27
            regency,34.02,,registered,2023-03-31,,a withdrawal with its date moved,2023-02-28
            regency,34.02,,registered,2023-03-31,,no count given,

            """)
        #expect(rejected.status == 1)
        #expect(rejected.stdout.contains("""
            line,column,value,reason
            2,replaces_as_of,2022-12-31,replaces_as_of: nothing is registered under '2022-12-31'
            3,replaces_as_of,2023-02-28,replaces_as_of: nothing is registered under '2023-02-28'
            4,replaces_as_of,2023-02-27,replaces_as_of: nothing is registered under '2023-02-27'
            5,as_of,2023-03-31,as_of: '2023-03-31' differs from replaces_as_of 2023-02-28: a withdrawal (empty head_count) keeps the date of the figure it withdraws
            6,head_count,,"head_count: '' is empty; the column is required (empty, with replaces_as_of, it withdraws a figure)"
            """), "\(rejected.stdout)")
        #expect(try run(["export", "published-counts"]).stdout.split(separator: "\n").count == 5, "nothing stored")
    }
}
