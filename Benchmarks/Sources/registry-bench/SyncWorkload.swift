// Workload 6, sync: an office's offline work pushed back into the centre (issue 21).
//
// Once, untimed for the ratios: the office's extract is taken from the centre (`Registry.extract`,
// its time reported), the offline work is done on it (SyncOfflineWork: new informal members and
// their payments, through the library), and the library pushes it once into a copy of the
// centre (the warm-up). The rows that push stored in the fact tables are then read back as a
// changeset (`sqlite3session_diff` of the pushed copy against the centre): the raw contenders'
// input, the same rows with the same central ids and card numbers.
//
// Timed, each repetition on a fresh copy of the centre per contender, the one that goes first
// rotating:
// - registry: what `registry sync push` calls, `Registry.push(extractAt:)`, in its two halves:
//   the extract's changeset (the extract diffed against the baseline inside it) and its apply
//   (offline ids renumbered, taken card numbers reissued, conflicts handled, triggers, every new
//   bill re-priced with the centre's rules, the standing tables refreshed, the push logged), in
//   one transaction.
// - raw C, triggers: the stored rows' changeset applied with `sqlite3changeset_apply` in one
//   transaction; the schema's triggers fire (audit rows, rule checks, allocation totals,
//   standing marked stale), nothing is refreshed.
// - raw C, triggers, temp_store MEMORY: the same, statement journals kept in memory (each row's
//   INSERT keeps one, since its triggers may abort it): what that setting would save.
// - raw C, bare: the same with triggers off: rows and indexes only, the floor.
// Each contender's fact tables are checked against the warm-up's (row counts per table).
// After the repetitions, `registry sync push` itself runs once as a child process, for its
// wall time and peak RSS as an operator would see them.
import Foundation
import Registry
import SQLiteDB

struct SyncResult {
    var office = ""
    var centreWorkers = 0
    var extractWorkers = 0
    var extractMemberships = 0
    var extractPayments = 0
    var extractSeconds = 0.0
    var extractBytes: Int64 = 0
    var offline = SyncOfflineWork.Outcome()
    var changesetBytes = 0
    var changesetRows = 0
    /// Changes per table, in the extract's changeset.
    var changesetTables: [(String, Int)] = []
    var storedBytes = 0
    var auditRows = 0
    var changesetSeconds: [Double] = []
    var applySeconds: [Double] = []
    var rawTriggersSeconds: [Double] = []
    var rawBareSeconds: [Double] = []
    /// Raw C with triggers and `temp_store = MEMORY`: what keeping statement journals in memory saves.
    var rawMemorySeconds: [Double] = []
    /// CPU seconds (user + system) of this process during each timed run: on a machine shared
    /// with other work, the part of the wall time that was this contender's own.
    var libraryCPU: [Double] = []
    var rawTriggersCPU: [Double] = []
    var rawBareCPU: [Double] = []
    var rawMemoryCPU: [Double] = []
    /// VmHWM of this process during the library's push (its own memory before the push included).
    var libraryPeakRSS: [Double] = []
    var toolSeconds: Double?
    var toolPeakRSS: Double?

    var librarySeconds: [Double] { zip(changesetSeconds, applySeconds).map { $0 + $1 } }
    /// Per repetition: the library's time over a raw contender's.
    func ratios(_ raw: [Double]) -> [Double] { zip(librarySeconds, raw).map { $0 / $1 } }
}

struct SyncWorkload {
    /// The tables a push writes, parents first (the library's `SyncTables.facts`, which is
    /// internal to it).
    static let facts = [
        "employers", "construction_projects", "agents", "agent_villages",
        "workers", "memberships", "membership_programs",
        "bills", "bill_adjustments", "payments", "payment_allocations",
        "project_bills", "project_bill_lines", "project_payment_allocations",
    ]

    let centrePath: String
    let directory: String
    let office: String
    let newWorkers: Int
    let months: Int
    let cacheKiB: Int
    let tool: String?
    let launcher: Launcher?

    private var extractPath: String { directory + "/sync-extract.sqlite" }
    private var contenderPath: String { directory + "/sync-centre.sqlite" }
    private var logPath: String { directory + "/sync-tool.log" }
    private var actor: String { "sync:office \(office)" }

