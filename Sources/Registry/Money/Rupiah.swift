import SQLiteDB

/// An amount of money in whole rupiah.
///
/// Rupiah have had no subunit in circulation for decades, and every amount in the scheme's
/// rules (Rp16,800, Rp6,800, wage caps) is whole, so the amount is an `Int64` of rupiah and
/// never a `Double`: sums stay exact however many months are added. It is stored as an
/// INTEGER column.
///
/// ## Rounding
/// One rule everywhere a percentage is applied (``applying(_:)``): the exact product is rounded
/// **half up to the nearest rupiah** (a half rupiah goes away from zero). The rule is applied
/// once per line (one program, one payer), never to intermediate results.
public struct Rupiah: Sendable, Hashable, Comparable, Codable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    /// The amount in whole rupiah; negative only on reversals and refunds.
    public var amount: Int64

    public init(_ amount: Int64) { self.amount = amount }
    public init(integerLiteral value: Int64) { amount = value }

    public static let zero = Rupiah(0)

    /// The amount times `rate`, rounded half up (away from zero) to whole rupiah.
    ///
    /// The product is computed in 128 bits, so contract values of trillions of rupiah cannot
    /// overflow before the division.
    public func applying(_ rate: Rate) -> Rupiah {
        Rupiah(roundingMillionths: Int128(amount) * Int128(rate.partsPerMillion))
    }

    /// `millionths` / 1,000,000 rounded half up (away from zero): the one rounding rule, shared
    /// by ``applying(_:)`` and sums of rupiah × ppm products that are rounded once at the end.
    init(roundingMillionths millionths: Int128) {
        let (quotient, remainder) = millionths.quotientAndRemainder(dividingBy: 1_000_000)
        let roundedAway = remainder.magnitude * 2 >= 1_000_000
        let rounded = roundedAway ? quotient + (millionths < 0 ? -1 : 1) : quotient
        self.init(Int64(rounded))
    }

    /// The smaller of this amount and `cap`: wage caps (JP, JKP) are applied this way.
    public func capped(at cap: Rupiah) -> Rupiah { Swift.min(self, cap) }

    public static func + (lhs: Rupiah, rhs: Rupiah) -> Rupiah { Rupiah(lhs.amount + rhs.amount) }
    public static func - (lhs: Rupiah, rhs: Rupiah) -> Rupiah { Rupiah(lhs.amount - rhs.amount) }
    public static func * (lhs: Rupiah, rhs: Int64) -> Rupiah { Rupiah(lhs.amount * rhs) }
    public static prefix func - (value: Rupiah) -> Rupiah { Rupiah(-value.amount) }
    public static func += (lhs: inout Rupiah, rhs: Rupiah) { lhs.amount += rhs.amount }
    public static func -= (lhs: inout Rupiah, rhs: Rupiah) { lhs.amount -= rhs.amount }
    public static func < (lhs: Rupiah, rhs: Rupiah) -> Bool { lhs.amount < rhs.amount }

    /// Indonesian notation, as on a receipt: `Rp16.800`, `-Rp1.540.000` (dots group thousands).
    public var description: String {
        let digits = String(amount.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(".") }
            grouped.append(digit)
        }
        return (amount < 0 ? "-Rp" : "Rp") + grouped
    }

    // Plain number in JSON and Codable records: the unit is in the type, not the payload.
    public init(from decoder: any Decoder) throws {
        amount = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(amount)
    }
}

extension Sequence where Element == Rupiah {
    /// The exact total.
    public func sum() -> Rupiah { reduce(.zero, +) }
}

extension Rupiah: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { .integer(amount) }

    public static func fromDatabaseValue(_ value: DatabaseValue) -> Rupiah? {
        Int64.fromDatabaseValue(value).map { Rupiah($0) }
    }

    public func bind(to slot: ParameterSlot) -> ResultCode { amount.bind(to: slot) }
    public static func decode(from column: ColumnSlot) -> Rupiah? { Int64.decode(from: column).map { Rupiah($0) } }
}
