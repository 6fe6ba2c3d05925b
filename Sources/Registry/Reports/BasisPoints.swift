/// Exact ratios in basis points (1% = 100 bp), the unit targets store coverage in.
///
/// Reports compute ratios in integers so that a figure never depends on floating point: a
/// percentage for display is derived from the basis points (``percentage(_:)``), and the
/// tests check that it equals the views' `round(100.0 * part / whole, 2)`.
enum BasisPoints {
    /// `part × 10,000 ÷ whole`, rounded half away from zero (SQLite's `round`); nil when
    /// `whole` is nil or 0. Exact for every `Int64` input: the product is formed in 128 bits.
    static func ratio(_ part: Int64, of whole: Int64?) -> Int? {
        guard let whole, whole != 0 else { return nil }
        let negative = (part < 0) != (whole < 0)
        let numerator = part.magnitude, denominator = whole.magnitude
        // numerator × 10,000 = high:low, then the quotient and remainder by the denominator.
        let product = numerator.multipliedFullWidth(by: 10_000)
        guard product.high < denominator else { return nil }   // the quotient would not fit
        let (quotient, remainder) = denominator.dividingFullWidth(product)
        guard quotient < UInt64(Int.max) else { return nil }
        let rounded = remainder >= denominator - remainder ? quotient + 1 : quotient
        return negative ? -Int(rounded) : Int(rounded)
    }

    /// Basis points as a percentage with two decimals, e.g. 2523 → 25.23.
    static func percentage(_ basisPoints: Int?) -> Double? {
        basisPoints.map { Double($0) / 100 }
    }
}
