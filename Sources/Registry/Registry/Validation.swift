import Foundation
import SQLiteDB

/// Checks shared by the operations, each throwing a ``RegistryError`` that names the field.
enum Validation {
    /// Trimmed text of 1 to `maximumLength` characters with no control characters: names of
    /// people, offices, projects. Quotes and SQL keywords are fine: values are always bound.
    static func name(_ text: String, field: String, maximumLength: Int = 200) throws(RegistryError) -> String {
        let trimmed = isTrimmed(text) ? text : text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw .invalid(field: field, value: text, reason: .isEmpty) }
        // Printable ASCII, the usual case, has one character per byte and no control characters:
        // counting characters and reading Unicode properties cost an import per row.
        let isPrintableASCII = trimmed.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
        let length = isPrintableASCII ? trimmed.utf8.count : trimmed.count
        guard length <= maximumLength else {
            throw .invalid(field: field, value: String(trimmed.prefix(20)) + "…",
                           reason: .tooLong(length: length, maximum: maximumLength))
        }
        guard isPrintableASCII || !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .invalid(field: field, value: trimmed.debugDescription, reason: .controlCharacter)
        }
        return trimmed
    }

    /// Whether `text` neither starts nor ends with what `CharacterSet.whitespaces` trims (a tab
    /// or a space separator, Unicode category Zs). Names almost never do, and Foundation's
    /// trimming cost an import more than the row's insert.
    private static func isTrimmed(_ text: String) -> Bool {
        func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator
        }
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return true }
        return !isWhitespace(first) && !isWhitespace(last)
    }

    /// A phone number: 8 to 16 characters, digits with an optional leading `+`.
    static func phone(_ text: String?, field: String = "phone") throws(RegistryError) -> String? {
        guard let text else { return nil }
        // On the bytes: a valid number is ASCII, one character per byte.
        let bytes = text.utf8
        let body = bytes.first == UInt8(ascii: "+") ? bytes.dropFirst() : bytes[...]
        guard (8...16).contains(bytes.count), !body.isEmpty,
              body.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            throw .invalid(field: field, value: text, reason: .notAPhoneNumber)
        }
        return text
    }

    /// The largest monthly wage or declared income accepted: Rp100 billion, about ten thousand
    /// times the JP wage cap. Nobody earns that in a month; a larger value is a slip (cents
    /// typed as rupiah, a phone number in the wrong column) and its dues would not fit the sums.
    static let maximumMonthlyIncome: Rupiah = 100_000_000_000
    /// The largest construction contract value accepted: Rp1,000 trillion (10^15), beyond any
    /// single project, and small enough that dues summed over thousands of them fit an `Int64`.
    static let maximumContractValue: Rupiah = 1_000_000_000_000_000

    /// An instant that has already happened: a registration or a payment cannot be recorded
    /// ahead of time (a future timestamp is a wrong year or a device with a wrong clock).
    static func notInFuture(_ instant: Date, field: String, now: Date) throws(RegistryError) {
        guard instant <= now else {
            throw .invalid(field: field, value: instant.iso8601Milliseconds,
                           reason: .inTheFutureNow(now: now))
        }
    }

    /// A money amount from 0 to `maximum`.
    static func amount(_ amount: Rupiah, field: String, atMost maximum: Rupiah) throws(RegistryError) {
        guard amount >= .zero else { throw .invalid(field: field, value: amount.description, reason: .negative) }
        guard amount <= maximum else {
            throw .invalid(field: field, value: amount.description, reason: .implausiblyLarge(limit: maximum))
        }
    }
}

extension RegistrySession {
    /// Whether a row exists: `SELECT 1 FROM table WHERE column = ?` with a fixed table and column.
    func exists(_ sql: String, _ value: some DatabaseValueConvertible) throws -> Bool {
        try db.fetchValue(Int.self, "SELECT EXISTS (\(sql))", value) == 1
    }
}
