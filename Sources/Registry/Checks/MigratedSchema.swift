import Foundation
import SQLiteDB

/// What a set of migrations creates: the schema objects of a database they migrated, and the rows
/// of its rule and code tables (``RuleTables``). Read from a fresh in-memory database, it is what
/// `registry check` compares a register with (checks `schema` and `rule_rows`).
struct MigratedSchema: Sendable {
    /// One object of `sqlite_schema`.
    struct Object: Sendable, Hashable {
        /// `table`, `index`, `trigger` or `view`.
        let type: String
        let name: String
        /// The table an index or trigger belongs to (a table's or view's own name otherwise).
        let table: String
        /// The `CREATE` statement, whitespace runs collapsed (``normalised(_:)``).
        let sql: String?
    }

    /// A table's rows, each a list of values in `columns` order.
    struct TableRows: Sendable {
        let columns: [String]
        /// Positions in `columns` of the primary key, which identifies a row across databases.
        let key: [Int]
        let rows: [[DatabaseValue]]

        func keyed() -> [[DatabaseValue]: [DatabaseValue]] {
            Dictionary(rows.map { row in (key.map { row[$0] }, row) }, uniquingKeysWith: { first, _ in first })
        }
    }

    let objects: [Object]
    let ruleTables: [String: TableRows]

    /// The schema `migrations` create, built in memory on first use and kept for the process
    /// (registers at the same version share it).
    static func of(_ migrations: [Migration]) throws -> MigratedSchema {
        let key = migrations.map(\.checksum)
        if let known = cache.withLock({ $0[key] }) { return known }
        let db = try Connection(.memory)
        try Migrator(migrations: migrations).migrate(db)
        var tables: [String: TableRows] = [:]
        for table in RuleTables.all {
            tables[table] = try rows(of: table, in: db)
        }
        let schema = MigratedSchema(objects: try objects(in: db), ruleTables: tables)
        cache.withLock { $0[key] = schema }
        return schema
    }

    private static let cache = Locked<[[String]: MigratedSchema]>([:])

    /// Every object of `db`'s main schema, except SQLite's own and Litestream's: `sqlite_stat*`
    /// tables, which `ANALYZE` and `PRAGMA optimize` create and fill as they please, the
    /// `sqlite_autoindex_*` indexes of UNIQUE and PRIMARY KEY constraints, which follow from their
    /// table's SQL (compared already), and the two bookkeeping tables Litestream creates in a
    /// register it replicates, which every copy restored from the replica carries too
    /// (``SQLiteDB/LitestreamState/bookkeepingTables``).
    static func objects(in db: Connection) throws -> [Object] {
        let litestream = LitestreamState.bookkeepingTables
        return try db.fetchAll("""
            SELECT type, name, tbl_name, sql FROM sqlite_schema
            WHERE name NOT GLOB 'sqlite_stat*' AND name NOT GLOB 'sqlite_autoindex_*' AND name NOT IN (?, ?)
            ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 WHEN 'trigger' THEN 2 ELSE 3 END, name
            """, litestream[0], litestream[1]).map { row in
            Object(type: try row.get(0), name: try row.get(1), table: try row.get(2),
                   sql: try row.get(3, as: String?.self).map(normalised))
        }
    }

    /// Every row of `table` (nil when `db` has no such table), ordered by its primary key.
    static func rows(of table: String, in db: Connection) throws -> TableRows? {
        let info = try db.fetchAll("SELECT name, pk FROM pragma_table_info(?) ORDER BY cid", table)
        guard !info.isEmpty else { return nil }
        let columns = try info.map { try $0.get(0, as: String.self) }
        let key = try info.indices.filter { try info[$0].get(1, as: Int.self) > 0 }
            .sorted { try info[$0].get(1, as: Int.self) < info[$1].get(1, as: Int.self) }
        let list = columns.map(quoted).joined(separator: ", ")
        let order = (key.isEmpty ? ["rowid"] : key.map { quoted(columns[$0]) }).joined(separator: ", ")
        let rows = try db.fetchAll("SELECT \(list) FROM \(quoted(table)) ORDER BY \(order)").map(\.values)
        return TableRows(columns: columns, key: key.isEmpty ? columns.indices.map { $0 } : key, rows: rows)
    }

    /// SQL text with every run of whitespace made one space: a trigger dropped and created again
    /// with the same statement laid out differently is the same trigger.
    static func normalised(_ sql: String) -> String {
        sql.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// A value behind a lock, for the process-wide cache above.
private final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
