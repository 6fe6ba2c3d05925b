// Workload 1, import: the generated workers and memberships into a copy of the base register.
//
// - registry: the release `registry` tool as a child process, `import workers` then
//   `import memberships`, default all-or-nothing mode, every check on. Wall time of both
//   children (process start, schema check and exit included), and the larger of their peak
//   RSS (started through ``Launcher``, so the figure is the tool's own).
// - raw C: the same rows (read from the warm-up import's file: ids, KPJs, every column the
//   registry stored) inserted with prepared statements in one transaction, the audit actor set
//   as the registry sets it, so the schema's triggers write the same audit rows.
// - library: `Registry.load`, the bulk API, in a child process reading the same CSV files (see
//   LibraryLoad.swift); its rows are checked against the warm-up's, its audit actor aside.
//
// Rows are the CSV rows (workers + memberships); the membership_programs and audit_log rows
// both contenders also write are in the notes.
import Foundation

/// The warm-up import: the registry's own result, which raw C replays and the ledger starts from.
struct ImportedRegister {
    var path: String
    var maxima: TableMaxima
    var summary: DatabaseSummary
    var bytes: Int64
}

struct ImportResult {
    var csvRows = 0
    var programRows = 0
    var auditRows = 0
    var registrySeconds: [Double] = []
    /// The `import workers` part of each registry run.
    var registryWorkersSeconds: [Double] = []
    var rawSeconds: [Double] = []
    var registryPeakRSS: [Double] = []
    var librarySeconds: [Double] = []
    var libraryPeakRSS: [Double] = []
    var databaseBytes: Int64 = 0
}

struct ImportWorkload {
    let base: BaseRegister
    let population: Population
    let tool: String
    let launcher: Launcher
    let directory: String
    let cacheKiB: Int

    private var logPath: String { directory + "/registry-tool.log" }

    /// Imports with the registry into `imported.sqlite` (untimed) and checks every row arrived.
    func warmUp() throws -> ImportedRegister {
        let path = directory + "/imported.sqlite"
        try DatabaseFiles.copy(base.path, to: path)
        let (seconds, _, rss) = try registryImport(into: path)
        Log.step(String(format: "  warm-up import by the registry: %.2f s, peak RSS %.0f MiB", seconds, rss))
        try DatabaseFiles.checkpoint(path)
        let maxima = try TableMaxima.read(RawDB(path, cacheKiB: 2048))
        let workers = maxima.workers - base.maxima.workers, memberships = maxima.memberships - base.maxima.memberships
        guard workers == population.members, memberships == population.members else {
            throw RawError(description: "the warm-up import stored \(workers) workers and \(memberships) memberships, not \(population.members)")
        }
        return ImportedRegister(path: path, maxima: maxima,
                                summary: try DatabaseSummary.read(path, DatabaseSummary.importQueries),
                                bytes: DatabaseFiles.size(path))
    }

