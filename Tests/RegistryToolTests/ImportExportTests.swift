import Foundation
import Testing

/// `registry import` and `registry export` end to end, on temporary databases.
@Suite struct ImportExportTests {
    static let workersHeader = "nik,full_name,birth_date,sex,village_code,occupation,phone,branch_code,kpj,registered_at\n"

    /// Every class of bad worker row, with one good row before and one after them.
    static let badWorkers: [UInt8] = Array((workersHeader
        + "3214011203850003,Asep Good,1985-03-12,male,32.14.01.2001,,,KC-PWK,,2024-12-01T03:00:00.000Z\n"
        + "321401120385003,Short Nik,1985-03-12,male,32.14.01.2001,,,KC-PWK,,\n"
        + "3214011203850004,Wrong Birth,1985-03-13,male,32.14.01.2001,,,KC-PWK,,\n"
        + "3214011203850005,Nowhere,1985-03-12,male,32.14.01.2999,,,KC-PWK,,\n"
        + "3214011203850001,Already Registered,1985-03-12,male,32.14.01.2001,,,KC-PWK,,\n"
        + "3214011203850003,Twice In File,1985-03-12,male,32.14.01.2001,,,KC-PWK,,\n"
        + "3214011203850006,Too Few Fields,1985-03-12,male\n"
        + "3214011203850007,Bad").utf8) + [0xC3, 0x28]
        + Array((",1985-03-12,male,32.14.01.2001,,,KC-PWK,,\n"
        + "3214011203850008,\"Two\nLines\",1985-03-12,male,32.14.01.2001,,,KC-PWK,,\n"
        + "3214015505920009,\"Siti, S.Pd.\",1992-05-15,female,32.14.01.2001,,,KC-PWK,,\n").utf8)

    static let badWorkersReport = #"""
        line,column,value,reason
        3,nik,3214*******5003,nik: '3214*******5003' has 15 digits; a NIK has 16
        4,birth_date,1985-03-13,birth_date: the NIK says 12-03-85 (DD-MM-YY) but the record says 1985-03-13 (13-03-85)
        5,village_code,32.14.01.2999,village_code: nothing is registered under '32.14.01.2999'
        6,nik,3214********0001,"nik: '3214********0001' is already registered, to KPJ 10000000003, Budi Santoso"
        7,nik,3214********0003,"nik: '3214********0003' is already registered, to KPJ 10000000027, Asep Good"
        8,,,"has 4 fields, the header has 10"
        9,full_name,Bad\#u{FFFD}(,is not valid UTF-8
        10,full_name,"Two
        Lines","full_name: '""Two\nLines""' contains a control character"