    func run(repeats: Int) throws -> SyncResult {
        var result = SyncResult(office: office)
        let firstMonth = BenchCalendar.lastMonth(months).adding(months: 1)
        result.centreWorkers = Int(try RawDB(centrePath, cacheKiB: 2048, readOnly: true).integer("SELECT count(*) FROM workers"))

        DatabaseFiles.remove(extractPath)
        let extractClock = SteppedClock(BenchCalendar.instant(firstMonth.firstDay, hour: 7))
        let (summary, extractSeconds) = try timed {
            let centre = try Registry(path: centrePath, clock: extractClock.read)
            defer { try? centre.close() }
            return try centre.extract(.office(code: office), to: extractPath)
        }
        result.extractSeconds = extractSeconds
        result.extractBytes = DatabaseFiles.size(extractPath)
        (result.extractWorkers, result.extractMemberships, result.extractPayments) = (summary.workers, summary.memberships, summary.payments)
        Log.step(String(format: "  extract of office %@: %.2f s, %d workers, %d memberships, %d payments, %@",
                        office, extractSeconds, summary.workers, summary.memberships, summary.payments, byteCount(result.extractBytes)))

        result.offline = try step("  offline work on the extract: \(newWorkers.formatted()) new members, \(SyncOfflineWork.paymentsPerWorker) payments each") {
            try SyncOfflineWork(extractPath: extractPath, centrePath: centrePath, office: office, workers: newWorkers,
                                firstMonth: firstMonth).run()
        }
        let extracted = try Registry.changeset(ofExtractAt: extractPath)
        let changes = try extracted.changeset.changes()
        result.changesetBytes = extracted.changeset.bytes.count
        result.changesetRows = changes.count
        result.changesetTables = Self.facts.compactMap { table in
            let count = changes.lazy.filter { $0.table == table }.count
            return count > 0 ? (table, count) : nil
        }
        guard changes.allSatisfy({ $0.operation == .insert }) else {
            throw RawError(description: "the offline work changed rows it did not make; the raw contenders only insert")
        }
        Log.step("  changeset: \(byteCount(Int64(result.changesetBytes))), \(changes.count.formatted()) rows: "
            + result.changesetTables.map { "\($0.0) \($0.1)" }.joined(separator: ", "))

        let (stored, expected) = try step("  warm-up push by the library (untimed), and the rows it stored as a changeset") {
            try warmUp(result: &result)
        }
        for repetition in 0..<repeats {
            let contenders = ["registry", "raw C, triggers", "raw C, triggers, temp_store MEMORY", "raw C, bare"]
            let order = contenders.indices.map { contenders[($0 + repetition) % contenders.count] }
            Log.step("  sync repetition \(repetition + 1)/\(repeats), \(order[0]) first")
            for contender in order {
                try DatabaseFiles.copy(centrePath, to: contenderPath)
                switch contender {
                case "registry":
                    let (changeset, apply, cpu, peak) = try libraryPush()
                    result.libraryCPU.append(cpu)
                    result.changesetSeconds.append(changeset)
                    result.applySeconds.append(apply)
                    if let peak { result.libraryPeakRSS.append(peak) }
                    Log.step(String(format: "    registry %7.2f s (changeset %.2f s, apply %.2f s; CPU %.2f s)", changeset + apply, changeset, apply, cpu))
                default:
                    let triggers = contender != "raw C, bare", inMemory = contender.hasSuffix("MEMORY")
                    let db = try RawDB(contenderPath, cacheKiB: cacheKiB)
                    let cpuBefore = processCPUSeconds()
                    let seconds = try RawChangesetApply.apply(stored, to: db, triggers: triggers, journalsInMemory: inMemory, actor: actor)
                    let cpu = processCPUSeconds() - cpuBefore
                    if inMemory {
                        result.rawMemorySeconds.append(seconds)
                        result.rawMemoryCPU.append(cpu)
                    } else if triggers {
                        result.rawTriggersSeconds.append(seconds)
                        result.rawTriggersCPU.append(cpu)
                    } else {
                        result.rawBareSeconds.append(seconds)
                        result.rawBareCPU.append(cpu)
                    }
                    Log.step(String(format: "    %@ %7.2f s (CPU %.2f s)", contender, seconds, cpu))
                }
                try verify(contenderPath, equals: expected, contender)
            }
        }
        if let tool, let launcher {
            try DatabaseFiles.copy(centrePath, to: contenderPath)
            let run = try launcher.run(tool, ["sync", "push", extractPath, "--db", contenderPath], logPath: logPath)
            guard run.exitStatus == 0 else { throw RawError(description: "registry sync push exited \(run.exitStatus); see \(logPath)") }
            try verify(contenderPath, equals: expected, "registry sync push")
            (result.toolSeconds, result.toolPeakRSS) = (run.seconds, run.peakRSSMiB)
            Log.step(String(format: "    registry sync push (tool): %.2f s, peak RSS %.0f MiB", run.seconds, run.peakRSSMiB))
        }
        DatabaseFiles.remove(contenderPath)
        return result
    }

