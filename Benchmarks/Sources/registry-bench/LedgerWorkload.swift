// Workload 2, ledger: `--months` months of bills and payments on the imported register.
//
// - registry: ``LedgerDriver`` (the library in this process, one write transaction a month).
// - raw C: the same bills (with their dues columns, 0026; no due date, 0028), bill_adjustments,
//   payments and payment_allocations rows, read from the warm-up run's file month by month,
//   inserted with prepared statements, one transaction a month, table by table (bills, their
//   lines, payments, allocations: every trigger's precondition holds in that order).
//
// The warm-up run's file is kept: it is the database of the queries and reports workloads.
import Foundation

struct LedgeredRegister {
    var path: String
    var summary: DatabaseSummary
    var bytes: Int64
    /// Rows the ledger added to the four tables.
    var rows: Int
    /// The same, per table: bills, bill_adjustments, payments, payment_allocations.
    var tableRows: [Int]
}

struct LedgerResult {
    /// One run, paired month by month (``LedgerWorkload/runPaired(_:)``): the seconds below
    /// are per month, not per repetition.
    var paired = false
    var rows = 0
    var tableRows: [Int] = []
    var registrySeconds: [Double] = []
    var rawSeconds: [Double] = []
    /// This process's CPU seconds (user + system) in each of the times above: the contender's
    /// own work, whatever else the machine ran meanwhile.
    var registryCPU: [Double] = []
    var rawCPU: [Double] = []
    /// This process's peak RSS during each library run (MiB).
    var registryPeakRSS: [Double] = []
    var databaseBytes: Int64 = 0
}

extension LedgerResult {
    /// Seconds for the whole ledger: the median repetition, or the sum of the paired months.
    var registryRun: Double { paired ? registrySeconds.reduce(0, +) : median(registrySeconds) }
    var rawRun: Double { paired ? rawSeconds.reduce(0, +) : median(rawSeconds) }
    /// CPU seconds for the whole ledger, as ``registryRun`` and ``rawRun``.
    var registryRunCPU: Double { paired ? registryCPU.reduce(0, +) : median(registryCPU) }
    var rawRunCPU: Double { paired ? rawCPU.reduce(0, +) : median(rawCPU) }
    /// raw C's time over the registry's (the registry's share of raw C's rate): the ratio of
    /// the medians, or, paired, the median of the monthly ratios.
    var ratio: Double { paired ? median(monthlyRatios) : median(rawSeconds) / median(registrySeconds) }
    /// Paired: each month's raw C time over the registry's.
    var monthlyRatios: [Double] { zip(rawSeconds, registrySeconds).map { $0 / $1 } }
}

struct LedgerWorkload {
    let imported: ImportedRegister
    let directory: String
    let cacheKiB: Int
    /// Whether each month starts with the billing run (`LedgerDriver`).
    var billing = true

    /// Runs the library once (untimed) into `ledger.sqlite`, completing `plan`.
    func warmUp(_ plan: inout LedgerPlan) throws -> LedgeredRegister {
        let path = directory + "/ledger.sqlite"
        try DatabaseFiles.copy(imported.path, to: path)
        let (seconds, _) = try LedgerDriver.run(path: path, plan: &plan, warmUp: true, cacheKiB: cacheKiB, billing: billing)
        try DatabaseFiles.checkpoint(path)
        let ledgered = try ledgeredRegister(path: path, plan: plan)
        Log.step(String(format: "  warm-up ledger by the library: %.2f s, %d rows", seconds, ledgered.rows))
        return ledgered
    }

    private func ledgeredRegister(path: String, plan: LedgerPlan) throws -> LedgeredRegister {
        let first = plan.maxima.first!, last = plan.maxima.last!
        let tableRows = [last.bills - first.bills, last.billLines - first.billLines,
                         last.payments - first.payments, last.allocations - first.allocations].map { Int($0) }
        return LedgeredRegister(path: path, summary: try DatabaseSummary.read(path, DatabaseSummary.ledgerQueries),
                                bytes: DatabaseFiles.size(path), rows: tableRows.reduce(0, +), tableRows: tableRows)
    }

