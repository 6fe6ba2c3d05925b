@testable import Registry
import Foundation
import Testing

/// The ASCII fast paths of ``Validation`` must answer as the general Unicode checks do.
@Suite struct ValidationTests {
    @Test(arguments: [
        ("Siti Rahayu", "Siti Rahayu"), ("  Siti ", "Siti"), ("\tSiti", "Siti"), ("Siti\u{00A0}", "Siti"),
        ("\u{3000}Wati", "Wati"), ("Dédé", "Dédé"), ("Agus\n", "Agus\n"),
    ])
    func trimsWhatFoundationTrims(text: String, expected: String) throws {
        if expected.contains("\n") {
            #expect(throws: RegistryError.self) { try Validation.name(text, field: "full_name") }
        } else {
            #expect(try Validation.name(text, field: "full_name") == expected)
            #expect(try Validation.name(text, field: "full_name") == text.trimmingCharacters(in: .whitespaces))
        }
    }

    @Test func countsCharactersNotBytes() throws {
        #expect(try Validation.name(String(repeating: "é", count: 10), field: "name", maximumLength: 10).count == 10)
        #expect(throws: RegistryError.self) { try Validation.name(String(repeating: "a", count: 11), field: "name", maximumLength: 10) }
        #expect(throws: RegistryError.self) { try Validation.name("   ", field: "name") }
        #expect(throws: RegistryError.self) { try Validation.name("a\u{7F}b", field: "name") }
    }

    @Test(arguments: ["081234567890", "+6281234567", "12345678", "1234567890123456"])
    func acceptsPhoneNumbers(phone: String) throws {
        #expect(try Validation.phone(phone) == phone)
    }

    @Test(arguments: ["1234567", "12345678901234567", "+", "+1234567a", "0812-3456-789", "\u{0660}\u{0661}\u{0662}\u{0663}\u{0664}\u{0665}\u{0666}\u{0667}", "++12345678"])
    func refusesOtherPhones(phone: String) {
        #expect(throws: RegistryError.self) { try Validation.phone(phone) }
    }
}
