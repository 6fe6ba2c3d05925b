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
        let days = memberships.flatMap { [$0.from, $0.until] }.filter { $0 != Int.max }.sorted()
        func holds(_ day: Int, _ test: (MembershipStatus.State) -> Bool) -> Bool {
            memberships.contains { $0.from <= day && day < $0.until && test($0.value) }
        }
        let participantRuns = [DaySpan<Bool>].runs(startingWith: false, changingOn: days) {
            holds($0) { $0.isParticipating }
        }.filter(\.value)
        var previous: Int?
        participant = participantRuns.map { span in
            defer { previous = span.until }
            return Participation(span: span, previousUntil: previous)
        }
        active = [DaySpan<Bool>].runs(startingWith: false, changingOn: days) {
            holds($0) { $0 == .active }
        }.filter(\.value)
    }
}
