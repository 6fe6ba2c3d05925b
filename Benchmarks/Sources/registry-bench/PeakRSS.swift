// This process's peak resident set over one stretch of work: the in-process library
// contender's memory, measured like the `registry` tool's (which wait4 reports) but without a
// child. Linux keeps the high-water mark in /proc/self/status (VmHWM); writing 5 to
// /proc/self/clear_refs resets it to the current RSS.
import Foundation

enum PeakRSS {
    static func reset() {
        guard let file = fopen("/proc/self/clear_refs", "w") else { return }
        fputs("5", file)
        fclose(file)
    }

    /// VmHWM in MiB, or nil when /proc does not say.
    static func mebibytes() -> Double? { field("VmHWM:") }

    /// The resident set now (VmRSS) in MiB: where a reset puts the high-water mark.
    static func currentMebibytes() -> Double? { field("VmRSS:") }

    private static func field(_ name: String) -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name) }),
              let kib = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return nil }
        return kib / 1024
    }
}
