@testable import Registry
import Foundation
import SQLiteDB
import Testing

/// The message catalogue: every refusal the library can say in Indonesian is there in both
/// languages with the same parts, the locale variables choose as POSIX says, and the texts not
/// yet translated are listed (so that adding one is a decision, not an accident).
@Suite struct LanguageCatalogueTests {
    /// One of each ``RegistryError/Reason`` case but the English-only fallback, each with parts
    /// that cannot be mistaken for the words around them.
    static let reasons: [RegistryError.Reason] = [
        .isEmpty, .requiredColumnEmpty, .tooLong(length: 5001, maximum: 201), .controlCharacter, .notAPhoneNumber,
        .notValidUTF8, .fieldCount(found: 8, expected: 10), .fieldCount(found: 1, expected: 10), .negative,
        .mustNotBeNegative, .mustBeAtLeastOne, .implausiblyLarge(limit: 100_000_000_000),
        .implausiblyLarge(limit: 1_000_000_000_000_000), .integerTooLarge, .notAWholeNumber, .notABoolean, .notADate,
        .notAMonth, .notATimestamp, .notOneOf(choices: ["cash", "card"]), .notASegment, .notASex,
        .unknownProgram(code: "JKX"), .inTheFuture, .inTheFutureNow(now: Date(timeIntervalSince1970: 1_900_000_000)),
        .inTheFutureToday(today: CalendarDate(year: 2026, month: 12, day: 6)!), .beforeYear1900,
        .beforeStartDate(start: CalendarDate(year: 2026, month: 12, day: 6)!),
        .tooFarAhead(today: CalendarDate(year: 2026, month: 12, day: 6)!), .nikNotDigit(position: 15),
        .nikLength(digits: 15), .nikDistrict(district: "00.01.02"), .nikBirthDay(day: 32), .nikBirthMonth(month: 13),
        .nikBirthDate(day: 31, month: 4, year: 85), .nikSerial, .kpjNotDigit, .kpjLength(digits: 12), .kpjCheckDigit,
        .notARegionCode, .provinceZero, .regencyNumber("70"), .districtZero, .villageNumber("3001"),
        .programNotInMatrix(segment: .informal, employerSize: nil, start: CalendarDate(year: 2015, month: 6, day: 10)!),
        .programNotInMatrix(segment: .wageEarner, employerSize: .micro, start: CalendarDate(year: 2015, month: 6, day: 10)!),
        .programRequired(segment: .informal, employerSize: nil), .programRequired(segment: .wageEarner, employerSize: .large),
        .memberQualifiesForJKP, .noRulePrices(rule: "migrant_fixed_dues migrant JHT", date: "2025-03-01"),
        .overlaps(membership: 77, start: CalendarDate(year: 2025, month: 1, day: 1)!, end: nil),
        .overlaps(membership: 77, start: CalendarDate(year: 2025, month: 1, day: 1)!, end: CalendarDate(year: 2025, month: 6, day: 30)!),
        .owedForMonths(count: 3, first: ContributionMonth(year: 2025, month: 1)!, last: ContributionMonth(year: 2025, month: 3)!),
        .monthsNotAllowed, .notInformalMembership(segment: .wageEarner), .endedOwesNothing(end: CalendarDate(year: 2024, month: 6, day: 30)!),
        .beyondMembershipEnd(end: CalendarDate(year: 2025, month: 2, day: 28)!, payable: 1),
    ]

    /// The cases the enum declares, read from its source: the list above must name each one,
    /// so a reason added without an example here fails this suite.
    static func declaredReasonCases() throws -> Set<String> {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/Registry/Errors/RegistryError+Reason.swift")
        let text = try String(contentsOf: source, encoding: .utf8)
        let body = text[text.range(of: "public enum Reason")!.upperBound...]
        let lines = body.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        // `case name…` declares one; `case .name: …` (in the switches below them) does not.
        return Set(lines.filter { $0.hasPrefix("case ") && !$0.hasPrefix("case .") }.map { line in
            String(line.dropFirst("case ".count).prefix { $0.isLetter || $0.isNumber })
        })
    }

    @Test func everyReasonHasAnExample() throws {
        let declared = try Self.declaredReasonCases()
        #expect(declared.count > 40 && declared.contains("untranslated"), "read the enum: \(declared.sorted())")
        let named = Set(Self.reasons.map(\.caseName))
        #expect(named.subtracting(declared).isEmpty, "examples not in the enum: \(named.subtracting(declared))")
        #expect(declared.subtracting(named) == ["untranslated"], "reasons without an example: \(declared.subtracting(named).sorted())")
    }

