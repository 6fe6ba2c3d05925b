import Foundation
import Testing

/// init, migrate, backup, the database path rules and the exit codes.
@Suite struct BasicCommandTests {
    @Test func initCreatesAnOwnerOnlyDatabaseAndRefusesToOverwrite() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("r.sqlite")
        let created = try Tool.run(["init", "--db", db])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("created \(db)"))
        let mode = try FileManager.default.attributesOfItem(atPath: db)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        let again = try Tool.run(["init", "--db", db])
        #expect(again.status == 2)
        #expect(again.stderr.contains("already exists"))
    }

    @Test func migrateStatusListsEveryMigrationAsApplied() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("r.sqlite")
        try Tool.run(["init", "--db", db])
        let status = try Tool.run(["migrate", "--status", "--db", db])
        #expect(status.status == 0)
        #expect(status.stdout.contains("0001_regions.sql"))
        #expect(!status.stdout.contains("pending"))
        #expect(status.stdout.hasSuffix("up to date\n"))
        let migrate = try Tool.run(["migrate", "--db", db])
        #expect(migrate.stdout == "up to date\n")
    }

    @Test func databaseComesFromTheEnvironmentThenTheWorkingDirectory() throws {
        let dir = try TemporaryDirectory()
        let fromEnvironment = try Tool.run(["init"], environment: ["REGISTRY_DB": dir.path("env.sqlite")])
        #expect(fromEnvironment.status == 0)
        #expect(FileManager.default.fileExists(atPath: dir.path("env.sqlite")))

        let inDirectory = try Tool.run(["init"], in: dir.url)
        #expect(inDirectory.status == 0)
        #expect(FileManager.default.fileExists(atPath: dir.path("registry.sqlite")))
    }

    @Test func aMissingDatabaseIsADatabaseErrorInOneLine() throws {
        let dir = try TemporaryDirectory()
        let result = try Tool.run(["backup", dir.path("copy.sqlite"), "--db", dir.path("nothing.sqlite")])
        #expect(result.status == 3)
        #expect(result.stderr.hasPrefix("registry: no registry database at "))
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
        #expect(!FileManager.default.fileExists(atPath: dir.path("nothing.sqlite")))
    }

    @Test func aFileThatIsNotADatabaseIsADatabaseError() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("text.sqlite")
        try Data(String(repeating: "not a database\n", count: 100).utf8).write(to: URL(fileURLWithPath: path))
        let result = try Tool.run(["migrate", "--status", "--db", path])
        #expect(result.status == 3)
        #expect(result.stderr.contains("database error"))
    }

    @Test func usageErrorsExitWithTwo() throws {
        let unknown = try Tool.run(["frobnicate"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.hasPrefix("registry: "))
        let missingArgument = try Tool.run(["backup"])
        #expect(missingArgument.status == 2)
        let help = try Tool.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("Exit codes:"))
    }

    @Test func backupIsACompleteOwnerOnlyCopy() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("r.sqlite"), copy = dir.path("copy.sqlite")
        try Tool.run(["init", "--db", db])
        let backup = try Tool.run(["backup", copy, "--db", db])
        #expect(backup.status == 0, "\(backup.stderr)")
        let mode = try FileManager.default.attributesOfItem(atPath: copy)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let status = try Tool.run(["migrate", "--status", "--db", copy])
        #expect(status.stdout.hasSuffix("up to date\n"))
        let refused = try Tool.run(["backup", copy, "--db", db])
        #expect(refused.status == 2)
    }
}
