import SQLiteDB

/// A membership's standing on a date, derived from the facts (membership dates, due dates,
/// payments); never stored, so it needs no batch job, and the same facts give the same answer
/// however and whenever they were entered.
public struct MembershipStatus: Sendable, Hashable {
    public enum State: String, Sendable, Hashable, Codable, CaseIterable, DatabaseValueConvertible {
        /// The membership starts after the date.
        case notStarted = "not_started"
        /// Every month due before the date is paid (or none is due yet).
        case active
        /// 1 to 3 consecutive unpaid months (the lapse limit is data: `arrears_lapse_months`).
        case inArrears = "in_arrears"
        /// More consecutive unpaid months than the limit; open until someone ends it.
        case lapsed
        /// The membership ended before the date.
        case ended

        /// Counts as a participant for coverage: started and not ended (active, in arrears or
        /// lapsed), as in the view `worker_participation`.
        public var isParticipating: Bool { self == .active || self == .inArrears || self == .lapsed }
    }

    public let membership: Membership.ID
    public let worker: Worker.ID
    public let segment: Segment
    public let startDate: CalendarDate
    public let endDate: CalendarDate?
    /// The date the status is evaluated at (valid time).
    public let date: CalendarDate
    /// The day whose records the answer reads (recorded time); nil: everything recorded when
    /// it was asked.
    public let knownOn: CalendarDate?
    public let state: State
    /// Owed months since the latest settled due month: the run behind in arrears and lapsed.
    public let unpaidMonths: Int
    /// The latest due month that is paid.
    public let lastPaidMonth: ContributionMonth?
    /// What is owed on the date, older months before the last paid one included; nil when
    /// nothing is.
    public let owed: Owed?

    /// The months owed on a date and their amount.
    public struct Owed: Sendable, Hashable {
        /// Owed months that were billed.
        public let billedMonths: Int
        /// Owed months no billing run has billed yet (wage earners and informal workers).
        public let unbilledMonths: Int
        public let firstMonth: ContributionMonth
        public let lastMonth: ContributionMonth
        /// Σ (due − paid) over the billed months, plus ``unbilledAmount``.
        public let amount: Rupiah
        /// Each unbilled month priced by the rules of its month (a month no rule prices adds
        /// nothing).
        public let unbilledAmount: Rupiah

        init(_ owed: MembershipTimeline.Owed) {
            billedMonths = owed.overdueBills
            unbilledMonths = owed.unbilledMonths
            firstMonth = ContributionMonth(owed.firstUnpaidMonth)!
            lastMonth = ContributionMonth(owed.lastUnpaidMonth)!
            amount = Rupiah(owed.amount + owed.unbilledAmount)
            unbilledAmount = Rupiah(owed.unbilledAmount)
        }
    }
}

extension RegistrySession {
    /// The status of a membership at the end of `date`, from everything the register holds
    /// now: valid time. A month is due from its due date and a payment counts from the day it
    /// was made (`paid_at`, a Jakarta day), however late either was typed in, so history
    /// entered today by a migration script shows the arrears it had. A month of a wage earner
    /// or informal worker is owed from its due date whether or not a billing run billed it.
    /// The definition is the header of `Migrations/0022_valid_time.sql` (view
    /// `membership_status`).
    public func status(of id: Membership.ID, on date: CalendarDate) throws -> MembershipStatus {
        try status(of: id, on: date, context: try StandingContext(self))
    }

    /// The status of a membership at the end of `date`, as the register said it on `knownOn`:
    /// recorded time, what an audit asks. Only ledger rows recorded (`recorded_at`) by the end
    /// of the Jakarta day `knownOn` count; among them, the answer is in valid time as
    /// ``status(of:on:)``'s. `status(of: m, on: d, asKnownOn: d)` is what a clerk saw on day d.
    ///
    /// Memberships are read as they are now (their dates are not versioned; the audit log
    /// `audit_events` holds their changes). A membership registered after `knownOn` was not in
    /// the register that day: it throws `notFound`, as an unknown one does.
    public func status(of id: Membership.ID, on date: CalendarDate, asKnownOn knownOn: CalendarDate) throws -> MembershipStatus {
        try status(of: id, on: date, context: try StandingContext(self, knownOn: knownOn))
    }

    /// The status of each of a worker's memberships on `date`, oldest first: valid time, as
    /// ``status(of:on:)``, or with `knownOn` as the register said it that day, as
    /// ``status(of:on:asKnownOn:)`` (leaving out the memberships registered after `knownOn`).
    public func statuses(ofWorker worker: Worker.ID, on date: CalendarDate, asKnownOn knownOn: CalendarDate? = nil) throws -> [MembershipStatus] {
        let context = try StandingContext(self, knownOn: knownOn)
        return try db.fetchValues(Membership.ID.self, """
            SELECT id FROM memberships WHERE worker_id = ? AND registered_at < ? ORDER BY start_date, id
            """, worker, context.recordedBefore)
            .map { try status(of: $0, on: date, context: context) }
    }

    func status(of id: Membership.ID, on date: CalendarDate, context: StandingContext) throws -> MembershipStatus {
        // A month after the date's is due after it (no due date precedes its month's first day).
        guard let ledger = try membershipLedger(of: id.rawValue, from: SettledHorizon.none.month, context: context,
                                                through: ContributionMonth(containing: date)) else {
            throw RegistryError.notFound(field: "membership_id", value: id.description)
        }
        let (standing, lastPaid) = ledger.timeline.evaluate(on: date.dayNumber)
        return MembershipStatus(
            membership: id, worker: Worker.ID(ledger.owner.worker), segment: ledger.segment,
            startDate: CalendarDate(dayNumber: ledger.timeline.start), endDate: ledger.timeline.end.map(CalendarDate.init(dayNumber:)),
            date: date, knownOn: context.knownOn, state: standing.state,
            unpaidMonths: standing.unpaidMonths, lastPaidMonth: lastPaid.flatMap(ContributionMonth.init),
            owed: standing.owed.map(MembershipStatus.Owed.init))
    }
}

