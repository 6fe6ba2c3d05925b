import SQLiteDB

/// Where a membership stands at a date, derived from the dues ledger as it stood then (never
/// stored: see ``MembershipStatusSQL``).
public enum MembershipState: String, Sendable, Hashable, CaseIterable, Codable, DatabaseValueConvertible {
    /// Starts after the date.
    case notStarted = "not_started"
    /// Every overdue bill since the last settled one is paid (or none is due yet).
    case active
    /// 1 to `arrears_lapse_months` (3) overdue bills unpaid since the last settled one.
    case inArrears = "in_arrears"
    /// More unpaid months than the threshold: open until someone ends it, but not protected.
    case lapsed
    /// Its end date is before the date.
    case ended

    /// Counts as a participant for coverage: started, not ended (active, in arrears or lapsed),
    /// as in the view `worker_participation`.
    public var isParticipating: Bool { self == .active || self == .inArrears || self == .lapsed }
}
