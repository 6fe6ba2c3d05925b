import Foundation
import Registry
import SQLiteDB
import Testing

/// No path the tool writes can destroy or misdirect data: never the database or the input
/// (by identity, not spelling), never through a symbolic link, never an existing file without
/// --force, never into a real directory every user may write to.
@Suite struct OutputPathSafetyTests {
    let dir: TemporaryDirectory
    let db: String
    let input: String

    init() throws {
        dir = try TemporaryDirectory()
        db = dir.path("r.sqlite")
        _ = try SmallRegistry(at: db)
        input = dir.path("regions.csv")
        // One good row and one duplicate, so an import has a reject to write.
        try Data("code,name\n33,Jawa Tengah\n33,Jawa Tengah\n".utf8).write(to: URL(fileURLWithPath: input))
    }

    private func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    /// The register is whole: same bytes as before, `check` clean, the regions unchanged.
    private func expectRegisterIntact(_ before: Data, _ context: String) throws {
        #expect(try bytes(db) == before, "the database file changed: \(context)")
        let check = try Tool.run(["check", "--db", db, "--as-of", "2025-06-20"])
        #expect(check.status == 0, "\(context): \(check.stdout) \(check.stderr)")
        #expect(try Tool.run(["export", "regions", "--db", db]).stdout.contains("32,Jawa Barat"))
    }

    private func importing(rejects: String, _ extra: [String] = []) -> [String] {
        ["import", "regions", input, "--db", db, "--rejects", rejects] + extra
    }

    @Test func theDatabaseIsNeverAnOutputWhateverItsSpellingAndEvenWithForce() throws {
        let before = try bytes(db)
        #expect(link(db, dir.path("hard-link.sqlite")) == 0)
        try FileManager.default.createDirectory(atPath: dir.path("sub"), withIntermediateDirectories: false)
        let spellings = [db, dir.path("sub/../r.sqlite"), dir.path("./r.sqlite"), dir.path("hard-link.sqlite")]
        for spelling in spellings {
            for force in [[], ["--force"]] {
                let commands = [
                    importing(rejects: spelling, force),
                    ["export", "workers", "--db", db, "-o", spelling] + force,
                    ["backup", spelling, "--db", db] + force,
                    ["report", "coverage", "--db", db, "--format", "svg", "-o", spelling] + force,
                    ["report", "achievement", "--db", db, "--format", "html", "-o", spelling] + force,
                ]
                for command in commands {
                    let result = try Tool.run(command)
                    #expect(result.status == 2, "\(command): \(result.stderr)")
                    #expect(result.stderr.contains("is the database"), "\(command): \(result.stderr)")
                    try expectRegisterIntact(before, "\(command)")
                }
            }
        }
        // Positive control: a backup under a new name is written, and is the register.
        let copy = try Tool.run(["backup", dir.path("copy.sqlite"), "--db", db])
        #expect(copy.status == 0, "\(copy.stderr)")
        #expect(try Connection(.file(dir.path("copy.sqlite")), mode: .readOnly).fetchValue(Int.self, "SELECT count(*) FROM workers") == 3)
    }

    @Test func theDatabasesCompanionFilesAreRefusedEvenBeforeTheyExist() throws {
        for suffix in ["-wal", "-shm", "-journal"] {
            let result = try Tool.run(importing(rejects: db + suffix, ["--force"]))
            #expect(result.status == 2, "\(suffix): \(result.stderr)")
            #expect(result.stderr.contains("is the database's \(suffix) file"), "\(result.stderr)")
        }
        // Positive control: a name that merely starts like the database's is a fine reject file.
        let beside = try Tool.run(importing(rejects: db + "-rejects.csv"))
        #expect(beside.status == 1, "\(beside.stderr)")
        #expect(try String(contentsOfFile: db + "-rejects.csv", encoding: .utf8).hasPrefix("line,column,value,reason\n"))
    }

    @Test func theInputFileIsNeverTheRejectFile() throws {
        let original = try bytes(input)
        #expect(symlink(input, dir.path("input-link.csv")) == 0)
        #expect(link(input, dir.path("input-hard.csv")) == 0)
        for rejects in [input, dir.path("input-hard.csv")] {
            for force in [[], ["--force"]] {
                let result = try Tool.run(importing(rejects: rejects, force))
                #expect(result.status == 2, "\(rejects) \(force): \(result.stderr)")
                #expect(result.stderr.contains("is the input file"), "\(result.stderr)")
                #expect(try bytes(input) == original)
            }
        }
        // The input read through a link: the reject file may not be the link's target either.
        let throughLink = try Tool.run(["import", "regions", dir.path("input-link.csv"), "--db", db, "--rejects", input])
        #expect(throughLink.status == 2 && throughLink.stderr.contains("is the input file"), "\(throughLink.stderr)")
        #expect(try bytes(input) == original)
    }

