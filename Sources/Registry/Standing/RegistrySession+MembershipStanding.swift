import SQLiteDB

/// One membership's rows of `membership_status_spans` and `standing_horizons`, recomputed from
/// its ledger: whole, or (the usual case, 0014) only from the day its ledger changed and only
/// from the bills its horizon has not yet passed, so a month of billing and payments costs the
/// same in the tenth year of a register as in the first.
extension RegistrySession {
    /// Recomputes one stale membership, writing only the spans that differ, and adds what moved
    /// to `changes` and the workers whose coverage must follow to `coverage`.
    func refreshMembership(
        _ stale: StaleMembership, context: StandingContext, changes: inout StandingChanges, coverage: inout CoverageWork
    ) throws {
        let id = stale.id, horizon = stale.horizon
        if let change = stale.change, change.fromMonth >= horizon.month, change.since >= horizon.since,
           let stored = try storedSpans(of: id),
           let ledger = try membershipLedger(of: id, from: horizon.month, context: context),
           ledger.owner == stored.owner {
            // What the change may replace: the span holding the day before `since`, and those
            // after it. The spans before it are read too, so that the membership's whole
            // timeline is at hand for its worker's coverage.
            let first = stored.spans.lastIndex { $0.from < change.since } ?? 0
            let old = StoredSpans(spans: Array(stored.spans[first...]), owner: stored.owner)
            let new = StoredSpans(spans: ledger.timeline.spans(from: change.since, continuing: old.spans[0]), owner: old.owner)
            if try replace(old, with: new, of: id, changes: &changes) {
                if ledger.workerMemberships == 1 {
                    coverage.moves[ledger.owner.worker] = CoverageMove(owner: ledger.owner, spans: stored.spans[..<first] + new.spans)
                } else {
                    coverage.workers.insert(ledger.owner.worker)
                }
            }
            try store(ledger.advancedHorizon(horizon), replacing: horizon, of: id)
            return
        }
        let ledger = try membershipLedger(of: id, from: SettledHorizon.none.month, context: context)
        let old = try storedSpans(of: id), new = ledger?.spans
        if try replace(old, with: new, of: id, changes: &changes) {
            if let old { coverage.workers.insert(old.owner.worker) }
            if let new { coverage.workers.insert(new.owner.worker) }
        }
        try store(ledger?.advancedHorizon(.none) ?? .none, replacing: horizon, of: id)
    }

    /// The membership's timeline from its whole ledger; nil when the membership no longer exists.
    /// `projectLedger` false reads a register from before 0020, which has no project bills.
    func computedSpans(of id: Int64, context: StandingContext, projectLedger: Bool = true) throws -> StoredSpans? {
        try membershipLedger(of: id, from: SettledHorizon.none.month, context: context, projectLedger: projectLedger)?.spans
    }

