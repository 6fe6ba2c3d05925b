import SQLiteDB

/// Keeping the standing tables of `0011_standing.sql` in step with the ledger.
extension RegistrySession {
    /// Whether every membership's standing reflects the ledger: false after SQL written by
    /// hand changed the ledger, a membership or a residence since the library last wrote.
    public func isStandingCurrent() throws -> Bool {
        try db.fetchValue(Bool.self, "SELECT NOT EXISTS (SELECT 1 FROM standing_stale)") ?? true
    }

    /// Recomputes the standing of every membership listed in `standing_stale` (from the day
    /// its ledger changed, when that is all that changed; with `all`, every membership whole),
    /// and the coverage of their workers, in one savepoint; returns how many memberships it read.
    ///
    /// ``Registry/write(actor:_:)-93aoq`` calls this before every commit, so library users never need
    /// to; after SQL typed by hand, call it (or `registry refresh`) before reading reports.
    /// `all` repairs standing tables that were themselves edited by hand, which no trigger sees
    /// (``consistencyProblems(on:)`` finds them).
    @discardableResult
    public func refreshStanding(all: Bool = false) throws -> Int {
        try refreshStanding(all: all, chunk: Self.standingRefreshChunk)
    }

    /// Stale memberships recomputed per chunk. The list of stale ids, the set of their workers
    /// and the summed changes are held for one chunk at a time, so the memory of the refresh
    /// that ends an import does not grow with the file (it did: 138 MiB of peak RSS for a
    /// million members imported at once, 285 MiB for five million, most of it those two
    /// collections). A worker whose memberships fall in two chunks is recomputed twice; the
    /// second time from the first's result, which gives the same final tables.
    static let standingRefreshChunk = 20_000

    func refreshStanding(all: Bool, chunk: Int) throws -> Int {
        if all {
            try db.execute("""
                INSERT INTO standing_stale (membership_id) SELECT id FROM memberships WHERE true
                ON CONFLICT DO UPDATE SET since = NULL, from_month = NULL
                """)
        }
        guard try !isStandingCurrent() else { return 0 }
        return try db.savepoint {
            let context = try StandingContext(self)
            var refreshed = 0
            while true {
                var stale: [StaleMembership] = []
                try db.forEach("""
                    SELECT s.membership_id, s.since, s.from_month, h.settled_before_month, h.settled_since
                    FROM standing_stale s LEFT JOIN standing_horizons h ON h.membership_id = s.membership_id
                    ORDER BY s.membership_id LIMIT ?
                    """, chunk) { stale.append(try StaleMembership(row: $0)) }
                guard let last = stale.last?.id else { break }
                var changes = StandingChanges()
                var workers = Set<Int64>()
                for membership in stale {
                    try refreshMembership(membership, context: context, changes: &changes, workers: &workers)
                }
                for worker in workers.sorted() {
                    try refreshCoverage(ofWorker: worker, changes: &changes)
                }
                try changes.write(to: db)
                try db.execute("DELETE FROM standing_stale WHERE membership_id <= ?", last)
                refreshed += stale.count
            }
            return refreshed
        }
    }

    /// The memberships whose stored standing differs from what their ledger says, leaving out
    /// those already listed stale (the next refresh recomputes them anyway). Reads only.
    func membershipsWithWrongStanding() throws -> [Int64] {
        let context = try StandingContext(self)
        let ids = try db.fetchValues(Int64.self, """
            SELECT id FROM memberships WHERE id NOT IN (SELECT membership_id FROM standing_stale) ORDER BY id
            """)
        let projectLedger = try hasProjectLedger()
        return try ids.filter { try storedSpans(of: $0) != computedSpans(of: $0, context: context, projectLedger: projectLedger) }
    }

    /// Throws unless the standing is current: the reports that read it call this first.
    func requireCurrentStanding() throws {
        guard try !isStandingCurrent() else { return }
        guard !db.isReadOnly else {
            let count = try db.fetchValue(Int64.self, "SELECT count(*) FROM standing_stale") ?? 0
            throw RegistryError.conflict(
                field: RegistryError.staleStandingField, value: String(count),
                reason: .standingStale)
        }
        try refreshStanding()
    }

    func loadLapseRules() throws -> [LapseRule] {
        var rules: [LapseRule] = []
        try db.forEach("""
            SELECT effective_from, effective_to, value FROM scheme_parameters
            WHERE code = 'arrears_lapse_months' ORDER BY effective_from
            """) { row in
            rules.append(LapseRule(
                from: try StoredDay.day(try row.get(0), field: "scheme_parameters.effective_from"),
                to: try row.get(1, as: String?.self).map { try StoredDay.day($0, field: "scheme_parameters.effective_to") },
                months: try row.get(2)))
        }
        return rules
    }