    /// The library's push into a copy of the centre, then the rows it stored read back as a
    /// changeset against the centre. Returns that changeset and the fact tables' row counts
    /// after the push.
    private func warmUp(result: inout SyncResult) throws -> ([UInt8], [String: Int64]) {
        try DatabaseFiles.copy(centrePath, to: contenderPath)
        let registry = try Registry(path: contenderPath)
        let outcome = try registry.push(extractAt: extractPath)
        try registry.close()
        guard outcome.rejects.isEmpty, outcome.applied == result.changesetRows else {
            throw RawError(description: "the warm-up push applied \(outcome.applied) of \(result.changesetRows) rows, "
                + "rejected \(outcome.rejects.count): \(outcome.rejects.prefix(3))")
        }
        Log.step("    applied \(outcome.applied.formatted()) rows, \(outcome.cardsReissued.formatted()) card numbers reissued")
        let db = try Connection(.file(contenderPath), mode: .readWrite)
        try db.execute("ATTACH DATABASE ? AS centre", centrePath)
        let stored = try db.transaction { try db.changeset(tables: Self.facts, from: "centre") }
        try db.execute("DETACH DATABASE centre")
        guard try stored.changes().allSatisfy({ $0.operation == .insert }) else {
            throw RawError(description: "the push changed central rows; the raw contenders' changeset would not be the same work")
        }
        result.storedBytes = stored.bytes.count
        let counts = try Self.counts(contenderPath)
        result.auditRows = Int(try RawDB(contenderPath, cacheKiB: 2048).integer("SELECT count(*) FROM audit_log")
            - RawDB(centrePath, cacheKiB: 2048, readOnly: true).integer("SELECT count(*) FROM audit_log"))
        return (stored.bytes, counts)
    }

    /// One push as `registry sync push` does it, timed in its two halves; its CPU seconds; and
    /// this process's peak RSS during it.
    private func libraryPush() throws -> (Double, Double, Double, Double?) {
        var configuration = Configuration()
        configuration.cacheSizeKiB = cacheKiB
        let registry = try Registry(path: contenderPath, configuration: configuration)
        defer { try? registry.close() }
        PeakRSS.reset()
        let cpuBefore = processCPUSeconds()
        let (extracted, changesetSeconds) = try timed { try Registry.changeset(ofExtractAt: extractPath) }
        let (outcome, applySeconds) = try timed { try registry.apply(extracted.changeset, from: extracted.marker) }
        let cpu = processCPUSeconds() - cpuBefore
        let peak = PeakRSS.mebibytes()
        guard outcome.rejects.isEmpty, !outcome.alreadyApplied else {
            throw RawError(description: "the push rejected \(outcome.rejects.count) rows or found itself applied already")
        }
        return (changesetSeconds, applySeconds, cpu, peak)
    }


    private static func counts(_ path: String) throws -> [String: Int64] {
        let db = try RawDB(path, cacheKiB: 2048, readOnly: true)
        var counts: [String: Int64] = [:]
        for table in facts { counts[table] = try db.integer("SELECT count(*) FROM \(table)") }
        return counts
    }

    private func verify(_ path: String, equals expected: [String: Int64], _ contender: String) throws {
        let counts = try Self.counts(path)
        guard counts == expected else {
            let differ = Self.facts.filter { counts[$0] != expected[$0] }
                .map { "\($0) \(counts[$0] ?? -1) vs \(expected[$0] ?? -1)" }
            throw RawError(description: "\(contender): fact tables differ from the warm-up push's: \(differ.joined(separator: ", "))")
        }
    }
}
