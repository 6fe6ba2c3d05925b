import Dispatch
import Foundation
import SQLiteDB
import Testing

/// How a connection waits for the write lock another connection holds (the wrapper's busy
/// handler, `csqlite_busy_poll` in the CSQLite shim): it tries every millisecond until the
/// busy timeout, then fails with SQLITE_BUSY.
@Suite struct BusyWaitTests {
    let directory: TemporaryDirectory
    let path: String

    init() throws {
        directory = try TemporaryDirectory()
        path = directory.path("busy.sqlite")
        try Connection(.file(path)).executeScript("CREATE TABLE entries (writer TEXT NOT NULL, sequence INTEGER NOT NULL)")
    }

    /// A writer that commits and begins again within 2 ms holds the lock almost all the time,
    /// and never has to wait for it. Each write of the waiter begins just after that writer
    /// has taken the lock, so it must find one of the 2 ms gaps. SQLite's own handler
    /// (`sqlite3_busy_timeout`) looks after 1, 2, 5, 10, 15, 20, 25 … ms and later every 100 ms:
    /// about one look in ten lands in a gap, and twenty writes in a row within their 1-second
    /// timeout nearly never get through (they did not, tried here). Trying every millisecond,
    /// the waiter finds the first gap.
    @Test func aWaiterGetsInBetweenTheTransactionsOfAWriterThatBeginsAgainAtOnce() throws {
        var patient = Configuration()
        patient.busyTimeout = .seconds(1)
        let waiter = try Connection(.file(path), configuration: patient)
        let busy = BusyWriterState()
        let done = DispatchSemaphore(value: 0)
        let path = path
        Thread.detachNewThread {
            defer { done.signal() }
            guard let writer = try? Connection(.file(path)) else { return busy.fail() }
            var sequence = 0
            while !busy.isStopped {
                do {
                    try writer.transaction(.immediate) {
                        busy.began()
                        try writer.execute("INSERT INTO entries VALUES ('busy', ?)", sequence)
                        usleep(20_000)   // holds the lock 20 ms…
                    }
                } catch {
                    return busy.fail()
                }
                sequence += 1
                usleep(2_000)            // …and leaves it free 2 ms
            }
        }
        defer {
            busy.stop()
            done.wait()
        }
        for sequence in 0..<20 {
            try #require(busy.waitForNextTransaction(), "the busy writer failed")
            try waiter.transaction(.immediate) {
                try waiter.execute("INSERT INTO entries VALUES ('waiter', ?)", sequence)
            }
        }
        #expect(try waiter.fetchValue(Int.self, "SELECT count(*) FROM entries WHERE writer = 'waiter'") == 20)
    }

    @Test func aWaiterGivesUpWithBusyWhenTheLockStaysTaken() throws {
        let holder = try Connection(.file(path))
        try holder.executeScript("BEGIN IMMEDIATE")
        defer { try? holder.executeScript("ROLLBACK") }
        var impatient = Configuration()
        impatient.busyTimeout = .milliseconds(50)
        let waiter = try Connection(.file(path), configuration: impatient)
        let error = sqliteError { try waiter.transaction(.immediate) { try waiter.execute("INSERT INTO entries VALUES ('w', 1)") } }
        #expect(error?.primaryCode == .busy)
        // With no timeout it fails at the first try.
        var none = Configuration()
        none.busyTimeout = .zero
        let hasty = try Connection(.file(path), configuration: none)
        #expect(sqliteError { try hasty.transaction(.immediate) {} }?.primaryCode == .busy)
    }
}

/// The busy writer's side of the test: how many transactions it has begun, whether it
/// failed, and the flag that stops it.
final class BusyWriterState: @unchecked Sendable {
    // @unchecked: every stored property is only touched with `lock` held.
    private let lock = NSLock()
    private var transactions = 0
    private var failed = false
    private var stopped = false

    func began() { lock.withLock { transactions += 1 } }
    func fail() { lock.withLock { failed = true } }
    func stop() { lock.withLock { stopped = true } }
    var isStopped: Bool { lock.withLock { stopped } }

    /// Waits until the writer begins a transaction after this call; false if it failed.
    func waitForNextTransaction() -> Bool {
        let seen = lock.withLock { transactions }
        while true {
            let (now, failed) = lock.withLock { (transactions, self.failed) }
            if failed { return false }
            if now > seen { return true }
            usleep(100)
        }
    }
}
