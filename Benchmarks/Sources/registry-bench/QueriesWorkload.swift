// Workload 3, point queries on the ledgered register at the fixed 'today': `worker(nik:)`,
// `worker(kpj:)` and `status(of:on:)` for members drawn at random (fixed seed), each call
// timed on its own.
//
// - registry: one `Registry.read` per call, as a service answering one request would do
//   (a deferred transaction on a pooled reader around the library's query and decoding).
// - raw C: the same SELECT (the library's column list; for the status, the library's query)
//   through a prepared statement in autocommit mode, every column read.
//
// Every answer is checked against the other contender's (the worker's id and name, the
// membership's state and unpaid months).
import Foundation
import Registry
import SQLiteDB

enum QueryKind: String, CaseIterable {
    case nik = "worker(nik:)"
    case kpj = "worker(kpj:)"
    case status = "status(of:on:)"
}

/// Per repetition, in microseconds.
struct LatencySamples {
    var p50: [Double] = []
    var p99: [Double] = []
    /// p99 of each call's own CPU time (this thread's), beside the wall-clock p99: when the wall
    /// p99 is far above it, the tail is time spent waiting for a core, not the query's work.
    var cpuP99: [Double] = []
}

/// Each call's wall-clock and thread CPU microseconds, in call order.
struct CallTimes {
    var wall: [Double] = []
    var cpu: [Double] = []

    init(capacity: Int) {
        wall.reserveCapacity(capacity)
        cpu.reserveCapacity(capacity)
    }

    /// Times `call`: the thread's CPU clock is read outside the wall-clock interval, so its own
    /// cost (a system call) is not in the wall time.
    mutating func time<T>(_ call: () throws -> T) rethrows -> T {
        let cpuStart = threadCPUMicros()
        let start = ContinuousClock.now
        let value = try call()
        let end = ContinuousClock.now
        cpu.append(threadCPUMicros() - cpuStart)
        wall.append(seconds(end - start) * 1e6)
        return value
    }
}

struct QueriesResult {
    var lookups = 0
    /// `[kind][contender]`.
    var latencies: [QueryKind: [String: LatencySamples]] = [:]
}

struct QueriesWorkload {
    let path: String
    let today: CalendarDate
    let lookups: Int
    let cacheKiB: Int

    static let stateCodes: [String: UInt64] = ["not_started": 1, "active": 2, "in_arrears": 3, "lapsed": 4, "ended": 5]

    private struct Sample {
        var niks: [String] = []
        var kpjs: [String] = []
        var memberships: [Int64] = []
    }

    func run(repeats: Int) throws -> QueriesResult {
        let sample = try drawSample()
        var result = QueriesResult(lookups: lookups)
        var configuration = Configuration()
        configuration.cacheSizeKiB = cacheKiB
        for repetition in 0..<repeats {
            let registryFirst = repetition % 2 == 0
            Log.step("  queries repetition \(repetition + 1)/\(repeats), \(registryFirst ? "registry" : "raw C") first")
            // Connections opened untimed, one set per repetition.
            let registry = try Registry(path: path, configuration: configuration)
            let raw = try RawDB(path, cacheKiB: cacheKiB)
            for kind in QueryKind.allCases {
                var checksums: [String: UInt64] = [:]
                for contender in registryFirst ? ["registry", "raw C"] : ["raw C", "registry"] {
                    let (times, checksum) = contender == "registry"
                        ? try libraryCalls(kind, sample, registry) : try rawCalls(kind, sample, raw)
                    checksums[contender] = checksum
                    let p50 = percentile(times.wall, 0.5), p99 = percentile(times.wall, 0.99)
                    let cpuP99 = percentile(times.cpu, 0.99)
                    result.latencies[kind, default: [:]][contender, default: LatencySamples()].p50.append(p50)
                    result.latencies[kind, default: [:]][contender, default: LatencySamples()].p99.append(p99)
                    result.latencies[kind, default: [:]][contender, default: LatencySamples()].cpuP99.append(cpuP99)
                    Log.step("    \(kind.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0)) "
                        + contender.padding(toLength: 8, withPad: " ", startingAt: 0)
                        + String(format: " p50 %8.1f µs  p99 %8.1f µs  CPU p99 %8.1f µs", p50, p99, cpuP99))
                }
                guard checksums["registry"] == checksums["raw C"] else {
                    throw RawError(description: "\(kind.rawValue): the registry and raw C answered differently")
                }
            }
        }
        return result
    }

    /// Random existing workers (by NIK and, others, by KPJ) and memberships; fixed seed.
    private func drawSample() throws -> Sample {
        let db = try RawDB(path, cacheKiB: cacheKiB)
        var rng = SplitMix64(state: 0x100C_0F5A_4D1E)
        var sample = Sample()
        let lastWorker = try db.integer("SELECT max(id) FROM workers")
        let lastMembership = try db.integer("SELECT max(id) FROM memberships")
        let worker = try db.prepare("SELECT nik, kpj FROM workers WHERE id = ?")
        while sample.niks.count < lookups || sample.kpjs.count < lookups {
            worker.bind(1, Int64(rng.below(Int(lastWorker))) + 1)
            if try worker.step() {
                if sample.niks.count <= sample.kpjs.count { sample.niks.append(worker.text(0)) } else { sample.kpjs.append(worker.text(1)) }
            }
            worker.reset()
        }
        let membership = try db.prepare("SELECT id FROM memberships WHERE id = ?")
        while sample.memberships.count < lookups {
            membership.bind(1, Int64(rng.below(Int(lastMembership))) + 1)
            if try membership.step() { sample.memberships.append(membership.int(0)) }
            membership.reset()
        }
        return sample
    }

