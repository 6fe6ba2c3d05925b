import Foundation
import Registry
import SQLiteDB
import Testing

/// The Migrations/ folder of this checkout (tests may read the source tree; the library may not).
let migrationsFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Migrations")

@Suite struct EmbeddedMigrationsTests {
    @Test func embeddedMigrationsEqualTheFilesByteForByte() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: migrationsFolder.path)
            .filter { $0.hasSuffix(".sql") }.sorted()
        let embedded = try RegistrySchema.migrations()
        #expect(!files.isEmpty)
        #expect(embedded.map(\.name) == files)
        for migration in embedded {
            let bytes = try Data(contentsOf: migrationsFolder.appendingPathComponent(migration.name))
            #expect(Data(migration.sql.utf8) == bytes, "\(migration.name) differs from its file")
        }
    }

    @Test func checksumsMatchWhatSha256sumPrints() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let embedded = try RegistrySchema.migrations()
        process.arguments = ["sha256sum"] + embedded.map { migrationsFolder.appendingPathComponent($0.name).path }
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        let lines = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .split(separator: "\n").map { $0.split(separator: " ").first.map(String.init) ?? "" }
        #expect(lines == embedded.map(\.checksum))
    }

    @Test func emptyFileMigratesToTheLatestVersionAndAgainIsANoOp() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("registry-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let db = try Connection(.file(directory.appendingPathComponent("registry.sqlite").path))
        let all = try RegistrySchema.migrations().map(\.name)
        #expect(try RegistrySchema.migrate(db) == all)
        #expect(try RegistrySchema.migrate(db) == [])
        #expect(try db.integrityCheck().isEmpty)
        #expect(try db.foreignKeyCheck().isEmpty)
        #expect(try RegistrySchema.migrator().history(db).map(\.fileName) == all)
    }
}
