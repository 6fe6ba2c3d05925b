/// A row the import refused: where, which column, the offending value and why.
///
/// A reject file is read by clerks and mailed around, so the value and the reason never carry
/// a NIK in full: every run of 16 or more digits in them is masked
/// (``PersonalData/maskDigitRuns(_:)``), whichever column it was typed in.
public struct ImportReject: Sendable, Hashable {
    /// The 1-based line on which the row starts.
    public let line: Int
    /// The CSV column at fault; empty when the fault is the whole row (wrong number of fields).
    public let column: String
    /// The cell as read, masked, then cut to ``maximumValueLength`` characters with its length
    /// noted: a reject report must not copy a hostile file's megabyte field. Masked first, so
    /// the cut cannot leave the unmasked head of a run that went on past it.
    public let value: String
    public let reason: String

    /// The longest value a reject keeps whole.
    public static let maximumValueLength = 100

    public init(line: Int, column: String, value: String, reason: String) {
        self.line = line
        self.column = column
        self.value = Self.shortened(PersonalData.maskDigitRuns(value))
        self.reason = PersonalData.maskDigitRuns(reason)
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
