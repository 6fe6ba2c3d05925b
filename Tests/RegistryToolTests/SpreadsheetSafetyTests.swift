import Foundation
import Registry
import SQLiteDB
import Testing

/// CSV the tool writes is safe to open in a spreadsheet: a cell a spreadsheet would run as a
/// formula is written with a leading `'`, and an import takes it off again.
@Suite struct SpreadsheetSafetyTests {
    /// Names stored as typed, through the library: what a spreadsheet would run, what already
    /// looks guarded, and a control that needs nothing.
    static let names = [
        "=HYPERLINK(\"http://x\",\"y\")", "+cmd", "@SUM(A1)", "-2+3", "'=already", "'plain", "''+x", "Budi Biasa",
    ]

    @Test func exportGuardsFormulasAndImportsBackUnchanged() throws {
        let dir = try TemporaryDirectory()
        let a = dir.path("a.sqlite"), b = dir.path("b.sqlite")
        try InterchangeFixtures.database(at: a, in: dir, through: "workers")
        try InterchangeFixtures.database(at: b, in: TemporaryDirectory(), through: "offices")
        let registry = try Registry(path: a)
        try registry.write(actor: "test") { session in
            let branch = try #require(try session.office(code: "KC-PWK"))
            for (index, name) in Self.names.enumerated() {
                _ = try session.register(NewWorker(
                    nik: try NIK("32140112038500\(10 + index)"), fullName: name, birthDate: CalendarDate(iso: "1985-03-12")!,
                    sex: .male, village: try RegionCode("32.14.01.2001"), occupation: index == 0 ? "=1+1" : nil,
                    branchOffice: branch.id))
            }
        }

        let file = dir.path("workers.csv")
        let exported = try Tool.run(["export", "workers", "--unmasked", "-o", file, "--db", a])
        try #require(exported.status == 0, "\(exported.stderr)")
        let onDisk = try rawCells(of: file, column: 1)
        let guarded = [
            "'=HYPERLINK(\"http://x\",\"y\")", "'+cmd", "'@SUM(A1)", "'-2+3", "''=already", "'plain", "'''+x", "Budi Biasa",
        ]
        #expect(Array(onDisk.suffix(Self.names.count)) == guarded)
        #expect(onDisk.prefix(2) == ["Budi Santoso", "Wati, S.Pd."], "ordinary names are written as they are")
        #expect(try rawCells(of: file, column: 5).contains("'=1+1"), "every column is guarded, not only names")

        let imported = try Tool.run(["import", "workers", file, "--db", b])
        #expect(imported.status == 0, "\(imported.stdout) \(imported.stderr)")
        let stored = try Registry(path: b).read { session in
            try Self.names.indices.map { try session.worker(nik: try NIK("32140112038500\(10 + $0)"))?.fullName }
        }
        #expect(stored == Self.names)
        let again = dir.path("workers-again.csv")
        try #require(try Tool.run(["export", "workers", "--unmasked", "-o", again, "--db", b]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: again)) == Data(contentsOf: URL(fileURLWithPath: file)))

        // JSON is written as stored.
        let json = try Tool.run(["export", "workers", "--format", "json", "--db", a]).stdout
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(objects.compactMap { $0["full_name"] as? String }.suffix(Self.names.count) == Self.names[...])
    }

    /// Reject files carry the refused cell as read: a formula, or a tab that cannot be stored
    /// (names refuse control characters), is guarded there too.
    @Test func rejectFilesAreGuardedToo() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("r.sqlite")
        try InterchangeFixtures.database(at: db, in: dir, through: "workers")
        let file = dir.path("bad.csv")
        try Data("""
            nik,full_name,birth_date,sex,village_code,occupation,phone,branch_code,kpj,registered_at
            3214011203850004,Andi,1985-03-12,=cmd|' /C calc'!A0,32.14.01.2001,,,KC-PWK,,
            3214011203850005,Andi,1985-03-12,male,32.14.01.2001,,"\t+1",KC-PWK,,
            3214011203850006,Andi,1985-03-12,male,32.14.01.2001,,@SUM(A1),KC-PWK,,

            """.utf8).write(to: URL(fileURLWithPath: file))
        #expect(try Tool.run(["import", "workers", file, "--dry-run", "--db", db]).status == 1)
        let values = try rawCells(of: file + ".rejects.csv", column: 2)
        #expect(values == ["value", "'=cmd|' /C calc'!A0", "'\t+1", "'@SUM(A1)"])
    }

    /// One column's cells of a CSV file as they are on disk (quotes removed, nothing restored),
    /// the header first.
    private func rawCells(of path: String, column: Int) throws -> [String] {
        let descriptor = open(path, O_RDONLY)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        var reader = CSVReader(descriptor: descriptor)
        var cells: [String] = []
        while let record = try reader.next() {
            let fields = record.lossyFields
            if column < fields.count { cells.append(fields[column]) }
        }
        return Array(cells.dropFirst(path.hasSuffix(".rejects.csv") ? 0 : 1))
    }
}
