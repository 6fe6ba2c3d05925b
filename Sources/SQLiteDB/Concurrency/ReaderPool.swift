import Foundation

/// Up to `capacity` read-only connections, opened on demand and reused, until closed.
///
/// `@unchecked Sendable` is sound here: `idle`, `openCount` and `isClosed` are only touched
/// while `condition` is locked, and a connection is used by exactly one borrower between
/// ``withConnection(_:)``'s take and give back.
final class ReaderPool: @unchecked Sendable {
    private let condition = NSCondition()
    private var idle: [Connection] = []
    private var openCount = 0
    private var isClosed = false
    let capacity: Int
    private let open: () throws -> Connection
    /// What a borrower gets once the pool is closed.
    private let closedError: SQLiteError

    init(capacity: Int, closedError: SQLiteError, open: @escaping () throws -> Connection) {
        precondition(capacity > 0, "a reader pool needs at least one connection")
        self.capacity = capacity
        self.closedError = closedError
        self.open = open
    }

    func withConnection<T>(_ body: (Connection) throws -> T) throws -> T {
        let connection = try take()
        defer { giveBack(connection) }
        return try body(connection)
    }

    private func take() throws -> Connection {
        condition.lock()
        while !isClosed && idle.isEmpty && openCount >= capacity { condition.wait() }
        guard !isClosed else {
            condition.unlock()
            throw closedError
        }
        if let connection = idle.popLast() {
            condition.unlock()
            return connection
        }
        openCount += 1
        condition.unlock()
        do {
            return try open()
        } catch {
            condition.lock()
            openCount -= 1
            condition.broadcast()
            condition.unlock()
            throw error
        }
    }

    private func giveBack(_ connection: Connection) {
        condition.lock()
        idle.append(connection)
        // Broadcast, not signal: besides a borrower waiting for a connection, ``close()`` may
        // be waiting for this one to come back.
        condition.broadcast()
        condition.unlock()
    }

    /// Closes the idle connections (all of them once no borrower is left).
    func closeIdle() {
        condition.lock()
        let closing = idle
        idle.removeAll()
        openCount -= closing.count
        condition.unlock()
        _ = closing   // released here, outside the lock
    }

    /// Refuses every new borrower, waits until each borrowed connection is given back, and
    /// closes them all. Calling it again does nothing. Not from inside ``withConnection(_:)``:
    /// it would wait for itself.
    func close() {
        condition.lock()
        isClosed = true
        condition.broadcast()   // borrowers waiting for a connection now throw
        while idle.count < openCount { condition.wait() }
        let closing = idle
        idle.removeAll()
        openCount = 0
        condition.unlock()
        _ = closing   // released here, outside the lock
    }
}