    func run(repeats: Int, imported: ImportedRegister) throws -> ImportResult {
        var result = ImportResult()
        result.csvRows = population.members * 2
        result.databaseBytes = imported.bytes
        let counts = try RawDB(imported.path, cacheKiB: 2048)
        result.programRows = Int(try counts.integer("SELECT count(*) FROM membership_programs WHERE membership_id > \(base.maxima.memberships)"))
        result.auditRows = Int(try counts.integer("SELECT count(*) FROM audit_log")
            - (try RawDB(base.path, cacheKiB: 2048).integer("SELECT count(*) FROM audit_log")))

        let path = directory + "/import-contender.sqlite"
        let contenders = ["registry", "raw C", "library"]
        for repetition in 0..<repeats {
            // Each contender goes first, second and third in turn.
            let order = (0..<contenders.count).map { contenders[($0 + repetition) % contenders.count] }
            Log.step("  import repetition \(repetition + 1)/\(repeats): \(order.joined(separator: ", "))")
            for contender in order {
                try DatabaseFiles.copy(base.path, to: path)
                switch contender {
                case "registry":
                    let (seconds, workers, rss) = try registryImport(into: path)
                    result.registrySeconds.append(seconds)
                    result.registryWorkersSeconds.append(workers)
                    result.registryPeakRSS.append(rss)
                    Log.step(String(format: "    registry %8.2f s  %10.0f rows/s  peak RSS %.0f MiB",
                                    seconds, Double(result.csvRows) / seconds, rss))
                case "library":
                    let (seconds, rss) = try libraryLoad(into: path)
                    result.librarySeconds.append(seconds)
                    result.libraryPeakRSS.append(rss)
                    Log.step(String(format: "    library  %8.2f s  %10.0f rows/s  peak RSS %.0f MiB",
                                    seconds, Double(result.csvRows) / seconds, rss))
                default:
                    let seconds = try rawImport(into: path, from: imported)
                    result.rawSeconds.append(seconds)
                    Log.step(String(format: "    raw C    %8.2f s  %10.0f rows/s", seconds, Double(result.csvRows) / seconds))
                }
                if contender == "library" {
                    let queries = DatabaseSummary.importQueriesActorAside
                    try DatabaseSummary.verify(path, queries, equals: DatabaseSummary.read(imported.path, queries), contender)
                } else {
                    try DatabaseSummary.verify(path, DatabaseSummary.importQueries, equals: imported.summary, contender)
                }
                DatabaseFiles.remove(path)
            }
        }
        return result
    }

    /// Both imports through the tool; returns their total wall time, that of `import workers`,
    /// and the larger peak RSS.
    func registryImport(into path: String) throws -> (Double, Double, Double) {
        var total = 0.0, workers = 0.0, peak = 0.0
        for (kind, file) in [("workers", population.workersCSV), ("memberships", population.membershipsCSV)] {
            let run = try launcher.run(tool, ["import", kind, file, "--db", path], logPath: logPath)
            guard run.exitStatus == 0 else {
                throw RawError(description: "registry import \(kind) exited with status \(run.exitStatus); see \(logPath)")
            }
            total += run.seconds
            if kind == "workers" { workers = run.seconds }
            peak = max(peak, run.peakRSSMiB)
        }
        return (total, workers, peak)
    }

    /// The bulk API in a child process (`registry-bench --library-load`); returns its wall time
    /// and peak RSS.
    private func libraryLoad(into path: String) throws -> (Double, Double) {
        let this = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let run = try launcher.run(this, [LibraryLoad.flag, path, population.workersCSV, population.membershipsCSV], logPath: logPath)
        guard run.exitStatus == 0 else {
            throw RawError(description: "the library load exited with status \(run.exitStatus); see \(logPath)")
        }
        return (run.seconds, run.peakRSSMiB)
    }

    /// The same rows with the C API, in one transaction; returns the timed seconds.
    private func rawImport(into path: String, from imported: ImportedRegister) throws -> Double {
        let source = try RawDB(imported.path, cacheKiB: 2048)
        let target = try RawDB(path, cacheKiB: cacheKiB)
        let setActor = try target.prepare("UPDATE audit_context SET actor = ? WHERE id = 1")
        var stopwatch = Stopwatch()
        try stopwatch.time {
            try target.exec("BEGIN IMMEDIATE")
            setActor.bind(1, "registry import workers")
            try setActor.run()
        }
        try RawCopy.copy("workers", after: base.maxima.workers, through: imported.maxima.workers,
                         from: source, into: target, stopwatch: &stopwatch)
        try stopwatch.time {
            setActor.bind(1, "registry import memberships")
            try setActor.run()
        }
        for table in ["memberships", "membership_programs"] {
            try RawCopy.copy(table, key: table == "memberships" ? "id" : "membership_id",
                             after: base.maxima.memberships, through: imported.maxima.memberships,
                             from: source, into: target, stopwatch: &stopwatch)
        }
        try stopwatch.time {
            setActor.bindNull(1)
            try setActor.run()
            try target.exec("COMMIT")
        }
        return stopwatch.seconds
    }
}
