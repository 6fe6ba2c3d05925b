import Foundation
import Registry
import SQLiteDB
import Testing

/// The README's "Using the library" examples, verbatim between the markers, so they keep
/// compiling and keep doing what the README says.
@Suite struct ReadmeExampleTests {
    @Test func registryExampleRuns() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("registry.sqlite").path
        var printed: [String] = []
        func print(_ items: Any...) { printed.append(items.map { "\($0)" }.joined(separator: " ")) }

        // README registry example begins
        let history = RegistryClock.Settable(CalendarDate(iso: "2025-01-02")!, hour: 3)   // 2 January 2025, 03:00 WIB
        let registry = try Registry(path: path, clock: history.clock)   // creates (0600), migrates; clock optional

        let membership = try registry.write(actor: "clerk:siti") { session in
            for (code, name) in [("32", "Jawa Barat"), ("32.14", "Purwakarta"), ("32.14.01", "Purwakarta"),
                                 ("32.14.01.2001", "Ciseureuh")] {
                try session.addRegion(try RegionCode(code), name: name)
            }
            let head = try session.addOffice(NewOffice(code: "KP", name: "Kantor Pusat", kind: .headOffice))
            let region = try session.addOffice(NewOffice(code: "KW-JABAR", name: "Kanwil Jawa Barat",
                                                         kind: .regionalOffice, parent: head.id))
            let branch = try session.addOffice(NewOffice(code: "KC-PWK", name: "KCP Purwakarta",
                                                         kind: .pioneerBranch, parent: region.id))
            let worker = try session.register(NewWorker(
                nik: try NIK("3214015505920006"), fullName: "Wati", birthDate: CalendarDate(iso: "1992-05-15")!,
                sex: .female, village: try RegionCode("32.14.01.2001"), branchOffice: branch.id))
            return try session.enrol(.informal(worker: worker.id, declaredIncome: 1_000_000,
                                               startDate: CalendarDate(iso: "2025-01-01")!))
        }

        // Three months paid at once; the amount must be exactly what they owe, which amountOwed tells.
        try registry.write { session in
            let owed = try session.amountOwed(for: membership.id, months: 3)   // Rp50.400
            try session.payInformalDues(for: membership.id, months: 3, amount: owed,
                                        receipt: "BPU-000123", channel: .eWallet)
            // April falls due on the 15th and is never paid: owed, whether or not a billing run bills it
        }
        let status = try registry.read { try $0.status(of: membership.id, on: CalendarDate(iso: "2025-04-16")!) }
        print(status.state, status.unpaidMonths)                        // inArrears 1

        do {
            _ = try registry.write { session in
                try session.changeDeclaredIncome(of: membership.id, to: 900_000)
            }
        } catch let error as RegistryError {
            print(error)   // declared_income: declared income Rp900.000 is below the Rp1.000.000 floor …
        }

        // A month's dues before any bill: billableTotal is what the bill asks (government-funded JKP left out).
        let quote = try registry.read { session in
            try session.quote(.informal(declaredIncome: 2_000_000), programs: [.jkk, .jkm, .jht],
                              month: ContributionMonth("2025-05")!)
        }
        print(quote.billableTotal, quote.lines.map(\.amount))           // Rp63.800 [Rp19.000, Rp6.800, Rp38.000]

        try registry.close()   // folds the -wal into the file; a registry held in a global is never deinitialised
        // README registry example ends

        #expect(printed == [
            "inArrears 1",
            "declared_income: declared income Rp900.000 is below the Rp1.000.000 floor for informal workers (the minimum monthly dues, Rp16.800, are those of the floor)",
            "Rp63.800 [Rp19.000, Rp6.800, Rp38.000]",
        ])
        #expect(try permissions(of: path) == 0o600)
        let walBytes = FileManager.default.fileExists(atPath: path + "-wal")
            ? (try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? NSNumber)?.intValue : 0
        #expect(walBytes == 0, "close() left writes in the -wal file")
        let db = try Connection(.file(path), mode: .readOnly)
        let actors = try db.fetchValues(String.self, "SELECT DISTINCT actor FROM audit_log")
        #expect(actors == ["clerk:siti"])
        #expect(try db.fetchValue(Int64.self, "SELECT amount FROM payments WHERE receipt_number = 'BPU-000123'") == 50_400)
    }

    @Test func asyncEntryPointsShareTheSameOperations() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let registry = try Registry(path: directory.appendingPathComponent("r.sqlite").path)
        let region = try await registry.write { session in
            try session.addRegion(try RegionCode("34"), name: "DI Yogyakarta")
        }
        let name = try await registry.read { session in try session.region(region.code)?.name }
        #expect(name == "DI Yogyakarta")
    }

    @Test func wrapperExampleRuns() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("registry.sqlite").path

        // README wrapper example begins
        let pool = try DatabasePool(path: path)           // WAL, owner-only file, foreign keys on
        try RegistrySchema.migrate(pool)                   // applies Migrations/*.sql, once each

        let provinces = try pool.read { db in
            try db.fetchAll("SELECT code, name FROM provinces ORDER BY code")
        }
        do {
            try pool.write { db in
                try db.execute("INSERT INTO provinces (code, name) VALUES (?, ?)", "3X", "Nowhere")
            }
        } catch let error as SQLiteError where error.constraint == .check {
            print("refused by the schema:", error.message)
        }
        // README wrapper example ends

        #expect(provinces.isEmpty)
        let count = try pool.read { db in try db.fetchValue(Int.self, "SELECT count(*) FROM provinces") }
        #expect(count == 0)
    }
}

/// The permission bits of a file.
func permissions(of path: String) throws -> Int {
    (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
}
