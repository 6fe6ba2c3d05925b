import Foundation
import SQLiteDB

/// The registry's operations, on one connection inside one unit of work.
///
/// You get a session from ``Registry/write(actor:_:)-93aoq`` or ``Registry/read(_:)-1e9wz``, or wrap a
/// `Connection` (SQLiteDB) of your own whose schema is migrated. Every multi-row operation
/// runs in a savepoint, so when it throws, nothing it wrote remains, even inside a larger
/// transaction that carries on.
///
/// A session is not `Sendable`: it lives on the thread that runs the closure.
public struct RegistrySession {
    /// The connection, for SQL in the same transaction.
    public let connection: Connection
    /// The clock stamped on new rows.
    public let clock: @Sendable () -> Date
    /// Reference data remembered across rows by a bulk import; nil (no caching) otherwise.
    let referenceCache: ReferenceCache?

    /// A session on `connection`, whose schema must already be migrated.
    public init(_ connection: Connection, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.init(connection, clock: clock, referenceCache: nil)
    }

    /// A session on `connection` with a ``RegistryClock``.
    public init(_ connection: Connection, clock: RegistryClock) {
        self.init(connection, clock: clock.now, referenceCache: nil)
    }

    init(_ connection: Connection, clock: @escaping @Sendable () -> Date, referenceCache: ReferenceCache?) {
        self.connection = connection
        self.clock = clock
        self.referenceCache = referenceCache
    }

    var db: Connection { connection }

    /// Today in Jakarta by the session's clock.
    public var today: CalendarDate { JakartaCalendar.date(at: clock()) }
}
