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
        .incomeNotForSegment(segment: .migrant), .endedIncomeFixed(end: day), .afterMembershipEnded(end: day),
        .wouldLeaveBillOutside(month: "2026-11"), .employerMissing, .projectMissing,
        .outsideProjectPeriod(start: day, end: CalendarDate(year: 2027, month: 3, day: 31)!), .onlyForSegment(.wageEarner),
        .incomeMissing(segment: .informal), .zeroWage, .jkpEligibilityNotGiven, .jkpCitizensOnly, .jkpNeedsJKN,
        .jkpNoAgeLimit(on: day), .jkpAgeLimit(age: 54, limit: 54), .noUnpaidEmployerBills(employer: 31),
        .owedByEmployer(employer: 31, month: month, bills: 4, penaltyIncluded: true),
        .owedByEmployer(employer: 31, month: month, bills: 1, penaltyIncluded: false), .isAReversal,
        .alreadyReversed(by: "R-0042"), .heldInPartOnExtract, .paidOnBill(16_800), .projectAlreadyBilled(bill: 9, amount: 1_540_000, due: day),
        .owedForProject(project: 12, month: month, due: day), .projectOwesNothing(contractValue: 0, priced: 0),
        .constructionBilledPerProject, .outsideMembership(membership: 77, start: day, end: nil),
        .outsideMembership(membership: 77, start: day, end: CalendarDate(year: 2027, month: 3, day: 31)!),
        .notFirstPlacementMonth(first: month), .alreadyBilled(membership: 77, bill: 5), .owedForPlacement(membership: 77, month: month),
        .notMigrantMembership(segment: .informal), .placementOwesNothing(month: month, amount: 0), .notAnActiveAgent(on: day),
        .pastLastCardSerial, .actorNotSetForEligibility, .notABranch(kind: "regional_office"), .notAYear, .emptyForConstruction,
        .emptyButGiven(other: "end_reason"), .emptyButGivenBothOrNeither(other: "jkp_jkn"), .namesSeveralProjects,
        .regencyDateNotADate, .regenciesFromEmpty, .reversedByThisRow(receipt: "R-0042"), .paymentNamesNoOne, .headCountRequired,
        .withdrawalKeepsDate(replaced: day), .notAnAreaKind, .danglingReferences(count: 3), .pricedOtherwise(detail: "d"),
        .alreadyCentral(message: "m"), .changedCentrally(columns: ["phone", "full_name"]), .goneCentrally, .idTakenCentrally,
        .refersToMissingRow, .dependsOnUnapplied(table: "workers", row: 8), .allocationNotApplied,
        .wrongRegionLevel(expected: .province), .wrongRegionLevel(expected: .regency), .wrongRegionLevel(expected: .district),
        .wrongRegionLevel(expected: .village), .notAProvinceOrRegencyCode, .notAValidParent(kind: "branch", parent: "regional_office"),
        .notAValidParent(kind: "head_office", parent: nil), .headOfficeExists, .notAfterLatestAssignment(latest: "2026-01-01"),
        .correctionKeepsArea(field: "area", figure: "4", described: "d"), .alreadyWithdrawn, .headCountImplausible,
        .actorNotSetForPublishedCount, .alreadyPublished(described: "d", count: 120, source: "BPS", figure: "4"),
        .alreadySuperseded(by: "6"), .cursorOfAnotherDay(cursor: day, date: CalendarDate(year: 2026, month: 12, day: 7)!),
        .withdrawalHasNoCount, .standingStale, .neitherRateNorFlat, .notAKnownKind,
        .pricedOnFirstDay(first: CalendarDate(year: 2026, month: 12, day: 1)!, rules: day), .tooLongToPrice, .longerThan(maximum: 40),
        .agentNeedsNIKOrPhone, .beforeAgentStarted(start: day), .notAChangesetFile, .markerFieldCount(found: 3), .agentAreaNeedsID,
        .notAnExtractAreaKind, .notAnExtract, .baselineLost, .extractPredatesLayout(migration: "0028_derived_due_dates.sql"),
        .unpushedWork, .companionFile(suffix: "-wal"), .cannotReplace(error: "e"), .extractNeedsFile, .fileAlreadyThere, .isAnExtract,
        .notAYearBetween(low: 1900, high: 2200), .beforePeriodStart(start: day),
        .projectNameAmbiguous(ids: ["3", "5"]), .noInformalMembership(by: day),
    ]
    private static let day = CalendarDate(year: 2026, month: 12, day: 6)!
    private static let month = ContributionMonth(year: 2026, month: 11)!

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

    /// A duplicate says who holds the key in the message's language; only a quoted record
    /// (a worker's KPJ and name) is the same in both.
    @Test(arguments: RegistryError.Holder.allCases)
    func everyHolderOfADuplicateIsSaidInBothLanguages(_ holder: RegistryError.Holder) {
        let error = RegistryError.duplicate(field: "receipt_number", value: "R-1", existing: holder)
        let english = error.description(in: .english), indonesian = error.description(in: .indonesian)
        #expect(english == error.description)
        #expect(english.hasSuffix("is already registered, to \(holder)"))
        if case .record(let quoted) = holder {
            #expect(indonesian.hasSuffix("sudah terdaftar, atas \(quoted)"))
        } else {
            #expect(!indonesian.contains(holder.description), "not translated: \(indonesian)")
        }
        #expect(RegistryError.duplicate(field: "receipt_number", value: "R-1", existing: .earlierPayment).description(in: .indonesian)
                == "receipt_number: 'R-1' sudah terdaftar, atas pembayaran sebelumnya")
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

    @Test func theFormerlyEnglishOnlyRefusalsReadInIndonesianAndTheirEnglishIsUnchanged() {
        let missing = RegistryError.invalid(field: "employer_id", value: "", reason: .employerMissing)
        #expect(missing.description == "employer_id: '' is missing; a wage earner's membership needs the employer")
        #expect(missing.description(in: .indonesian)
                == "employer_id: '' tidak diisi; kepesertaan pekerja penerima upah memerlukan pemberi kerja")
        let owed = RegistryError.amountMismatch(field: "amount", given: 100_000, expected: 104_000,
                                                reason: .owedByEmployer(employer: 31, month: Self.month, bills: 4, penaltyIncluded: true))
        #expect(owed.description == "amount: Rp100.000 does not match the Rp104.000 owed by employer 31 for 2026-11 (4 bill(s), late penalty included)")
        #expect(owed.description(in: .indonesian) == "amount: Rp100.000 tidak sama dengan Rp104.000 yang terutang oleh pemberi kerja 31"
                + " untuk 2026-11 (4 tagihan, termasuk denda keterlambatan)")
        let notJKP = RegistryError.programNotAllowed(program: .jkp, segment: .wageEarner, reason: .jkpAgeLimit(age: 54, limit: 54))
        #expect(notJKP.description(in: .indonesian).hasSuffix("peserta berusia 54 tahun saat pendaftaran; JKP untuk peserta di bawah 54 tahun"))
    }

    @Test func aSyncRejectSaysItsReasonInEitherLanguageMasked() {
        let gone = SyncReject(table: "workers", localID: 8, reason: .goneCentrally)
        #expect(gone.reason == "no longer in the central register")
        #expect(gone.reason(in: .indonesian) == "sudah tidak ada di register pusat")
        let quoted = SyncReject(table: "workers", localID: 8, column: "nik", value: "3214011203850001",
                                reason: .alreadyCentral(message: "UNIQUE constraint failed: workers.nik 3214011203850001"))
        #expect(quoted.value == "3214********0001")
        for language in Language.allCases {
            #expect(!quoted.reason(in: language).contains("3214011203850001") && quoted.reason(in: language).contains("3214********0001"))
        }
        #expect(quoted.reason(in: .indonesian).hasPrefix("sudah ada di register pusat pada baris lain"))
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
        // A constraint's or trigger's own message from SQLite, quoted as the reject's reason.
        "Sync/SyncPush.swift": 1,
    ]

    /// How many English-only reasons `source` gives: string-literal reasons and explicit
    /// ``RegistryError/Reason/untranslated(_:)`` ones.
    static func englishOnlySites(in source: String) -> Int {
        source.components(separatedBy: "reason: \"").count - 1 + source.components(separatedBy: "reason: .untranslated(").count - 1
    }

    @Test func theEnglishOnlySiteCounterFindsBothFormsAndNothingElse() {
        #expect(Self.englishOnlySites(in: #"throw .invalid(field: "f", value: v, reason: "is odd")"#) == 1)
        #expect(Self.englishOnlySites(in: #"SyncReject(table: t, localID: 1, reason: .untranslated(message))"#) == 1)
        #expect(Self.englishOnlySites(in: #"throw .invalid(field: "f", value: v, reason: .isEmpty)"#) == 0)
    }

    @Test func theEnglishOnlyRefusalsAreTheListedOnes() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/Registry")
        var found: [String: Int] = [:]
        var typed = 0
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)!
        for case let url as URL in files where url.pathExtension == "swift" {
            let path = String(url.path.dropFirst(root.path.count + 1))
            guard !path.hasPrefix("Errors/") else { continue }
            let text = try String(contentsOf: url, encoding: .utf8)
            typed += text.components(separatedBy: "reason: .").count - 1
            let count = Self.englishOnlySites(in: text)
            if count > 0 { found[path] = count }
        }
        // The typed reasons are there to be read: the scan saw the sources, not an empty folder.
        #expect(typed > 80, "read the sources under \(root.path)")
        #expect(found == Self.englishOnly)
    }
}
