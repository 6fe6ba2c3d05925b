// The library under test, used the way its documentation recommends. Imports only SQLiteDB.
import SQLiteDB

final class WrapperContender: Contender {
    let name = "SQLiteDB"
    private var db: Connection?

    private static var configuration: SQLiteDB.Configuration {
        var configuration = SQLiteDB.Configuration()
        configuration.journalMode = .wal
        configuration.synchronous = .normal
        configuration.cacheSizeKiB = Settings.cacheSizeKiB
        return configuration
    }

    private func connection() throws -> Connection {
        guard let db else { throw RawError(description: "not open") }
        return db
    }

    // MARK: Workload 1

    func openForInsert(path: String) throws {
        let db = try Connection(.file(path), configuration: Self.configuration)
        try db.executeScript(SQL.createTable)
        self.db = db
    }

    func insert(_ rows: [Worker]) throws {
        let db = try connection()
        try db.transaction(.immediate) {
            let statement = try db.cachedStatement(SQL.insert)
            for w in rows {
                try statement.execute(
                    w.nik, w.fullName, w.birthDate, w.sex, w.villageCode, w.segment, w.income, w.registeredAt)
            }
        }
    }

    func closeInsert() throws { db = nil }

    // MARK: Workloads 2–5

    func openForReading(path: String) throws {
        db = try Connection(.file(path), configuration: Self.configuration)
    }

    func closeReading() { db = nil }

    func lookups(_ niks: [String]) throws -> UInt64 {
        let db = try connection()
        return try db.transaction(.deferred) {
            var sum: UInt64 = 0
            for nik in niks {
                try db.forEach(SQL.lookup, nik) { row in
                    let id = try row.get(0, as: Int64.self)
                    let fullName = try row.get(1, as: String.self)
                    let income = try row.get(2, as: Int64.self)
                    sum &+= Checksum.lookup(id: id, fullName: fullName, income: income)
                }
            }
            return sum
        }
    }

    func scan() throws -> UInt64 {
        let db = try connection()
        return try db.transaction(.deferred) {
            var workers: [Worker] = []
            try db.forEach(SQL.scan) { row in
                workers.append(Worker(
                    id: try row.get(0, as: Int64.self),
                    nik: try row.get(1, as: String.self),
                    fullName: try row.get(2, as: String.self),
                    birthDate: try row.get(3, as: String.self),
                    sex: try row.get(4, as: String.self),
                    villageCode: try row.get(5, as: String.self),
                    segment: try row.get(6, as: String.self),
                    income: try row.get(7, as: Int64.self),
                    registeredAt: try row.get(8, as: String.self)))
            }
            return Checksum.workers(workers)
        }
    }

    func groupBy() throws -> UInt64 {
        let db = try connection()
        return try db.transaction(.deferred) {
            var totals: [VillageSegmentTotal] = []
            try db.forEach(SQL.groupBy) { row in
                totals.append(VillageSegmentTotal(
                    villageCode: try row.get(0, as: String.self),
                    segment: try row.get(1, as: String.self),
                    count: try row.get(2, as: Int64.self),
                    totalIncome: try row.get(3, as: Int64.self)))
            }
            return Checksum.totals(totals)
        }
    }

    func scanDecodable() throws -> UInt64? {
        let db = try connection()
        return try db.transaction(.deferred) {
            Checksum.decodableWorkers(try db.fetchAll(DecodableWorker.self, SQL.scan))
        }
    }
}
