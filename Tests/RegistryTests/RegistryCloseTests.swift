import Foundation
import Registry
import SQLiteDB
import Testing

/// `Registry.close()`: a registry that lives as long as the program (a global) is never
/// deinitialised, so only `close()` can leave its file whole without the `-wal` beside it.
@Suite struct RegistryCloseTests {
    /// Workers in a copy of the main file alone, as `cp registry.sqlite` makes it; 0 when the
    /// copy is not even a migrated register yet.
    func workersInACopy(of path: String, to copy: String) throws -> Int {
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        let db = try Connection(.file(copy), mode: .readOnly)
        guard try db.fetchValue(Int.self, "SELECT count(*) FROM sqlite_schema WHERE name = 'workers'") == 1 else { return 0 }
        return try db.fetchValue(Int.self, "SELECT count(*) FROM workers") ?? -1
    }

    func walBytes(_ path: String) throws -> Int {
        guard FileManager.default.fileExists(atPath: path + "-wal") else { return 0 }
        return (try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? NSNumber)?.intValue ?? -1
    }

    @Test func aClosedRegistryLeavesEveryRowInTheFileAndNothingInTheLog() throws {
        let directory = try RegisterDirectory("close")
        let path = directory.path("registry.sqlite")
        let registry = try Registry(path: path, clock: .fixed(day("2025-01-02")))
        let branch = try registry.write { session in try addPurwakarta(session) }
        for serial in 1...40 {
            try registry.write { session in _ = try session.register(purwakartaWorker(serial: serial, branch: branch)) }
        }
        // The control: while open, the last writes are in the log, and a copy of the file misses them.
        #expect(try walBytes(path) > 0)
        #expect(try workersInACopy(of: path, to: directory.path("open-copy.sqlite")) < 40)

        try registry.close()
        #expect(try walBytes(path) == 0)
        #expect(try workersInACopy(of: path, to: directory.path("closed-copy.sqlite")) == 40)
        // The copy is a whole register: the library opens it and finds the workers.
        let copy = try Registry(path: directory.path("closed-copy.sqlite"), access: .readOnly)
        #expect(try copy.read { try $0.worker(nik: nik("3214011203850040"))?.fullName } == "Budi 40")
        try copy.close()
    }

    @Test func aClosedRegistryRefusesEveryUse() throws {
        let directory = try RegisterDirectory("close")
        let registry = try Registry(path: directory.path("registry.sqlite"))
        try registry.close()
        try registry.close()   // twice: nothing happens
        let uses: [(String, () throws -> Void)] = [
            ("write", { try registry.write { session in _ = try session.addRegion(try RegionCode("34"), name: "DI Yogyakarta") } }),
            ("read", { _ = try registry.read { session in try session.region(try RegionCode("34")) } }),
            ("billing run", { _ = try registry.issueBills(for: month("2025-01")) }),
        ]
        for (name, use) in uses {
            do {
                try use()
                Issue.record("\(name) after close() was accepted")
            } catch let error as SQLiteError {
                #expect(error.code == .misuse, "\(name)")
                #expect(error.message.contains("was closed"), "\(name): \(error.message)")
            }
        }
    }

    @Test func asyncUseAfterCloseThrowsToo() async throws {
        let directory = try RegisterDirectory("close")
        let registry = try Registry(path: directory.path("registry.sqlite"))
        try registry.close()
        await #expect(throws: SQLiteError.self) {
            try await registry.read { session in try session.region(try RegionCode("34")) }
        }
    }
}
