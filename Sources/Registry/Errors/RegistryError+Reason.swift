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
            case .untranslated: "untranslated"
            }
        }

        public static func == (lhs: Reason, rhs: Reason) -> Bool { lhs.description == rhs.description }
        public func hash(into hasher: inout Hasher) { hasher.combine(description) }
    }
}
