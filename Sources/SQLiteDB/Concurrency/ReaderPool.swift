import Foundation

/// Up to `capacity` read-only connections, opened on demand and reused.
///
/// `@unchecked Sendable` is sound here: `idle` and `openCount` are only touched while
/// `condition` is locked, and a connection is used by exactly one borrower between
/// ``withConnection(_:)``'s take and give back.
final class ReaderPool: @unchecked Sendable {
    private let condition = NSCondition()
    private var idle: [Connection] = []
    private var openCount = 0
    let capacity: Int
    private let open: () throws -> Connection

    init(capacity: Int, open: @escaping () throws -> Connection) {
        precondition(capacity > 0, "a reader pool needs at least one connection")
        self.capacity = capacity
        self.open = open
    }

    func withConnection<T>(_ body: (Connection) throws -> T) throws -> T {
        let connection = try take()
        defer { giveBack(connection) }
        return try body(connection)
    }

    private func take() throws -> Connection {
        condition.lock()
        while idle.isEmpty && openCount >= capacity { condition.wait() }
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
            condition.signal()
            condition.unlock()
            throw error
        }
    }

    private func giveBack(_ connection: Connection) {
        condition.lock()
        idle.append(connection)
        condition.signal()
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
}
