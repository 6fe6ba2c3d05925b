import Foundation
import SQLiteDB
import Testing

/// `DatabasePool.close()`: what a pool that is never deinitialised (held in a global) leaves on
/// disk once closed, and that nothing can use it afterwards.
@Suite struct PoolCloseTests {
    let directory: TemporaryDirectory
    let path: String

    init() throws {
        directory = try TemporaryDirectory()
        path = directory.path("pool.sqlite")
    }

    /// Rows of `t` in a copy of the main file alone (no `-wal`), 0 when the copy lacks the table.
    func rowsInACopyOfTheMainFile(_ name: String) throws -> Int {
        let copy = directory.path(name)
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        let db = try Connection(.file(copy), mode: .readOnly)
        guard try db.fetchValue(Int.self, "SELECT count(*) FROM sqlite_schema WHERE name = 't'") == 1 else { return 0 }
        return try db.fetchValue(Int.self, "SELECT count(*) FROM t") ?? -1
    }

    func walBytes() throws -> Int {
        guard FileManager.default.fileExists(atPath: path + "-wal") else { return 0 }
        return (try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? NSNumber)?.intValue ?? -1
    }

    @Test func closeFoldsTheLogIntoTheFileWhileThePoolIsStillHeld() throws {
        let pool = try DatabasePool(path: path)
        try pool.write { db in try db.execute("CREATE TABLE t (x INTEGER)") }
        for batch in 0..<20 {
            try pool.write { db in
                for x in 0..<100 { try db.execute("INSERT INTO t VALUES (?)", batch * 100 + x) }
            }
        }
        #expect(try pool.read { db in try db.fetchValue(Int.self, "SELECT count(*) FROM t") } == 2_000)
        // The control: held open, the writes are in the log and a copy of the file alone lacks them.
        #expect(try walBytes() > 0)
        #expect(try rowsInACopyOfTheMainFile("before.sqlite") < 2_000)

        try pool.close()
        #expect(try walBytes() == 0, "the -wal file still holds writes")
        #expect(try rowsInACopyOfTheMainFile("after.sqlite") == 2_000)
        withExtendedLifetime(pool) {}   // the pool is still alive: close(), not deinit, did it
    }

    @Test func aClosedPoolRefusesEveryUseAndClosesOnce() throws {
        let pool = try DatabasePool(path: path)
        try pool.write { db in try db.execute("CREATE TABLE t (x INTEGER)") }
        try pool.close()
        try pool.close()   // again: nothing to do, no error
        let uses: [(String, () throws -> Void)] = [
            ("write", { try pool.write { db in try db.execute("INSERT INTO t VALUES (1)") } }),
            ("writeWithoutTransaction", { try pool.writeWithoutTransaction { db in try db.execute("INSERT INTO t VALUES (1)") } }),
            ("read", { _ = try pool.read { db in try db.fetchValue(Int.self, "SELECT count(*) FROM t") } }),
            ("integrityCheck", { _ = try pool.integrityCheck() }),
        ]
        for (name, use) in uses {
            let error = try #require(sqliteError(use), "\(name) after close")
            #expect(error.code == .misuse, "\(name)")
            #expect(error.message.contains("was closed"), "\(name): \(error.message)")
        }
        // Nothing was written after the close.
        #expect(try Connection(.file(path), mode: .readOnly).fetchValue(Int.self, "SELECT count(*) FROM t") == 0)
    }

    @Test func closeWaitsForAReadInProgress() throws {
        let pool = try DatabasePool(path: path)
        try pool.write { db in try db.execute("CREATE TABLE t (x INTEGER)"); try db.execute("INSERT INTO t VALUES (7)") }
        let started = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        let readEnded = LockedBox(false)
        let result = LockedBox<Result<Int?, any Error>?>(nil)
        Thread.detachNewThread {
            result.set(Result {
                try pool.read { db in
                    started.signal()
                    Thread.sleep(forTimeInterval: 0.3)
                    defer { readEnded.set(true) }   // the last thing before the connection goes back
                    return try db.fetchValue(Int.self, "SELECT x FROM t")
                }
            })
            finished.signal()
        }
        started.wait()
        try pool.close()
        #expect(readEnded.get(), "close() returned while a read was still using its connection")
        finished.wait()
        #expect(try result.get()?.get() == 7, "the read in progress was not cut short")
        #expect(try walBytes() == 0)
    }

    @Test func aReadOnlyPoolClosesToo() throws {
        try Connection(.file(path)).execute("CREATE TABLE t (x INTEGER)")
        let pool = try DatabasePool(path: path, access: .readOnly)
        #expect(try pool.read { db in try db.fetchValue(Int.self, "SELECT count(*) FROM t") } == 0)
        try pool.close()
        #expect(sqliteError { _ = try pool.read { db in try db.fetchValue(Int.self, "SELECT 1") } }?.code == .misuse)
    }
}

/// A value shared with another thread.
final class LockedBox<Value>: @unchecked Sendable {   // `value` is only touched under `lock`
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func get() -> Value { lock.withLock { value } }
    func set(_ newValue: Value) { lock.withLock { value = newValue } }
}
