import Foundation

/// A moment stored as an INTEGER: milliseconds since 1970-01-01 00:00 UTC.
///
/// Why beside `Date`'s ISO text: a table that stamps every row (an append-only ledger) pays 24
/// bytes a row for the text and 6 for this integer. The text stays the choice where a person
/// reads the column; this one is for columns written on every row and read by code, or in the
/// shell through `strftime('%Y-%m-%dT%H:%M:%fZ', recorded_at / 1000.0, 'unixepoch')`.
///
/// Compare it only with values of its own kind: SQLite orders every INTEGER before every TEXT,
/// so binding a `Date` where this is stored compares nothing and raises no error.
public struct UnixMilliseconds: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01 00:00 UTC.
    public var value: Int64

    public init(_ value: Int64) {
        self.value = value
    }

    /// `date`, rounded to the nearest millisecond (as `Date`'s stored text is).
    public init(_ date: Date) {
        value = Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    public var date: Date { Date(timeIntervalSince1970: Double(value) / 1000) }

    /// The ISO text `Date` would store: `2026-11-21T08:30:00.000Z`.
    public var description: String { date.iso8601Milliseconds }

    public static func < (lhs: UnixMilliseconds, rhs: UnixMilliseconds) -> Bool { lhs.value < rhs.value }
}

extension UnixMilliseconds: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { .integer(value) }

    public static func fromDatabaseValue(_ value: DatabaseValue) -> UnixMilliseconds? {
        guard case .integer(let milliseconds) = value else { return nil }
        return UnixMilliseconds(milliseconds)
    }
}