    /// What the membership's timeline is computed from: its dates and owner, its bills of
    /// `month` and later (for a construction membership, its project's bills among them), and
    /// its unbilled months, priced; nil when the membership no longer exists, or was registered
    /// at or after `context.recordedBefore` (the register did not hold it yet). Only rows
    /// recorded before that instant are read (everything, unless an audit asks otherwise).
    /// `through`: the status is asked about that month's days only, so later unbilled months,
    /// not yet due, are left unpriced (the spans, which run into the future, need them all).
    func membershipLedger(
        of id: Int64, from month: String, context: StandingContext, projectLedger: Bool = true,
        through lastMonth: ContributionMonth? = nil
    ) throws -> MembershipLedger? {
        // The membership with what pricing its unbilled months needs (``BillingSubject``'s
        // columns, under its names) in one read.
        guard let row = try db.fetchOne("""
            SELECT m.worker_id, m.segment_code, m.start_date, m.end_date, substr(w.village_code, 1, 5),
                   m.construction_project_id,
                   (SELECT count(*) FROM memberships o WHERE o.worker_id = m.worker_id) AS worker_memberships,
                   m.id, m.payer_code, m.declared_income, e.jkk_risk_group,
                   coalesce(e.labour_intensive, 0) AS labour_intensive,
                   (SELECT group_concat(program_code) FROM membership_programs WHERE membership_id = m.id) AS programs
            FROM memberships m JOIN workers w ON w.id = m.worker_id LEFT JOIN employers e ON e.id = m.employer_id
            WHERE m.id = ? AND m.registered_at < ?
            """, id, context.recordedBefore) else { return nil }
        let segment = try row.get(1, as: Segment.self)
        let start = try StoredDay.day(try row.get(2), field: "memberships.start_date")
        let startDate = CalendarDate(dayNumber: start)
        var bills: [Int64: MembershipTimeline.BillRecord] = [:]
        // A bill's dues columns are recorded with it (its row, kind 2, carries their sum). The
        // ledger stamps its rows in milliseconds (0026, 0027): ?3 is the cut-off in milliseconds.
        // Bills store no due date (0028): the context's due-day rules date them.
        try collectBills(into: &bills, key: { $0 }, due: { row in
            segment.billedDueDate(for: try row.get(1), start: startDate, rules: context.dueDays).dayNumber
        }, """
            SELECT b.id, b.contribution_month, NULL, 0, l.amount, NULL
            FROM bills b JOIN bill_adjustments l ON l.bill_id = b.id
            WHERE b.membership_id = ?1 AND b.contribution_month >= ?2 AND b.recorded_at < ?3 AND l.recorded_at < ?3
            UNION ALL
            SELECT b.id, b.contribution_month, NULL, 1, a.amount, date(p.paid_at / 1000, 'unixepoch', '+7 hours')
            FROM bills b JOIN payment_allocations a ON a.bill_id = b.id JOIN payments p ON p.id = a.payment_id
            WHERE b.membership_id = ?1 AND b.contribution_month >= ?2 AND b.recorded_at < ?3 AND a.recorded_at < ?3
            UNION ALL
            SELECT b.id, b.contribution_month, NULL, 2, \(DuesColumn.sumSQL), NULL
            FROM bills b WHERE b.membership_id = ?1 AND b.contribution_month >= ?2 AND b.recorded_at < ?3
            """, id, month, context.recordedBeforeMilliseconds)
        if projectLedger, let project = try row.get(5, as: Int64?.self) {
            // Keyed below zero: bill ids and project bill ids are counted apart. Project bills
            // and their allocations keep their text timestamps (?3 is the cut-off as text).
            try collectBills(into: &bills, key: { -$0 }, due: { row in
                try StoredDay.day(try row.get(2), field: "project_bills.due_date")
            }, """
                SELECT b.id, b.contribution_month, b.due_date, 0, l.amount, NULL
                FROM project_bills b JOIN project_bill_lines l ON l.project_bill_id = b.id
                WHERE b.construction_project_id = ?1 AND b.contribution_month >= ?2
                  AND b.recorded_at < ?3 AND l.recorded_at < ?3
                UNION ALL
                SELECT b.id, b.contribution_month, b.due_date, 1, a.amount, date(p.paid_at / 1000, 'unixepoch', '+7 hours')
                FROM project_bills b JOIN project_payment_allocations a ON a.project_bill_id = b.id
                JOIN payments p ON p.id = a.payment_id
                WHERE b.construction_project_id = ?1 AND b.contribution_month >= ?2
                  AND b.recorded_at < ?3 AND a.recorded_at < ?3
                UNION ALL
                SELECT b.id, b.contribution_month, b.due_date, 2, 0, NULL
                FROM project_bills b
                WHERE b.construction_project_id = ?1 AND b.contribution_month >= ?2 AND b.recorded_at < ?3
                """, project, month, context.recordedBefore)
        }
        let end = try row.get(3, as: String?.self).map { try StoredDay.day($0, field: "memberships.end_date") }
        let sortedBills = bills.values.sorted { $0.month < $1.month }
        // Months before the ledger's first month, and before the horizon, are settled.
        let settledBefore = [ContributionMonth(month), context.ledgerOpening].compactMap { $0 }.max()
        let startMonth = ContributionMonth(containing: CalendarDate(dayNumber: start))
        let firstOwed = max(startMonth, context.ledgerOpening ?? startMonth)
        var unbilled: [MembershipTimeline.UnbilledMonth] = []
        if segment.accruesUnbilledMonths {
            let first = max(startMonth, settledBefore ?? startMonth)
            let range = MembershipTimeline.unbilledRange(
                first: first, end: end, billedMonths: sortedBills.map(\.month), lapseRules: context.lapseRules)
                .filter { month in lastMonth.map { month <= $0 } ?? true }
            if !range.isEmpty {
                let subject = try BillingSubject(row: row)
                unbilled = try range.map { try context.unbilledMonth($0, of: subject, in: self) }
            }
        }
        return MembershipLedger(
            owner: SpanOwner(worker: try row.get(0), segment: segment.rawValue, regency: try row.get(4)),
            timeline: MembershipTimeline(
                start: start, end: end, bills: sortedBills, unbilled: unbilled,
                settledBefore: settledBefore, lapseRules: context.lapseRules),
            segment: segment, firstOwedMonth: firstOwed, workerMemberships: try row.get(6))
    }

