// The Markdown tables: one per workload, a column per size, every cell a median over the
// repetitions; ratios divide medians. Goals from the "national scale" issue are marked.
import Foundation

/// What one size produced; nil for a workload that was not selected.
struct SizeResult {
    var members: Int
    var importResult: ImportResult?
    var ledger: LedgerResult?
    var queries: QueriesResult?
    var reports: ReportsResult?
    var sync: SyncResult?
}

struct ResultTables {
    let results: [SizeResult]
    let options: Options

    private func table(_ title: String, _ rows: [(String, [String])]) -> String {
        var lines = ["### \(title)", ""]
        lines.append("| | " + results.map { "\($0.members.formatted()) members" }.joined(separator: " | ") + " |")
        lines.append("|---|" + String(repeating: "---:|", count: results.count))
        for (label, cells) in rows { lines.append("| \(label) | " + cells.joined(separator: " | ") + " |") }
        return lines.joined(separator: "\n")
    }

    private func cells<T>(_ value: KeyPath<SizeResult, T?>, _ format: (T) -> String) -> [String] {
        results.map { $0[keyPath: value].map(format) ?? "—" }
    }

    static func rate(_ rows: Int, _ seconds: [Double]) -> Double { Double(rows) / median(seconds) }

    static func ratioCell(_ ratio: Double, atLeast goal: Double) -> String {
        String(format: "%.2f", ratio) + (ratio >= goal ? " (met)" : " (**missed**)")
    }

    static func under(_ value: Double, _ goal: Double, _ format: String) -> String {
        String(format: format, value) + (value < goal ? "" : " **over**")
    }

    var importTable: String {
        table("1. import: `registry import workers` + `import memberships` (child process) and the library's `Registry.load` (child process) vs raw C", [
            ("CSV rows (workers + memberships)", cells(\.importResult) { $0.csvRows.formatted() }),
            ("registry (s)", cells(\.importResult) { String(format: "%.2f", median($0.registrySeconds)) }),
            ("of which `import workers` (s)", cells(\.importResult) { String(format: "%.2f", median($0.registryWorkersSeconds)) }),
            ("raw C (s)", cells(\.importResult) { String(format: "%.2f", median($0.rawSeconds)) }),
            ("registry rows/s", cells(\.importResult) { Int(Self.rate($0.csvRows, $0.registrySeconds)).formatted() }),
            ("raw C rows/s", cells(\.importResult) { Int(Self.rate($0.csvRows, $0.rawSeconds)).formatted() }),
            ("registry / raw C, rate (goal ≥ 0.40)", cells(\.importResult) {
                Self.ratioCell(median($0.rawSeconds) / median($0.registrySeconds), atLeast: 0.40)
            }),
            ("registry peak RSS (MiB; goal: flat)", cells(\.importResult) { String(format: "%.0f", median($0.registryPeakRSS)) }),
            ("library `Registry.load` (s)", cells(\.importResult) { String(format: "%.2f", median($0.librarySeconds)) }),
            ("library / raw C, rate (goal ≥ 0.40)", cells(\.importResult) {
                Self.ratioCell(median($0.rawSeconds) / median($0.librarySeconds), atLeast: 0.40)
            }),
            ("library peak RSS (MiB; goal: flat)", cells(\.importResult) { String(format: "%.0f", median($0.libraryPeakRSS)) }),
            ("database after import", cells(\.importResult) { byteCount($0.databaseBytes) }),
            ("also written: membership_programs, audit_log rows", cells(\.importResult) {
                "\($0.programRows.formatted()), \($0.auditRows.formatted())"
            }),
        ])
    }

