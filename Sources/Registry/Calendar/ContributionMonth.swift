import SQLiteDB

/// A month dues are paid for (bulan iuran): a year and a month, stored as TEXT `YYYY-MM`.
///
/// Each contribution month is priced with the rules in force on its first day, so a bill for
/// August 2020 carries the COVID relief whenever it is issued.
public struct ContributionMonth: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    /// 1 (January) to 12.
    public let month: Int

    /// A month of the years 1900 to 9999, or nil.
    public init?(year: Int, month: Int) {
        guard (1900...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// Parses exactly `YYYY-MM`.
    public init?(_ text: String) {
        self.init(utf8: text.utf8)
    }

    /// Parses exactly `YYYY-MM` from its bytes: reports decode two months per row of an arrears
    /// list, straight from SQLite's text (``decode(from:)``).
    init?<Bytes: Sequence>(utf8: Bytes) where Bytes.Element == UInt8 {
        var year = 0, month = 0
        var index = 0
        for byte in utf8 {
            switch index {
            case 0..<4, 5, 6:
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                let digit = Int(byte - UInt8(ascii: "0"))
                if index < 4 { year = year * 10 + digit } else { month = month * 10 + digit }
            case 4:
                guard byte == UInt8(ascii: "-") else { return nil }
            default:
                return nil
            }
            index += 1
        }
        guard index == 7 else { return nil }
        self.init(year: year, month: month)
    }

    /// The month `date` falls in.
    public init(containing date: CalendarDate) {
        year = date.year
        month = date.month
    }

    public var firstDay: CalendarDate { CalendarDate(year: year, month: month, day: 1)! }
    /// The month's last day (computed within the month, so December 9999 has one too).
    public var lastDay: CalendarDate {
        month == 12 ? CalendarDate(year: year, month: 12, day: 31)! : next.firstDay.adding(days: -1)
    }

    /// The given day of this month, clamped to its last day (a due day of 31 in February).
    public func day(_ day: Int) -> CalendarDate {
        CalendarDate(year: year, month: month, day: min(max(day, 1), lastDay.day))!
    }

    /// Months since January of year 0 (`year * 12 + month - 1`): the distance between two
    /// months is a subtraction.
    public var index: Int { year * 12 + month - 1 }

    /// The month with this ``index``.
    public init(index: Int) {
        year = index / 12
        month = index % 12 + 1
    }

    public func adding(months: Int) -> ContributionMonth { ContributionMonth(index: index + months) }
    public var next: ContributionMonth { adding(months: 1) }
    public var previous: ContributionMonth { adding(months: -1) }

    /// Months from `self` to `other` (negative when `other` is earlier).
    public func months(until other: ContributionMonth) -> Int { other.index - index }

    /// Every month from `first` to `last`, both included; empty when `last` is earlier.
    public static func range(_ first: ContributionMonth, through last: ContributionMonth) -> [ContributionMonth] {
        first.index <= last.index ? (first.index...last.index).map(ContributionMonth.init(index:)) : []
    }

    /// `YYYY-MM`.
    public var description: String {
        let month = self.month < 10 ? "0\(self.month)" : "\(self.month)"
        return "\(year)-\(month)"
    }

    public static func < (lhs: ContributionMonth, rhs: ContributionMonth) -> Bool { lhs.index < rhs.index }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let month = ContributionMonth(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a YYYY-MM month: \(text)")
        }
        self = month
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension ContributionMonth: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { .text(description) }

    public static func fromDatabaseValue(_ value: DatabaseValue) -> ContributionMonth? {
        guard case .text(let text) = value else { return nil }
        return ContributionMonth(text)
    }

    public static func decode(from column: ColumnSlot) -> ContributionMonth? {
        column.storageClass == .text ? column.withUTF8 { ContributionMonth(utf8: $0) } : nil
    }
}
