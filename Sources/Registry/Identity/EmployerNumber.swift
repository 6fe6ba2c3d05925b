import Foundation
import SQLiteDB

/// An employer's registration number (Nomor Pendaftaran Perusahaan, NPP).
///
/// Its format is not published, so it is opaque: any printable text of 1 to 40 characters,
/// trimmed, with no control characters.
public struct EmployerNumber: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let value: String

    public init(_ text: String, field: String = "npp") throws(RegistryError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw .invalid(field: field, value: text, reason: .isEmpty) }
        guard trimmed.count <= 40 else {
            throw .invalid(field: field, value: String(trimmed.prefix(40)) + "…", reason: .longerThan(maximum: 40))
        }
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .invalid(field: field, value: trimmed.debugDescription, reason: .controlCharacter)
        }
        value = trimmed
    }

    public var description: String { value }

    public static func < (lhs: EmployerNumber, rhs: EmployerNumber) -> Bool { lhs.value < rhs.value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self = try EmployerNumber(try container.decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

extension EmployerNumber: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { .text(value) }

    public static func fromDatabaseValue(_ value: DatabaseValue) -> EmployerNumber? {
        guard case .text(let text) = value else { return nil }
        return try? EmployerNumber(text)
    }
}