    private func libraryCalls(_ kind: QueryKind, _ sample: Sample, _ registry: Registry) throws -> (CallTimes, UInt64) {
        var times = CallTimes(capacity: lookups)
        var checksum: UInt64 = 0
        switch kind {
        case .nik, .kpj:
            // Parsed before timing: a caller holds typed identifiers.
            let niks = try sample.niks.map { try NIK($0) }
            let kpjs = try sample.kpjs.map { try KPJ($0) }
            for index in 0..<lookups {
                let worker = try times.time {
                    try registry.read { session in
                        kind == .nik ? try session.worker(nik: niks[index]) : try session.worker(kpj: kpjs[index])
                    }
                }
                guard let worker else { throw RawError(description: "\(kind.rawValue): a sampled worker was not found") }
                checksum &+= Self.workerChecksum(id: worker.id.rawValue, name: worker.fullName)
            }
        case .status:
            let date = today
            for id in sample.memberships {
                let status = try times.time { try registry.read { try $0.status(of: Membership.ID(id), on: date) } }
                checksum &+= Self.statusChecksum(id: id, state: status.state.rawValue, unpaid: Int64(status.unpaidMonths))
            }
        }
        return (times, checksum)
    }

    private func rawCalls(_ kind: QueryKind, _ sample: Sample, _ db: RawDB) throws -> (CallTimes, UInt64) {
        var times = CallTimes(capacity: lookups)
        var checksum: UInt64 = 0
        switch kind {
        case .nik, .kpj:
            let statement = try db.prepare(StatusSQL.worker(by: kind == .nik ? "nik" : "kpj"))
            let keys = kind == .nik ? sample.niks : sample.kpjs
            for key in keys {
                let worker = try times.time {
                    statement.bind(1, key)
                    guard try statement.step() else { throw RawError(description: "\(kind.rawValue): a sampled worker was not found") }
                    defer { statement.reset() }
                    return RawWorker(statement)
                }
                checksum &+= Self.workerChecksum(id: worker.id, name: worker.fullName)
            }
        case .status:
            let statement = try db.prepare(StatusSQL.oneMembership)
            // Bindings survive a reset: the date parameters are bound once.
            statement.bind(statement.parameterIndex(":as_of"), today.isoString)
            // The end of that Jakarta day, 17:00 UTC, in milliseconds (paid_at is an integer, 0029).
            guard let endOfDay = Date(iso8601: "\(today.isoString)T17:00:00.000Z") else {
                throw RawError(description: "status: no end of day for \(today.isoString)")
            }
            statement.bind(statement.parameterIndex(":paid_before_ms"), UnixMilliseconds(endOfDay).value)
            statement.bind(statement.parameterIndex(":recorded_before"), "9999-12-31T23:59:59.999Z")
            statement.bind(statement.parameterIndex(":recorded_before_ms"), Int64(253_402_300_799_999))
            let membershipIndex = statement.parameterIndex(":membership")
            for id in sample.memberships {
                let status = try times.time {
                    statement.bind(membershipIndex, id)
                    guard try statement.step() else { throw RawError(description: "status: membership \(id) not found") }
                    defer { statement.reset() }
                    return RawStatus(statement)
                }
                checksum &+= Self.statusChecksum(id: status.membership, state: status.state, unpaid: status.unpaidMonths)
            }
        }
        return (times, checksum)
    }

    static func workerChecksum(id: Int64, name: String) -> UInt64 {
        SplitMix64.mix(UInt64(bitPattern: id) &* 31 &+ UInt64(name.utf8.count))
    }

    static func statusChecksum(id: Int64, state: String, unpaid: Int64) -> UInt64 {
        SplitMix64.mix(UInt64(bitPattern: id) &* 1009 &+ (stateCodes[state] ?? 99) &* 37 &+ UInt64(bitPattern: unpaid))
    }
}

/// A `workers` row as raw C reads it: every column, text as String.
private struct RawWorker {
    var id: Int64
    var nik: String
    var kpj: String
    var fullName: String
    var birthDate: String
    var sex: String
    var village: String
    var occupation: String?
    var phone: String?
    var branch: Int64
    var agent: Int64?
    var registeredAt: String

    init(_ row: RawStatement) {
        id = row.int(0)
        nik = row.text(1)
        kpj = row.text(2)
        fullName = row.text(3)
        birthDate = row.text(4)
        sex = row.text(5)
        village = row.text(6)
        occupation = row.optionalText(7)
        phone = row.optionalText(8)
        branch = row.int(9)
        agent = row.isNull(10) ? nil : row.int(10)
        registeredAt = row.text(11)
    }
}

/// A status row as raw C reads it.
private struct RawStatus {
    var membership: Int64
    var worker: Int64
    var segment: String
    var startDate: String
    var endDate: String?
    var lastPaidMonth: String?
    var unpaidMonths: Int64
    var state: String
    var asOf: String

    init(_ row: RawStatement) {
        membership = row.int(0)
        worker = row.int(1)
        segment = row.text(2)
        startDate = row.text(3)
        endDate = row.optionalText(4)
        lastPaidMonth = row.optionalText(5)
        unpaidMonths = row.int(6)
        state = row.text(7)
        asOf = row.text(8)
    }
}
