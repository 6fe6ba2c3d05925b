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

/// This thread's CPU time in microseconds (`CLOCK_THREAD_CPUTIME_ID`): taken around a timed call,
/// it tells the call's own work from the time the thread waited while another process had the
/// core (a preempted call on a loaded machine waits out a scheduler tick of several ms).
func threadCPUMicros() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) * 1e6 + Double(time.tv_nsec) / 1e3
}
