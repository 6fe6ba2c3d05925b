import CSQLite

/// The one error SQLite work throws: what SQLite said, about which statement, with which values.
///
/// The bound values are kept in ``arguments`` for programs that need them, but
/// ``description`` leaves them out unless the connection was configured with
/// ``Configuration/revealsArgumentsInErrors``: they are often personal data
/// (national ID numbers, names) and descriptions end up in logs.
public struct SQLiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The extended result code (extended codes are always on). See ``ResultCode/primary``.
    public let code: ResultCode
    /// SQLite's message, e.g. `UNIQUE constraint failed: workers.nik`, or a trigger's RAISE text.
    public let message: String
    /// The SQL of the statement that failed, when there was one.
    public let sql: String?
    /// The values bound to the statement when it failed, in parameter order; empty when unknown.
    public var arguments: [DatabaseValue]
    /// Whether ``description`` shows ``arguments`` (copied from the connection's configuration).
    public let revealsArguments: Bool

    public init(
        code: ResultCode,
        message: String,
        sql: String? = nil,
        arguments: [DatabaseValue] = [],
        revealsArguments: Bool = false
    ) {
        self.code = code
        self.message = message
        self.sql = sql
        self.arguments = arguments
        self.revealsArguments = revealsArguments
    }

    /// The kind of constraint that failed, or nil when this is not a constraint violation.
    public var constraint: ConstraintKind? { ConstraintKind(code) }

    /// The primary code, for matching a family of errors (`.busy`, `.constraint`, …).
    public var primaryCode: ResultCode { code.primary }

    public var description: String {
        description(revealingArguments: revealsArguments)
    }

    /// The description, with or without the bound values.
    public func description(revealingArguments: Bool) -> String {
        var text = "SQLite error \(code.rawValue) (\(String(cString: sqlite3_errstr(code.rawValue)))): \(message)"
        if let sql {
            text += " — while executing `\(sql)`"
        }
        if !arguments.isEmpty {
            if revealingArguments {
                text += " with arguments [\(arguments.map(\.sqlLiteral).joined(separator: ", "))]"
            } else {
                text += " with \(arguments.count) argument(s) (hidden)"
            }
        }
        return text
    }
}

extension SQLiteError {
    /// An error of our own making for API misuse, with SQLite's misuse code.
    static func misuse(_ message: String, sql: String? = nil) -> SQLiteError {
        SQLiteError(code: .misuse, message: message, sql: sql)
    }

    /// Reads the connection's current error after a failed call.
    static func from(
        connection db: OpaquePointer?,
        code: Int32,
        sql: String? = nil,
        arguments: [DatabaseValue] = [],
        revealsArguments: Bool = false
    ) -> SQLiteError {
        // The connection's errcode may be more precise (extended) than what the call returned.
        var extended = code
        var message = String(cString: sqlite3_errstr(code))
        if let db {
            let connectionCode = sqlite3_extended_errcode(db)
            if connectionCode & 0xFF == code & 0xFF { extended = connectionCode }
            if let text = sqlite3_errmsg(db) { message = String(cString: text) }
        }
        return SQLiteError(
            code: ResultCode(rawValue: extended), message: message, sql: sql,
            arguments: arguments, revealsArguments: revealsArguments)
    }
}
