import Foundation
import Registry
import SQLiteDB

/// The historical clock the demo registry is written under: the generator moves it through the
/// 24 months, so `registered_at`, `recorded_at` and `paid_at` carry dates in the past and the
/// reports, which count ledger rows by their recorded date, see a real history.
final class DemoClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ date: CalendarDate) {
        current = Self.instant(date, minute: 0)
    }

    var now: Date { lock.withLock { current } }

    /// Moves to `date` at 08:00 in Jakarta plus `minute` minutes: events of one day keep their order.
    func set(_ date: CalendarDate, minute: Int = 0) {
        let instant = Self.instant(date, minute: minute)
        lock.withLock { current = instant }
    }

    var read: @Sendable () -> Date { { self.now } }

    static func instant(_ date: CalendarDate, minute: Int) -> Date {
        JakartaCalendar.startOfDay(date).addingTimeInterval(TimeInterval(8 * 3600 + min(max(minute, 0), 15 * 60) * 60))
    }
}
