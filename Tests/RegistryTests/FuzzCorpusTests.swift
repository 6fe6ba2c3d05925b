import FuzzChecks
import Foundation
import Registry
import SQLiteDB
import Testing

/// The fuzz corpus as ordinary tests: every file of `Tests/FuzzCorpus/<target>/` and
/// `Tests/FuzzCorpus/regressions/<target>/` goes through the same check as in the fuzz target
/// (`Fuzz/Sources/FuzzChecks`), so `swift test` keeps the seeds and every crash ever found
/// passing without a fuzzer build.
///
/// A seed's name says what it must do: `nik-valid-…` parses as a NIK, `kpj-invalid-…` does
/// not parse as a KPJ; `workers-accepted-…` is a file whose rows are all accepted,
/// `workers-rejected-…` has a refused row, `workers-file-error-…` a refused header. Some seeds
/// are also checked in detail below.
@Suite struct FuzzCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("FuzzCorpus")

    /// The files of a target: its seeds, then its regressions (`regressions/<target>/name`).
    static func files(_ target: String) -> [String] {
        ["", "regressions/"].flatMap { folder -> [String] in
            let names = (try? FileManager.default.contentsOfDirectory(atPath: corpus.appendingPathComponent(folder + target).path)) ?? []
            return names.filter { !$0.hasPrefix(".") }.sorted().map { folder + $0 }
        }
    }

    static func bytes(_ target: String, _ file: String) throws -> [UInt8] {
        let folder = file.hasPrefix("regressions/") ? "regressions/\(target)" : target
        let name = file.split(separator: "/").last.map(String.init) ?? file
        return Array(try Data(contentsOf: corpus.appendingPathComponent(folder).appendingPathComponent(name)))
    }

    static func name(_ file: String) -> String { file.split(separator: "/").last.map(String.init) ?? file }

    @Test func everyTargetHasSeeds() {
        for target in ["fuzz-nik", "fuzz-csv", "fuzz-import-row"] {
            #expect(Self.files(target).count >= 10, "\(target) has \(Self.files(target).count) seeds")
        }
    }

    // MARK: fuzz-nik

    @Test(arguments: files("fuzz-nik"))
    func identitySeed(file: String) throws {
        let outcome = IdentityCheck.run(try Self.bytes("fuzz-nik", file))
        #expect(outcome.violations == [])
        let name = Self.name(file)
        func expect<T>(_ result: Result<T, RegistryError>, _ parser: String, field: String) {
            guard name.hasPrefix("\(parser)-") else { return }
            switch result {
            case .success:
                #expect(name.hasPrefix("\(parser)-valid-"), "\(parser) accepted \(name)")
            case .failure(let error):
                #expect(name.hasPrefix("\(parser)-invalid-"), "\(parser) refused \(name): \(error)")
                #expect(error.field == field)
            }
        }
        expect(outcome.nik, "nik", field: "nik")
        expect(outcome.kpj, "kpj", field: "kpj")
        expect(outcome.region, "region", field: "region_code")
    }

    @Test(arguments: [
        ("nik-valid-male-1985-03-12", "1985-03-12", Sex.male, "32.14.01", 1),
        ("nik-valid-female-1992-05-15", "1992-05-15", .female, "32.14.01", 6),
        ("nik-valid-female-day-71", "2000-01-31", .female, "34.02.01", 3),
        ("nik-valid-leap-day-2000", "2000-02-29", .female, "31.71.01", 1),
        ("nik-valid-regency-99-born-1999", "1999-12-25", .male, "32.99.01", 10),
    ])
    func validNIKSeedsDecode(file: String, birth: String, sex: Sex, district: String, serial: Int) throws {
        let nik = try IdentityCheck.run(try Self.bytes("fuzz-nik", file)).nik.get()
        #expect(nik.birthDate(notAfter: IdentityCheck.today) == CalendarDate(iso: birth))
        #expect(nik.sex == sex)
        #expect(nik.districtCode.code == district)
        #expect(nik.serial == serial)
        #expect(nik.description == nik.digits.prefix(4) + "********" + nik.digits.suffix(4))
    }

    @Test(arguments: [
        ("nik-invalid-15-digits", "has 15 digits"),
        ("nik-invalid-letter-o", "at position 15"),
        ("nik-invalid-arabic-indic-digits", "not a digit, at position 1"),
        ("nik-invalid-province-00", "starts with 00.14.01"),
        ("nik-invalid-regency-70", "starts with 32.70.01"),
        ("nik-invalid-district-00", "starts with 32.14.00"),
        ("nik-invalid-day-40", "birth day 40"),
        ("nik-invalid-31-april", "birth date 31/4/85, which does not exist"),
        ("nik-invalid-29-february-01", "birth date 29/2/1, which does not exist"),
        ("nik-invalid-month-13", "birth month 13"),
        ("nik-invalid-serial-0000", "serial 0000"),
    ])
    func invalidNIKSeedsSayWhy(file: String, reason: String) throws {
        let text = String(decoding: try Self.bytes("fuzz-nik", file), as: UTF8.self)
        let result = IdentityCheck.run(Array(text.utf8)).nik
        guard case .failure(.invalid(field: "nik", let value, let why)) = result else {
            Issue.record("\(file) gave \(result)")
            return
        }
        #expect(why.description.contains(reason), "\(why)")
        #expect(value == NIK.mask(text))
        #expect(!"\(RegistryError.invalid(field: "nik", value: value, reason: why))".contains(text))
    }

    // MARK: fuzz-csv

    @Test(arguments: files("fuzz-csv"))
    func csvSeed(file: String) throws {
        let outcome = CSVReaderCheck.run(try Self.bytes("fuzz-csv", file))
        #expect(outcome.violations == [])
    }

    @Test func csvSeedsReadAsRFC4180Says() throws {
        func read(_ file: String) throws -> [CSVReaderCheck.Record] { CSVReaderCheck.run(try Self.bytes("fuzz-csv", file)).records }
        #expect(try read("crlf.csv").map(\.text) == [["code", "name"], ["32", "Jawa Barat"], ["32.14", "Purwakarta"]])
        #expect(try read("bom-crlf.csv").map(\.text) == [["code", "name"], ["32", "Jawa Barat"]])
        #expect(try read("bom-twice.csv").first?.text.first == "\u{FEFF}code")
        #expect(try read("bom-only.csv").isEmpty)
        #expect(try read("only-line-breaks.csv").isEmpty)
        #expect(try read("lone-cr.csv").map(\.text) == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(try read("blank-lines.csv").map(\.line) == [1, 4])
        #expect(try read("ragged-rows.csv").map(\.fields.count) == [3, 1, 2, 5, 3])
        #expect(try read("empty-quoted-fields.csv").map(\.text) == [["", "x", ""], ["", ""]])
        #expect(try read("nul-bytes.csv")[1].text == ["1\u{0}2", "3"])
        #expect(try read("quote-inside-unquoted-field.csv")[1].text == ["ab\"c", "d"])
        let quoted = try read("quoted-commas-quotes-line-breaks.csv")
        #expect(quoted.map(\.text) == [["a", "b", "c"], ["x, y", "say \"hi\"", "two\r\nlines\nhere"], ["plain", "", "last"]])
        #expect(quoted.map(\.line) == [1, 2, 5])
        let unterminated = try read("unterminated-quote.csv")
        #expect(unterminated.map(\.problem) == [nil, .unterminatedQuote])
        #expect(unterminated.last?.text == ["1", "open\nstill open\n"])
        #expect(try read("text-after-closing-quote.csv").map(\.problem) == [nil, .textAfterClosingQuote(field: 1), nil])
        let invalid = try read("invalid-utf8.csv")
        #expect(invalid[2].fields[0] == [0x42, 0x61, 0x64, 0xC3, 0x28])
        #expect(invalid[2].text == ["Bad\u{FFFD}(", "Bogor"])
        let long = try read("long-field.csv")
        #expect(long.map(\.line) == [1, 2, 63])
        #expect(long[1].text[1].split(separator: "\n").count == 60)
        #expect(long[1].text[1].hasPrefix("panjang, \"sekali\"\n"))
        #expect(try read("workers-export.csv")[2].text[1] == "Wati, S.Pd.")
    }

    // MARK: fuzz-import-row

    @Test(arguments: files("fuzz-import-row"))
    func importSeed(file: String) throws {
        let outcome = ImportRowCheck.run(try Self.bytes("fuzz-import-row", file))
        #expect(outcome.violations == [])
        let name = Self.name(file)
        let kind = try #require(outcome.kind, "\(name) names no kind")
        #expect(name.hasPrefix("\(kind.rawValue)-"))
        switch outcome.result {
        case .success(let imported)?:
            if name.contains("-accepted-") {
                #expect(imported.rejected == 0 && imported.accepted >= 1, "\(name): \(outcome.rejects.map(\.reason))")
            } else {
                #expect(name.contains("-rejected-") && imported.rejected >= 1, "\(name): \(imported)")
            }
        case .failure(let error)?:
            #expect(name.contains("-file-error-"), "\(name): \(error)")
        case nil:
            Issue.record("\(name) was not imported")
        }
    }

    /// What a refused row reports: its line, the column at fault and the reason, per seed.
    @Test(arguments: [
        ("workers-rejected-15-digit-nik", [(2, "nik", "has 15 digits")]),
        ("workers-rejected-birth-date-mismatch", [(2, "birth_date", "the NIK says 25-05-95")]),
        ("workers-rejected-sex-mismatch", [(2, "sex", "the NIK says male (birth day written as 25) but the record says female")]),
        ("workers-rejected-unknown-village", [(2, "village_code", "nothing is registered under '32.14.01.2999'")]),
        ("workers-rejected-nik-already-registered", [(2, "nik", "already registered, to KPJ 10000000003")]),
        ("workers-rejected-duplicate-in-file", [(3, "nik", "already registered")]),
        ("workers-rejected-line-break-in-name", [(2, "full_name", "control character")]),
        ("workers-rejected-ragged-row", [(2, "", "has 3 fields, the header has 10")]),
        ("workers-rejected-not-utf8", [(2, "full_name", "is not valid UTF-8")]),
        ("workers-rejected-bad-phone-kpj-and-timestamp", [(2, "phone", "not a phone number"), (3, "kpj", "check digit"),
                                                          (4, "registered_at", "not an ISO 8601 timestamp")]),
        ("workers-rejected-unknown-branch-and-sex", [(2, "branch_code", "KC-XXX"), (3, "sex", "not male or female")]),
        ("workers-rejected-unterminated-quote", [(2, "", "not closed before the end of the file")]),
        ("memberships-rejected-unknown-kpj", [(2, "kpj", "nothing is registered under '10000000027'")]),
        ("memberships-rejected-check-digit", [(2, "kpj", "check digit")]),
        ("memberships-rejected-income-below-floor", [(2, "declared_income", "below the Rp1.000.000 floor")]),
        ("memberships-rejected-jkp-one-sided", [(2, "jkp_jkn", "give both or neither")]),
        ("memberships-rejected-end-reason-without-date", [(2, "end_date", "end_reason is given")]),
        ("memberships-rejected-construction-without-project", [(2, "project", "is empty"), (3, "npp", "names the contractor")]),
        ("memberships-rejected-pmi-ends-before-start", [(3, "end_date", "is before the start date 1 January 2025")]),
        ("payments-rejected-wrong-amount", [(2, "amount", "does not match the Rp21.800 owed for 1 month(s)")]),
        ("payments-rejected-reversal-of-unknown", [(2, "reverses_receipt", "nothing is registered under 'R-404'")]),
        ("payments-rejected-reversed-twice-and-reversal-of-reversal", [(4, "reverses_receipt", "was already reversed by R-3-R"),
                                                                        (5, "reverses_receipt", "is itself a reversal")]),
        ("payments-rejected-extreme-values", [(2, "paid_at", "is in the future"),
                                              (3, "amount", "-Rp9.223.***.***.***.**5.808 does not match"),
                                              (4, "months_covered", "1, 3, 6 or 12 months"), (5, "channel", "is empty"),
                                              (6, "channel", "is empty"), (7, "channel", "is empty")]),
        ("labour-force-rejected-extreme-years", [(2, "year", "not a year between 1900 and 2200"), (3, "year", "already registered"),
                                                 (4, "year", "not a year between 1900 and 2200")]),
        ("workers-rejected-check-digit-and-future-birth", [(2, "registered_at", "is in the future"), (3, "kpj", "check digit"),
                                                           (6, "birth_date", "is in the future")]),
    ] as [(String, [(Int, String, String)])])
    func rejectsNameLineColumnAndReason(file: String, expected: [(Int, String, String)]) throws {
        let outcome = ImportRowCheck.run(try Self.bytes("fuzz-import-row", file))
        #expect(outcome.violations == [])
        let rejects = outcome.rejects
        #expect(rejects.map(\.line) == expected.map(\.0))
        #expect(rejects.map(\.column) == expected.map(\.1))
        for (reject, (_, _, reason)) in zip(rejects, expected) {
            #expect(reject.reason.contains(reason), "\(reject.reason)")
        }
    }

    @Test func aRejectMasksTheNIK() throws {
        let rejects = ImportRowCheck.run(try Self.bytes("fuzz-import-row", "workers-rejected-nik-already-registered")).rejects
        #expect(rejects.map(\.value) == ["3214********0001"])
        #expect(rejects.allSatisfy { !$0.reason.contains(FuzzRegister.budiNIK) })
    }

    @Test func aRefusedHeaderIsAFileError() throws {
        func error(_ file: String) throws -> ImportFileError? {
            guard case .failure(let error)? = ImportRowCheck.run(try Self.bytes("fuzz-import-row", file)).result else { return nil }
            return error
        }
        #expect(try error("workers-file-error-unknown-column") == .unknownColumn("nickname", kind: .workers))
        #expect(try error("workers-file-error-missing-column") == .missingColumn("birth_date", kind: .workers))
        #expect(try error("workers-file-error-duplicate-column") == .duplicateColumn("nik"))
    }

    @Test func inputsNamingNoKindAreNotImported() {
        for text in ["", "workers", "worker\nx\n", "workers headers\n", "workers header extra\n"] {
            let outcome = ImportRowCheck.run(Array(text.utf8))
            #expect(outcome.kind == nil && outcome.result == nil && outcome.violations.isEmpty, "\(text.debugDescription)")
        }
    }
}
