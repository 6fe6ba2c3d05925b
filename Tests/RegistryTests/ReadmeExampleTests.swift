import Foundation
import Registry
import SQLiteDB
import Testing

/// The README's "Using the library" example, verbatim between the markers, so it keeps compiling
/// and keeps doing what the README says.
@Suite struct ReadmeExampleTests {
    @Test func readmeExampleRuns() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("registry.sqlite").path

        // README example begins
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
        // README example ends

        #expect(provinces.isEmpty)
        let count = try pool.read { db in try db.fetchValue(Int.self, "SELECT count(*) FROM provinces") }
        #expect(count == 0)
    }
}
