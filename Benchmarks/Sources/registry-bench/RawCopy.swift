// The raw C contender's writes: the rows the registry stored (read from the warm-up run's
// database), inserted through one prepared INSERT per table, with the same schema, triggers
// and foreign keys. Rows are read in chunks into a flat buffer outside the timed part; only
// binding and stepping the INSERTs (and the transaction's BEGIN and COMMIT) are timed.
import CSQLiteRaw

/// A stopwatch summed over the timed parts of a run.
struct Stopwatch {
    private(set) var seconds = 0.0
    /// This process's CPU seconds in the same stretches.
    private(set) var cpuSeconds = 0.0

    @inline(__always)
    mutating func time<T>(_ body: () throws -> T) rethrows -> T {
        let cpu = processCPUSeconds()
        let (result, elapsed) = try timed(body)
        cpuSeconds += processCPUSeconds() - cpu
        seconds += elapsed
        return result
    }
}

/// One chunk of rows as flat cells: no String per value, text bytes in one arena.
private struct Chunk {
    struct Cell {
        var type: Int32
        var length: Int32
        /// The integer, the float's bits, or the text's offset in ``arena``.
        var value: Int64
    }

    var columns = 0
    var cells: [Cell] = []
    var arena: [UInt8] = []
    var rowCount: Int { columns == 0 ? 0 : cells.count / columns }

    mutating func removeAll() {
        cells.removeAll(keepingCapacity: true)
        arena.removeAll(keepingCapacity: true)
    }

    mutating func append(row statement: OpaquePointer) {
        for index in 0..<Int32(columns) {
            let type = sqlite3_column_type(statement, index)
            switch type {
            case SQLITE_INTEGER:
                cells.append(Cell(type: type, length: 0, value: sqlite3_column_int64(statement, index)))
            case SQLITE_FLOAT:
                cells.append(Cell(type: type, length: 0, value: Int64(bitPattern: sqlite3_column_double(statement, index).bitPattern)))
            case SQLITE_TEXT:
                let bytes = sqlite3_column_text(statement, index)
                let count = Int(sqlite3_column_bytes(statement, index))
                cells.append(Cell(type: type, length: Int32(count), value: Int64(arena.count)))
                if let bytes { arena.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count)) }
            case SQLITE_NULL:
                cells.append(Cell(type: type, length: 0, value: 0))
            default:
                fatalError("blob columns are not copied")
            }
        }
    }
}

enum RawCopy {
    /// Key-range width of one chunk: about 20,000 to 60,000 rows.
    static let chunkKeys: Int64 = 20_000

    /// Inserts into `target` the rows of `table` whose `key` is in `after+1 ... through`, read
    /// from `source`, in key order; returns how many. The caller holds the transaction.
    @discardableResult
    static func copy(_ table: String, key: String = "id", after: Int64, through: Int64,
                     from source: RawDB, into target: RawDB, stopwatch: inout Stopwatch) throws -> Int {
        guard through > after else { return 0 }
        let select = try source.prepare("SELECT * FROM \(table) WHERE \(key) > ?1 AND \(key) <= ?2 ORDER BY \(key)")
        let columnNames = (0..<select.columnCount).map { select.columnName($0) }
        let insert = try target.prepare("INSERT INTO \(table) (\(columnNames.joined(separator: ", "))) VALUES ("
            + Array(repeating: "?", count: columnNames.count).joined(separator: ", ") + ")")
        var chunk = Chunk()
        chunk.columns = columnNames.count
        var copied = 0
        var low = after
        while low < through {
            let high = min(low + chunkKeys, through)
            chunk.removeAll()
            select.bind(1, low)
            select.bind(2, high)
            while try select.step() { chunk.append(row: select.handle) }
            select.reset()
            try stopwatch.time { try insertAll(chunk, insert.handle, target) }
            copied += chunk.rowCount
            low = high
        }
        return copied
    }

    private static func insertAll(_ chunk: Chunk, _ insert: OpaquePointer, _ db: RawDB) throws {
        let columns = chunk.columns
        try chunk.arena.withUnsafeBufferPointer { arena in
            try chunk.cells.withUnsafeBufferPointer { cells in
                let text = arena.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
                var row = 0
                while row < cells.count {
                    for column in 0..<columns {
                        let cell = cells[row + column]
                        let index = Int32(column + 1)
                        switch cell.type {
                        case SQLITE_INTEGER: sqlite3_bind_int64(insert, index, cell.value)
                        case SQLITE_FLOAT: sqlite3_bind_double(insert, index, Double(bitPattern: UInt64(bitPattern: cell.value)))
                        case SQLITE_TEXT:
                            if let text, cell.length > 0 {
                                sqlite3_bind_text(insert, index, text + Int(cell.value), cell.length, raw_transient())
                            } else {
                                sqlite3_bind_text(insert, index, "", 0, raw_transient())
                            }
                        default: sqlite3_bind_null(insert, index)
                        }
                    }
                    let code = sqlite3_step(insert)
                    if code != SQLITE_DONE {
                        let message = db.errorMessage
                        sqlite3_reset(insert)
                        throw RawError(description: "insert: \(message)")
                    }
                    sqlite3_reset(insert)
                    row += columns
                }
            }
        }
    }
}
