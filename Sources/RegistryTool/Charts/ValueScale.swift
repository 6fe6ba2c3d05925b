/// The value axis of a chart: from 0 to ``maximum`` basis points in ``step``s, a round number
/// of them (at most five), so gridlines fall on figures a reader can name.
struct ValueScale: Equatable {
    let maximum: Int
    let step: Int

    /// The smallest round scale that holds every value (negative ones count as 0); 0–1% when
    /// every value is 0 or there are none, so an empty register still draws an axis.
    init(fitting values: [Int]) {
        // Capped far above any real figure so the arithmetic below cannot overflow; a larger
        // value is drawn at the top of the axis, its figure still printed beside it.
        let top = min(values.max().map { max($0, 0) } ?? 0, 1_000_000_000_000_000)
        guard top > 0 else {
            self.init(maximum: 100, step: 20)
            return
        }
        // Steps 1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, … basis points: the first that
        // needs at most five of them.
        var magnitude = 1
        while true {
            let multiples = magnitude >= 10 ? [10, 20, 25, 50] : [10, 20, 50]
            for multiple in multiples {
                let step = multiple * magnitude / 10
                let steps = top / step + (top % step == 0 ? 0 : 1)
                if steps <= 5 {
                    self.init(maximum: steps * step, step: step)
                    return
                }
            }
            magnitude *= 10
        }
    }

    init(maximum: Int, step: Int) {
        self.maximum = maximum
        self.step = step
    }

    /// The gridline values, 0 included.
    var ticks: [Int] { Array(stride(from: 0, through: maximum, by: step)) }

    /// The share of the axis a value reaches, 0 to 1 (values outside are clamped).
    func fraction(_ value: Int) -> Double {
        min(max(Double(value) / Double(maximum), 0), 1)
    }
}

extension ValueScale {
    /// How far above every figure a target may be and still share the axis with them.
    static let targetReach = 4

    /// The axis of a chart of `values` with their `targets`: one scale for both, unless the
    /// targets are more than ``targetReach`` times the largest figure. Then the figures would
    /// lie flat on the floor of the plot, so the axis fits the figures alone and the chart
    /// marks the targets above it, with their values (``isAbove(_:)``).
    init(values: [Int], targets: [Int]) {
        let largest = values.max() ?? 0
        if largest > 0, let highest = targets.max(), highest > Self.targetReach * largest {
            self.init(fitting: values)
        } else {
            self.init(fitting: values + targets)
        }
    }

    /// Whether `value` lies above the top of the axis.
    func isAbove(_ value: Int) -> Bool { value > maximum }
}
