// sqlite-bench: raw C vs SQLiteDB vs GRDB, side by side in one process.
//
//   swift run -c release --package-path Benchmarks sqlite-bench [--rows 1000000] [--lookups 100000]
//       [--repeats 5] [--dir /tmp/...] [--no-decodable]
//
// Progress goes to stderr, the Markdown table to stdout.
import Foundation

struct Options {
    var rows = 1_000_000
    var lookups = 100_000
    var repeats = 5
    var directory: String? = nil
    var decodable = true

    static let usage = """
        usage: sqlite-bench [--rows N] [--lookups N] [--repeats N] [--dir PATH] [--no-decodable]
        """

    static func parse(_ arguments: [String]) -> Options {
        var options = Options()
        var rest = arguments[...]
        func fail(_ message: String) -> Never {
            FileHandle.standardError.write(Data("\(message)\n\(usage)\n".utf8))
            exit(2)
        }
        func number(_ flag: String) -> Int {
            guard let text = rest.popFirst() else { fail("\(flag) needs a value") }
            guard let value = Int(text.replacingOccurrences(of: "_", with: "")), value > 0 else {
                fail("\(flag): not a positive integer: \(text)")
            }
            return value
        }
        while let flag = rest.popFirst() {
            switch flag {
            case "--rows": options.rows = number(flag)
            case "--lookups": options.lookups = number(flag)
            case "--repeats": options.repeats = number(flag)
            case "--dir":
                guard let path = rest.popFirst() else { fail("--dir needs a value") }
                options.directory = path
            case "--no-decodable": options.decodable = false
            case "-h", "--help":
                print(usage)
                exit(0)
            default: fail("unknown argument \(flag)")
            }
        }
        return options
    }
}

