import SQLiteDB

/// A membership card number (Kartu Peserta Jamsostek): 11 digits the registry issues itself.
///
/// The first ten digits are a serial from 1000000000 (never a leading zero, which
/// spreadsheets would strip from a CSV export); the eleventh is a Damm check digit. The Damm
/// algorithm catches every single mistyped digit and every swap of two adjacent digits, the
/// two most common copying errors, which a plain Luhn digit does not (it misses 09 ↔ 90).
public struct KPJ: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The 11 digits.
    public let digits: String

    /// The first serial issued, and one past the last.
    public static let serials: Range<Int64> = 1_000_000_000..<10_000_000_000

    /// Parses 11 digits and verifies the check digit.
    public init(_ text: String, field: String = "kpj") throws(RegistryError) {
        func fail(_ reason: RegistryError.Reason) -> RegistryError { .invalid(field: field, value: text, reason: reason) }
        guard text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            throw fail(.kpjNotDigit)
        }
        guard text.utf8.count == 11 else { throw fail(.kpjLength(digits: text.utf8.count)) }
        guard KPJ.dammInterim(text.utf8) == 0 else {
            throw fail(.kpjCheckDigit)
        }
        digits = text
    }

    /// The card number for `serial` (in ``serials``), with its check digit appended.
    public init(serial: Int64) {
        precondition(KPJ.serials.contains(serial), "KPJ serial out of range: \(serial)")
        let body = String(serial)
        digits = body + String(KPJ.dammInterim(body.utf8))
    }

    init(stored digits: String) { self.digits = digits }

    /// The serial: the number without its check digit.
    public var serial: Int64 { Int64(digits.prefix(10))! }

    public var description: String { digits }

    public static func < (lhs: KPJ, rhs: KPJ) -> Bool { lhs.digits < rhs.digits }

    /// Damm's weakly totally anti-symmetric quasigroup of order 10.
    private static let table: [[Int]] = [
        [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
        [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
        [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
        [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
        [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
        [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
        [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
        [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
        [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
        [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
    ]

    /// The interim digit after `digits` (ASCII digits only): the check digit of a body, 0 for a
    /// valid number.
    static func dammInterim(_ digits: some Sequence<UInt8>) -> Int {
        digits.reduce(0) { table[$0][Int($1 - UInt8(ascii: "0"))] }
    }

    /// Whether stored bytes are a KPJ that ``init(_:field:)`` accepts: 11 digits passing the check
    /// digit. For `registry check`, which reads every worker's number without making a `String`.
    static func isValid(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count == 11 && bytes.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
            && dammInterim(bytes) == 0
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self = try KPJ(try container.decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(digits)
    }
}

extension KPJ: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { .text(digits) }

    public static func fromDatabaseValue(_ value: DatabaseValue) -> KPJ? {
        // Stored card numbers load as long as they are 11 digits, so that a worker whose number
        // was typed in the shell with a wrong check digit can still be read and corrected;
        // `registry check` lists such numbers (check kpj).
        guard case .text(let text) = value, text.utf8.count == 11,
              text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        return KPJ(stored: text)
    }
}
