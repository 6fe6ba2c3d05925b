import Foundation
import SQLiteDB

/// Where a registry reads the time: the instant stamped on new rows (`registered_at`,
/// `recorded_at`, a payment's `paid_at` when none is given) and the "today" that decides what
/// is owed, what is in the future, and which months a payment covers.
///
/// Production uses ``system``. A test, a replay of past records or a generator of history
/// needs rows stamped with the dates of its scenario, and the registry refuses a payment
/// dated after its clock's now: it uses ``fixed(_:)`` for one moment, or a ``Settable`` clock
/// that it moves as its story advances.
///
/// ```swift
/// let clock = RegistryClock.Settable(CalendarDate(iso: "2025-01-02")!)
/// let registry = try Registry(path: path, clock: clock.clock)
/// clock.set(CalendarDate(iso: "2025-02-10")!)     // rows written now carry 10 February 2025
/// ```
public struct RegistryClock: Sendable {
    /// Reads the time; `Registry(path:clock:)`'s closure form takes it as it is.
    public let now: @Sendable () -> Date

    /// A clock that reads the time from `now`.
    public init(_ now: @escaping @Sendable () -> Date) {
        self.now = now
    }

    /// The computer's clock.
    public static let system = RegistryClock { Date() }

    /// Always `instant`.
    public static func fixed(_ instant: Date) -> RegistryClock {
        RegistryClock { instant }
    }

    /// Always `hour` o'clock (Jakarta time) on `day`.
    public static func fixed(_ day: CalendarDate, hour: Int = 9) -> RegistryClock {
        fixed(Settable.instant(day, hour: hour, minute: 0))
    }

    /// A clock that stands where it was last set, for writing history: move it before each
    /// event and the rows of that event carry its time. Threads may share it.
    public final class Settable: @unchecked Sendable {   // `current` is only touched under `lock`
        private let lock = NSLock()
        private var current: Date

        /// A clock standing at `instant`.
        public init(_ instant: Date) {
            current = instant
        }

        /// A clock standing at `hour` o'clock (Jakarta time) on `day`.
        public convenience init(_ day: CalendarDate, hour: Int = 9) {
            self.init(Self.instant(day, hour: hour, minute: 0))
        }

        /// Where the clock stands.
        public var now: Date { lock.withLock { current } }

        /// Moves the clock to `instant`, forwards or back.
        public func set(_ instant: Date) {
            lock.withLock { current = instant }
        }

        /// Moves the clock to `hour:minute` (Jakarta time) on `day`.
        public func set(_ day: CalendarDate, hour: Int = 9, minute: Int = 0) {
            set(Self.instant(day, hour: hour, minute: minute))
        }

        /// Moves the clock on by `seconds`.
        public func advance(by seconds: TimeInterval) {
            lock.withLock { current = current.addingTimeInterval(seconds) }
        }

        /// This clock, for `Registry(path:clock:)` and `RegistrySession(_:clock:)`.
        public var clock: RegistryClock {
            RegistryClock { self.now }
        }

        static func instant(_ day: CalendarDate, hour: Int, minute: Int) -> Date {
            JakartaCalendar.startOfDay(day).addingTimeInterval(TimeInterval(hour * 3600 + minute * 60))
        }
    }
}
