import CSQLite
import Foundation

/// A prepared SQL statement: compiled once, bound and stepped many times.
///
/// Get one from ``Connection/cachedStatement(_:)`` (compiled once per connection and
/// kept) or ``Connection/prepare(_:)`` (yours alone, finalized when released).
///
/// Binding a whole argument list (``bind(_:)``, ``execute(_:)``,
/// and the `fetch` methods of ``Connection``) first resets the statement and checks that the count matches
/// the statement's parameters, so a stale value from an earlier run can never leak
/// into this one.
///
/// Not `Sendable`: like its ``Connection``, use it from one thread at a time.
public final class Statement {
    /// The `sqlite3_stmt` handle.
    @usableFromInline let handle: OpaquePointer
    /// The owning connection's `sqlite3` handle, for error messages. Connections close with
    /// `sqlite3_close_v2`, so the handle stays valid while any statement lives.
    @usableFromInline let connectionHandle: OpaquePointer
    /// The statement's SQL, as prepared.
    public let sql: String
    /// The number of `?`/`:name` parameters.
    public let parameterCount: Int
    /// The number of result columns (0 for statements that return no rows).
    public let columnCount: Int
    @usableFromInline let revealsArguments: Bool

    /// The result column names, computed once.
    public private(set) lazy var columnNames: ColumnNames = ColumnNames(
        (0..<Int32(columnCount)).map { String(cString: sqlite3_column_name(handle, $0)) })

    /// Compiles the first statement of `sql`; throws if anything but white space or
    /// comments follows it (use ``Connection/executeScript(_:)`` for several statements).
    init(connection: OpaquePointer, sql: String, persistent: Bool, revealsArguments: Bool) throws {
        var statement: OpaquePointer?
        var tail: UnsafePointer<CChar>?
        let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        let code = sql.withCString { text in
            let result = sqlite3_prepare_v3(connection, text, -1, flags, &statement, &tail)
            if result == SQLITE_OK, let tail, !Statement.isBlank(tail) {
                sqlite3_finalize(statement)
                statement = nil
                return SQLITE_MISUSE
            }
            return result
        }
        guard code == SQLITE_OK, let statement else {
            if code == SQLITE_MISUSE {
                throw SQLiteError.misuse(
                    "only one statement may be prepared at a time; use executeScript for several", sql: sql)
            }
            throw SQLiteError.from(connection: connection, code: code, sql: sql)
        }
        handle = statement
        connectionHandle = connection
        self.sql = sql
        self.revealsArguments = revealsArguments
        parameterCount = Int(sqlite3_bind_parameter_count(statement))
        columnCount = Int(sqlite3_column_count(statement))
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Whether the statement is mid-way through its rows (stepped, not yet done or reset).
    public var isBusy: Bool { sqlite3_stmt_busy(handle) != 0 }

    /// Whether the statement only reads (`SELECT`, most `PRAGMA`s).
    public var isReadOnly: Bool { sqlite3_stmt_readonly(handle) != 0 }

    /// The 1-based index of a named parameter (`:nik`, `@nik`, `$nik`; a bare name means `:name`).
    public func parameterIndex(named name: String) -> Int? {
        let spelled = name.first.map { ":@$?".contains($0) } == true ? name : ":" + name
        let index = sqlite3_bind_parameter_index(handle, spelled)
        return index == 0 ? nil : Int(index)
    }

    // MARK: Binding

    /// Binds one value to the parameter at a 1-based index, leaving the others as they are.
    public func bind(_ value: some DatabaseValueConvertible, at index: Int) throws {
        guard index >= 1, index <= parameterCount else {
            throw SQLiteError(
                code: .range, message: "parameter index \(index) is out of range 1...\(parameterCount)", sql: sql)
        }
        let code = value.bind(to: ParameterSlot(statement: handle, index: Int32(index)))
        guard code == .ok else { throw failure(code.rawValue) }
    }

    /// Binds one value to a named parameter; throws naming the parameter when the SQL has none by that name.
    public func bind(_ value: some DatabaseValueConvertible, named name: String) throws {
        guard let index = parameterIndex(named: name) else {
            throw SQLiteError(code: .range, message: "no parameter named \(name) in the statement", sql: sql)
        }
        try bind(value, at: index)
    }

    /// Resets, then binds every parameter in order. The count must match ``parameterCount``.
    @inlinable
    public func bind<each V: DatabaseValueConvertible>(_ values: repeat each V) throws {
        sqlite3_reset(handle)
        var count = 0
        for _ in repeat each values { count += 1 }
        guard count == parameterCount else {
            throw argumentCountMismatch(count, arguments: arguments(repeat each values))
        }
        var index: Int32 = 0
        for value in repeat each values {
            index += 1
            let code = value.bind(to: ParameterSlot(statement: handle, index: index))
            if code != .ok {
                throw failure(code.rawValue, arguments: arguments(repeat each values))
            }
        }
    }

    /// Resets, then binds a list of values built at run time. The count must match ``parameterCount``.
    public func bind(arguments values: [DatabaseValue]) throws {
        sqlite3_reset(handle)
        guard values.count == parameterCount else {
            throw argumentCountMismatch(values.count, arguments: values)
        }
        for (offset, value) in values.enumerated() {
            let code = ParameterSlot(statement: handle, index: Int32(offset + 1)).bind(value)
            guard code == .ok else { throw failure(code.rawValue, arguments: values) }
        }
    }

    /// Resets, then binds parameters by name (with or without the leading `:`). Every
    /// parameter must be named in `values` and every name must exist in the SQL.
    public func bind(named values: [String: any DatabaseValueConvertible]) throws {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        let ordered = values.sorted { $0.key < $1.key }
        let arguments = ordered.map { $0.value.databaseValue }
        var bound = Set<Int>()
        for (name, value) in ordered {
            guard let index = parameterIndex(named: name) else {
                throw SQLiteError(
                    code: .range, message: "no parameter named \(name) in the statement",
                    sql: sql, arguments: arguments, revealsArguments: revealsArguments)
            }
            let code = value.bind(to: ParameterSlot(statement: handle, index: Int32(index)))
            guard code == .ok else { throw failure(code.rawValue, arguments: arguments) }
            bound.insert(index)
        }
        if bound.count != parameterCount {
            let missing = (1...parameterCount).filter { !bound.contains($0) }.map { index in
                sqlite3_bind_parameter_name(handle, Int32(index)).map { String(cString: $0) } ?? "?\(index)"
            }
            throw SQLiteError(
                code: .range, message: "no value for parameter(s) \(missing.joined(separator: ", "))",
                sql: sql, arguments: arguments, revealsArguments: revealsArguments)
        }
    }

    /// Rewinds the statement so it can run again; bindings are kept.
    public func reset() {
        // sqlite3_reset repeats the error of a failed step, which step already reported.
        sqlite3_reset(handle)
    }

    /// Sets every parameter back to NULL.
    public func clearBindings() {
        sqlite3_clear_bindings(handle)
    }

    // MARK: Stepping

    /// Runs the statement to its next row. Returns true when a row is available
    /// (read it with ``currentRow``), false when the statement is done.
    @inlinable
    public func step() throws -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE { return false }
        throw failure(code)
    }

