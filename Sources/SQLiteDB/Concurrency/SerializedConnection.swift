import Foundation

/// A connection that one thread at a time may use, guarded by a lock.
///
/// `@unchecked Sendable` is sound here: the connection is private and only reached inside
/// ``withConnection(_:)`` while the lock is held, so no two threads ever touch it at once.
final class SerializedConnection: @unchecked Sendable {
    private let lock = NSLock()
    private let connection: Connection

    init(_ connection: Connection) {
        self.connection = connection
    }

    /// Runs `body` with the connection, waiting for any other thread to finish with it.
    /// Not reentrant: calling it again from inside `body` deadlocks.
    func withConnection<T>(_ body: (Connection) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(connection)
    }
}
