import Foundation
import Testing
import Registry
import RegistryDemo
import SQLiteDB

/// Timing of a full build, run by hand only:
/// `DEMO_TIMING_WORKERS=10000 swift test --skip-build --filter DemoTiming`.
@Suite struct DemoTiming {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["DEMO_TIMING_WORKERS"] != nil))
    func timeABuild() throws {
        let workers = Int(ProcessInfo.processInfo.environment["DEMO_TIMING_WORKERS"] ?? "") ?? 10_000
        let environment = ProcessInfo.processInfo.environment
        let path = environment["DEMO_TIMING_PATH"]
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("demo-timing-\(workers)-\(getpid()).sqlite").path
        defer {
            if environment["DEMO_TIMING_PATH"] == nil {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
        }
        var last = ContinuousClock.now
        let summary = try DemoRegistry.build(at: path, options: DemoOptions(workers: workers)) { progress in
            let now = ContinuousClock.now
            print("[demo] \(progress) +\(now - last)")
            last = now
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        print("[demo] \(workers) workers: \(summary.seconds) s, \(summary.bills) bills, \(summary.billLines) lines, \(summary.payments) payments, file \(size / 1_000_000) MB")
        print("[demo] \(summary)")
        let session = RegistrySession(try Connection(.file(path), mode: .readOnly))
        for count in try session.statusCounts(on: summary.asOf) {
            print("[demo] \(count.segment.shortCode): \(count.memberships) memberships, active \(count.active), in arrears \(count.inArrears), lapsed \(count.lapsed), ended \(count.ended), not started \(count.notStarted)")
        }
    }
}
