import Dispatch
import Foundation
import SQLiteDB
import Testing

@Suite struct ConcurrencyTests {
    let directory: TemporaryDirectory
    let path: String

    init() throws {
        directory = try TemporaryDirectory()
        path = directory.path("shared.sqlite")
        let setup = try Connection(.file(path))
        try setup.executeScript("""
            CREATE TABLE entries (id INTEGER PRIMARY KEY, writer TEXT NOT NULL, sequence INTEGER NOT NULL,
                                  UNIQUE (writer, sequence));
            CREATE TABLE accounts (name TEXT PRIMARY KEY, balance INTEGER NOT NULL);
            INSERT INTO accounts VALUES ('a', 500), ('b', 500);
            """)
    }

    @Test func readerKeepsOneSnapshotWhileAWriterCommits() throws {
        let pool = try DatabasePool(path: path)
        let writerDone = DispatchSemaphore(value: 0)
        let (before, after, total) = try pool.read { db -> (Int, Int, Int) in
            let before = try db.fetchValue(Int.self, "SELECT count(*) FROM entries") ?? -1
            // While this read is open, another thread commits writes.
            DispatchQueue.global().async {
                for i in 0..<10 {
                    try? pool.write { db in
                        try db.execute("INSERT INTO entries (writer, sequence) VALUES (?, ?)", "w", i)
                        try db.execute("UPDATE accounts SET balance = balance - 10 WHERE name = ?", "a")
                        try db.execute("UPDATE accounts SET balance = balance + 10 WHERE name = ?", "b")
                    }
                }
                writerDone.signal()
            }
            writerDone.wait()
            let after = try db.fetchValue(Int.self, "SELECT count(*) FROM entries") ?? -1
            let total = try db.fetchValue(Int.self, "SELECT sum(balance) FROM accounts") ?? -1
            return (before, after, total)
        }
        #expect(before == 0)
        #expect(after == 0)  // same snapshot, though 10 rows were committed meanwhile
        #expect(total == 1000)
        // A new read sees the commits, and balances always add up.
        let (count, sum, a) = try pool.read { db in
            (try db.fetchValue(Int.self, "SELECT count(*) FROM entries"),
             try db.fetchValue(Int.self, "SELECT sum(balance) FROM accounts"),
             try db.fetchValue(Int.self, "SELECT balance FROM accounts WHERE name = 'a'"))
        }
        #expect(count == 10)
        #expect(sum == 1000)
        #expect(a == 400)
    }

    @Test func twoConnectionsContendingForWritesLoseNothing() throws {
        // Two pools: two writer connections on one file, as two programs in one process would be.
        let pools = [try DatabasePool(path: path), try DatabasePool(path: path)]
        let perWriter = 300
        let failures = FailureLog()
        DispatchQueue.concurrentPerform(iterations: 2) { writer in
            for sequence in 0..<perWriter {
                do {
                    try pools[writer].write { db in
                        // Read-then-write in one transaction: safe only because writes begin IMMEDIATE.
                        let balance = try db.fetchValue(Int.self, "SELECT balance FROM accounts WHERE name = 'a'") ?? 0
                        try db.execute("UPDATE accounts SET balance = ? WHERE name = 'a'", balance + 1)
                        try db.execute("INSERT INTO entries (writer, sequence) VALUES (?, ?)", "w\(writer)", sequence)
                    }
                } catch {
                    failures.record("\(error)")
                }
            }
        }
        #expect(failures.messages.isEmpty, "\(failures.messages.prefix(3))")
        let db = try Connection(.file(path), mode: .readOnly)
        #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM entries") == 2 * perWriter)
        // No lost update: every increment landed.
        #expect(try db.fetchValue(Int.self, "SELECT balance FROM accounts WHERE name = 'a'") == 500 + 2 * perWriter)
    }

    @Test func twoProcessesContendingForWritesLoseNothing() throws {
        let executable = productsDirectory().appendingPathComponent("ContentionWriter")
        try #require(FileManager.default.isExecutableFile(atPath: executable.path), "build ContentionWriter first")
        let perProcess = 250
        let processes = try (0..<2).map { index -> (Process, Pipe) in
            let process = Process()
            process.executableURL = executable
            process.arguments = [path, "process\(index)", String(perProcess)]
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            return (process, errors)
        }
        // And this process writes at the same time.
        let pool = try DatabasePool(path: path)
        for sequence in 0..<perProcess {
            try pool.write { db in
                try db.execute("INSERT INTO entries (writer, sequence) VALUES (?, ?)", "test", sequence)
            }
        }
        for (process, errors) in processes {
            process.waitUntilExit()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(process.terminationStatus == 0, "writer failed: \(message)")
            #expect(!message.contains("locked"))
        }
        let counts = try pool.read { db in
            try db.fetchAll("SELECT writer, count(*) FROM entries GROUP BY writer ORDER BY writer")
        }
        #expect(counts.map(\.values) == [
            ["process0", .integer(Int64(perProcess))],
            ["process1", .integer(Int64(perProcess))],
            ["test", .integer(Int64(perProcess))],
        ])
    }

    @Test func asyncEntryPointsRunConcurrently() async throws {
        let pool = try DatabasePool(path: path, maximumReaderCount: 3)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<4 {
                group.addTask {
                    for sequence in 0..<25 {
                        try await pool.write { db in
                            try db.execute("INSERT INTO entries (writer, sequence) VALUES (?, ?)", "t\(writer)", sequence)
                        }
                    }
                }
            }
            for _ in 0..<6 {
                group.addTask {
                    let sum = try await pool.read { db in
                        try db.fetchValue(Int.self, "SELECT sum(balance) FROM accounts")
                    }
                    #expect(sum == 1000)
                }
            }
            try await group.waitForAll()
        }
        let count = try await pool.read { db in try db.fetchValue(Int.self, "SELECT count(*) FROM entries") }
        #expect(count == 100)
    }

    @Test func readersCannotWrite() throws {
        let pool = try DatabasePool(path: path)
        let error = sqliteError { try pool.read { db in try db.execute("DELETE FROM entries") } }
        #expect(error?.primaryCode == .readOnly)
    }
}

/// Error messages gathered from several threads.
final class FailureLog: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []

    func record(_ message: String) {
        lock.lock()
        list.append(message)
        lock.unlock()
    }

    var messages: [String] {
        lock.lock()
        defer { lock.unlock() }
        return list
    }
}