    /// Recomputes one worker's coverage spans (all memberships, and per segment) from their
    /// memberships' stored spans, replacing the old ones and their counts.
    private func refreshCoverage(ofWorker worker: Int64, changes: inout StandingChanges) throws {
        let regency = try db.fetchValue(String.self, "SELECT substr(village_code, 1, 5) FROM workers WHERE id = ?", worker)
        var statesBySegment: [String: [DaySpan<MembershipStatus.State>]] = [:]
        // Through the worker's memberships: each one's spans are then one range of the spans'
        // primary key, where the index on worker_id costs a lookup per span.
        try db.forEach("""
            SELECT s.segment_code, s.from_date, s.until_date, s.status
            FROM memberships m JOIN membership_status_spans s ON s.membership_id = m.id
            WHERE m.worker_id = ?
            """, worker) { row in
            let span = DaySpan<MembershipStatus.State>(
                from: try StoredDay.day(try row.get(1), field: "membership_status_spans.from_date"),
                until: try StoredDay.day(try row.get(2), field: "membership_status_spans.until_date"),
                value: try row.get(3))
            statesBySegment[try row.get(0), default: []].append(span)
        }
        var new: [String: CoverageTimeline] = [:]
        if regency != nil, !statesBySegment.isEmpty {
            new[Self.allSegments] = CoverageTimeline(memberships: statesBySegment.values.flatMap { $0 })
            for (segment, spans) in statesBySegment {
                new[segment] = CoverageTimeline(memberships: spans)
            }
            new = new.filter { !$0.value.participant.isEmpty || !$0.value.active.isEmpty }
        }
        let old = try storedCoverage(ofWorker: worker)
        guard old.regency != regency || old.timelines != new else { return }
        if let oldRegency = old.regency {
            for (segment, timeline) in old.timelines {
                changes.count(timeline, segment: segment, regency: oldRegency, sign: -1)
            }
        }
        if let regency {
            for (segment, timeline) in new { changes.count(timeline, segment: segment, regency: regency, sign: 1) }
        }
        // Only the rows that differ are written: a month usually moves the last span or two of
        // a history that grows every month.
        let oldRows = CoverageRow.rows(of: old.timelines, regency: old.regency)
        let newRows = CoverageRow.rows(of: new, regency: regency)
        for row in oldRows.subtracting(newRows) {
            try db.execute("""
                DELETE FROM worker_coverage_spans WHERE worker_id = ? AND segment_code = ? AND kind = ? AND from_date = ?
                """, worker, row.segment, row.kind, StoredDay.text(row.span.from))
        }
        for row in newRows.subtracting(oldRows) {
            try db.execute("""
                INSERT INTO worker_coverage_spans
                    (worker_id, segment_code, kind, from_date, until_date, previous_until, regency_code)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, worker, row.segment, row.kind, StoredDay.text(row.span.from), StoredDay.text(row.span.until),
                row.previousUntil.map(StoredDay.text), row.regency)
        }
    }

    /// The scope of coverage spans counting each worker once across segments.
    static let allSegments = "all"

    private func storedCoverage(ofWorker worker: Int64) throws -> (regency: String?, timelines: [String: CoverageTimeline]) {
        var regency: String?
        var timelines: [String: CoverageTimeline] = [:]
        try db.forEach("""
            SELECT segment_code, kind, from_date, until_date, previous_until, regency_code
            FROM worker_coverage_spans WHERE worker_id = ? ORDER BY segment_code, kind, from_date
            """, worker) { row in
            let segment: String = try row.get(0)
            let span = DaySpan(
                from: try StoredDay.day(try row.get(2), field: "worker_coverage_spans.from_date"),
                until: try StoredDay.day(try row.get(3), field: "worker_coverage_spans.until_date"),
                value: true)
            regency = try row.get(5)
            var timeline = timelines[segment] ?? CoverageTimeline()
            if try row.get(1, as: String.self) == "participant" {
                let previous = try row.get(4, as: String?.self).map { try StoredDay.day($0, field: "worker_coverage_spans.previous_until") }
                timeline.participant.append(.init(span: span, previousUntil: previous))
            } else {
                timeline.active.append(span)
            }
            timelines[segment] = timeline
        }
        return (regency, timelines)
    }
}

extension RegistryError {
    /// The field of the error a report throws on a read-only connection when the standing
    /// tables are out of date.
    static let staleStandingField = "standing_stale"

    /// Whether this is that error, which ``Registry/read(_:)`` answers by refreshing.
    var isStaleStanding: Bool {
        if case .conflict(let field, _, _) = self { field == Self.staleStandingField } else { false }
    }
}

/// A row of `worker_coverage_spans` for one worker.
private struct CoverageRow: Hashable {
    var segment: String
    var kind: String
    var span: DaySpan<Bool>
    var previousUntil: Int?
    var regency: String

    static func rows(of timelines: [String: CoverageTimeline], regency: String?) -> Set<CoverageRow> {
        guard let regency else { return [] }
        var rows = Set<CoverageRow>()
        for (segment, timeline) in timelines {
            for participation in timeline.participant {
                rows.insert(CoverageRow(segment: segment, kind: "participant", span: participation.span,
                                        previousUntil: participation.previousUntil, regency: regency))
            }
            for span in timeline.active {
                rows.insert(CoverageRow(segment: segment, kind: "active", span: span, previousUntil: nil, regency: regency))
            }
        }
        return rows
    }
}
