// A guard against measuring last week's schema. The library embeds Migrations/*.sql when it is
// built (the EmbedMigrations plugin), and SwiftPM lists a plugin's input files only when it plans
// the build: a migration added since this package was last planned is not embedded, and the
// benchmark would run the old schema without a word (seen here with 0012: the arrears columns
// were missing from the benchmark's databases, the library's own tests being fine). Touching
// Benchmarks/Package.swift makes SwiftPM plan again.
import Foundation
import Registry
import SQLiteDB

enum SchemaFreshness {
    /// Throws when the migrations built into the library differ from the files in the source tree.
    static func check() throws {
        let folder = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Migrations")
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        let onDisk = files.filter { $0.hasSuffix(".sql") }.sorted()
        let built = try RegistrySchema.migrations().map(\.name)
        guard built == onDisk else {
            throw RawError(description: """
                the library was built with \(built.count) migrations, \(folder.path) has \(onDisk.count) \
                (\(Set(onDisk).symmetricDifference(built).sorted().joined(separator: ", "))): \
                touch Benchmarks/Package.swift and build again
                """)
        }
    }

    /// Throws unless `path` has exactly the migrations built into the library applied, so that
    /// opening it with the library migrates nothing (`--existing FILE --in-place`).
    static func requireCurrent(_ path: String) throws {
        let applied = try Connection(.file(path), mode: .readOnly)
            .fetchValues(String.self, "SELECT file_name FROM schema_migrations ORDER BY file_name")
        let built = try RegistrySchema.migrations().map(\.name)
        guard applied == built else {
            throw RawError(description: """
                --in-place: \(path) has \(applied.count) migrations applied, this build has \(built.count) \
                (\(Set(applied).symmetricDifference(built).sorted().joined(separator: ", "))); run without \
                --in-place once (it migrates a copy), or `registry migrate` the file
                """)
        }
    }
}
