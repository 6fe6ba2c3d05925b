/// How an import treats rejected rows.
public enum ImportMode: Sendable, Hashable {
    /// The whole file in one transaction, rolled back when any row is rejected.
    case allOrNothing
    /// Good rows stored, committed in batches; rejected rows left out.
    case skipInvalid
    /// Every row validated inside a transaction that is always rolled back.
    case dryRun
}

/// What an import did.
public struct ImportOutcome: Sendable, Hashable {
    public let kind: ImportKind
    public let mode: ImportMode
    /// Data rows read (the header and blank lines not counted).
    public let rows: Int
    /// Rows the registry accepted (stored, or for a dry run: would have stored).
    public let accepted: Int
    public let rejected: Int

    /// Rows now in the database.
    public var stored: Int {
        switch mode {
        case .skipInvalid: accepted
        case .allOrNothing: rejected == 0 ? accepted : 0
        case .dryRun: 0
        }
    }
}

/// Why a whole file was refused before any row was read: a usage error, not a data problem.
///
/// ``description`` quotes the header, masked like every message
/// (``PersonalData/maskDigitRuns(_:)``): a data row mistaken for the header is personal data.
public enum ImportFileError: Error, Sendable, Hashable, CustomStringConvertible {
    case empty
    case headerNotUTF8(column: Int)
    case malformedHeader(String)
    case unknownColumn(String, kind: ImportKind)
    case missingColumn(String, kind: ImportKind)
    case duplicateColumn(String)

    public var description: String { PersonalData.maskDigitRuns(sentence) }

    private var sentence: String {
        switch self {
        case .empty:
            "is empty, expected a header row"
        case .headerNotUTF8(let column):
            "has a header whose column \(column) is not valid UTF-8"
        case .malformedHeader(let reason):
            "has a header that \(reason)"
        case .unknownColumn(let name, let kind):
            "has an unknown column '\(name)'; \(kind) files have " + kind.columns.map(\.name).joined(separator: ", ")
        case .missingColumn(let name, let kind):
            "lacks the required column '\(name)' of \(kind) files"
        case .duplicateColumn(let name):
            "has the column '\(name)' twice"
        }
    }
}