        """#

    @Test func everyClassOfBadRowIsReportedExactlyAndAllOrNothingStoresNothing() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("r.sqlite")
        try InterchangeFixtures.database(at: db, in: dir, through: "workers")
        let file = dir.path("workers.csv")
        try Data(Self.badWorkers).write(to: URL(fileURLWithPath: file))

        let result = try Tool.run(["import", "workers", file, "--db", db])
        #expect(result.status == 1)
        #expect(result.stdout == "workers: 10 rows, 0 stored, 8 rejected (see \(file).rejects.csv); nothing stored because rows were rejected (--skip-invalid stores the good rows)\n")
        #expect(result.stderr == "registry: 8 of 10 rows rejected; see \(file).rejects.csv\n")
        let report = try String(contentsOfFile: file + ".rejects.csv", encoding: .utf8)
        #expect(report == Self.badWorkersReport)
        #expect(!report.contains("3214011203850001") && !result.stdout.contains("32140112038500"))
        let mode = try FileManager.default.attributesOfItem(atPath: file + ".rejects.csv")[.posixPermissions] as? Int
        #expect(mode == 0o600)

        let workers = try Tool.run(["export", "workers", "--db", db])
        #expect(workers.stdout.split(separator: "\n").count == 3, "only the two fixture workers: \(workers.stdout)")
    }

    @Test func skipInvalidStoresTheGoodRowsAndDryRunNothing() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("r.sqlite")
        try InterchangeFixtures.database(at: db, in: dir, through: "workers")
        let file = dir.path("workers.csv")
        try Data(Self.badWorkers).write(to: URL(fileURLWithPath: file))

        let dryRun = try Tool.run(["import", "workers", file, "--dry-run", "--db", db, "--rejects", dir.path("dry.csv")])
        #expect(dryRun.status == 1)
        #expect(dryRun.stdout.hasPrefix("workers: 10 rows, 2 valid, 8 rejected (see \(dir.path("dry.csv")))"))
        #expect(try String(contentsOfFile: dir.path("dry.csv"), encoding: .utf8) == Self.badWorkersReport)
        #expect(try Tool.run(["export", "workers", "--db", db]).stdout.split(separator: "\n").count == 3)

        let skipping = try Tool.run(["import", "workers", file, "--skip-invalid", "--db", db])
        #expect(skipping.status == 1)
        #expect(skipping.stdout == "workers: 10 rows, 2 stored, 8 rejected (see \(file).rejects.csv)\n")
        let exported = try Tool.run(["export", "workers", "--db", db]).stdout
        #expect(exported.contains("3214********0003,Asep Good,"))
        #expect(exported.contains("3214********0009,\"Siti, S.Pd.\",1992-05-15,female"))
        #expect(exported.split(separator: "\n").count == 5)
    }

    /// An earlier run's reject file is neither replaced without --force nor deleted because the
    /// new run rejected nothing.
    @Test func aFixedFileImportsAgainOnlyWithForceAndTheOldRejectFileIsKept() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("r.sqlite")
        try InterchangeFixtures.database(at: db, in: dir, through: "workers")
        let file = dir.path("more.csv")
        try Data(Self.badWorkers).write(to: URL(fileURLWithPath: file))
        #expect(try Tool.run(["import", "workers", file, "--db", db]).status == 1)
        let firstReport = try String(contentsOfFile: file + ".rejects.csv", encoding: .utf8)
        #expect(firstReport == Self.badWorkersReport)

        try Data((Self.workersHeader + "3214015505920009,Siti,1992-05-15,P,32.14.01.2001,,,KC-PWK,,\n").utf8)
            .write(to: URL(fileURLWithPath: file))
        let refused = try Tool.run(["import", "workers", file, "--db", db])
        #expect(refused.status == 2)
        #expect(refused.stderr == "registry: \(file).rejects.csv already exists; give --force to replace it, or choose another name for the reject file\n")
        #expect(try Tool.run(["export", "workers", "--db", db]).stdout.split(separator: "\n").count == 3, "nothing imported")

        let fixed = try Tool.run(["import", "workers", file, "--db", db, "--force"])
        #expect(fixed.status == 0, "\(fixed.stderr)")
        #expect(fixed.stdout == "workers: 1 rows, 1 stored, 0 rejected\n")
        #expect(fixed.stderr.contains("nothing was rejected; \(file).rejects.csv is an earlier run's and was left as it was"))
        #expect(try String(contentsOfFile: file + ".rejects.csv", encoding: .utf8) == firstReport)
    }

    @Test func anIncomeBelowTheFloorIsRejectedWithTheDues() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("r.sqlite")
        try InterchangeFixtures.database(at: db, in: dir, through: "workers")
        let file = dir.path("memberships.csv")
        try Data("""
            kpj,segment,start_date,programs,declared_income
            10000000003,BPU,2025-01-01,JKK JKM,900000
            10000000016,BPU,2025-01-01,JKK JKM,1000000

            """.utf8).write(to: URL(fileURLWithPath: file))
        let result = try Tool.run(["import", "memberships", file, "--db", db])
        #expect(result.status == 1)
        #expect(try String(contentsOfFile: file + ".rejects.csv", encoding: .utf8) == """
            line,column,value,reason
            2,declared_income,900000,"declared_income: declared income Rp900.000 is below the Rp1.000.000 floor for informal workers (the minimum monthly dues, Rp16.800, are those of the floor)"

