import Foundation
import SQLiteDB
import Testing

/// ``Checkpointing``: a file Litestream replicates (its state directory beside it) is never
/// checkpointed by the library; any other is, as before.
@Suite struct CheckpointingTests {
    let directory: TemporaryDirectory
    let path: String

    init() throws {
        directory = try TemporaryDirectory()
        path = directory.path("pool.sqlite")
    }

    /// Makes the file look replicated, as `litestream replicate` does when it starts.
    func replicate() throws {
        try FileManager.default.createDirectory(atPath: directory.path(".pool.sqlite-litestream"), withIntermediateDirectories: false)
    }

    func walBytes() -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? NSNumber)?.intValue ?? 0
    }

    func fill(_ pool: DatabasePool) throws {
        try pool.write { db in try db.execute("CREATE TABLE t (x INTEGER)") }
        try pool.write { db in for x in 0..<500 { try db.execute("INSERT INTO t VALUES (?)", x) } }
    }

    @Test func automaticIsLocalUnlessLitestreamKeepsItsStateBesideTheFile() throws {
        #expect(LitestreamState.directory(forDatabaseAt: path) == directory.path(".pool.sqlite-litestream"))
        #expect(Checkpointing.automatic.resolved(forDatabaseAt: path) == .local)
        #expect(Checkpointing.automatic.resolved(forDatabaseAt: nil) == .local)
        try replicate()
        #expect(LitestreamState.isReplicated(path))
        #expect(Checkpointing.automatic.resolved(forDatabaseAt: path) == .external)
        // Explicit settings are kept whatever the file shows.
        #expect(Checkpointing.local.resolved(forDatabaseAt: path) == .local)
        #expect(Checkpointing.external.resolved(forDatabaseAt: directory.path("other.sqlite")) == .external)
        // A file of the same name is not a directory.
        let other = directory.path("plain.sqlite")
        #expect(FileManager.default.createFile(atPath: directory.path(".plain.sqlite-litestream"), contents: Data()))
        #expect(!LitestreamState.isReplicated(other))
    }

    @Test func aReplicatedFileIsNeverCheckpointedByThePool() throws {
        try replicate()
        let pool = try DatabasePool(path: path)
        #expect(try pool.writeWithoutTransaction { db in db.checkpointing } == .external)
        #expect(try pool.writeWithoutTransaction { db in try db.fetchValue(Int.self, "PRAGMA wal_autocheckpoint") } == 0)
        try fill(pool)
        let before = walBytes()
        #expect(before > 0)
        try pool.close()
        // The log is left whole for Litestream: not truncated, not deleted, not folded in.
        #expect(walBytes() == before)
        let copy = directory.path("copy.sqlite")
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        let fileAlone = try Connection(.file(copy), mode: .readOnly)
        #expect(try fileAlone.fetchValue(Int.self, "SELECT count(*) FROM sqlite_schema WHERE name = 't'") == 0)
        // Reading through the log finds every row.
        #expect(try Connection(.file(path), mode: .readOnly).fetchValue(Int.self, "SELECT count(*) FROM t") == 500)
    }

    @Test func aFileNobodyReplicatesIsCheckpointedAsBefore() throws {
        let pool = try DatabasePool(path: path)
        #expect(try pool.writeWithoutTransaction { db in db.checkpointing } == .local)
        #expect(try pool.writeWithoutTransaction { db in try db.fetchValue(Int.self, "PRAGMA wal_autocheckpoint") } == 1000)
        try fill(pool)
        #expect(walBytes() > 0)
        try pool.close()
        #expect(walBytes() == 0)
    }

    @Test func replicationThatBeganAfterThePoolOpenedIsSeenWhenItCloses() throws {
        let pool = try DatabasePool(path: path)
        try fill(pool)
        try replicate()
        let before = walBytes()
        try pool.close()
        #expect(walBytes() == before && before > 0)
    }

    @Test func anExtensionThatCannotBeLoadedIsAnErrorNamingIt() throws {
        let missing = directory.path("no-such-extension.so")
        let error = #expect(throws: SQLiteError.self) { try LoadableExtension.load(missing) }
        #expect(error?.message.contains(missing) == true)
    }
}
