import SQLiteDB

/// Keeping `worker_coverage_spans` (and its counts in `participation_changes`) in step with the
/// memberships' status spans.
extension RegistrySession {
    /// Recomputes one worker's coverage spans (all memberships, and per segment) from their
    /// memberships' stored spans, replacing the old ones and their counts.
    func refreshCoverage(ofWorker worker: Int64, changes: inout StandingChanges) throws {
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
        let new = Self.coverage(of: statesBySegment, regency: regency)
        try write(StoredCoverage(regency: regency, timelines: new), replacing: try storedCoverage(ofWorker: worker),
                  ofWorker: worker, changes: &changes)
    }

    /// Recomputes the coverage of a worker whose only membership's whole timeline is `move`,
    /// without reading the spans back: the refresh has just written them, and they are all the
    /// recompute above would read (it reads the spans of the worker's memberships; a span left
    /// by a membership deleted by hand is not one of them). What is replaced is what is stored.
    func refreshCoverage(ofWorker worker: Int64, moving move: CoverageMove, changes: inout StandingChanges) throws {
        let new = Self.coverage(of: [move.owner.segment: move.spans.map(\.state)], regency: move.owner.regency)
        try write(StoredCoverage(regency: move.owner.regency, timelines: new), replacing: try storedCoverage(ofWorker: worker),
                  ofWorker: worker, changes: &changes)
    }

    /// The scope of coverage spans counting each worker once across segments.
    static let allSegments = "all"

    /// A worker's coverage timelines, per segment and `all`, from their memberships' status
    /// spans by segment: none without a regency, and none for a scope never covered.
    static func coverage(of statesBySegment: [String: [DaySpan<MembershipStatus.State>]], regency: String?) -> [String: CoverageTimeline] {
        guard regency != nil, !statesBySegment.isEmpty else { return [:] }
        var timelines: [String: CoverageTimeline] = [:]
        timelines[allSegments] = CoverageTimeline(memberships: statesBySegment.values.flatMap { $0 })
        for (segment, spans) in statesBySegment {
            timelines[segment] = CoverageTimeline(memberships: spans)
        }
        return timelines.filter { !$0.value.participant.isEmpty || !$0.value.active.isEmpty }
    }

    /// Replaces `old` with `new`, counting what left and what came in, and writing only the
    /// rows that differ: a month usually moves the end of the last span or two of a history
    /// that grows every month, which is an update of that row in place rather than a delete
    /// and an insert.
    private func write(_ new: StoredCoverage, replacing old: StoredCoverage, ofWorker worker: Int64,
                       changes: inout StandingChanges) throws {
        guard old != new else { return }
        if let oldRegency = old.regency {
            for (segment, timeline) in old.timelines {
                changes.count(timeline, segment: segment, regency: oldRegency, sign: -1)
            }
        }
        if let regency = new.regency {
            for (segment, timeline) in new.timelines { changes.count(timeline, segment: segment, regency: regency, sign: 1) }
        }
        let oldRows = CoverageRow.rows(of: old.timelines, regency: old.regency)
        let newRows = CoverageRow.rows(of: new.timelines, regency: new.regency)
        let removed = oldRows.subtracting(newRows), added = newRows.subtracting(oldRows)
        let addedKeys = Set(added.map(\.key)), removedKeys = Set(removed.map(\.key))
        for row in removed where !addedKeys.contains(row.key) {
            try db.execute("""
                DELETE FROM worker_coverage_spans WHERE worker_id = ? AND segment_code = ? AND kind = ? AND from_date = ?
                """, worker, row.segment, row.kind, StoredDay.text(row.span.from))
        }
        for row in added {
            if removedKeys.contains(row.key) {
                try db.execute("""
                    UPDATE worker_coverage_spans SET until_date = ?5, previous_until = ?6, regency_code = ?7
                    WHERE worker_id = ?1 AND segment_code = ?2 AND kind = ?3 AND from_date = ?4
                    """, worker, row.segment, row.kind, StoredDay.text(row.span.from), StoredDay.text(row.span.until),
                    row.previousUntil.map(StoredDay.text), row.regency)
            } else {
                try db.execute("""
                    INSERT INTO worker_coverage_spans
                        (worker_id, segment_code, kind, from_date, until_date, previous_until, regency_code)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, worker, row.segment, row.kind, StoredDay.text(row.span.from), StoredDay.text(row.span.until),
                    row.previousUntil.map(StoredDay.text), row.regency)
            }
        }
    }

    private func storedCoverage(ofWorker worker: Int64) throws -> StoredCoverage {
        var stored = StoredCoverage(regency: nil, timelines: [:])
        try db.forEach("""
            SELECT segment_code, kind, from_date, until_date, previous_until, regency_code
            FROM worker_coverage_spans WHERE worker_id = ? ORDER BY segment_code, kind, from_date
            """, worker) { row in
            let segment: String = try row.get(0)
            let span = DaySpan(
                from: try StoredDay.day(try row.get(2), field: "worker_coverage_spans.from_date"),
                until: try StoredDay.day(try row.get(3), field: "worker_coverage_spans.until_date"),
                value: true)
            stored.regency = try row.get(5)
            var timeline = stored.timelines[segment] ?? CoverageTimeline()
            if try row.get(1, as: String.self) == "participant" {
                let previous = try row.get(4, as: String?.self).map { try StoredDay.day($0, field: "worker_coverage_spans.previous_until") }
                timeline.participant.append(.init(span: span, previousUntil: previous))
            } else {
                timeline.active.append(span)
            }
            stored.timelines[segment] = timeline
        }
        return stored
    }
}

/// The spans a refresh has just written for a worker's only membership: its whole timeline,
/// and whose it is.
struct CoverageMove {
    var owner: SpanOwner
    var spans: [DaySpan<MembershipTimeline.Standing>]
}

/// What a chunk of the refresh must recompute of its workers' coverage.
struct CoverageWork {
    /// Workers recomputed from the stored spans of all their memberships.
    var workers = Set<Int64>()
    /// Workers with a single membership, moved from the spans the refresh holds.
    var moves: [Int64: CoverageMove] = [:]

    /// Writes the coverage of every worker listed; a worker listed both ways is recomputed
    /// from the stored spans (another of their memberships changed owner or went away).
    func refresh(in session: RegistrySession, changes: inout StandingChanges) throws {
        for worker in workers.sorted() {
            try session.refreshCoverage(ofWorker: worker, changes: &changes)
        }
        for (worker, move) in moves.sorted(by: { $0.key < $1.key }) where !workers.contains(worker) {
            try session.refreshCoverage(ofWorker: worker, moving: move, changes: &changes)
        }
    }
}

/// A worker's rows of `worker_coverage_spans`: their regency (nil with no rows) and timelines
/// by scope.
struct StoredCoverage: Equatable {
    var regency: String?
    var timelines: [String: CoverageTimeline]
}

/// A row of `worker_coverage_spans` for one worker.
private struct CoverageRow: Hashable {
    var segment: String
    var kind: String
    var span: DaySpan<Bool>
    var previousUntil: Int?
    var regency: String

    /// The row's primary key within the worker's rows.
    struct Key: Hashable {
        var segment: String
        var kind: String
        var from: Int
    }

    var key: Key { Key(segment: segment, kind: kind, from: span.from) }

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