    /// Adds the rows of `sql` (bill id, month, due date or NULL, 0 for a line, 1 for an
    /// allocation or 2 for the bill itself with the sum of its dues columns, amount, the Jakarta
    /// day paid) to `bills`, under `key(bill id)`; `due(row)` is the bill's due day.
    private func collectBills<each Cutoff: DatabaseValueConvertible>(
        into bills: inout [Int64: MembershipTimeline.BillRecord], key: (Int64) -> Int64,
        due: (CursorRow) throws -> Int,
        _ sql: String, _ owner: Int64, _ month: String, _ recordedBefore: repeat each Cutoff
    ) throws {
        try db.forEach(sql, owner, month, repeat each recordedBefore) { row in
            let billID = key(try row.get(0))
            if bills[billID] == nil {
                bills[billID] = MembershipTimeline.BillRecord(month: try row.get(1), due: try due(row))
            }
            switch try row.get(3, as: Int64.self) {
            case 0, 2: bills[billID]!.amountDue += try row.get(4, as: Int64.self)   // a bill without lines owes 0
            case 1: bills[billID]!.allocations.append(MembershipTimeline.Allocation(
                amount: try row.get(4), paidOn: try StoredDay.day(try row.get(5), field: "payments.paid_at")))
            default: break
            }
        }
    }

