// Command-line options of registry-bench. Hand-parsed, like sqlite-bench, so the benchmark
// package needs no argument parser of its own.
import Foundation

/// The timed workloads, in the order they run (each needs the database the one before built;
/// sync, like queries and reports, runs on the ledgered register). `recorded`: the reports as
/// the register said them on a past day, each a pass over the register (``RecordedTimeWorkload``).
enum Workload: String, CaseIterable, Hashable {
    case `import`, ledger, queries, reports, recorded, sync
}

struct Options {
    /// Members per run; several sizes make a growth series, run one after the other.
    var sizes = [100_000]
    var repeats = 5
    /// Where the databases and CSV files go; nil = a temporary directory removed at the end.
    var directory: String? = nil
    var workloads = Set(Workload.allCases)
    /// Months of bills and payments in the ledger workload.
    var months = 12
    /// Calls per kind of point query, per contender and repetition.
    var lookups = 10_000
    /// `PRAGMA cache_size` in KiB for raw C and for the library in this process. The `registry`
    /// tool cannot be told (it opens with the library's default Configuration).
    var cacheKiB = 65_536
    /// The `registry` executable; default: next to this one (the same `swift build`).
    var registryTool: String? = nil
    /// Keep each size's databases and CSV files instead of removing them when the size is done.
    var keepFiles = false
    /// A register already built (a kept `imported.sqlite` or `ledger.sqlite`): run only the
    /// queries and reports on it, at the 'today' that `--months` gives, instead of building one.
    var existing: String? = nil
    /// With `--existing`: measure the file itself instead of a copy (a copy of a 15 GB file takes
    /// minutes). Refused unless the file is already at this build's schema, so that opening it
    /// migrates nothing.
    var inPlace = false
    /// A size directory kept by `--keep` (`members-N`, holding `imported.sqlite`; its parent
    /// holds `base.sqlite`): start that size from its import instead of generating and
    /// importing again. The import workload cannot run; the directory is kept.
    var reuse: String? = nil
    /// The ledger workload as one run paired month by month (``LedgerWorkload/runPaired(_:)``)
    /// instead of `--repeats` whole runs: for 1M members × 12 months.
    var paired = false
    /// The ledger months without billing runs (`LedgerDriver`): informal payments bill what they
    /// pay, employers pay nothing.
    var billing = true
    /// Also time every report with this `mmap_size` (MiB), alternating with the default.
    var mmapMiB: Int? = nil
    /// Also run the import and the ledger with and without Litestream replicating the file,
    /// paired (``ReplicationWorkload``); needs `litestream` on PATH.
    var litestream = false
    /// The sync workload's area: the office whose extract gets the offline work.
    var syncOffice = "KC-YK"
    /// New informal members registered on the extract (each pays three months, one at a time).
    var syncWorkers = 10_000

    static let usage = """
        usage: registry-bench [--members N | --sizes N,N,...] [--repeats N] [--months N] [--lookups N]
                              [--only import,ledger,queries,reports,recorded] [--dir PATH] [--keep] [--paired]
                              [--cache-kib N] [--registry PATH] [--mmap-mib N] [--litestream] [--no-billing]
                              [--sync-office CODE] [--sync-workers N]
               registry-bench --reuse DIR [--months N] [--repeats N] [--only ledger,queries,reports,sync] ...
               registry-bench --existing FILE [--in-place] [--months N] [--repeats N] [--lookups N] [--only queries,reports,sync]
        """

    static func parse(_ arguments: [String]) -> Options {
        var options = Options()
        var rest = arguments[...]
        func fail(_ message: String) -> Never {
            FileHandle.standardError.write(Data("\(message)\n\(usage)\n".utf8))
            exit(2)
        }
        func value(_ flag: String) -> String {
            guard let text = rest.popFirst() else { fail("\(flag) needs a value") }
            return text
        }
        func positive(_ flag: String, _ text: String) -> Int {
            guard let number = Int(text.replacingOccurrences(of: "_", with: "")), number > 0 else {
                fail("\(flag): not a positive integer: \(text)")
            }
            return number
        }
        while let flag = rest.popFirst() {
            switch flag {
            case "--members": options.sizes = [positive(flag, value(flag))]
            case "--sizes":
                options.sizes = value(flag).split(separator: ",").map { positive(flag, String($0)) }
                if options.sizes.isEmpty { fail("--sizes needs at least one size") }
            case "--repeats": options.repeats = positive(flag, value(flag))
            case "--months": options.months = positive(flag, value(flag))
            case "--lookups": options.lookups = positive(flag, value(flag))
            case "--cache-kib": options.cacheKiB = positive(flag, value(flag))
            case "--dir": options.directory = value(flag)
            case "--registry": options.registryTool = value(flag)
            case "--keep": options.keepFiles = true
            case "--paired": options.paired = true
            case "--no-billing": options.billing = false
            case "--litestream": options.litestream = true
            case "--mmap-mib": options.mmapMiB = positive(flag, value(flag))
            case "--existing": options.existing = value(flag)
            case "--in-place": options.inPlace = true
            case "--reuse": options.reuse = value(flag)
            case "--sync-office": options.syncOffice = value(flag)
            case "--sync-workers": options.syncWorkers = positive(flag, value(flag))
            case "--only":
                var chosen = Set<Workload>()
                for name in value(flag).split(separator: ",") {
                    guard let workload = Workload(rawValue: String(name)) else {
                        fail("--only: unknown workload \(name) (import, ledger, queries, reports, recorded, sync)")
                    }
                    chosen.insert(workload)
                }
                options.workloads = chosen
            case "-h", "--help":
                print(usage)
                exit(0)
            default: fail("unknown argument \(flag)")
            }
        }
        if options.months > 60 { fail("--months: at most 60") }
        if !options.billing && options.litestream { fail("--no-billing: the replication workload runs the ledger with its billing runs") }
        if options.existing != nil {
            options.workloads.subtract([.import, .ledger])
            if options.workloads.isEmpty { fail("--existing: only queries, reports, recorded and sync run on an existing register") }
        } else if options.inPlace {
            fail("--in-place goes with --existing FILE")
        }
        if options.reuse != nil {
            options.workloads.remove(.import)
            if options.workloads.isEmpty { fail("--reuse: the import cannot run on a reused size; choose ledger, queries, reports or sync") }
        }
        return options
    }
}