    /// The row the last ``step()`` produced. Valid until the next step or reset.
    @inlinable
    public var currentRow: CursorRow { CursorRow(statement: self) }

    /// Binds the values and runs the statement to completion (for INSERT, UPDATE, DDL, …).
    @inlinable
    public func execute<each V: DatabaseValueConvertible>(_ values: repeat each V) throws {
        try bind(repeat each values)
        do {
            while try step() {}
        } catch var error as SQLiteError {
            error.arguments = arguments(repeat each values)
            throw error
        }
    }

    /// Binds a list of values built at run time and runs the statement to completion.
    public func execute(arguments values: [DatabaseValue]) throws {
        try bind(arguments: values)
        do {
            while try step() {}
        } catch var error as SQLiteError {
            error.arguments = values
            throw error
        }
    }

    // MARK: Errors

    /// The error for a failed call, with the connection's message; also resets the statement
    /// so that it can be used again.
    @usableFromInline
    func failure(_ code: Int32, arguments: [DatabaseValue] = []) -> SQLiteError {
        let error = SQLiteError.from(
            connection: connectionHandle, code: code, sql: sql,
            arguments: arguments, revealsArguments: revealsArguments)
        sqlite3_reset(handle)
        return error
    }

    @usableFromInline
    func argumentCountMismatch(_ count: Int, arguments: [DatabaseValue]) -> SQLiteError {
        SQLiteError(
            code: .range,
            message: "the statement takes \(parameterCount) argument(s), \(count) given",
            sql: sql, arguments: arguments, revealsArguments: revealsArguments)
    }

    /// The values of a parameter pack, collected only when an error needs them.
    @usableFromInline
    func arguments<each V: DatabaseValueConvertible>(_ values: repeat each V) -> [DatabaseValue] {
        var list: [DatabaseValue] = []
        for value in repeat each values { list.append(value.databaseValue) }
        return list
    }

    /// Whether only white space, semicolons and comments remain after the first statement.
    static func isBlank(_ tail: UnsafePointer<CChar>) -> Bool {
        var bytes = Array(UnsafeBufferPointer(start: tail, count: strlen(tail)).lazy.map { UInt8(bitPattern: $0) })[...]
        while let first = bytes.first {
            switch first {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: ";"):
                bytes = bytes.dropFirst()
            case UInt8(ascii: "-") where bytes.dropFirst().first == UInt8(ascii: "-"):
                bytes = bytes.drop { $0 != UInt8(ascii: "\n") }
            case UInt8(ascii: "/") where bytes.dropFirst().first == UInt8(ascii: "*"):
                let body = bytes.dropFirst(2)
                guard let close = body.indices.first(where: {
                    body[$0] == UInt8(ascii: "*") && body.index(after: $0) < body.endIndex
                        && body[body.index(after: $0)] == UInt8(ascii: "/")
                }) else { return true }  // an unterminated comment runs to the end
                bytes = body[(close + 2)...]
            default:
                return false
            }
        }
        return true
    }
}
