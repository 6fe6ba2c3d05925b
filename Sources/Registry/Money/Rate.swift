import SQLiteDB

/// A rate in parts per million: 1% is 10,000 ppm, 0.24% is 2,400 ppm, 0.445% is 4,450 ppm.
///
/// The rule tables store rates this way (`rate_ppm` columns), so every rate in `domain.md`,
/// down to the construction tiers' 0.01%, is an exact integer and no rate is ever a `Double`.
public struct Rate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let partsPerMillion: Int64

    public init(partsPerMillion: Int64) { self.partsPerMillion = partsPerMillion }

    /// `Rate(percentHundredths: 24)` is 0.24%.
    public init(percentHundredths: Int64) { partsPerMillion = percentHundredths * 100 }

    public static let zero = Rate(partsPerMillion: 0)
    public static let whole = Rate(partsPerMillion: 1_000_000)

    public static func < (lhs: Rate, rhs: Rate) -> Bool { lhs.partsPerMillion < rhs.partsPerMillion }

    /// `0.24%`, `7.5%`, `2%`: as few decimals as the rate needs.
    public var description: String {
        let whole = partsPerMillion / 10_000
        var fraction = String(partsPerMillion.magnitude % 10_000)
        fraction = String(repeating: "0", count: 4 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let sign = partsPerMillion < 0 && whole == 0 ? "-" : ""
        return fraction.isEmpty ? "\(whole)%" : "\(sign)\(whole).\(fraction)%"
    }
}

extension Rate: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { .integer(partsPerMillion) }

    public static func fromDatabaseValue(_ value: DatabaseValue) -> Rate? {
        Int64.fromDatabaseValue(value).map(Rate.init(partsPerMillion:))
    }
}