    @Test(arguments: reasons)
    func reasonSaysItInBothLanguagesWithTheSameParts(_ reason: RegistryError.Reason) {
        let (message, arguments) = reason.message(in: .indonesian)
        let english = Localized.placeholders(in: message.english), indonesian = Localized.placeholders(in: message.indonesian)
        #expect(!message.english.isEmpty && !message.indonesian.isEmpty)
        #expect(message.english != message.indonesian, "not translated: \(message.english)")
        #expect(english == indonesian, "\(message.english) / \(message.indonesian)")
        #expect(english == Set(arguments.keys), "placeholders \(english.sorted()) but parts \(arguments.keys.sorted())")
        for text in [reason.text(in: .english), reason.text(in: .indonesian)] {
            #expect(!text.contains("{") && !text.contains("}"), "left unfilled: \(text)")
        }
    }

    @Test(arguments: RegistryError.skeletons)
    func everySentenceSkeletonHasBothLanguagesWithTheSameParts(_ error: RegistryError) {
        let (message, arguments) = error.message(in: .indonesian)
        #expect(Localized.placeholders(in: message.english) == Localized.placeholders(in: message.indonesian))
        #expect(Localized.placeholders(in: message.english) == Set(arguments.keys))
        // Two skeletons are the same words in both: `field: 'value' reason`, all of it filled in.
        if Localized.placeholders(in: message.english).count > 3 || error.field == "programs" || error.field == "declared_income" {
            #expect(message.english != message.indonesian)
        }
    }

    @Test func anIndonesianRefusalReadsInIndonesianAndTheDefaultStaysEnglish() {
        let error = RegistryError.invalid(field: "end_date", value: "2024-12-01",
                                          reason: .beforeStartDate(start: CalendarDate(year: 2026, month: 12, day: 6)!))
        #expect(error.description == "end_date: '2024-12-01' is before the start date 6 December 2026")
        #expect(error.description(in: .english) == error.description)
        #expect(error.description(in: .indonesian) == "end_date: '2024-12-01' sebelum tanggal mulai 6 Desember 2026")
        let below = RegistryError.incomeBelowFloor(declared: 900_000, floor: 1_000_000, dues: 15_800, minimumDues: 16_800)
        #expect(below.description(in: .indonesian).contains("Rp900.000 di bawah batas bawah Rp1.000.000"))
        #expect(below.description(in: .indonesian).contains("Rp16.800"))
    }

    @Test func anIndonesianRefusalMasksANIKAsTheEnglishOneDoes() {
        let error = RegistryError.invalid(field: "kpj", value: "3214011203850001", reason: .kpjLength(digits: 16))
        #expect(error.description(in: .indonesian) == "kpj: '3214********0001' berisi 16 angka; KPJ berisi 11")
    }

    @Test func aLiteralReasonIsEnglishInBothAndEqualsTheTypedOneThatSaysTheSame() {
        let literal: RegistryError.Reason = "is empty"
        #expect(literal == .isEmpty)
        #expect(literal.hashValue == RegistryError.Reason.isEmpty.hashValue)
        #expect(literal.text(in: .indonesian) == "is empty")
        #expect(RegistryError.Reason.isEmpty.text(in: .indonesian) == "kosong")
        #expect(literal != .negative)
    }

    @Test(arguments: [
        ([:], Language.english), (["LANG": "id_ID.UTF-8"], .indonesian), (["LANG": "id"], .indonesian),
        (["LANG": "en_US.UTF-8"], .english), (["LANG": "C.UTF-8"], .english), (["LANG": "fr_FR"], .english),
        (["LANG": "id_ID.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"], .english),
        (["LANG": "en_GB.UTF-8", "LC_MESSAGES": "id_ID.UTF-8"], .indonesian),
        (["LC_ALL": "C", "LC_MESSAGES": "id_ID.UTF-8", "LANG": "id_ID.UTF-8"], .english),
        (["LC_ALL": "id_ID.UTF-8", "LANG": "en_US.UTF-8"], .indonesian),
        (["LC_ALL": "", "LANG": "id_ID.UTF-8"], .indonesian),
    ])
    func theLocaleVariablesChooseInPOSIXOrder(environment: [String: String], expected: Language) {
        #expect(Language.fromEnvironment(environment) == expected)
    }