    var ledgerTable: String {
        table("2. ledger: \(options.months) months of bills and payments\(options.billing ? "" : ", no billing runs"), library in-process vs raw C", [
            ("ledger rows", cells(\.ledger) { $0.rows.formatted() }),
            ("of which bills / bill_adjustments / payments / allocations", cells(\.ledger) {
                $0.tableRows.map { $0.formatted() }.joined(separator: " / ")
            }),
            ("registry (s)", cells(\.ledger) { String(format: "%.2f", $0.registryRun) }),
            ("raw C (s)", cells(\.ledger) { String(format: "%.2f", $0.rawRun) }),
            ("CPU, user + system (s): registry / raw C", cells(\.ledger) {
                String(format: "%.2f / %.2f", $0.registryRunCPU, $0.rawRunCPU)
            }),
            ("registry rows/s", cells(\.ledger) { Int(Double($0.rows) / $0.registryRun).formatted() }),
            ("raw C rows/s", cells(\.ledger) { Int(Double($0.rows) / $0.rawRun).formatted() }),
            ("registry / raw C, rate (goal ≥ 0.40)" + (options.paired ? "; median of the monthly pairs" : ""), cells(\.ledger) {
                Self.ratioCell($0.ratio, atLeast: 0.40)
            }),
            ("registry / raw C, lowest and highest month", cells(\.ledger) { result in
                guard result.paired else { return "—" }
                return String(format: "%.2f – %.2f", result.monthlyRatios.min()!, result.monthlyRatios.max()!)
            }),
            ("registry-bench peak RSS during the library runs (MiB)" + (options.paired ? "; paired: the whole run" : ""), cells(\.ledger) {
                $0.registryPeakRSS.isEmpty ? "—" : String(format: "%.0f", median($0.registryPeakRSS))
            }),
            ("database after the ledger", cells(\.ledger) { byteCount($0.databaseBytes) }),
        ])
    }

    var queriesTable: String {
        var rows: [(String, [String])] = []
        for kind in QueryKind.allCases {
            func latency(_ contender: String, _ pick: @escaping (LatencySamples) -> [Double]) -> [String] {
                cells(\.queries) { result in
                    guard let samples = result.latencies[kind]?[contender] else { return "—" }
                    return Self.under(median(pick(samples)), 1000, "%.0f")
                }
            }
            rows.append(("`\(kind.rawValue)` registry p50 / p99 (µs)", zip(latency("registry", \.p50), latency("registry", \.p99)).map { "\($0) / \($1)" }))
            rows.append(("`\(kind.rawValue)` raw C p50 / p99 (µs)", zip(latency("raw C", \.p50), latency("raw C", \.p99)).map { "\($0) / \($1)" }))
            rows.append(("`\(kind.rawValue)` p99 of the call's own CPU time, registry / raw C (µs)",
                         zip(latency("registry", \.cpuP99), latency("raw C", \.cpuP99)).map { "\($0) / \($1)" }))
            rows.append(("`\(kind.rawValue)` registry / raw C, p50", cells(\.queries) { result in
                guard let registry = result.latencies[kind]?["registry"], let raw = result.latencies[kind]?["raw C"] else { return "—" }
                return String(format: "%.2f×", median(registry.p50) / median(raw.p50))
            }))
        }
        return table("3. point queries at \(BenchCalendar.today(options.months)), \(options.lookups.formatted()) calls per kind (goal < 1000 µs)", rows)
    }

    var reportsTable: String {
        let names = results.compactMap(\.reports).first?.timings.map(\.name) ?? []
        var rows: [(String, [String])] = []
        for (index, name) in names.enumerated() {
            rows.append(("`\(name)` (ms)", cells(\.reports) { result in
                let timing = result.timings[index]
                return Self.under(median(timing.millis), 1000, "%.0f") + " (\(timing.rows.formatted()) rows)"
            }))
        }
        let paging = results.compactMap { $0.reports?.paging }.flatMap { ArrearsPagingWalk.lines($0) }
        return ([table("4. reports, one `Registry.read` each (goal < 1000 ms)", rows)] + paging).joined(separator: "\n\n")
    }

