import Foundation
import SQLiteDB

/// Participants and active participants of one regency on a date, as a pass over the register
/// counts them for the recorded-time coverage reports.
struct ParticipationCount: Hashable {
    var participants = 0
    var active = 0
}

extension RegistrySession {
    /// Participants and active participants on `date` per regency code, as the register said
    /// them at the end of the Jakarta day `knownOn` (recorded time); `regencies` (nil = all)
    /// keeps the workers resident in those.
    ///
    /// The standing tables hold valid time only (every row recorded now), so this recomputes:
    /// each membership registered by then (`memberships.registered_at`), of `segment` when
    /// given, is evaluated on `date` from the ledger rows recorded by then, as
    /// ``status(of:on:asKnownOn:)`` does; its worker then counts as ``CoverageTimeline`` counts
    /// a worker on a day: a participant when some membership participates (active, in arrears
    /// or lapsed), active when one is active. Workers count in the regency they reside in now,
    /// as in the valid-time report (residences are not versioned).
    ///
    /// A pass over the memberships in worker order, one worker's few at a time: memory holds a
    /// count per regency, however large the register.
    func knownParticipation(
        on date: CalendarDate, asKnownOn knownOn: CalendarDate, segment: Segment?, regencies: [String]? = nil
    ) throws -> [String: ParticipationCount] {
        let context = try StandingContext(self, knownOn: knownOn)
        var parameters: [String: DatabaseValue] = [
            ":registered_before": .text(context.recordedBefore),
            ":segment": segment.map { .text($0.rawValue) } ?? .null,
            ":regencies": try regencies.map { .text(String(decoding: try JSONEncoder().encode($0), as: UTF8.self)) } ?? .null,
        ]
        parameters.merge(ReportDate(date).parameters) { $1 }

        var counts: [String: ParticipationCount] = [:]
        var worker: (id: Int64, regency: String, participating: Bool, active: Bool)?
        func count() {
            guard let worker, worker.participating else { return }
            counts[worker.regency, default: ParticipationCount()].participants += 1
            if worker.active { counts[worker.regency, default: ParticipationCount()].active += 1 }
        }
        try forEachReportRow(Self.knownParticipationSQL, parameters) { row in
            let id: Int64 = try row.get(1)
            if worker?.id != id {
                count()
                worker = (id, try row.get(2), false, false)
            }
            let state = try status(of: try row.get(0, as: Membership.ID.self), on: date, context: context).state
            worker!.participating = worker!.participating || state.isParticipating
            worker!.active = worker!.active || state == .active
        }
        count()
        return counts
    }

    /// The memberships a recorded-time coverage pass evaluates, each worker's together (the
    /// index on `memberships (worker_id, …)` gives that order without sorting the register).
    static let knownParticipationSQL = """
        SELECT m.id, m.worker_id, substr(w.village_code, 1, 5)
        FROM memberships m JOIN workers w ON w.id = m.worker_id
        WHERE m.registered_at < :registered_before
          AND (:segment IS NULL OR m.segment_code = :segment)
          AND (:regencies IS NULL OR substr(w.village_code, 1, 5) IN (SELECT value FROM json_each(:regencies)))
        ORDER BY m.worker_id
        """

    /// `counts` as the `:participation` parameter of ``CoverageSQL/boundParticipation``.
    static func participationParameter(_ counts: [String: ParticipationCount]) throws -> DatabaseValue {
        let pairs = counts.mapValues { [$0.participants, $0.active] }
        return .text(String(decoding: try JSONEncoder().encode(pairs), as: UTF8.self))
    }
}
