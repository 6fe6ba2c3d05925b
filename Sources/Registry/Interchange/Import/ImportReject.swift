/// A row the import refused: where, which column, the offending value (a NIK masked) and why.
public struct ImportReject: Sendable, Hashable {
    /// The 1-based line on which the row starts.
    public let line: Int
    /// The CSV column at fault; empty when the fault is the whole row (wrong number of fields).
    public let column: String
    /// The cell as read, cut to ``maximumValueLength`` characters with its length noted: a
    /// reject report must not copy a hostile file's megabyte field.
    public let value: String
    public let reason: String

    /// The longest value a reject keeps whole.
    public static let maximumValueLength = 100

    public init(line: Int, column: String, value: String, reason: String) {
        self.line = line
        self.column = column
        self.value = Self.shortened(value)
        self.reason = reason
    }

    private static func shortened(_ value: String) -> String {
        // Byte count first: the common short value is never counted in characters.
        guard value.utf8.count > maximumValueLength, value.count > maximumValueLength else { return value }
        return "\(value.prefix(maximumValueLength))… (\(value.count) characters)"
    }

    /// The header of a reject report.
    public static let header = ["line", "column", "value", "reason"]

    /// The reject as a row of the report.
    public var fields: [String] { [String(line), column, value, reason] }
}
