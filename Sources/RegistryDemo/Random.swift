/// Draws built on ``SeededGenerator`` with our own arithmetic, so a seed gives the same demo on
/// every platform and toolchain (the standard library's `random(in:using:)` does not promise
/// a fixed algorithm).
extension SeededGenerator {
    /// A uniform integer in `0..<bound` (multiply-high; the bias for the bounds used here is
    /// below 2⁻⁴⁰ and, unlike rejection, every draw consumes exactly one number).
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "empty range")
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A uniform integer in `range`.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.count)
    }

    /// A uniform number in [0, 1).
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool {
        unit() < p
    }

    /// One element of a non-empty array.
    mutating func pick<T>(_ items: [T]) -> T {
        items[below(items.count)]
    }

    /// An index drawn with the given weights (non-negative, not all zero).
    mutating func weighted(_ weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        var target = unit() * total
        for (index, weight) in weights.enumerated() {
            if target < weight { return index }
            target -= weight
        }
        return weights.count - 1
    }

    /// A generator for one part of the demo, so adding draws to one part does not shift the
    /// numbers of the others.
    func fork(_ salt: UInt64) -> SeededGenerator {
        var mixer = self
        return SeededGenerator(seed: mixer.next() ^ (salt &* 0xD6E8_FEB8_6659_FD93))
    }
}

/// Picks indices in proportion to fixed weights in O(log n): employers by size, villages.
struct WeightedTable {
    private var cumulative: [Double] = []

    init(_ weights: [Double]) {
        var sum = 0.0
        cumulative.reserveCapacity(weights.count)
        for weight in weights {
            sum += weight
            cumulative.append(sum)
        }
    }

    var isEmpty: Bool { cumulative.isEmpty }

    func draw(_ random: inout SeededGenerator) -> Int {
        guard let total = cumulative.last else { return 0 }
        let target = random.unit() * total
        var low = 0, high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > target { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