    @Test func languageCodesAreReadAndOthersRefused() {
        #expect(Language(code: "id") == .indonesian)
        #expect(Language(code: "ID") == .indonesian)
        #expect(Language(code: "en") == .english)
        #expect(Language(code: "id_ID.UTF-8") == .indonesian)
        #expect(Language(code: "xx") == nil)
        #expect(Language(code: "") == nil)
        #expect(Language(code: "indonesian") == nil)
    }

    @Test func datesInProseFollowTheLanguage() {
        let day = CalendarDate(year: 2026, month: 12, day: 6)!
        #expect(day.prose(in: .english) == "6 December 2026")
        #expect(day.prose(in: .indonesian) == "6 Desember 2026")
        #expect(CalendarDate(year: 2025, month: 8, day: 17)!.prose(in: .indonesian) == "17 Agustus 2025")
        #expect(ContributionMonth(year: 2025, month: 5)!.prose(in: .indonesian) == "Mei 2025")
        for month in 1...12 {
            #expect(CalendarDate.monthName(month, in: .english) != "" && CalendarDate.monthName(month, in: .indonesian) != "")
        }
    }

    @Test func placeholdersAreFilledOnceAndAValueIsNeverReadAsOne() {
        let message = Localized(en: "{a} and {b}, {unknown}", id: "{a} dan {b}, {unknown}")
        #expect(message.text(in: .english, ["a": "{b}", "b": "2"]) == "{b} and 2, {unknown}")
        #expect(message.text(in: .indonesian, ["a": "1", "b": "2"]) == "1 dan 2, {unknown}")
        #expect(Localized.placeholders(in: message.english) == ["a", "b", "unknown"])
        #expect(Localized.placeholders(in: "no parts") == [])
    }

    /// The refusals still English in both languages, file by file: a string-literal reason
    /// (``RegistryError/Reason/untranslated(_:)``) or a sync reject's reason. Translating one
    /// lowers its count here; adding one raises it, and this test says where.
    static let englishOnly: [String: Int] = [
        "Agents/RegistrySession+Agents.swift": 2,
        "Eligibility/RegistrySession+Eligibility.swift": 1,
        "Identity/EmployerNumber.swift": 1,
        "Interchange/Import/Importers/EmployerImporter.swift": 1,
        "Interchange/Import/Importers/LabourForceImporter.swift": 1,
        "Interchange/Import/Importers/MembershipImporter.swift": 5,
        "Interchange/Import/Importers/OfficeImporter.swift": 2,
        "Interchange/Import/Importers/PaymentImporter.swift": 2,
        "Interchange/Import/Importers/PublishedCountImporter.swift": 2,
        "Interchange/Import/Importers/TargetImporter.swift": 1,
        "Ledger/RegistrySession+Billing.swift": 4,
        "Ledger/RegistrySession+MigrantPayments.swift": 3,
        "Ledger/RegistrySession+Payments.swift": 5,
        "Ledger/RegistrySession+ProjectDues.swift": 3,
        "Memberships/RegistrySession+Memberships.swift": 12,
        "Organisation/RegistrySession+Organisation.swift": 6,
        "Pricing/ContributionRules+Loading.swift": 2,
        "Pricing/ContributionRules.swift": 1,
        "Pricing/MigrantPricing.swift": 1,
        "PublishedCounts/RegistrySession+PublishedCounts.swift": 8,
        "Reports/ArrearsPage.swift": 2,
        "Reports/AreaCoverage.swift": 2,
        "Reports/PublishedCoverage.swift": 1,
        "Standing/DaySpan.swift": 1,
        "Standing/RegistrySession+Standing.swift": 1,
        "Sync/AreaExtract.swift": 2,
        "Sync/ChangesetFile.swift": 2,
        "Sync/ExtractArea.swift": 2,
        "Sync/ExtractChangeset.swift": 2,
        "Sync/ExtractRefresh.swift": 3,
        "Sync/SyncPush.swift": 8,
        "Targets/RegistrySession+Targets.swift": 5,
        "Workers/RegistrySession+Workers.swift": 2,
    ]

    @Test func theEnglishOnlyRefusalsAreTheListedOnes() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/Registry")
        var found: [String: Int] = [:]
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)!
        for case let url as URL in files where url.pathExtension == "swift" {
            let path = String(url.path.dropFirst(root.path.count + 1))
            guard !path.hasPrefix("Errors/") else { continue }
            let text = try String(contentsOf: url, encoding: .utf8)
            let count = text.components(separatedBy: "reason: \"").count - 1 + text.components(separatedBy: "reason: .untranslated(").count - 1
            if count > 0 { found[path] = count }
        }
        #expect(found.count > 10, "read the sources under \(root.path)")
        #expect(found == Self.englishOnly)
    }
}