    /// Replaces the stored spans from the first one that differs, counting what left and what
    /// came in. `old` and `new` are both whole timelines, or both the spans from one day on.
    /// Returns whether the worker's coverage can have moved, so that it is recomputed only
    /// then: most months change what a membership owes, not whether it participates or is active.
    private func replace(
        _ old: StoredSpans?, with new: StoredSpans?, of id: Int64, changes: inout StandingChanges
    ) throws -> Bool {
        guard old != new else { return false }
        var kept = 0
        let coverageMoved: Bool
        if let old, let new, old.owner == new.owner {
            while kept < min(old.spans.count, new.spans.count), old.spans[kept] == new.spans[kept] { kept += 1 }
            coverageMoved = CoverageDay.runs(old.spans[kept...]) != CoverageDay.runs(new.spans[kept...])
        } else {
            coverageMoved = true
        }
        if let old, kept < old.spans.count {
            let removed = old.spans[kept...]
            changes.count(removed.map(\.state), segment: old.owner.segment, sign: -1)
            try db.execute("DELETE FROM membership_status_spans WHERE membership_id = ? AND from_date >= ?",
                           id, StoredDay.text(removed.first!.from))
        }
        guard let new, kept < new.spans.count else { return coverageMoved }
        let added = new.spans[kept...]
        changes.count(added.map(\.state), segment: new.owner.segment, sign: 1)
        // One statement for the run of rows: the cache would hash the SQL again for every row.
        let insert = try db.cachedStatement("""
                INSERT INTO membership_status_spans
                    (membership_id, from_date, until_date, status, unpaid_months, owes, overdue_bills, unbilled_months,
                     first_unpaid_month, last_unpaid_month, amount_owed, unbilled_amount, worker_id, segment_code,
                     regency_code)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for span in added {
            let standing = span.value
            try insert.execute(id, StoredDay.text(span.from), StoredDay.text(span.until), standing.state,
                standing.unpaidMonths, standing.owes, standing.owed?.overdueBills ?? 0, standing.owed?.unbilledMonths ?? 0,
                standing.owed?.firstUnpaidMonth, standing.owed?.lastUnpaidMonth, standing.owed?.amount ?? 0,
                standing.owed?.unbilledAmount ?? 0, new.owner.worker, new.owner.segment, new.owner.regency)
        }
        return coverageMoved
    }

    /// Every stored span of the membership; nil when it has none.
    func storedSpans(of id: Int64) throws -> StoredSpans? {
        var stored: StoredSpans?
        try db.forEach("""
            SELECT from_date, until_date, status, worker_id, segment_code, regency_code,
                   unpaid_months, owes, overdue_bills, first_unpaid_month, last_unpaid_month, amount_owed,
                   unbilled_months, unbilled_amount
            FROM membership_status_spans WHERE membership_id = ? ORDER BY from_date
            """, id) { row in
            var standing = MembershipTimeline.Standing(state: try row.get(2), unpaidMonths: try row.get(6))
            if try row.get(7, as: Bool.self) {
                standing.owed = MembershipTimeline.Owed(
                    overdueBills: try row.get(8), unbilledMonths: try row.get(12), firstUnpaidMonth: try row.get(9),
                    lastUnpaidMonth: try row.get(10), amount: try row.get(11), unbilledAmount: try row.get(13))
            }
            let span = DaySpan(
                from: try StoredDay.day(try row.get(0), field: "membership_status_spans.from_date"),
                until: try StoredDay.day(try row.get(1), field: "membership_status_spans.until_date"),
                value: standing)
            if stored == nil {
                stored = StoredSpans(
                    spans: [], owner: SpanOwner(worker: try row.get(3), segment: try row.get(4), regency: try row.get(5)))
            }
            stored!.spans.append(span)
        }
        return stored
    }

    private func store(_ horizon: SettledHorizon, replacing old: SettledHorizon, of id: Int64) throws {
        guard horizon != old else { return }
        guard horizon != .none else {
            try db.execute("DELETE FROM standing_horizons WHERE membership_id = ?", id)
            return
        }
        try db.execute("""
            INSERT INTO standing_horizons (membership_id, settled_before_month, settled_since) VALUES (?, ?, ?)
            ON CONFLICT DO UPDATE SET settled_before_month = excluded.settled_before_month,
                                      settled_since = excluded.settled_since
            """, id, horizon.month, StoredDay.text(horizon.since))
    }
}

/// A row of `standing_stale`: a membership, from when its standing may have changed, and its
/// horizon (read with it, one query per chunk rather than one per membership).
struct StaleMembership {
    var id: Int64
    /// The earliest Jakarta day on which a ledger row added since the last refresh can change
    /// the status (0022's triggers), and the earliest contribution month those rows belong to;
    /// nil to recompute the membership whole.
    var change: (since: Int, fromMonth: String)?
    var horizon = SettledHorizon.none

    /// From `membership_id, since, from_month, settled_before_month, settled_since`.
    init(row: some RowReading) throws {
        id = try row.get(0)
        if let since = try row.get(1, as: String?.self), let month = try row.get(2, as: String?.self) {
            change = (try StoredDay.day(since, field: "standing_stale.since"), month)
        }
        if let month = try row.get(3, as: String?.self), let since = try row.get(4, as: String?.self) {
            horizon = SettledHorizon(month: month, since: try StoredDay.day(since, field: "standing_horizons.settled_since"))
        }
    }
}

/// A row of `standing_horizons`: every bill of a month before `month` is settled on every day
/// from `since` on, so the standing from then on can be computed without reading them.
struct SettledHorizon: Equatable {
    /// `YYYY-MM`; empty when no month is settled yet (every month compares after it).
    var month: String
    var since: Int

    /// No settled month: read every bill.
    static let none = SettledHorizon(month: "", since: DaySpan<Bool>.beginning)
}

/// What a membership's day means for its worker's coverage (``CoverageTimeline``).
private struct CoverageDay: Hashable {
    var participating: Bool
    var active: Bool

    /// The runs of coverage days of consecutive spans.
    static func runs(_ spans: ArraySlice<DaySpan<MembershipTimeline.Standing>>) -> [DaySpan<CoverageDay>] {
        var runs: [DaySpan<CoverageDay>] = []
        for span in spans {
            let day = CoverageDay(participating: span.value.state.isParticipating, active: span.value.state == .active)
            if let last = runs.last, last.value == day, last.until == span.from {
                runs[runs.count - 1].until = span.until
            } else {
                runs.append(DaySpan(from: span.from, until: span.until, value: day))
            }
        }
        return runs
    }
}

/// Whose spans they are: the worker, segment and regency the spans are counted for.
struct SpanOwner: Equatable {
    var worker: Int64
    var segment: String
    var regency: String
}

/// Spans of one membership as stored (all of them, or those from one day on).
struct StoredSpans: Equatable {
    var spans: [DaySpan<MembershipTimeline.Standing>]
    var owner: SpanOwner
}

/// A membership's timeline and whose it is.
struct MembershipLedger {
    var owner: SpanOwner
    var timeline: MembershipTimeline
    var segment: Segment
    /// The start month, or the ledger's first month if later.
    var firstOwedMonth: ContributionMonth
    /// How many memberships the worker holds: with one, the worker's coverage follows from
    /// this membership's spans alone.
    var workerMemberships: Int

    var spans: StoredSpans { StoredSpans(spans: timeline.spans, owner: owner) }

    func advancedHorizon(_ horizon: SettledHorizon) -> SettledHorizon {
        timeline.horizon(advancing: horizon, accruesUnbilled: segment.accruesUnbilledMonths, firstMonth: firstOwedMonth)
    }
}

extension DaySpan where Value == MembershipTimeline.Standing {
    var state: DaySpan<MembershipStatus.State> { DaySpan<MembershipStatus.State>(from: from, until: until, value: value.state) }
}
