// GRDB 7.10.0 through a DatabaseQueue (one connection, like the others). Imports only GRDB.
import GRDB

extension Worker: FetchableRecord {
    init(row: GRDB.Row) throws {
        self.init(
            id: row[0], nik: row[1], fullName: row[2], birthDate: row[3], sex: row[4],
            villageCode: row[5], segment: row[6], income: row[7], registeredAt: row[8])
    }
}

extension DecodableWorker: FetchableRecord {}

final class GRDBContender: Contender {
    let name = "GRDB"
    private var dbQueue: DatabaseQueue?

    private static var configuration: GRDB.Configuration {
        var configuration = GRDB.Configuration()
        configuration.journalMode = .wal
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA cache_size = \(-Settings.cacheSizeKiB)")
        }
        return configuration
    }

    private func queue() throws -> DatabaseQueue {
        guard let dbQueue else { throw DatabaseError(message: "not open") }
        return dbQueue
    }

    // MARK: Workload 1

    func openForInsert(path: String) throws {
        let dbQueue = try DatabaseQueue(path: path, configuration: Self.configuration)
        try dbQueue.write { db in try db.execute(sql: SQL.createTable) }
        self.dbQueue = dbQueue
    }

    func insert(_ rows: [Worker]) throws {
        try queue().inTransaction(.immediate) { db in
            let statement = try db.cachedStatement(sql: SQL.insert)
            for w in rows {
                try statement.execute(arguments: [
                    w.nik, w.fullName, w.birthDate, w.sex, w.villageCode, w.segment, w.income, w.registeredAt,
                ])
            }
            return .commit
        }
    }

    func closeInsert() throws {
        try dbQueue?.close()
        dbQueue = nil
    }

    // MARK: Workloads 2–5

    func openForReading(path: String) throws {
        dbQueue = try DatabaseQueue(path: path, configuration: Self.configuration)
    }

    func closeReading() {
        try? dbQueue?.close()
        dbQueue = nil
    }

    func lookups(_ niks: [String]) throws -> UInt64 {
        try queue().read { db in
            var sum: UInt64 = 0
            for nik in niks {
                let statement = try db.cachedStatement(sql: SQL.lookup)
                let rows = try GRDB.Row.fetchCursor(statement, arguments: [nik])
                while let row = try rows.next() {
                    let id: Int64 = row[0]
                    let fullName: String = row[1]
                    let income: Int64 = row[2]
                    sum &+= Checksum.lookup(id: id, fullName: fullName, income: income)
                }
            }
            return sum
        }
    }

    func scan() throws -> UInt64 {
        try queue().read { db in
            let statement = try db.cachedStatement(sql: SQL.scan)
            return Checksum.workers(try Worker.fetchAll(statement))
        }
    }

    func groupBy() throws -> UInt64 {
        try queue().read { db in
            let statement = try db.cachedStatement(sql: SQL.groupBy)
            var totals: [VillageSegmentTotal] = []
            let rows = try GRDB.Row.fetchCursor(statement)
            while let row = try rows.next() {
                totals.append(VillageSegmentTotal(
                    villageCode: row[0], segment: row[1], count: row[2], totalIncome: row[3]))
            }
            return Checksum.totals(totals)
        }
    }

    func scanDecodable() throws -> UInt64? {
        try queue().read { db in
            let statement = try db.cachedStatement(sql: SQL.scan)
            return Checksum.decodableWorkers(try DecodableWorker.fetchAll(statement))
        }
    }
}
