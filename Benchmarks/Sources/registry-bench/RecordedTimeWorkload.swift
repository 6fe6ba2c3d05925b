// Workload 4, recorded time: the status counts and the arrears list as the register said them
// on a past day (`statusCounts(on:asKnownOn:)`, `arrears(on:asKnownOn:)`), what an audit asks.
// Unlike the valid-time reports, which read the standing tables, these evaluate every
// membership from its ledger rows: a pass over the register. Each runs in its own
// `Registry.read` at 'today' as known on 'today' and at the past report date as known on that
// date; timed with this process's CPU seconds, and its peak resident set with the high-water
// mark reset to the current resident set first (the rise is what the answer held).
import Foundation
import Registry
import SQLiteDB

struct RecordedTimeTiming {
    var name: String
    var millis: [Double] = []
    var cpuSeconds: [Double] = []
    /// VmHWM during the call, and its rise over the resident set at the start.
    var peakMiB: [Double] = []
    var riseMiB: [Double] = []
    var rows = -1
}

struct RecordedTimeWorkload {
    let path: String
    let dates: [CalendarDate]
    let cacheKiB: Int

    static func reports() -> [(String, (RegistrySession, CalendarDate) throws -> Int)] {
        [
            // Rows: memberships counted (the segments' rows sum them), so a change shows.
            ("statusCounts(on:asKnownOn:)", { try $0.statusCounts(on: $1, asKnownOn: $1).map(\.memberships).reduce(0, +) }),
            ("arrears(on:asKnownOn:)", { try $0.arrears(on: $1, asKnownOn: $1).count }),
        ]
    }

    func run(repeats: Int) throws -> [RecordedTimeTiming] {
        var configuration = Configuration()
        configuration.cacheSizeKiB = cacheKiB
        let registry = try Registry(path: path, configuration: configuration)
        var timings: [RecordedTimeTiming] = []
        for date in dates {
            for (name, _) in Self.reports() { timings.append(RecordedTimeTiming(name: "\(name) @ \(date)")) }
        }
        for repetition in 0..<repeats {
            Log.step("  recorded-time reports repetition \(repetition + 1)/\(repeats)")
            var index = 0
            for date in dates {
                for (_, report) in Self.reports() {
                    PeakRSS.reset()
                    let start = PeakRSS.currentMebibytes()
                    let cpu = processCPUSeconds()
                    let (rows, elapsed) = try timed { try registry.read { try report($0, date) } }
                    let cpuSeconds = processCPUSeconds() - cpu
                    if timings[index].rows >= 0, timings[index].rows != rows {
                        throw RawError(description: "\(timings[index].name) returned \(rows) rows, earlier \(timings[index].rows)")
                    }
                    timings[index].rows = rows
                    timings[index].millis.append(elapsed * 1000)
                    timings[index].cpuSeconds.append(cpuSeconds)
                    if let peak = PeakRSS.mebibytes(), let start {
                        timings[index].peakMiB.append(peak)
                        timings[index].riseMiB.append(peak - start)
                    }
                    Log.step("    \(timings[index].name.padding(toLength: 44, withPad: " ", startingAt: 0))"
                        + String(format: "%10.1f ms  CPU %.2f s  %7d rows  peak %.0f MiB (+%.0f)", elapsed * 1000, cpuSeconds, rows,
                                 timings[index].peakMiB.last ?? 0, timings[index].riseMiB.last ?? 0))
                    index += 1
                }
            }
        }
        return timings
    }

    static func table(_ timings: [RecordedTimeTiming], members: Int, repeats: Int) -> String {
        func mib(_ values: [Double]) -> String { values.isEmpty ? "?" : String(format: "%.0f", median(values)) }
        var lines = ["### 4b. recorded time: reports as the register said them on their date, \(members.formatted()) members", "",
                     "| report @ date (as known on that date) | ms | CPU s | rows | peak RSS MiB (rise) |", "|---|---:|---:|---:|---:|"]
        for timing in timings {
            lines.append("| `\(timing.name)` | " + String(format: "%.0f", median(timing.millis))
                + " | " + String(format: "%.2f", median(timing.cpuSeconds)) + " | \(timing.rows.formatted())"
                + " | \(mib(timing.peakMiB)) (+\(mib(timing.riseMiB))) |")
        }
        lines.append("")
        lines.append("Medians of \(repeats) repetitions; rows: memberships counted (status counts) or entries (arrears).")
        return lines.joined(separator: "\n")
    }
}