    func run(repeats: Int, plan: LedgerPlan, ledgered: LedgeredRegister) throws -> LedgerResult {
        var result = LedgerResult(rows: ledgered.rows, tableRows: ledgered.tableRows, databaseBytes: ledgered.bytes)
        let path = directory + "/ledger-contender.sqlite"
        var plan = plan
        for repetition in 0..<repeats {
            let registryFirst = repetition % 2 == 0
            Log.step("  ledger repetition \(repetition + 1)/\(repeats), \(registryFirst ? "registry" : "raw C") first")
            for contender in registryFirst ? ["registry", "raw C"] : ["raw C", "registry"] {
                try DatabaseFiles.copy(imported.path, to: path)
                let seconds: Double, cpu: Double
                if contender == "registry" {
                    PeakRSS.reset()
                    (seconds, cpu) = try LedgerDriver.run(path: path, plan: &plan, warmUp: false, cacheKiB: cacheKiB, billing: billing)
                    result.registrySeconds.append(seconds)
                    result.registryCPU.append(cpu)
                    if let peak = PeakRSS.mebibytes() {
                        result.registryPeakRSS.append(peak)
                        Log.step(String(format: "    registry peak RSS %.0f MiB", peak))
                    }
                } else {
                    (seconds, cpu) = try rawLedger(into: path, plan: plan, source: ledgered.path)
                    result.rawSeconds.append(seconds)
                    result.rawCPU.append(cpu)
                }
                Log.step("    " + contender.padding(toLength: 8, withPad: " ", startingAt: 0)
                    + String(format: " %8.2f s  %10.0f rows/s  CPU %.2f s", seconds, Double(result.rows) / seconds, cpu))
                try DatabaseSummary.verify(path, DatabaseSummary.ledgerQueries, equals: ledgered.summary, contender)
                DatabaseFiles.remove(path)
            }
        }
        return result
    }

    /// For sizes where even one more run of every month is too long (1M members × 12 months is
    /// most of an hour per contender): the warm-up is the library's timed run, and raw C copies
    /// each month into its own file as soon as the library has committed it. Each month is a
    /// pair, so the two contenders alternate month by month; raw C always goes second, and
    /// reads the rows it copies from a file the library has just written (warm in the page
    /// cache), which if anything favours raw C.
    func runPaired(_ plan: inout LedgerPlan) throws -> (LedgeredRegister, LedgerResult) {
        let path = directory + "/ledger.sqlite", rawPath = directory + "/ledger-contender.sqlite"
        try DatabaseFiles.copy(imported.path, to: path)
        try DatabaseFiles.copy(imported.path, to: rawPath)
        let target = try RawDB(rawPath, cacheKiB: cacheKiB)
        var result = LedgerResult(paired: true)
        PeakRSS.reset()
        try LedgerDriver.run(path: path, plan: &plan, warmUp: true, cacheKiB: cacheKiB, billing: billing) { month, seconds, cpu, before, after in
            let source = try RawDB(path, cacheKiB: 2048)
            let (raw, rawCPU) = try rawMonth(into: target, from: source, before: before, after: after)
            result.registrySeconds.append(seconds)
            result.rawSeconds.append(raw)
            result.registryCPU.append(cpu)
            result.rawCPU.append(rawCPU)
            Log.step(String(format: "    month %d: registry %.2f s (CPU %.2f), raw C %.2f s (CPU %.2f), ratio %.2f",
                            month + 1, seconds, cpu, raw, rawCPU, raw / seconds))
        }
        if let peak = PeakRSS.mebibytes() { result.registryPeakRSS = [peak] }
        try DatabaseFiles.checkpoint(path)
        let ledgered = try ledgeredRegister(path: path, plan: plan)
        try DatabaseSummary.verify(rawPath, DatabaseSummary.ledgerQueries, equals: ledgered.summary, "raw C")
        DatabaseFiles.remove(rawPath)
        result.rows = ledgered.rows
        result.tableRows = ledgered.tableRows
        result.databaseBytes = ledgered.bytes
        return (ledgered, result)
    }

    private func rawLedger(into path: String, plan: LedgerPlan, source sourcePath: String) throws -> (seconds: Double, cpu: Double) {
        let source = try RawDB(sourcePath, cacheKiB: 2048)
        let target = try RawDB(path, cacheKiB: cacheKiB)
        var seconds = 0.0, cpu = 0.0
        for month in 0..<plan.months {
            let (monthSeconds, monthCPU) = try rawMonth(into: target, from: source, before: plan.maxima[month], after: plan.maxima[month + 1])
            seconds += monthSeconds
            cpu += monthCPU
        }
        return (seconds, cpu)
    }

    /// One month's rows (the ids between `before` and `after`) in one transaction, table by
    /// table: the seconds of the writes, and this process's CPU seconds in them (the reads of
    /// the source's rows, outside the wall time, are outside the CPU time too).
    private func rawMonth(into target: RawDB, from source: RawDB, before: TableMaxima, after: TableMaxima) throws -> (seconds: Double, cpu: Double) {
        var stopwatch = Stopwatch()
        try stopwatch.time { try target.exec("BEGIN IMMEDIATE") }
        try RawCopy.copy("bills", after: before.bills, through: after.bills, from: source, into: target, stopwatch: &stopwatch)
        try RawCopy.copy("bill_adjustments", after: before.billLines, through: after.billLines, from: source, into: target, stopwatch: &stopwatch)
        try RawCopy.copy("payments", after: before.payments, through: after.payments, from: source, into: target, stopwatch: &stopwatch)
        // Allocations have no id (0027): the month's are those of its payments.
        try RawCopy.copy("payment_allocations", key: "payment_id", after: before.payments, through: after.payments,
                         from: source, into: target, stopwatch: &stopwatch)
        try stopwatch.time { try target.exec("COMMIT") }
        return (stopwatch.seconds, stopwatch.cpuSeconds)
    }
}
