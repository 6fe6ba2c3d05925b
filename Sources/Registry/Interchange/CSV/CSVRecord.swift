/// One record of a CSV file as raw bytes: every field's bytes in one buffer, with the end
/// offset of each field, so reading a million rows does not allocate an array per field.
///
/// Fields stay bytes until asked for: decoding UTF-8 per field lets an invalid byte sequence
/// be reported as a problem of that row and column instead of failing the whole file.
public struct CSVRecord: Sendable {
    /// The 1-based line of the file on which the record starts (a quoted line break makes a
    /// record span several lines).
    public internal(set) var line = 0
    /// What was wrong with the record's syntax, if anything.
    public internal(set) var problem: CSVProblem?

    var bytes: [UInt8] = []
    var ends: [Int] = []

    public init() {}

    /// The number of fields.
    public var count: Int { ends.count }

    /// The raw bytes of field `index`.
    public func bytes(at index: Int) -> ArraySlice<UInt8> {
        let start = index == 0 ? 0 : ends[index - 1]
        return bytes[start..<ends[index]]
    }

    /// Field `index` as text, or nil when its bytes are not valid UTF-8.
    public func string(at index: Int) -> String? {
        String(validating: bytes(at: index), as: UTF8.self)
    }

    /// Field `index` as text with invalid bytes replaced by U+FFFD, for messages.
    public func lossyString(at index: Int) -> String {
        String(decoding: bytes(at: index), as: UTF8.self)
    }

    /// Every field as text, invalid UTF-8 replaced (for tests and messages).
    public var lossyFields: [String] { (0..<count).map(lossyString(at:)) }

    mutating func reset(line: Int) {
        self.line = line
        problem = nil
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }

    mutating func endField() { ends.append(bytes.count) }

    /// A blank line: one empty unquoted field.
    var isBlank: Bool { ends.count == 1 && ends[0] == 0 && problem == nil }
}

/// A syntax fault that makes a record unusable; the record is rejected, reading goes on.
public enum CSVProblem: Sendable, Hashable, CustomStringConvertible {
    /// A quoted field was still open at the end of the file.
    case unterminatedQuote
    /// Something other than a comma or a line end followed a closing quote (`"ab"c`);
    /// `field` is the 0-based field index.
    case textAfterClosingQuote(field: Int)
    /// The record is longer than the reader keeps (``CSVReader/maximumRecordBytes``); its
    /// fields were dropped, reading goes on at the next record.
    case tooLong(maximumBytes: Int)

    public var description: String {
        switch self {
        case .unterminatedQuote:
            "has a quoted field that is not closed before the end of the file"
        case .textAfterClosingQuote:
            "has text after a closing quote; a quote inside a quoted field is written twice (\"\")"
        case .tooLong(let maximumBytes):
            "is longer than \(maximumBytes) bytes, the most a record may have"
        }
    }
}
