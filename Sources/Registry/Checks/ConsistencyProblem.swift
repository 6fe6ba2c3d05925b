/// Something wrong in a stored registry, found by ``RegistrySession/consistencyProblems(on:)``.
///
/// The schema's constraints and triggers refuse most bad rows on the way in; these are what
/// they cannot see row by row, or what SQL typed by hand gets past them: a damaged file, a
/// foreign key written while enforcement was off, a dropped trigger, an edited rule, money
/// allocated twice or to nothing, a bill whose lines no longer follow the rules of its month.
///
/// The cases are in the order the checks run and `registry check` lists them.
public struct ConsistencyProblem: Sendable, Hashable, CustomStringConvertible {
    public enum Check: String, Sendable, Hashable, CaseIterable {
        /// `PRAGMA integrity_check`: the file's b-trees and indexes.
        case integrity
        /// `PRAGMA foreign_key_check`: a reference to a missing row.
        case foreignKeys = "foreign_keys"
        /// A table, index, trigger or view missing, added or altered against what the
        /// migrations the database records create (a dropped trigger no longer refuses
        /// anything), or a migration not applied.
        case schema
        /// A row of a rule or code table (rates, caps, bands, the segment × program matrix,
        /// segments, payers…) edited, deleted or added against what the migrations insert:
        /// rules only ever come from migrations, and an edited one reprices or re-rates the past.
        case ruleRows = "rule_rows"
        /// A payment allocated more than its amount.
        case paymentAllocation = "payment_allocation"
        /// A payment (not a reversal, and not reversed) whose amount is not all allocated to
        /// bills: the library allocates every payment whole, so the rest settles nothing.
        case unallocatedPayment = "unallocated_payment"
        /// A payment whose running total in `payment_allocation_totals` differs from the sum of
        /// its allocations: the totals were edited by hand, and the over-allocation check that
        /// reads them can no longer be trusted. Since 0030 only payments not made by the member
        /// (`payer_code` other than `self`: employers, sponsors) keep a total. On an extract, a
        /// payment it holds only part of adds what it allocated at the centre
        /// (`sync_extract_partial_payments`, as do the two checks above); a row of that table in
        /// a register that is not an extract is listed here too.
        case allocationTotals = "allocation_totals"
        /// An allocation's reversal (`reversal` 1, since 0027) whose allocation is missing or is
        /// not exactly the negated amount: a bill counted paid or unpaid by a row that reverses
        /// nothing. The insert trigger refuses both; only SQL typed with it dropped leaves one.
        case allocationReversal = "allocation_reversal"
        /// A bill (a membership's, or a construction project's) allocated more than it bills.
        case billOverpaid = "bill_overpaid"
        /// A bill that still owes something (its lines do not sum to 0) for a month outside its
        /// membership's period: the dates were moved after it was billed.
        case billPeriod = "bill_period"
        /// A bill line reversed more than once, or a reversal (a `bill_adjustments` row with
        /// `reverses_id`) that names no line of its own bill with the same program, payer and
        /// kind and the negated amount: what `bill_adjustments_check_on_insert` and the partial
        /// unique index on `reverses_id` refuse, so one of them was dropped.
        case billReversals = "bill_reversals"
        /// A bill whose dues lines or due date differ from the rules in force for its month; a
        /// construction project's bill whose lines, month or due date differ from what its
        /// contract value, start and work order give.
        case billPricing = "bill_pricing"
        /// An informal (BPU) membership whose declared income is below the floor in force at
        /// its start, or that starts when no floor is in force.
        case incomeFloor = "income_floor"
        /// An open membership without a program its segment requires at the date.
        case requiredPrograms = "required_programs"
        /// A worker whose NIK contradicts the birth date, the sex or the region table.
        case workerIdentity = "worker_identity"
        /// A worker whose KPJ card number fails its check digit: the registry issues, and
        /// accepts, only numbers that pass it.
        case kpj
        /// A membership whose status spans in the report tables differ from its ledger: the
        /// standing tables were edited by hand.
        case standing
        /// A row of `standing_horizons` that says a month is settled when one of its bills is
        /// not, or settled since a day before one of its rows was recorded: the refresh would
        /// leave that bill out of the membership's status.
        case standingHorizons = "standing_horizons"
        /// A row of `dues_received` (what the dues targets sum: allocations per segment, regency
        /// and Jakarta day paid, construction projects' included) that differs from the
        /// allocations it sums: the table was edited by hand, or a trigger keeping it dropped.
        case duesReceived = "dues_received"
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
