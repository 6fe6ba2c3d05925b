/// A change from an extract that the centre did not take, and why: a line of the push's
/// reject report. Values and reasons are masked (no full NIK).
public struct SyncReject: Sendable, Hashable {
    /// The table of the row.
    public let table: String
    /// The row's id in the extract (for a row keyed by its parents, the first key column).
    public let localID: Int64
    /// The column at fault, when one is; empty for a rule about the whole row.
    public let column: String
    public let value: String
    /// Why, typed, so that ``reason(in:)`` can say it in either ``Language``.
    public let why: RegistryError.Reason

    /// Why the row was refused, in English, masked.
    public var reason: String { reason(in: .english) }

    /// Why the row was refused, in `language`, masked: SQLite's own message quoted in an
    /// `alreadyCentral` reason and a check's detail in a `pricedOtherwise` one stay English.
    public func reason(in language: Language) -> String {
        PersonalData.maskDigitRuns(why.text(in: language))
    }

    init(table: String, localID: Int64, column: String = "", value: String = "", reason: RegistryError.Reason) {
        self.table = table
        self.localID = localID
        self.column = column
        self.value = PersonalData.maskDigitRuns(value)
        self.why = reason
    }
}

/// What a push did.
public struct PushOutcome: Sendable, Hashable {
    /// The SHA-256 of the extract's changeset: pushing the same changeset again does nothing.
    public let changesetSHA256: String
    /// This changeset had been applied before; nothing was done now.
    public let alreadyApplied: Bool
    /// Rows inserted, updated and deleted centrally.
    public let applied: Int
    /// Rows made offline that an earlier push of the same extract had already stored.
    public let alreadyStored: Int
    /// Workers made offline whose card number (KPJ) was taken centrally and who got a new one.
    public let cardsReissued: Int
    public let rejects: [SyncReject]
}
