import Foundation
import SQLiteDB

extension RegistryError {
    /// Why a value was refused, typed, so that ``RegistryError/description(in:)`` can say it in
    /// either ``Language`` (the texts are in `RegistryError+ReasonText.swift`).
    ///
    /// A string literal is a reason too, ``untranslated(_:)``: it reads the same (English) in
    /// both languages. It keeps code that builds a `RegistryError` from its own text compiling,
    /// and is the fallback for the library's rarer refusals that have no typed reason yet (the
    /// catalogue tests list them). Two reasons are equal when their English texts are, so
    /// `.invalid(field: "full_name", value: "", reason: .isEmpty)` still equals the error the
    /// library throws with ``isEmpty``.
    public enum Reason: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringInterpolation {
        // Text
        case isEmpty
        case requiredColumnEmpty
        case tooLong(length: Int, maximum: Int)
        case controlCharacter
        case notAPhoneNumber
        case notValidUTF8
        case fieldCount(found: Int, expected: Int)
        // Numbers, dates, choices
        case negative
        case mustNotBeNegative
        case mustBeAtLeastOne
        case implausiblyLarge(limit: Rupiah)
        case integerTooLarge
        case notAWholeNumber
        case notABoolean
        case notADate
        case notAMonth
        case notATimestamp
        case notOneOf(choices: [String])
        case notASegment
        case notASex
        case unknownProgram(code: String)
        // Time
        case inTheFuture
        case inTheFutureNow(now: Date)
        case inTheFutureToday(today: CalendarDate)
        case beforeYear1900
        case beforeStartDate(start: CalendarDate)
        case tooFarAhead(today: CalendarDate)
        // Identity numbers
        case nikNotDigit(position: Int)
        case nikLength(digits: Int)
        case nikDistrict(district: String)
        case nikBirthDay(day: Int)
        case nikBirthMonth(month: Int)
        case nikBirthDate(day: Int, month: Int, year: Int)
        case nikSerial
        case kpjNotDigit
        case kpjLength(digits: Int)
        case kpjCheckDigit
        case notARegionCode
        case provinceZero
        case regencyNumber(String)
        case districtZero
        case villageNumber(String)
        // Memberships and payments
        case programNotInMatrix(segment: Segment, employerSize: EmployerSizeClass?, start: CalendarDate)
        case programRequired(segment: Segment, employerSize: EmployerSizeClass?)
        case memberQualifiesForJKP
        case noRulePrices(rule: String, date: String)
        case overlaps(membership: Int64, start: CalendarDate, end: CalendarDate?)
        case owedForMonths(count: Int, first: ContributionMonth, last: ContributionMonth)
        case monthsNotAllowed
        case notInformalMembership(segment: Segment)
        case endedOwesNothing(end: CalendarDate)
        case beyondMembershipEnd(end: CalendarDate, payable: Int)
        case incomeNotForSegment(segment: Segment)
        case endedIncomeFixed(end: CalendarDate)
        case afterMembershipEnded(end: CalendarDate)
        case wouldLeaveBillOutside(month: String)
        case employerMissing
        case projectMissing
        case outsideProjectPeriod(start: CalendarDate, end: CalendarDate)
        case onlyForSegment(Segment)
        case incomeMissing(segment: Segment)
        case zeroWage
        case jkpEligibilityNotGiven
        case jkpCitizensOnly
        case jkpNeedsJKN
        case jkpNoAgeLimit(on: CalendarDate)
        case jkpAgeLimit(age: Int, limit: Int)
        case noUnpaidEmployerBills(employer: Int64)
        case owedByEmployer(employer: Int64, month: ContributionMonth, bills: Int, penaltyIncluded: Bool)
        case isAReversal
        case alreadyReversed(by: String)
        case heldInPartOnExtract
        case paidOnBill(Rupiah)
        case projectAlreadyBilled(bill: Int64, amount: Rupiah, due: CalendarDate)
        case owedForProject(project: Int64, month: ContributionMonth, due: CalendarDate)
        case projectOwesNothing(contractValue: Rupiah, priced: Rupiah)
        case constructionBilledPerProject
        case outsideMembership(membership: Int64, start: CalendarDate, end: CalendarDate?)
        case notFirstPlacementMonth(first: ContributionMonth)
        case alreadyBilled(membership: Int64, bill: Int64)
        case owedForPlacement(membership: Int64, month: ContributionMonth)
        case notMigrantMembership(segment: Segment)
        case placementOwesNothing(month: ContributionMonth, amount: Rupiah)
        // Workers and agents
        case notAnActiveAgent(on: CalendarDate)
        case pastLastCardSerial
        case actorNotSetForEligibility
        // Import files
        case notABranch(kind: String)
        case notAYear
        case emptyForConstruction
        case emptyButGiven(other: String)
        case emptyButGivenBothOrNeither(other: String)
        case namesSeveralProjects
        case regencyDateNotADate
        case regenciesFromEmpty
        case reversedByThisRow(receipt: String)
        case paymentNamesNoOne
        case headCountRequired
        case withdrawalKeepsDate(replaced: CalendarDate)
        case notAnAreaKind
        // Sync
        case danglingReferences(count: Int)
        case pricedOtherwise(detail: String)
        case alreadyCentral(message: String)
        case changedCentrally(columns: [String])
        case goneCentrally
        case idTakenCentrally
        case refersToMissingRow
        case dependsOnUnapplied(table: String, row: Int64)
        case allocationNotApplied
        // Regions, offices, figures, rules, extracts
        case wrongRegionLevel(expected: RegionCode.Level)
        case notAProvinceOrRegencyCode
        case notAValidParent(kind: String, parent: String?)
        case headOfficeExists
        case notAfterLatestAssignment(latest: String)
        case correctionKeepsArea(field: String, figure: String, described: String)
        case alreadyWithdrawn
        case headCountImplausible
        case actorNotSetForPublishedCount
        case alreadyPublished(described: String, count: Int64, source: String, figure: String)
        case alreadySuperseded(by: String)
        case cursorOfAnotherDay(cursor: CalendarDate, date: CalendarDate)
        case withdrawalHasNoCount
        case standingStale
        case neitherRateNorFlat
        case notAKnownKind
        case pricedOnFirstDay(first: CalendarDate, rules: CalendarDate)
        case tooLongToPrice
        case longerThan(maximum: Int)
        case agentNeedsNIKOrPhone
        case beforeAgentStarted(start: CalendarDate)
        case notAChangesetFile
        case markerFieldCount(found: Int)
        case agentAreaNeedsID
        case notAnExtractAreaKind
        case notAnExtract
        case baselineLost
        case extractPredatesLayout(migration: String)
        case unpushedWork
        case companionFile(suffix: String)
        case cannotReplace(error: String)
        case extractNeedsFile
        case fileAlreadyThere
        case isAnExtract
        case notAYearBetween(low: Int, high: Int)
        case beforePeriodStart(start: CalendarDate)
        case projectNameAmbiguous(ids: [String])
        case noInformalMembership(by: CalendarDate)
        /// English only: a refusal without a typed reason yet, or a caller's own text.
        case untranslated(String)

