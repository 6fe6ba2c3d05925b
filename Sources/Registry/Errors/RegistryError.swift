/// A request the registry refused because it breaks a rule of the scheme or does not match
/// what is stored. Nothing was written: every operation that throws it is rolled back whole.
///
/// Each case names the field and the offending value, and ``description`` is a sentence a
/// clerk can act on:
///
/// ```
/// declared_income: declared income Rp900.000 is below the Rp1.000.000 floor for informal
/// workers (the minimum monthly dues, Rp16.800, are those of the floor)
/// ```
///
/// Messages end up in logs, so ``description`` and ``value`` never carry a NIK in full: every
/// run of 16 or more digits in them is masked (``PersonalData/maskDigitRuns(_:)``), whichever
/// field it was typed in (a NIK given as a KPJ, an NPP or a phone number). The cases' payloads
/// keep the values as given, for code that matches on them.
/// Failures of the database itself (a full disk, a locked file) are `SQLiteError` (SQLiteDB).
public enum RegistryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The value is malformed or out of range: a NIK with 15 digits, a month `2025-13`.
    case invalid(field: String, value: String, reason: String)
    /// The NIK contradicts the rest of the worker's record, e.g. its birth-date part says
    /// 1990-05-17 while the record says 1990-05-18.
    case identityMismatch(field: String, nikSays: String, recorded: String)
    /// Nothing is stored under this key.
    case notFound(field: String, value: String)
    /// The key is already taken; `existing` names who holds it (KPJ and name, never a NIK).
    case duplicate(field: String, value: String, existing: String)
    /// An informal worker's declared income is under the floor in force. `dues` is JKK + JKM
    /// on the income as declared, `minimumDues` on the floor; the message quotes only the
    /// latter (rounded to the rupiah, the two can be equal).
    case incomeBelowFloor(declared: Rupiah, floor: Rupiah, dues: Rupiah, minimumDues: Rupiah)
    /// The segment × program matrix (or JKP eligibility) forbids this program here.
    case programNotAllowed(program: Program, segment: Segment, reason: String)
    /// The segment × program matrix requires this program and the enrolment lacks it.
    case programMissing(program: Program, segment: Segment, reason: String)
    /// No rule row covers the date, so the month cannot be priced (a gap in the rule tables).
    case noRuleInForce(rule: String, date: String)
    /// The request contradicts what is stored: an overlapping membership, a payment for an
    /// ended membership, a reversal of a reversal.
    case conflict(field: String, value: String, reason: String)
    /// A payment does not match what is owed.
    case amountMismatch(field: String, given: Rupiah, expected: Rupiah, reason: String)

    /// The field (column or parameter name) the error is about.
    public var field: String {
        switch self {
        case .invalid(let field, _, _), .identityMismatch(let field, _, _), .notFound(let field, _),
             .duplicate(let field, _, _), .conflict(let field, _, _), .amountMismatch(let field, _, _, _):
            field
        case .incomeBelowFloor: "declared_income"
        case .programNotAllowed, .programMissing: "programs"
        case .noRuleInForce(let rule, _): rule
        }
    }

    /// The offending value, as text, runs of 16 or more digits masked.
    public var value: String { PersonalData.maskDigitRuns(rawValue) }

    private var rawValue: String {
        switch self {
        case .invalid(_, let value, _), .notFound(_, let value), .duplicate(_, let value, _),
             .conflict(_, let value, _):
            value
        case .identityMismatch(_, let nikSays, _): nikSays
        case .incomeBelowFloor(let declared, _, _, _): declared.description
        case .programNotAllowed(let program, _, _), .programMissing(let program, _, _): program.rawValue
        case .noRuleInForce(_, let date): date
        case .amountMismatch(_, let given, _, _): given.description
        }
    }

    /// The sentence a clerk reads, runs of 16 or more digits masked.
    public var description: String { PersonalData.maskDigitRuns(sentence) }

    private var sentence: String {
        switch self {
        case .invalid(let field, let value, let reason):
            "\(field): \(quoted(value)) \(reason)"
        case .identityMismatch(let field, let nikSays, let recorded):
            "\(field): the NIK says \(nikSays) but the record says \(recorded)"
        case .notFound(let field, let value):
            "\(field): nothing is registered under \(quoted(value))"
        case .duplicate(let field, let value, let existing):
            "\(field): \(quoted(value)) is already registered, to \(existing)"
        case .incomeBelowFloor(let declared, let floor, _, let minimumDues):
            // Not the dues the income would give: rounded to the rupiah they can look equal to
            // the minimum (Rp999.999 gives Rp16.800 too), which reads as a contradiction.
            "declared_income: declared income \(declared) is below the \(floor) floor for informal workers"
                + " (the minimum monthly dues, \(minimumDues), are those of the floor)"
        case .programNotAllowed(let program, let segment, let reason):
            "programs: \(program) is not allowed for \(segment): \(reason)"
        case .programMissing(let program, let segment, let reason):
            "programs: \(program) is required for \(segment): \(reason)"
        case .noRuleInForce(let rule, let date):
            "\(rule): no rule is in force on \(date); add one to the rule tables by a migration"
        case .conflict(let field, let value, let reason):
            "\(field): \(quoted(value)) \(reason)"
        case .amountMismatch(let field, let given, let expected, let reason):
            "\(field): \(given) does not match the \(expected) \(reason)"
        }
    }

    private func quoted(_ value: String) -> String { "'\(value)'" }
}
