/// Colours, type and sizes of every chart, in one place.
///
/// The series colours are the Okabe–Ito palette, told apart by readers with any common colour
/// vision deficiency; each series also has its own marker shape (``LineChart``), so a chart
/// printed in black and white still tells its lines apart.
enum ChartStyle {
    /// DejaVu Sans is Debian's default and what `rsvg-convert` finds; the rest are fallbacks for
    /// other systems. Every name is a local font: a chart never fetches one.
    static let fontFamily = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif"
    static let fontSize = 12.0
    static let titleSize = 16.0
    static let smallSize = 10.5

    static let paper = "#ffffff"
    static let ink = "#1a1a1a"
    static let muted = "#555555"
    static let grid = "#d9d9d9"
    static let axis = "#333333"

    /// Bars: one colour, the figure itself; the target is drawn over it in ``target``.
    static let bar = "#0072b2"
    /// The total of a filtered report: the same hue, darker.
    static let barTotal = "#004a75"
    static let target = "#000000"
    static let targetDash = "6 3"
    /// The 100% line of an achievement chart.
    static let reference = "#d55e00"

    /// Line series, in order.
    static let series = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000", "#7f7f7f"]
}