    @Test func anExistingFileIsReplacedOnlyWithForceAndNeverDeletedForWantOfRejects() throws {
        let unrelated = dir.path("notes.txt")
        try Data("a clerk's notes\n".utf8).write(to: URL(fileURLWithPath: unrelated))
        let clean = dir.path("clean.csv")
        try Data("code,name\n35,Jawa Timur\n".utf8).write(to: URL(fileURLWithPath: clean))

        // Without --force: refused before anything is imported, whether or not rows would be rejected.
        for file in [input, clean] {
            let refused = try Tool.run(["import", "regions", file, "--db", db, "--rejects", unrelated])
            #expect(refused.status == 2 && refused.stderr.contains("already exists; give --force"), "\(refused.stderr)")
            #expect(try String(contentsOfFile: unrelated, encoding: .utf8) == "a clerk's notes\n")
        }
        #expect(!(try Tool.run(["export", "regions", "--db", db]).stdout.contains("35,Jawa Timur")))

        // With --force and nothing rejected: imported, and the file is left as it was.
        let forcedClean = try Tool.run(["import", "regions", clean, "--db", db, "--rejects", unrelated, "--force"])
        #expect(forcedClean.status == 0, "\(forcedClean.stderr)")
        #expect(try String(contentsOfFile: unrelated, encoding: .utf8) == "a clerk's notes\n")
        #expect(try Tool.run(["export", "regions", "--db", db]).stdout.contains("35,Jawa Timur"))

        // With --force and a reject: replaced by the report, owner-only.
        #expect(chmod(unrelated, 0o644) == 0)
        let forced = try Tool.run(importing(rejects: unrelated, ["--force"]))
        #expect(forced.status == 1, "\(forced.stderr)")
        #expect(try String(contentsOfFile: unrelated, encoding: .utf8).hasPrefix("line,column,value,reason\n3,code,33,"))
        #expect(try mode(of: unrelated) == 0o600)

        // The same rule for exports and backups.
        for command in [["export", "workers", "--db", db, "-o", unrelated], ["backup", unrelated, "--db", db]] {
            let before = try bytes(unrelated)
            let refused = try Tool.run(command)
            #expect(refused.status == 2 && refused.stderr.contains("already exists; give --force"), "\(refused.stderr)")
            #expect(try bytes(unrelated) == before)
            let replaced = try Tool.run(command + ["--force"])
            #expect(replaced.status == 0, "\(command): \(replaced.stderr)")
            #expect(try bytes(unrelated) != before)
            #expect(try mode(of: unrelated) == 0o600)
        }
        #expect(try Connection(.file(unrelated), mode: .readOnly).fetchValue(Int.self, "SELECT count(*) FROM workers") == 3,
                "the backup replaced the file with a whole copy")
    }

    @Test func aSymbolicLinkIsNeverFollowedDanglingOrNot() throws {
        let victim = dir.path("victim.csv")
        try Data("someone else's file\n".utf8).write(to: URL(fileURLWithPath: victim))
        #expect(chmod(victim, 0o644) == 0)
        let existing = dir.path("to-victim"), dangling = dir.path("to-nowhere"), nowhere = dir.path("nowhere.sqlite")
        #expect(symlink(victim, existing) == 0)
        #expect(symlink(nowhere, dangling) == 0)
        for link in [existing, dangling] {
            for force in [[], ["--force"]] {
                let commands = [
                    importing(rejects: link, force),
                    ["export", "workers", "--db", db, "-o", link] + force,
                    ["backup", link, "--db", db] + force,
                    ["init", "--db", link] + force,
                    ["demo", "--db", link, "--workers", "200"] + force,
                ]
                for command in commands {
                    let result = try Tool.run(command)
                    #expect(result.status == 2, "\(command): \(result.stderr)")
                    #expect(result.stderr.contains("is a symbolic link"), "\(command): \(result.stderr)")
                }
            }
        }
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "someone else's file\n")
        #expect(try mode(of: victim) == 0o644, "the link's target keeps its mode")
        #expect(!FileManager.default.fileExists(atPath: nowhere), "nothing was created where the dangling link points")
    }

    @Test func theWorldWritableCheckLooksAtTheRealDirectory() throws {
        let shared = dir.path("shared")
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: false)
        #expect(chmod(shared, 0o1777) == 0)
        #expect(symlink(shared, dir.path("looks-private")) == 0)
        let through = dir.path("looks-private") + "/workers.csv"
        let refused = try Tool.run(["export", "workers", "--db", db, "-o", through])
        #expect(refused.status == 2, "\(refused.stderr)")
        #expect(refused.stderr.contains("\(shared) is writable by every user"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: shared + "/workers.csv"))
        // Positive control: the same export into a private directory is written.
        let written = try Tool.run(["export", "workers", "--db", db, "-o", dir.path("workers.csv")])
        #expect(written.status == 0, "\(written.stderr)")
    }

    @Test func aFailedExportLeavesNoPartFileAndTheOldFileWhole() throws {
        let target = dir.path("workers.csv")
        try Data("yesterday's export\n".utf8).write(to: URL(fileURLWithPath: target))
        // A database that is not a register makes the export fail after the path was accepted.
        let notARegister = dir.path("empty.sqlite")
        #expect(FileManager.default.createFile(atPath: notARegister, contents: nil))
        let failed = try Tool.run(["export", "workers", "--db", notARegister, "-o", target, "--force"])
        #expect(failed.status == 3, "\(failed.stderr)")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "yesterday's export\n")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path("")).filter { $0.contains("partial") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    private func mode(of path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) & 0o7777
    }
}
