/// What ``Row`` and ``CursorRow`` share: typed access to columns by index or by name.
///
/// ```swift
/// let nik: String = try row["nik"]            // by name, any case
/// let income: Int64? = try row[5]             // by index; Optional accepts NULL
/// let worker = try row.decode(Worker.self)    // Decodable, keys matched to column names
/// ```
///
/// A getter that cannot produce its type throws ``RowDecodingError`` naming the column and
/// what it found, rather than returning a default.
public protocol RowReading {
    /// The result column names.
    var columnNames: ColumnNames { get }
    /// The SQL that produced the row, for error messages.
    var sql: String? { get }
    /// The column at an index already checked to be in range.
    func columnSlot(uncheckedIndex index: Int) -> ColumnSlot
    /// The number of columns.
    var count: Int { get }
}

extension RowReading {
    /// The number of columns.
    @inlinable
    public var count: Int { columnNames.count }

    @usableFromInline
    func indexOutOfRange(_ index: Int, type: Any.Type) -> RowDecodingError {
        RowDecodingError(
            column: "#\(index)", index: index, expectedType: "\(type)",
            problem: .indexOutOfRange(columnCount: count), sql: sql)
    }

    /// The value at a 0-based column index, converted to `T`.
    @inlinable
    public func get<T: DatabaseValueConvertible>(_ index: Int, as type: T.Type = T.self) throws -> T {
        guard index >= 0, index < count else { throw indexOutOfRange(index, type: T.self) }
        let slot = columnSlot(uncheckedIndex: index)
        if let value = T.decode(from: slot) { return value }
        throw decodingFailure(index: index, type: T.self, found: slot.storageClass)
    }

    /// The value of the first column with this name (ignoring ASCII case), converted to `T`.
    @inlinable
    public func get<T: DatabaseValueConvertible>(_ name: String, as type: T.Type = T.self) throws -> T {
        guard let index = columnNames.index(of: name) else {
            throw RowDecodingError(
                column: name, index: nil, expectedType: "\(T.self)", problem: .noSuchColumn, sql: sql)
        }
        return try get(index, as: type)
    }

    /// `let nik: String = try row[1]`
    @inlinable
    public subscript<T: DatabaseValueConvertible>(index: Int) -> T {
        get throws { try get(index) }
    }

    /// `let nik: String = try row["nik"]`
    @inlinable
    public subscript<T: DatabaseValueConvertible>(name: String) -> T {
        get throws { try get(name) }
    }

    /// Whether the column with this name exists (ignoring ASCII case).
    public func hasColumn(_ name: String) -> Bool {
        columnNames.index(of: name) != nil
    }

    /// All values, copied out.
    public var databaseValues: [DatabaseValue] {
        (0..<columnNames.count).map { columnSlot(uncheckedIndex: $0).databaseValue }
    }

    /// An owned copy that outlives the statement.
    public func copy() -> Row {
        Row(columnNames: columnNames, values: databaseValues, sql: sql)
    }

    @usableFromInline
    func decodingFailure<T>(index: Int, type: T.Type, found: StorageClass) -> RowDecodingError {
        RowDecodingError(
            column: columnNames[index], index: index, expectedType: "\(T.self)",
            problem: found == .null ? .unexpectedNull : .mismatch(found: found), sql: sql)
    }
}
