// Medians and percentiles: every table cell is a median over repetitions, so one repetition
// that waited on the disk (these are shared 2-core machines) does not decide a result.

func median(_ values: [Double]) -> Double {
    precondition(!values.isEmpty, "median of nothing")
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// Nearest-rank percentile (`fraction` 0.5 = p50, 0.99 = p99) of `values`, which it sorts.
func percentile(_ values: [Double], _ fraction: Double) -> Double {
    precondition(!values.isEmpty, "percentile of nothing")
    let sorted = values.sorted()
    let rank = Int((fraction * Double(sorted.count)).rounded(.up))
    return sorted[min(max(rank, 1), sorted.count) - 1]
}

/// Deterministic pseudo-random numbers (no Foundation randomness: every run on every machine
/// generates the same members, payments and samples).
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// Uniform in 0..<bound (bound small next to 2^64: the modulo bias is negligible and fixed).
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// A stateless hash of one value: decisions keyed by (member, month) without a stream.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
