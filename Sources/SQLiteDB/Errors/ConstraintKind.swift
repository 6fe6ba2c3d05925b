/// Which kind of constraint refused a write, read from the extended result code.
///
/// Lets callers match a failure without parsing SQLite's message:
///
/// ```swift
/// catch let error as SQLiteError where error.constraint == .unique { … }
/// ```
public enum ConstraintKind: Sendable, Hashable, CustomStringConvertible {
    case unique
    case primaryKey
    case foreignKey
    case check
    case notNull
    /// `RAISE(ABORT, …)` or `RAISE(FAIL, …)` in a trigger; the message is the trigger's.
    case trigger
    /// A value of the wrong type for a column of a STRICT table.
    case dataType
    /// Any other constraint code (e.g. a rowid or virtual table constraint).
    case other(ResultCode)

    init?(_ code: ResultCode) {
        guard code.primary == .constraint else { return nil }
        switch code {
        case .constraintUnique: self = .unique
        case .constraintPrimaryKey: self = .primaryKey
        case .constraintForeignKey: self = .foreignKey
        case .constraintCheck: self = .check
        case .constraintNotNull: self = .notNull
        case .constraintTrigger: self = .trigger
        case .constraintDataType: self = .dataType
        default: self = .other(code)
        }
    }

    public var description: String {
        switch self {
        case .unique: "UNIQUE"
        case .primaryKey: "PRIMARY KEY"
        case .foreignKey: "FOREIGN KEY"
        case .check: "CHECK"
        case .notNull: "NOT NULL"
        case .trigger: "trigger"
        case .dataType: "DATATYPE"
        case .other(let code): "constraint \(code.rawValue)"
        }
    }
}
