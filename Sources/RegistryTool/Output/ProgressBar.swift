import Foundation

/// A one-line progress bar on stderr, drawn only when stderr is a terminal (a script's log
/// should not fill with carriage returns) and at most ten times a second.
final class ProgressBar {
    private let label: String
    private let total: Int?
    private let enabled: Bool
    private var lastDraw = Date.distantPast

    /// `total` in the caller's unit (bytes of a file, months of a demo); nil when unknown.
    init(_ label: String, total: Int?, enabled: Bool = StandardError.isTerminal) {
        self.label = label
        self.total = total
        self.enabled = enabled
    }

    /// Redraws with `done` units finished; `detail` is free text such as "120,000 rows".
    func update(_ done: Int, detail: String = "") {
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        draw(done, detail: detail)
    }

    /// Draws the final state and ends the line.
    func finish(_ done: Int, detail: String = "") {
        guard enabled else { return }
        draw(done, detail: detail)
        StandardError.write("\n")
    }

    private func draw(_ done: Int, detail: String) {
        var line = "\r\(label) "
        if let total, total > 0 {
            let fraction = min(1, Double(done) / Double(total))
            let width = 30
            let filled = Int(fraction * Double(width))
            line += "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
            line += String(format: "%3d%%", Int(fraction * 100))
        }
        if !detail.isEmpty { line += "  " + detail }
        StandardError.write(line + "\u{1B}[K")
    }
}
