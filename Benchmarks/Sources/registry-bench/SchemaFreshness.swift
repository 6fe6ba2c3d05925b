// A guard against measuring last week's schema. The library embeds Migrations/*.sql when it is
// built (the EmbedMigrations plugin), and SwiftPM lists a plugin's input files only when it plans
// the build: a migration added since this package was last planned is not embedded, and the
// benchmark would run the old schema without a word (seen here with 0012: the arrears columns
// were missing from the benchmark's databases, the library's own tests being fine). Touching
// Benchmarks/Package.swift makes SwiftPM plan again.
import Foundation
import Registry

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
}
