/// Something wrong in a stored registry, found by ``RegistrySession/consistencyProblems(on:)``.
///
/// The schema's constraints and triggers refuse most bad rows on the way in; these are what
/// they cannot see row by row: a damaged file, a foreign key written while enforcement was
/// off, money allocated twice, a bill whose lines no longer follow the rules of its month.
public struct ConsistencyProblem: Sendable, Hashable, CustomStringConvertible {
    public enum Check: String, Sendable, Hashable, CaseIterable {
        /// `PRAGMA integrity_check`: the file's b-trees and indexes.
        case integrity
        /// `PRAGMA foreign_key_check`: a reference to a missing row.
        case foreignKeys = "foreign_keys"
        /// A payment allocated more than its amount.
        case paymentAllocation = "payment_allocation"
        /// A payment whose running total in `payment_allocation_totals` differs from the sum of
        /// its allocations: the totals were edited by hand, and the over-allocation check that
        /// reads them can no longer be trusted.
        case allocationTotals = "allocation_totals"
        /// A bill allocated more than it bills.
        case billOverpaid = "bill_overpaid"
        /// A bill whose dues lines or due date differ from the rules in force for its month.
        case billPricing = "bill_pricing"
        /// An open membership without a program its segment requires at the date.
        case requiredPrograms = "required_programs"
        /// A worker whose NIK contradicts the birth date, the sex or the region table.
        case workerIdentity = "worker_identity"
        /// A membership whose status spans in the report tables differ from its ledger: the
        /// standing tables were edited by hand.
        case standing
        /// A row of `standing_horizons` that says a month is settled when one of its bills is
        /// not, or settled since a day before one of its rows was recorded: the refresh would
        /// leave that bill out of the membership's status.
        case standingHorizons = "standing_horizons"
    }

    public var check: Check
    /// What is wrong: `payment 17 (receipt BPU-2025-0001)`, `bill 412 (membership 88, 2025-03)`.
    public var subject: String
    public var detail: String

    public init(check: Check, subject: String, detail: String) {
        self.check = check
        self.subject = subject
        self.detail = detail
    }

    public var description: String { "\(check.rawValue): \(subject): \(detail)" }
}
