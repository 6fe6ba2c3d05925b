/// When a worker counts for coverage, from the timelines of their memberships: a
/// *participant* on the days some membership is active, in arrears or lapsed (started and not
/// ended), *active* on the days one is active (view `worker_participation`).
///
/// Computed twice per worker: over all their memberships (segment `all`, each worker counted
/// once however many memberships they hold) and over each segment's. Consecutive memberships
/// of one segment (a job ends, the next starts the following day) make one participant span,
/// so a head count over a period counts the worker once.
struct CoverageTimeline: Equatable {
    /// A participant span and the end of the one before it (nil for the first-ever join).
    struct Participation: Equatable {
        var span: DaySpan<Bool>
        var previousUntil: Int?
    }

    /// Participant spans in date order.
    var participant: [Participation] = []
    var active: [DaySpan<Bool>] = []

    init() {}

    /// From the status spans of the memberships in scope.
    init(memberships: [DaySpan<MembershipStatus.State>]) {
        // One sweep over the days spans start and end, counting the memberships participating
        // and active from each: linear in the spans (after sorting), where testing every span
        // on every day grew with the square of a worker's history.
        struct Counts { var participating = 0, active = 0 }
        var changes: [Int: Counts] = [:]
        for span in memberships {
            let participating = span.value.isParticipating ? 1 : 0, active = span.value == .active ? 1 : 0
            guard participating + active > 0 else { continue }
            changes[span.from, default: Counts()].participating += participating
            changes[span.from, default: Counts()].active += active
            if span.until != Int.max {
                changes[span.until, default: Counts()].participating -= participating
                changes[span.until, default: Counts()].active -= active
            }
        }
        let days = changes.keys.sorted()
        var running = Counts()
        var from: [Int: Counts] = [:]
        for day in days {
            running.participating += changes[day]!.participating
            running.active += changes[day]!.active
            from[day] = running
        }
        let participantRuns = [DaySpan<Bool>].runs(startingWith: false, changingOn: days) {
            from[$0]!.participating > 0
        }.filter(\.value)
        var previous: Int?
        participant = participantRuns.map { span in
            defer { previous = span.until }
            return Participation(span: span, previousUntil: previous)
        }
        active = [DaySpan<Bool>].runs(startingWith: false, changingOn: days) { from[$0]!.active > 0 }.filter(\.value)
    }
}
