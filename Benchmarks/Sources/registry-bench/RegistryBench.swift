// registry-bench: the registry library at national scale, beside the raw SQLite C API.
//
//   swift run -c release --package-path Benchmarks registry-bench [--members 100000 | --sizes 1000000,2000000]
//       [--repeats 5] [--months 12] [--lookups 10000] [--only import,ledger,queries,reports] [--dir PATH]
//
// Per size: generate the members (untimed), import them (workload 1), run the ledger months
// (2), then point queries (3) and reports (4) on the ledgered database. With one size, each
// workload's table goes to stdout as soon as the workload is done. With several, each goes to
// stderr then (as progress), and stdout gets the tables with a column per size at the end.
import Foundation
import Registry

@main
struct RegistryBench {
    static func main() {
        if CommandLine.arguments.dropFirst().first == Launcher.flag { Launcher.serve() }
        if CommandLine.arguments.dropFirst().first == LibraryLoad.flag { LibraryLoad.serve(Array(CommandLine.arguments.dropFirst(2))) }
        do {
            try run(Options.parse(Array(CommandLine.arguments.dropFirst())))
        } catch {
            Log.step("registry-bench failed: \(error)")
            exit(1)
        }
    }

    static func run(_ options: Options) throws {
        try SchemaFreshness.check()
        if let existing = options.existing { return try runOnExisting(existing, options: options) }
        if let reuse = options.reuse { return try runReused(reuse, options: options) }
        let tool = try ChildProcess.registryTool(options.registryTool)
        // Started first, while this process is small: see ChildProcess.swift.
        let launcher = try Launcher()
        defer { launcher.stop() }
        let temporary = options.directory == nil
        let directory = options.directory ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("registry-bench-\(ProcessInfo.processInfo.processIdentifier)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { if temporary { try? FileManager.default.removeItem(atPath: directory) } }
        Log.step("registry-bench: sizes \(options.sizes.map { $0.formatted() }.joined(separator: ", ")), "
            + "\(options.repeats) repetitions, \(options.months) months, \(options.lookups) lookups, "
            + "workloads \(Workload.allCases.filter(options.workloads.contains).map(\.rawValue).joined(separator: ",")); "
            + "SQLite \(sqliteVersion); tool \(tool); files in \(directory)")

        let base = try step("building the base register (RegistryDemo, \(BaseRegister.demoDescription))") {
            try BaseRegister.build(at: directory + "/base.sqlite")
        }
        Log.step("  base: \(base.villages.count) villages, \(base.districtDigits.count) districts, "
            + "\(base.employers.count) employers, \(base.maxima.workers) workers, \(base.maxima.memberships) memberships")

        var results: [SizeResult] = []
        for members in options.sizes {
            let result = try runSize(members, base: base, tool: tool, launcher: launcher, directory: directory, options: options)
            results.append(result)
        }
        let tables = ResultTables(results: results, options: options)
        if options.sizes.count > 1 { Output.write(tables.tables + "\n") }
        if let plans = tables.queryPlans { Output.write(plans + "\n") }
        writeFooter(options)
    }

    /// How the figures above were taken, and the peak memory: after every kind of run, so a
    /// table pasted from `--reuse` or `--existing` output carries its method too.
    static func writeFooter(_ options: Options) {
        let repetitions = options.paired && options.workloads.contains(.ledger)
            ? "The ledger is one run paired month by month, raw C after the library each month, checked against "
                + "the library's file (row counts and sums); other workloads are medians of \(options.repeats) repetitions, "
                + "the contender that goes first alternating. "
            : "Medians of \(options.repeats) repetitions; the contender that goes first alternates. "
        let checked = options.workloads.isDisjoint(with: [.import, .ledger]) ? ""
            : " Every contender's database was checked against the warm-up run's (row counts and sums)."
        Output.write(repetitions
            + "SQLite \(sqliteVersion); cache_size \(options.cacheKiB) KiB for raw C and the in-process library "
            + "(the `registry` tool opens with the library's default Configuration)." + checked)
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        Log.step(String(format: "finished; registry-bench peak RSS %.0f MiB", Double(usage.ru_maxrss) / 1024))
    }

    /// Queries and reports on a register built earlier (its members are its workers), so a large
    /// size need not be built again to be measured again. The file is copied first, unless
    /// `--in-place`: reports may refresh stale standing and the library migrates what it opens,
    /// and the kept file stays as it was. The copy checkpoints the file first, so what its WAL
    /// holds is copied too. In place, the file must already be at this build's schema.
    static func runOnExisting(_ path: String, options: Options) throws {
        // The sync workload's `registry sync push` run: the launcher starts while this process is small.
        let launcher = options.workloads.contains(.sync) ? try Launcher() : nil
        defer { launcher?.stop() }
        let measured = options.inPlace ? path : path + ".bench-copy"
        if options.inPlace {
            try SchemaFreshness.requireCurrent(path)
        } else {
            try step("copying \(path)") { try DatabaseFiles.copy(path, to: measured) }
        }
        defer { if !options.inPlace { DatabaseFiles.remove(measured) } }
        if !options.inPlace {
            let refreshed = try step("opening the ledger of the copy at \(BenchCalendar.ledgerStart) (untimed)") {
                try BenchLedgerOpening.ensure(measured, cacheKiB: options.cacheKiB)
            }
            Log.step("  \(refreshed.formatted()) memberships' standing recomputed")
        }
        let members = try Registry(path: measured).read {
            try $0.connection.fetchValue(Int.self, "SELECT count(*) FROM workers") ?? 0
        }
        var result = SizeResult(members: members)
        let today = BenchCalendar.today(options.months)
        Log.step("\(members.formatted()) workers in \(path); today \(today)")
        if options.workloads.contains(.queries) {
            let queries = QueriesWorkload(path: measured, today: today, lookups: options.lookups, cacheKiB: options.cacheKiB)
            result.queries = try step("workload 3, queries") { try queries.run(repeats: options.repeats) }
            Output.write(ResultTables(results: [result], options: options).queriesTable + "\n")
        }
        if options.workloads.contains(.reports) {
            let reports = ReportsWorkload(path: measured, dates: [today, BenchCalendar.past(options.months)], cacheKiB: options.cacheKiB,
                                          mmapMiB: options.mmapMiB)
            result.reports = try step("workload 4, reports") { try reports.run(repeats: options.repeats) }
            Output.write(ResultTables(results: [result], options: options).reportsTable + "\n")
        }
        if options.workloads.contains(.recorded) {
            Output.write(try recordedTimeTable(measured, members: members, options: options) + "\n")
        }
        if options.workloads.contains(.sync) {
            // The centre is only read (extracted from, copied); the files go beside it or to --dir.
            let sync = SyncWorkload(centrePath: path, directory: options.directory ?? (path as NSString).deletingLastPathComponent,
                                    office: options.syncOffice, newWorkers: options.syncWorkers, months: options.months,
                                    cacheKiB: options.cacheKiB, tool: try ChildProcess.registryTool(options.registryTool),
                                    launcher: launcher)
            result.sync = try step("workload 6, sync") { try sync.run(repeats: options.repeats) }
            Output.write(ResultTables(results: [result], options: options).syncTable + "\n")
        }
        writeFooter(options)
    }

    static func runSize(_ members: Int, base: BaseRegister, tool: String, launcher: Launcher, directory: String,
                        options: Options) throws -> SizeResult {
        var result = SizeResult(members: members)
        let sizeDirectory = directory + "/members-\(members)"
        try FileManager.default.createDirectory(atPath: sizeDirectory, withIntermediateDirectories: true)
        defer { if !options.keepFiles { try? FileManager.default.removeItem(atPath: sizeDirectory) } }
        func emit(_ table: String) {
            if options.sizes.count == 1 {
                Output.write(table + "\n")
            } else {
                Log.raw("\n" + table + "\n")
            }
        }
        func show(_ markdown: (ResultTables) -> String) { emit(markdown(ResultTables(results: [result], options: options))) }

        let needsLedger: Set<Workload> = [.ledger, .queries, .reports, .recorded, .sync]
        let forecast = DiskForecast.peakBytes(members: members, months: options.months,
                                              ledger: !options.workloads.isDisjoint(with: needsLedger))
        if let free = DiskForecast.freeBytes(sizeDirectory) {
            Log.step("\(members.formatted()) members: about \(byteCount(forecast)) of disk needed at the peak, "
                + "\(byteCount(free)) free in \(sizeDirectory)" + (forecast > free ? " — LIKELY TOO LITTLE (see --dir)" : ""))
        }
        let population = try step("\(members.formatted()) members: generating workers.csv and memberships.csv") {
            try PopulationWriter.write(members: members, base: base, directory: sizeDirectory)
        }
        Log.step("  \(population.informal) informal (BPU), \(population.wageEarners) wage earners (PU)")
        let importer = ImportWorkload(base: base, population: population, tool: tool, launcher: launcher,
                                      directory: sizeDirectory, cacheKiB: options.cacheKiB)
        let imported = try step("warm-up import (untimed)") { try importer.warmUp() }
        if options.workloads.contains(.import) {
            result.importResult = try step("workload 1, import") { try importer.run(repeats: options.repeats, imported: imported) }
            show(\.importTable)
        }

        guard !options.workloads.isDisjoint(with: needsLedger) else { return result }
        try runAfterImport(imported, base: base, directory: sizeDirectory, options: options, result: &result,
                           importer: importer, tool: tool, launcher: launcher, show: emit)
        return result
    }

    /// A size kept by an earlier `--keep` run, from its import on: a 5M import takes 25 minutes,
    /// and the ledger, queries and reports can be measured again without it.
    static func runReused(_ sizeDirectory: String, options: Options) throws {
        let base = try BaseRegister.load((sizeDirectory as NSString).deletingLastPathComponent + "/base.sqlite")
        let path = sizeDirectory + "/imported.sqlite"
        let imported = try ImportedRegister(path: path, maxima: TableMaxima.read(RawDB(path, cacheKiB: 2048)),
                                            summary: DatabaseSummary.read(path, DatabaseSummary.importQueries),
                                            bytes: DatabaseFiles.size(path))
        var result = SizeResult(members: Int(imported.maxima.workers - base.maxima.workers))
        Log.step("registry-bench: reusing \(path), \(result.members.formatted()) members, \(options.repeats) repetitions, "
            + "\(options.months) months; SQLite \(sqliteVersion)")
        try runAfterImport(imported, base: base, directory: sizeDirectory, options: options, result: &result) {
            Output.write($0 + "\n")
        }
        writeFooter(options)
    }

    /// The recorded-time reports (``RecordedTimeWorkload``) on the register at `path`, as Markdown.
    static func recordedTimeTable(_ path: String, members: Int, options: Options) throws -> String {
        let workload = RecordedTimeWorkload(path: path, dates: [BenchCalendar.today(options.months), BenchCalendar.past(options.months)],
                                            cacheKiB: options.cacheKiB)
        let timings = try step("workload 4b, recorded-time reports") { try workload.run(repeats: options.repeats) }
        return RecordedTimeWorkload.table(timings, members: members, repeats: options.repeats)
    }

    /// Workloads 2 to 4 on an imported register: the ledger months, then queries and reports
    /// on the ledgered database.
    static func runAfterImport(_ imported: ImportedRegister, base: BaseRegister, directory sizeDirectory: String,
                               options: Options, result: inout SizeResult,
                               importer: ImportWorkload? = nil, tool: String? = nil, launcher: Launcher? = nil,
                               show: (String) -> Void) throws {
        let refreshed = try step("opening the ledger at \(BenchCalendar.ledgerStart) (untimed)") {
            try BenchLedgerOpening.ensure(imported.path, cacheKiB: options.cacheKiB)
        }
        Log.step("  \(refreshed.formatted()) memberships' standing recomputed")
        var plan = try step("ledger plan: prices and members") {
            try LedgerPlan.make(imported: imported, base: base, months: options.months)
        }
        let ledger = LedgerWorkload(imported: imported, directory: sizeDirectory, cacheKiB: options.cacheKiB,
                                    billing: options.billing)
        let ledgered: LedgeredRegister
        if options.paired && options.workloads.contains(.ledger) {
            (ledgered, result.ledger) = try step("workload 2, ledger, paired month by month") { try ledger.runPaired(&plan) }
            show(ResultTables(results: [result], options: options).ledgerTable)
        } else {
            ledgered = try step("warm-up ledger (untimed)") { try ledger.warmUp(&plan) }
        }
        if options.workloads.contains(.ledger) && !options.paired {
            let finalPlan = plan
            result.ledger = try step("workload 2, ledger") {
                try ledger.run(repeats: options.repeats, plan: finalPlan, ledgered: ledgered)
            }
            show(ResultTables(results: [result], options: options).ledgerTable)
        }
        if options.litestream, let tool {
            let replication = ReplicationWorkload(
                importer: importer!, imported: imported, tool: tool, litestream: try ReplicationWorkload.locateLitestream(),
                directory: sizeDirectory, cacheKiB: options.cacheKiB)
            let finalPlan = plan
            let replicated = try step("workload 5, import and ledger with and without Litestream") {
                try replication.run(repeats: options.repeats, plan: finalPlan, runsImport: options.workloads.contains(.import),
                                    runsLedger: options.workloads.contains(.ledger))
            }
            show(ResultTables.replicationTable(replicated, members: result.members, months: options.months))
        }
        let today = BenchCalendar.today(options.months)
        if options.workloads.contains(.queries) {
            let queries = QueriesWorkload(path: ledgered.path, today: today, lookups: options.lookups, cacheKiB: options.cacheKiB)
            result.queries = try step("workload 3, queries") { try queries.run(repeats: options.repeats) }
            show(ResultTables(results: [result], options: options).queriesTable)
        }
        if options.workloads.contains(.reports) {
            let reports = ReportsWorkload(path: ledgered.path, dates: [today, BenchCalendar.past(options.months)],
                                          cacheKiB: options.cacheKiB, mmapMiB: options.mmapMiB)
            result.reports = try step("workload 4, reports") { try reports.run(repeats: options.repeats) }
            show(ResultTables(results: [result], options: options).reportsTable)
        }
        if options.workloads.contains(.recorded) {
            show(try recordedTimeTable(ledgered.path, members: result.members, options: options))
        }
        if options.workloads.contains(.sync) {
            let sync = SyncWorkload(centrePath: ledgered.path, directory: sizeDirectory, office: options.syncOffice,
                                    newWorkers: options.syncWorkers, months: options.months, cacheKiB: options.cacheKiB,
                                    tool: tool, launcher: launcher)
            result.sync = try step("workload 6, sync") { try sync.run(repeats: options.repeats) }
            show(ResultTables(results: [result], options: options).syncTable)
        }
    }
}