        public init(stringLiteral value: String) { self = .untranslated(value) }

        /// The reason in English, as ``RegistryError/description`` has always said it.
        public var description: String { text(in: .english) }

        /// The reason in `language`.
        public func text(in language: Language) -> String {
            let (message, arguments) = message(in: language)
            return message.text(in: language, arguments)
        }

        /// The case's name, for the catalogue tests (which check that each case has an example).
        var caseName: String {
            switch self {
            case .isEmpty: "isEmpty"
            case .requiredColumnEmpty: "requiredColumnEmpty"
            case .tooLong: "tooLong"
            case .controlCharacter: "controlCharacter"
            case .notAPhoneNumber: "notAPhoneNumber"
            case .notValidUTF8: "notValidUTF8"
            case .fieldCount: "fieldCount"
            case .negative: "negative"
            case .mustNotBeNegative: "mustNotBeNegative"
            case .mustBeAtLeastOne: "mustBeAtLeastOne"
            case .implausiblyLarge: "implausiblyLarge"
            case .integerTooLarge: "integerTooLarge"
            case .notAWholeNumber: "notAWholeNumber"
            case .notABoolean: "notABoolean"
            case .notADate: "notADate"
            case .notAMonth: "notAMonth"
            case .notATimestamp: "notATimestamp"
            case .notOneOf: "notOneOf"
            case .notASegment: "notASegment"
            case .notASex: "notASex"
            case .unknownProgram: "unknownProgram"
            case .inTheFuture: "inTheFuture"
            case .inTheFutureNow: "inTheFutureNow"
            case .inTheFutureToday: "inTheFutureToday"
            case .beforeYear1900: "beforeYear1900"
            case .beforeStartDate: "beforeStartDate"
            case .tooFarAhead: "tooFarAhead"
            case .nikNotDigit: "nikNotDigit"
            case .nikLength: "nikLength"
            case .nikDistrict: "nikDistrict"
            case .nikBirthDay: "nikBirthDay"
            case .nikBirthMonth: "nikBirthMonth"
            case .nikBirthDate: "nikBirthDate"
            case .nikSerial: "nikSerial"
            case .kpjNotDigit: "kpjNotDigit"
            case .kpjLength: "kpjLength"
            case .kpjCheckDigit: "kpjCheckDigit"
            case .notARegionCode: "notARegionCode"
            case .provinceZero: "provinceZero"
            case .regencyNumber: "regencyNumber"
            case .districtZero: "districtZero"
            case .villageNumber: "villageNumber"
            case .programNotInMatrix: "programNotInMatrix"
            case .programRequired: "programRequired"
            case .memberQualifiesForJKP: "memberQualifiesForJKP"
            case .noRulePrices: "noRulePrices"
            case .overlaps: "overlaps"
            case .owedForMonths: "owedForMonths"
            case .monthsNotAllowed: "monthsNotAllowed"
            case .notInformalMembership: "notInformalMembership"
            case .endedOwesNothing: "endedOwesNothing"
            case .beyondMembershipEnd: "beyondMembershipEnd"
            case .incomeNotForSegment: "incomeNotForSegment"
            case .endedIncomeFixed: "endedIncomeFixed"
            case .afterMembershipEnded: "afterMembershipEnded"
            case .wouldLeaveBillOutside: "wouldLeaveBillOutside"
            case .employerMissing: "employerMissing"
            case .projectMissing: "projectMissing"
            case .outsideProjectPeriod: "outsideProjectPeriod"
            case .onlyForSegment: "onlyForSegment"
            case .incomeMissing: "incomeMissing"
            case .zeroWage: "zeroWage"
            case .jkpEligibilityNotGiven: "jkpEligibilityNotGiven"
            case .jkpCitizensOnly: "jkpCitizensOnly"
            case .jkpNeedsJKN: "jkpNeedsJKN"
            case .jkpNoAgeLimit: "jkpNoAgeLimit"
            case .jkpAgeLimit: "jkpAgeLimit"
            case .noUnpaidEmployerBills: "noUnpaidEmployerBills"
            case .owedByEmployer: "owedByEmployer"
            case .isAReversal: "isAReversal"
            case .alreadyReversed: "alreadyReversed"
            case .heldInPartOnExtract: "heldInPartOnExtract"
            case .paidOnBill: "paidOnBill"
            case .projectAlreadyBilled: "projectAlreadyBilled"
            case .owedForProject: "owedForProject"
            case .projectOwesNothing: "projectOwesNothing"
            case .constructionBilledPerProject: "constructionBilledPerProject"
            case .outsideMembership: "outsideMembership"
            case .notFirstPlacementMonth: "notFirstPlacementMonth"
            case .alreadyBilled: "alreadyBilled"
            case .owedForPlacement: "owedForPlacement"
            case .notMigrantMembership: "notMigrantMembership"
            case .placementOwesNothing: "placementOwesNothing"
            case .notAnActiveAgent: "notAnActiveAgent"
            case .pastLastCardSerial: "pastLastCardSerial"
            case .actorNotSetForEligibility: "actorNotSetForEligibility"
            case .notABranch: "notABranch"
            case .notAYear: "notAYear"
            case .emptyForConstruction: "emptyForConstruction"
            case .emptyButGiven: "emptyButGiven"
            case .emptyButGivenBothOrNeither: "emptyButGivenBothOrNeither"
            case .namesSeveralProjects: "namesSeveralProjects"
            case .regencyDateNotADate: "regencyDateNotADate"
            case .regenciesFromEmpty: "regenciesFromEmpty"
            case .reversedByThisRow: "reversedByThisRow"
            case .paymentNamesNoOne: "paymentNamesNoOne"
            case .headCountRequired: "headCountRequired"
            case .withdrawalKeepsDate: "withdrawalKeepsDate"
            case .notAnAreaKind: "notAnAreaKind"
            case .danglingReferences: "danglingReferences"
            case .pricedOtherwise: "pricedOtherwise"
            case .alreadyCentral: "alreadyCentral"
            case .changedCentrally: "changedCentrally"
            case .goneCentrally: "goneCentrally"
            case .idTakenCentrally: "idTakenCentrally"
            case .refersToMissingRow: "refersToMissingRow"
            case .dependsOnUnapplied: "dependsOnUnapplied"
            case .allocationNotApplied: "allocationNotApplied"
            case .wrongRegionLevel: "wrongRegionLevel"
            case .notAProvinceOrRegencyCode: "notAProvinceOrRegencyCode"
            case .notAValidParent: "notAValidParent"
            case .headOfficeExists: "headOfficeExists"
            case .notAfterLatestAssignment: "notAfterLatestAssignment"
            case .correctionKeepsArea: "correctionKeepsArea"
            case .alreadyWithdrawn: "alreadyWithdrawn"
            case .headCountImplausible: "headCountImplausible"
            case .actorNotSetForPublishedCount: "actorNotSetForPublishedCount"
            case .alreadyPublished: "alreadyPublished"
            case .alreadySuperseded: "alreadySuperseded"
            case .cursorOfAnotherDay: "cursorOfAnotherDay"
            case .withdrawalHasNoCount: "withdrawalHasNoCount"
            case .standingStale: "standingStale"
            case .neitherRateNorFlat: "neitherRateNorFlat"
            case .notAKnownKind: "notAKnownKind"
            case .pricedOnFirstDay: "pricedOnFirstDay"
            case .tooLongToPrice: "tooLongToPrice"
            case .longerThan: "longerThan"
            case .agentNeedsNIKOrPhone: "agentNeedsNIKOrPhone"
            case .beforeAgentStarted: "beforeAgentStarted"
            case .notAChangesetFile: "notAChangesetFile"
            case .markerFieldCount: "markerFieldCount"
            case .agentAreaNeedsID: "agentAreaNeedsID"
            case .notAnExtractAreaKind: "notAnExtractAreaKind"
            case .notAnExtract: "notAnExtract"
            case .baselineLost: "baselineLost"
            case .extractPredatesLayout: "extractPredatesLayout"
            case .unpushedWork: "unpushedWork"
            case .companionFile: "companionFile"
            case .cannotReplace: "cannotReplace"
            case .extractNeedsFile: "extractNeedsFile"
            case .fileAlreadyThere: "fileAlreadyThere"
            case .isAnExtract: "isAnExtract"
            case .notAYearBetween: "notAYearBetween"
            case .beforePeriodStart: "beforePeriodStart"
            case .projectNameAmbiguous: "projectNameAmbiguous"
            case .noInformalMembership: "noInformalMembership"
            case .untranslated: "untranslated"
            }
        }

        public static func == (lhs: Reason, rhs: Reason) -> Bool { lhs.description == rhs.description }
        public func hash(into hasher: inout Hasher) { hasher.combine(description) }
    }
}
