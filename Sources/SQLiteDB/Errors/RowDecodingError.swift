/// A column held something the requested Swift type cannot represent.
///
/// Names the column and what it found (its storage class, never the value:
/// a row may hold personal data), so `expected Int64 in column "income", found TEXT`
/// points straight at the bad data or the wrong query.
public struct RowDecodingError: Error, Sendable, CustomStringConvertible {
    public enum Problem: Sendable, Equatable {
        /// The column was NULL and the type is not optional.
        case unexpectedNull
        /// The stored value has a storage class or content the type does not accept.
        case mismatch(found: StorageClass)
        /// No column has that name.
        case noSuchColumn
        /// The index is outside 0..<columnCount.
        case indexOutOfRange(columnCount: Int)
    }

    /// The column's name as the query spelled it, or the name that was asked for.
    public let column: String
    /// The column's index, when known.
    public let index: Int?
    /// The Swift type that was requested.
    public let expectedType: String
    public let problem: Problem
    /// The SQL of the query that produced the row, when known.
    public let sql: String?

    public init(column: String, index: Int?, expectedType: String, problem: Problem, sql: String?) {
        self.column = column
        self.index = index
        self.expectedType = expectedType
        self.problem = problem
        self.sql = sql
    }

    public var description: String {
        let place = index.map { "column \"\(column)\" (index \($0))" } ?? "column \"\(column)\""
        let what: String
        switch problem {
        case .unexpectedNull: what = "expected \(expectedType) in \(place), found NULL"
        case .mismatch(let found): what = "expected \(expectedType) in \(place), found \(found)"
        case .noSuchColumn: what = "no \(place) in the row (asked for \(expectedType))"
        case .indexOutOfRange(let count): what = "\(place) is out of range: the row has \(count) column(s)"
        }
        return sql.map { "\(what) — in `\($0)`" } ?? what
    }
}