    var syncTable: String {
        func seconds(_ pick: @escaping (SyncResult) -> [Double]) -> [String] {
            cells(\.sync) { String(format: "%.2f", median(pick($0))) }
        }
        func ratio(_ pick: @escaping (SyncResult) -> [Double]) -> [String] {
            cells(\.sync) { result in
                let perRepetition = result.ratios(pick(result))
                return String(format: "%.2f× (%.2f–%.2f)", median(result.librarySeconds) / median(pick(result)),
                              perRepetition.min()!, perRepetition.max()!)
            }
        }
        let workers = options.syncWorkers.formatted(), payments = (options.syncWorkers * SyncOfflineWork.paymentsPerWorker).formatted()
        return table("6. sync: office \(options.syncOffice)'s extract with \(workers) new members and \(payments) payments, pushed: library vs raw C `sqlite3changeset_apply`", [
            ("centre: workers", cells(\.sync) { $0.centreWorkers.formatted() }),
            ("extract: workers / memberships / payments", cells(\.sync) {
                "\($0.extractWorkers.formatted()) / \($0.extractMemberships.formatted()) / \($0.extractPayments.formatted())"
            }),
            ("extract: `Registry.extract` (s), file", cells(\.sync) { String(format: "%.2f", $0.extractSeconds) + ", " + byteCount($0.extractBytes) }),
            ("offline work on the extract, one library call each (s)", cells(\.sync) {
                String(format: "%.1f", $0.offline.seconds) + " (\($0.offline.workers.formatted()) members, \($0.offline.payments.formatted()) payments)"
            }),
            ("changeset: rows, bytes", cells(\.sync) { "\($0.changesetRows.formatted()), " + byteCount(Int64($0.changesetBytes)) }),
            ("changeset rows per table", cells(\.sync) { $0.changesetTables.map { "\($0.0) \($0.1.formatted())" }.joined(separator: ", ") }),
            ("audit rows the push's triggers wrote", cells(\.sync) { $0.auditRows.formatted() }),
            ("registry push (s)", seconds(\.librarySeconds)),
            ("of which the extract's changeset (s)", seconds(\.changesetSeconds)),
            ("of which the apply, one transaction (s)", seconds(\.applySeconds)),
            ("raw C apply, triggers on (s)", seconds(\.rawTriggersSeconds)),
            ("raw C apply, triggers on, `temp_store = MEMORY` (s)", seconds(\.rawMemorySeconds)),
            ("raw C apply, triggers off: the floor (s)", seconds(\.rawBareSeconds)),
            ("CPU (user + sys, s): registry / raw C triggers / triggers, MEMORY / floor", cells(\.sync) {
                String(format: "%.2f / %.2f / %.2f / %.2f", median($0.libraryCPU), median($0.rawTriggersCPU),
                       median($0.rawMemoryCPU), median($0.rawBareCPU))
            }),
            ("registry / raw C with triggers (per repetition: lowest–highest)", ratio(\.rawTriggersSeconds)),
            ("registry / raw C floor (per repetition: lowest–highest)", ratio(\.rawBareSeconds)),
            ("registry rows/s", cells(\.sync) { Int(Double($0.changesetRows) / median($0.librarySeconds)).formatted() }),
            ("registry-bench VmHWM during the library push (MiB)", cells(\.sync) {
                $0.libraryPeakRSS.isEmpty ? "—" : String(format: "%.0f", median($0.libraryPeakRSS))
            }),
            ("`registry sync push` (tool, one run): wall (s), peak RSS (MiB)", cells(\.sync) { result in
                guard let seconds = result.toolSeconds, let peak = result.toolPeakRSS else { return "—" }
                return String(format: "%.2f, %.0f", seconds, peak)
            }),
        ])
    }

    /// Every selected workload's table.
    var tables: String {
        var parts: [String] = []
        if results.contains(where: { $0.importResult != nil }) { parts.append(importTable) }
        if results.contains(where: { $0.ledger != nil }) { parts.append(ledgerTable) }
        if results.contains(where: { $0.queries != nil }) { parts.append(queriesTable) }
        if results.contains(where: { $0.reports != nil }) { parts.append(reportsTable) }
        if results.contains(where: { $0.sync != nil }) { parts.append(syncTable) }
        return parts.joined(separator: "\n\n")
    }

    /// The report query plans of the largest size that ran the reports, if any did.
    var queryPlans: String? {
        guard let result = results.last(where: { $0.reports != nil }) else { return nil }
        guard let plans = result.reports?.plans, !plans.isEmpty else {
            return "Report query plans: none returned."
        }
        var lines = ["#### Report query plans at \(BenchCalendar.today(options.months)), \(result.members.formatted()) members", ""]
        for plan in plans {
            let scans = plan.fullScans.isEmpty ? "no full scan" : "full scans: " + plan.fullScans.joined(separator: "; ")
            lines.append("`\(plan.report)`: \(plan.usesIndex ? "uses an index" : "**no index**"), \(scans)")
            lines.append("")
            lines.append("```")
            lines.append(contentsOf: plan.lines)
            lines.append("```")
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }
}