            """)
        #expect(try Tool.run(["export", "memberships", "--db", db]).stdout.split(separator: "\n").count == 1)
    }

    @Test func anEmptyFileIsAUsageErrorAndAHeaderAloneIsZeroRows() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("r.sqlite")
        try Tool.run(["init", "--db", db])
        let empty = dir.path("empty.csv"), headerOnly = dir.path("header.csv")
        try Data().write(to: URL(fileURLWithPath: empty))
        try Data("\u{FEFF}code,name\r\n".utf8).write(to: URL(fileURLWithPath: headerOnly))

        let refused = try Tool.run(["import", "regions", empty, "--db", db])
        #expect(refused.status == 2)
        #expect(refused.stderr == "registry: \(empty) is empty, expected a header row\n")
        #expect(!FileManager.default.fileExists(atPath: empty + ".rejects.csv"))

        let nothing = try Tool.run(["import", "regions", headerOnly, "--db", db])
        #expect(nothing.status == 0)
        #expect(nothing.stdout == "regions: 0 rows, 0 stored, 0 rejected\n")
        #expect(!FileManager.default.fileExists(atPath: headerOnly + ".rejects.csv"))
    }

    @Test func anUnknownOrMissingColumnRefusesTheWholeFile() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("r.sqlite")
        try Tool.run(["init", "--db", db])
        let file = dir.path("regions.csv")
        try Data("code,name,colour\n32,Jawa Barat,red\n".utf8).write(to: URL(fileURLWithPath: file))
        let unknown = try Tool.run(["import", "regions", file, "--db", db])
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "registry: \(file) has an unknown column 'colour'; regions files have code, name\n")

        try Data("name\nJawa Barat\n".utf8).write(to: URL(fileURLWithPath: file))
        let missing = try Tool.run(["import", "regions", file, "--db", db])
        #expect(missing.status == 2)
        #expect(missing.stderr == "registry: \(file) lacks the required column 'code' of regions files\n")

        let unreadable = try Tool.run(["import", "regions", dir.path("absent.csv"), "--db", db])
        #expect(unreadable.status == 2)
    }

    @Test func columnsMatchByNameInAnyOrder() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("r.sqlite")
        try Tool.run(["init", "--db", db])
        let file = dir.path("regions.csv")
        try Data("Name , CODE\r\nJawa Barat,32\r\n\"Purwakarta\",32.14\r\n".utf8).write(to: URL(fileURLWithPath: file))
        let result = try Tool.run(["import", "regions", file, "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Tool.run(["export", "regions", "--db", db]).stdout == "code,name\n32,Jawa Barat\n32.14,Purwakarta\n")
    }

    @Test func exportsMaskNIKsUnlessAskedAndUnmaskedFilesAreOwnerOnly() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("r.sqlite")
        try InterchangeFixtures.database(at: db, in: dir, through: "workers")
        let masked = try Tool.run(["export", "workers", "--db", db])
        #expect(masked.status == 0)
        #expect(masked.stdout.contains("3214********0001,Budi Santoso"))
        #expect(!masked.stdout.contains("3214011203850001"))

        let file = dir.path("workers-full.csv")
        let unmasked = try Tool.run(["export", "workers", "--unmasked", "--output", file, "--db", db])
        #expect(unmasked.status == 0, "\(unmasked.stderr)")
        #expect(unmasked.stdout.isEmpty)
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains("3214011203850001,Budi Santoso"))
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        let json = try Tool.run(["export", "workers", "--format", "json", "--db", db])
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(objects.count == 2)
        #expect(objects.first?["nik"] as? String == "3214********0001")
        #expect(objects.last?["occupation"] is NSNull)
    }

    @Test func jsonWritesNumbersAsNumbers() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("r.sqlite")
        try InterchangeFixtures.database(at: db, in: dir)
        let json = try Tool.run(["export", "labour-force", "--format", "json", "--db", db])
        #expect(json.stdout == """
            [
              {"year": 2024, "area_code": "32.14", "employed": 500000, "unemployed": 25000, "source": "BPS Sakernas August 2024"},
              {"year": 2024, "area_code": "32", "employed": 20000000, "unemployed": 1000000, "source": null}
            ]

            """)
    }

    /// Every kind exported from A with --unmasked, imported in dependency order into a fresh B,
    /// and exported again: byte for byte the same.
    @Test func exportThenImportPreservesEveryRow() throws {
        let dir = try TemporaryDirectory()
        let a = dir.path("a.sqlite"), b = dir.path("b.sqlite")
        try InterchangeFixtures.database(at: a, in: dir)
        try #require(try Tool.run(["init", "--db", b]).status == 0)
        for (kind, fixture) in InterchangeFixtures.files {
            let fromA = dir.path("a-\(kind).csv"), fromB = dir.path("b-\(kind).csv")
            let exportA = try Tool.run(["export", kind, "--unmasked", "--output", fromA, "--db", a])
            try #require(exportA.status == 0, "\(exportA.stderr)")
            let textA = try String(contentsOfFile: fromA, encoding: .utf8)
            #expect(textA.split(separator: "\n").count == fixture.split(separator: "\n").count, "\(kind): \(textA)")

            let imported = try Tool.run(["import", kind, fromA, "--db", b])
            #expect(imported.status == 0, "\(kind): \(imported.stdout) \(imported.stderr)")
            try #require(try Tool.run(["export", kind, "--unmasked", "--output", fromB, "--db", b]).status == 0)
            #expect(try Data(contentsOf: URL(fileURLWithPath: fromB)) == Data(contentsOf: URL(fileURLWithPath: fromA)),
                    "\(kind) differs after the round trip")
        }
    }
}