func progress(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

func seconds(_ duration: Duration) -> Double {
    let (s, attoseconds) = duration.components
    return Double(s) + Double(attoseconds) / 1e18
}

func column(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

enum Workload: Int, CaseIterable {
    case insert, lookups, scan, groupBy, decodable

    func title(_ options: Options) -> String {
        switch self {
        case .insert: "1. bulk insert, \(options.rows.formatted()) rows, 1 transaction"
        case .lookups: "2. point lookups by NIK, \(options.lookups.formatted())"
        case .scan: "3. full scan into [Worker], 9 fields"
        case .groupBy: "4. GROUP BY village_code, segment"
        case .decodable: "5. full scan via Decodable (optional)"
        }
    }
}

/// One contender's checksum for one workload must match everyone else's (and the expected one, if known).
struct ChecksumBook {
    var expected: [Workload: UInt64] = [:]
    var seen: [Workload: (contender: String, value: UInt64)] = [:]

    mutating func record(_ workload: Workload, _ contender: String, _ value: UInt64) {
        if let expected = expected[workload], expected != value {
            fatalError("\(contender) \(workload): checksum \(value) != expected \(expected)")
        }
        if let first = seen[workload] {
            precondition(
                first.value == value,
                "\(workload): \(contender) checksum \(value) != \(first.contender) checksum \(first.value)")
        } else {
            seen[workload] = (contender, value)
        }
    }
}

@main
struct SQLiteBench {
    static func main() throws {
        let options = Options.parse(Array(CommandLine.arguments.dropFirst()))
        let clock = ContinuousClock()
        let directory = options.directory
            ?? FileManager.default.temporaryDirectory.appendingPathComponent(
                "sqlite-bench-\(ProcessInfo.processInfo.processIdentifier)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        func removeDatabase(_ path: String) {
            for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        defer { try? FileManager.default.removeItem(atPath: directory) }

        progress("generating \(options.rows) rows…")
        let generationStart = clock.now
        let rows = DataSet.generate(count: options.rows)
        let sample = DataSet.lookupSample(rows, count: options.lookups)
        var book = ChecksumBook()
        book.expected[.lookups] = DataSet.expectedLookupChecksum(rows, sample)
        book.expected[.scan] = Checksum.workers(rows)
        book.expected[.decodable] = Checksum.workers(rows)
        let expectedVerify: [Int64] = [
            Int64(rows.count),
            rows.reduce(0) { $0 + $1.income },
            rows.reduce(0) { $0 + Int64($1.nik.unicodeScalars.count + $1.fullName.unicodeScalars.count + $1.registeredAt.unicodeScalars.count) },
        ]
        progress("generated in \(clock.now - generationStart); example: \(rows[0])")

        let readPath = directory + "/read.sqlite"
        removeDatabase(readPath)
        progress("building the shared read database with raw C…")
        try RawContender.build(path: readPath, rows: rows)
        let shared = try RawContender.verify(path: readPath)
        precondition(shared == expectedVerify, "shared database content \(shared), expected \(expectedVerify)")

        let contenders: [any Contender] = [RawContender(), WrapperContender(), GRDBContender()]
        let workloads = Workload.allCases.filter { $0 != .decodable || options.decodable }
        // times[workload][contender name] = seconds per repetition
        var times: [Workload: [String: [Double]]] = [:]

        for repetition in 0..<options.repeats {
            let shift = repetition % contenders.count
            let order = Array(contenders[shift...] + contenders[..<shift])
            progress("repetition \(repetition + 1)/\(options.repeats), order: \(order.map(\.name).joined(separator: ", "))")

            // Workload 1: a fresh file per contender per repetition.
            for contender in order {
                let path = directory + "/insert-\(contender.name.filter(\.isLetter)).sqlite"
                removeDatabase(path)
                try contender.openForInsert(path: path)
                let start = clock.now
                try contender.insert(rows)
                let elapsed = seconds(clock.now - start)
                try contender.closeInsert()
                let stored = try RawContender.verify(path: path)
                precondition(stored == expectedVerify, "\(contender.name) insert stored \(stored), expected \(expectedVerify)")
                removeDatabase(path)
                times[.insert, default: [:]][contender.name, default: []].append(elapsed)
                progress("  \(column(contender.name, 9)) insert    " + String(format: "%8.3f s", elapsed))
            }

            // Workloads 2–5: the same file for everyone; one connection per contender per repetition.
            for contender in order { try contender.openForReading(path: readPath) }
            for workload in workloads where workload != .insert {
                for contender in order {
                    let start = clock.now
                    let checksum: UInt64?
                    switch workload {
                    case .lookups: checksum = try contender.lookups(sample)
                    case .scan: checksum = try contender.scan()
                    case .groupBy: checksum = try contender.groupBy()
                    case .decodable: checksum = try contender.scanDecodable()
                    case .insert: fatalError()
                    }
                    let elapsed = seconds(clock.now - start)
                    guard let checksum else { continue }  // not supported by this contender
                    book.record(workload, contender.name, checksum)
                    times[workload, default: [:]][contender.name, default: []].append(elapsed)
                    progress("  \(column(contender.name, 9)) \(column("\(workload)", 9)) "
                        + String(format: "%8.3f s  checksum %016llx", elapsed, checksum))
                }
            }
            for contender in order { contender.closeReading() }
        }

        // The report.
        func cell(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "—" }
        func ratio(_ a: Double?, _ b: Double?) -> String {
            guard let a, let b, b > 0 else { return "—" }
            return String(format: "%.2f×", a / b)
        }
        print("| workload | raw C (s) | SQLiteDB (s) | GRDB (s) | SQLiteDB / raw | SQLiteDB / GRDB | GRDB / raw |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for workload in workloads {
            let medians = times[workload, default: [:]].mapValues(median)
            let raw = medians["raw C"], wrapper = medians["SQLiteDB"], grdb = medians["GRDB"]
            print("| \(workload.title(options)) | \(cell(raw)) | \(cell(wrapper)) | \(cell(grdb)) | "
                + "\(ratio(wrapper, raw)) | \(ratio(wrapper, grdb)) | \(ratio(grdb, raw)) |")
        }
        print("")
        print("Median of \(options.repeats) repetitions (contender order rotated each repetition); "
            + "\(options.rows.formatted()) rows, \(options.lookups.formatted()) lookups. "
            + "Checksums matched across contenders.")
        // Every run, for anyone who wants the spread.
        progress("all timings (s):")
        for workload in workloads {
            for name in contenders.map(\.name) {
                guard let list = times[workload]?[name] else { continue }
                progress("  \(workload) \(name): " + list.map { String(format: "%.3f", $0) }.joined(separator: " "))
            }
        }
    }
}
