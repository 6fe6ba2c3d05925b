import SQLiteDB

/// The additions to `status_count_changes` and `participation_changes` that one refresh makes,
/// summed in memory so each (segment, day) row is written once however many memberships moved.
///
/// A span `[from, until)` counts +1 from `from` and -1 from `until` (a count at D is the sum
/// of the changes on days ≤ D); replacing a span removes its old contribution with the
/// opposite signs.
struct StandingChanges {
    private struct StatusKey: Hashable {
        var segment: String
        var status: MembershipStatus.State
        var day: Int
    }
    private struct ParticipationKey: Hashable {
        var segment: String
        var regency: String
        var day: Int
    }
    private struct ParticipationChange {
        var participants = 0
        var active = 0
        var firstJoins = 0
        var isZero: Bool { participants == 0 && active == 0 && firstJoins == 0 }
    }

    private var statuses: [StatusKey: Int] = [:]
    private var participation: [ParticipationKey: ParticipationChange] = [:]

    /// Adds (`sign` 1) or removes (`sign` -1) a membership's status spans.
    mutating func count(_ spans: [DaySpan<MembershipStatus.State>], segment: String, sign: Int) {
        for span in spans {
            statuses[StatusKey(segment: segment, status: span.value, day: span.from), default: 0] += sign
            if span.until != Int.max {
                statuses[StatusKey(segment: segment, status: span.value, day: span.until), default: 0] -= sign
            }
        }
    }

    /// Adds or removes a worker's coverage in one scope (a segment or `all`) and regency.
    mutating func count(_ coverage: CoverageTimeline, segment: String, regency: String, sign: Int) {
        func change(_ day: Int, _ update: (inout ParticipationChange) -> Void) {
            update(&participation[ParticipationKey(segment: segment, regency: regency, day: day), default: .init()])
        }
        for participation in coverage.participant {
            let span = participation.span
            change(span.from) {
                $0.participants += sign
                if participation.previousUntil == nil { $0.firstJoins += sign }
            }
            if span.until != Int.max { change(span.until) { $0.participants -= sign } }
        }
        for span in coverage.active {
            change(span.from) { $0.active += sign }
            if span.until != Int.max { change(span.until) { $0.active -= sign } }
        }
    }

    /// Adds the sums to the tables.
    func write(to db: Connection) throws {
        for (key, change) in statuses where change != 0 {
            try db.execute("""
                INSERT INTO status_count_changes (segment_code, status, day, change) VALUES (?, ?, ?, ?)
                ON CONFLICT DO UPDATE SET change = change + excluded.change
                """, key.segment, key.status, StoredDay.text(key.day), Int64(change))
        }
        for (key, change) in participation where !change.isZero {
            try db.execute("""
                INSERT INTO participation_changes
                    (segment_code, regency_code, day, participants, active_participants, first_joins)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT DO UPDATE SET participants = participants + excluded.participants,
                    active_participants = active_participants + excluded.active_participants,
                    first_joins = first_joins + excluded.first_joins
                """, key.segment, key.regency, StoredDay.text(key.day),
                Int64(change.participants), Int64(change.active), Int64(change.firstJoins))
        }
    }
}
