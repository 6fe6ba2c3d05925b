// What each contender implements. Every workload returns a checksum of what it read,
// so the optimizer cannot drop the work and the contenders can be checked against each other.

/// Settings shared by every connection of every contender.
enum Settings {
    /// `PRAGMA cache_size` in KiB (negative pragma value): 64 MiB, for the bulk load.
    static let cacheSizeKiB = 65_536
}

protocol Contender: AnyObject {
    var name: String { get }

    /// Creates a fresh file with the `workers` table and keeps the connection open (untimed).
    func openForInsert(path: String) throws
    /// Workload 1: every row in one transaction through one prepared statement (timed).
    func insert(_ rows: [Worker]) throws
    /// Closes the insert connection (untimed).
    func closeInsert() throws

    /// Opens a connection to the shared, already-built database (untimed).
    func openForReading(path: String) throws
    /// Workload 2: point lookups by NIK, each in the same read transaction.
    func lookups(_ niks: [String]) throws -> UInt64
    /// Workload 3: `SELECT *` into `[Worker]`, decoded column by column.
    func scan() throws -> UInt64
    /// Workload 4: GROUP BY aggregate into an array.
    func groupBy() throws -> UInt64
    /// Workload 5 (optional): `SELECT *` into `[DecodableWorker]` through `Decodable`; nil if not supported.
    func scanDecodable() throws -> UInt64?
    func closeReading()
}
