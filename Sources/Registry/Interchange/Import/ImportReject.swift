/// A row the import refused: where, which column, the offending value (a NIK masked) and why.
public struct ImportReject: Sendable, Hashable {
    /// The 1-based line on which the row starts.
    public let line: Int
    /// The CSV column at fault; empty when the fault is the whole row (wrong number of fields).
    public let column: String
    public let value: String
    public let reason: String

    public init(line: Int, column: String, value: String, reason: String) {
        self.line = line
        self.column = column
        self.value = value
        self.reason = reason
    }

    /// The header of a reject report.
    public static let header = ["line", "column", "value", "reason"]

    /// The reject as a row of the report.
    public var fields: [String] { [String(line), column, value, reason] }
}
