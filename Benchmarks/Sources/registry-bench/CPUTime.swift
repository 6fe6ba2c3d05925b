// This process's CPU time: on a machine shared with other engineers' builds and benchmarks, a
// wall time says as much about them as about the contender; the CPU seconds it used are its own.
import Foundation

/// User + system CPU seconds of this process so far (`getrusage`).
func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    func value(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
    return value(usage.ru_utime) + value(usage.ru_stime)
}
