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
                var coverage = CoverageWork()
                for membership in stale {
                    try refreshMembership(membership, context: context, changes: &changes, coverage: &coverage)
                }
                try coverage.refresh(in: self, changes: &changes)
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
