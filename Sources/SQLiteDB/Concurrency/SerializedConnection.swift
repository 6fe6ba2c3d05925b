import Foundation

/// A connection that one thread at a time may use, guarded by a lock, until it is closed.
///
/// `@unchecked Sendable` is sound here: the connection is private and only reached inside
/// ``withConnection(_:)`` or ``close(after:)`` while the lock is held, so no two threads ever
/// touch it at once.
final class SerializedConnection: @unchecked Sendable {
    private let lock = NSLock()
    private var connection: Connection?
    /// What a use after ``close(after:)`` throws.
    private let closedError: SQLiteError

    init(_ connection: Connection, closedError: SQLiteError) {
        self.connection = connection
        self.closedError = closedError
    }

    /// Runs `body` with the connection, waiting for any other thread to finish with it.
    /// Not reentrant: calling it again from inside `body` deadlocks.
    ///
    /// - Throws: `closedError` once the connection was closed.
    func withConnection<T>(_ body: (Connection) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        guard let connection else { throw closedError }
        return try body(connection)
    }

    /// Waits for the thread using the connection, runs `last` on it, then closes it, even when
    /// `last` throws. Every later use throws. Nothing happens when it is already closed.
    func close(after last: (Connection) throws -> Void) throws {
        lock.lock()
        defer { lock.unlock() }
        guard let connection else { return }
        // The only reference: releasing it closes the handle (Connection.deinit) before the lock
        // is given up, so the next thread to take the lock finds the connection gone.
        defer { self.connection = nil }
        try last(connection)
    }
}
