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
/// ``description`` is English, as it always was, whatever the process's locale: a library has no
/// business reading the environment, and logs stay greppable. ``description(in:)`` says it in
/// Bahasa Indonesia (the `registry` tool does, after `--lang id` or an `id_ID` locale); only the
/// texts callers pass in (a quoted ``Holder/record(_:)``, the record's side of an identity mismatch) and reasons
/// still ``Reason/untranslated(_:)`` stay English there.
///
/// Messages end up in logs, so ``description`` and ``value`` never carry a NIK in full: every
/// run of 16 or more digits in them is masked (``PersonalData/maskDigitRuns(_:)``), whichever
/// field it was typed in (a NIK given as a KPJ, an NPP or a phone number). The cases' payloads
/// keep the values as given, for code that matches on them.
/// Failures of the database itself (a full disk, a locked file) are `SQLiteError` (SQLiteDB).
public enum RegistryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The value is malformed or out of range: a NIK with 15 digits, a month `2025-13`.
    case invalid(field: String, value: String, reason: Reason)
    /// The NIK contradicts the rest of the worker's record, e.g. its birth-date part says
    /// 1990-05-17 while the record says 1990-05-18.
    case identityMismatch(field: String, nikSays: String, recorded: String)
    /// Nothing is stored under this key.
    case notFound(field: String, value: String)
    /// The key is already taken; `existing` says who holds it (a worker: KPJ and name, never a NIK).
    case duplicate(field: String, value: String, existing: Holder)
    /// An informal worker's declared income is under the floor in force. `dues` is JKK + JKM
    /// on the income as declared, `minimumDues` on the floor; the message quotes only the
    /// latter (rounded to the rupiah, the two can be equal).
    case incomeBelowFloor(declared: Rupiah, floor: Rupiah, dues: Rupiah, minimumDues: Rupiah)
    /// The segment × program matrix (or JKP eligibility) forbids this program here.
    case programNotAllowed(program: Program, segment: Segment, reason: Reason)
    /// The segment × program matrix requires this program and the enrolment lacks it.
    case programMissing(program: Program, segment: Segment, reason: Reason)
    /// No rule row covers the date, so the month cannot be priced (a gap in the rule tables).
    case noRuleInForce(rule: String, date: String)
    /// The request contradicts what is stored: an overlapping membership, a payment for an
    /// ended membership, a reversal of a reversal.
    case conflict(field: String, value: String, reason: Reason)
    /// A payment does not match what is owed.
    case amountMismatch(field: String, given: Rupiah, expected: Rupiah, reason: Reason)

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

    /// The sentence a clerk reads, in English, runs of 16 or more digits masked.
    public var description: String { description(in: .english) }

    /// The sentence a clerk reads, in `language`, runs of 16 or more digits masked.
    public func description(in language: Language) -> String {
        PersonalData.maskDigitRuns(sentence(in: language))
    }

    private func sentence(in language: Language) -> String {
        let (message, arguments) = message(in: language)
        return message.text(in: language, arguments)
    }

    /// The sentence's skeleton in both languages and its parts rendered for `language`.
    func message(in language: Language) -> (Localized, [String: String]) {
        switch self {
        case .invalid(let field, let value, let reason), .conflict(let field, let value, let reason):
            (Localized(en: "{field}: {value} {reason}", id: "{field}: {value} {reason}"),
             ["field": field, "value": quoted(value), "reason": reason.text(in: language)])
        case .identityMismatch(let field, let nikSays, let recorded):
            (Localized(en: "{field}: the NIK says {nik} but the record says {recorded}",
                       id: "{field}: menurut NIK {nik} tetapi menurut data {recorded}"),
             ["field": field, "nik": nikSays, "recorded": recorded])
        case .notFound(let field, let value):
            (Localized(en: "{field}: nothing is registered under {value}", id: "{field}: tidak ada yang terdaftar dengan {value}"),
             ["field": field, "value": quoted(value)])
        case .duplicate(let field, let value, let existing):
            (Localized(en: "{field}: {value} is already registered, to {existing}", id: "{field}: {value} sudah terdaftar, atas {existing}"),
             ["field": field, "value": quoted(value), "existing": existing.text(in: language)])
        case .incomeBelowFloor(let declared, let floor, _, let minimumDues):
            // Not the dues the income would give: rounded to the rupiah they can look equal to
            // the minimum (Rp999.999 gives Rp16.800 too), which reads as a contradiction.
            (Localized(en: "declared_income: declared income {declared} is below the {floor} floor for informal workers"
                           + " (the minimum monthly dues, {minimum}, are those of the floor)",
                       id: "declared_income: penghasilan yang dilaporkan {declared} di bawah batas bawah {floor} untuk pekerja bukan"
                           + " penerima upah (iuran bulanan terendah, {minimum}, dihitung dari batas bawah itu)"),
             ["declared": declared.description, "floor": floor.description, "minimum": minimumDues.description])
        case .programNotAllowed(let program, let segment, let reason):
            (Localized(en: "programs: {program} is not allowed for {segment}: {reason}",
                       id: "programs: {program} tidak dibolehkan bagi {segment}: {reason}"),
             ["program": program.description, "segment": segment.name(in: language), "reason": reason.text(in: language)])
        case .programMissing(let program, let segment, let reason):
            (Localized(en: "programs: {program} is required for {segment}: {reason}",
                       id: "programs: {program} wajib bagi {segment}: {reason}"),
             ["program": program.description, "segment": segment.name(in: language), "reason": reason.text(in: language)])
        case .noRuleInForce(let rule, let date):
            (Localized(en: "{rule}: no rule is in force on {date}; add one to the rule tables by a migration",
                       id: "{rule}: tidak ada aturan yang berlaku pada {date}; tambahkan ke tabel aturan lewat migrasi"),
             ["rule": rule, "date": date])
        case .amountMismatch(let field, let given, let expected, let reason):
            (Localized(en: "{field}: {given} does not match the {expected} {reason}",
                       id: "{field}: {given} tidak sama dengan {expected} yang {reason}"),
             ["field": field, "given": given.description, "expected": expected.description, "reason": reason.text(in: language)])
        }
    }

    /// Every sentence skeleton, for the catalogue tests (each with the parts it is filled with).
    static var skeletons: [RegistryError] {
        [.invalid(field: "f", value: "v", reason: .isEmpty), .identityMismatch(field: "f", nikSays: "n", recorded: "r"),
         .notFound(field: "f", value: "v"), .duplicate(field: "f", value: "v", existing: .record("e")),
         .incomeBelowFloor(declared: 1, floor: 2, dues: 3, minimumDues: 4),
         .programNotAllowed(program: .jkp, segment: .informal, reason: .isEmpty),
         .programMissing(program: .jkm, segment: .informal, reason: .isEmpty), .noRuleInForce(rule: "r", date: "d"),
         .conflict(field: "f", value: "v", reason: .isEmpty), .amountMismatch(field: "f", given: 1, expected: 2, reason: .isEmpty)]
    }

    private func quoted(_ value: String) -> String { "'\(value)'" }
}
