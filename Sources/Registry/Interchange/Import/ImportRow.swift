import Foundation
import SQLiteDB

/// The names of an import file's header, and where each sits in a row.
final class ImportHeader {
    let names: [String]
    private let indexes: [String: Int]

    init(_ names: [String]) {
        self.names = names
        var indexes: [String: Int] = [:]
        for (index, name) in names.enumerated() { indexes[name] = index }
        self.indexes = indexes
    }

    func index(of column: String) -> Int? { indexes[column] }
}

/// One data row of an import file, its cells read by column name. An empty cell, or a column
/// the file does not have, reads as nil: NULL for optional fields.
///
/// The parsing helpers throw ``RegistryError/invalid(field:value:reason:)`` naming the column.
struct ImportRow {
    let line: Int
    let header: ImportHeader
    var values: [String]

    /// The cell's text, nil when empty or absent.
    func text(_ column: String) -> String? {
        guard let index = header.index(of: column) else { return nil }
        let value = values[index]
        return value.isEmpty ? nil : value
    }

    func required(_ column: String) throws(RegistryError) -> String {
        guard let value = text(column) else { throw .invalid(field: column, value: "", reason: .requiredColumnEmpty) }
        return value
    }

    func date(_ column: String) throws(RegistryError) -> CalendarDate? {
        try text(column).map { text throws(RegistryError) in
            guard let date = CalendarDate(iso: text) else {
                throw .invalid(field: column, value: text, reason: .notADate)
            }
            return date
        }
    }

    func requiredDate(_ column: String) throws(RegistryError) -> CalendarDate {
        guard let date = try date(column) else { throw .invalid(field: column, value: "", reason: .requiredColumnEmpty) }
        return date
    }

    /// An ISO 8601 UTC timestamp (`2025-01-02T03:04:05.678Z`), or a date (midnight UTC).
    func timestamp(_ column: String) throws(RegistryError) -> Date? {
        try text(column).map { text throws(RegistryError) in
            guard let date = Date(iso8601: text) else {
                throw .invalid(field: column, value: text, reason: .notATimestamp)
            }
            return date
        }
    }

    func integer(_ column: String) throws(RegistryError) -> Int64? {
        try text(column).map { text throws(RegistryError) in
            guard let value = Int64(text) else {
                let sign = text.utf8.first == UInt8(ascii: "-") || text.utf8.first == UInt8(ascii: "+")
                let digits = text.utf8.dropFirst(sign ? 1 : 0)
                if !digits.isEmpty, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
                    // The limit grouped by commas: 19 digits in a row would be masked like a NIK.
                    throw .invalid(field: column, value: text, reason: .integerTooLarge)
                }
                throw .invalid(field: column, value: text, reason: .notAWholeNumber)
            }
            return value
        }
    }

    func requiredInteger(_ column: String) throws(RegistryError) -> Int64 {
        guard let value = try integer(column) else { throw .invalid(field: column, value: "", reason: .requiredColumnEmpty) }
        return value
    }

    func rupiah(_ column: String) throws(RegistryError) -> Rupiah? {
        try integer(column).map { Rupiah($0) }
    }

    /// `true`/`false` (also `yes`/`no`, `1`/`0`); nil when empty.
    func boolean(_ column: String) throws(RegistryError) -> Bool? {
        try text(column).map { text throws(RegistryError) in
            switch text.lowercased() {
            case "true", "yes", "1": return true
            case "false", "no", "0": return false
            default: throw .invalid(field: column, value: text, reason: .notABoolean)
            }
        }
    }

    /// A value of a code list, by its stored code.
    func code<T: RawRepresentable & CaseIterable>(_ column: String, as type: T.Type) throws(RegistryError) -> T?
    where T.RawValue == String {
        try text(column).map { text throws(RegistryError) in
            guard let value = T(rawValue: text) else {
                throw .invalid(field: column, value: text,
                               reason: .notOneOf(choices: T.allCases.map(\.rawValue)))
            }
            return value
        }
    }

    func requiredCode<T: RawRepresentable & CaseIterable>(_ column: String, as type: T.Type) throws(RegistryError) -> T
    where T.RawValue == String {
        guard let value = try code(column, as: type) else {
            throw .invalid(field: column, value: "", reason: .requiredColumnEmpty)
        }
        return value
    }

    func region(_ column: String) throws(RegistryError) -> RegionCode? {
        try text(column).map { text throws(RegistryError) in try RegionCode(text, field: column) }
    }

    func requiredRegion(_ column: String) throws(RegistryError) -> RegionCode {
        try RegionCode(try required(column), field: column)
    }

    /// A segment by its abbreviation (`PU`, `BPU`, `JAKON`, `PMI`) or stored code, any case.
    func segment(_ column: String) throws(RegistryError) -> Segment? {
        try text(column).map { text throws(RegistryError) in
            guard let segment = Segment(code: text) else {
                throw .invalid(field: column, value: text, reason: .notASegment)
            }
            return segment
        }
    }
}
