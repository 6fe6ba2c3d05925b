/// What an all-or-nothing import killed at a given look must have left, judged only by what
/// was seen then: everything when the commit was durable (the WAL ended in the commit frame,
/// a checkpoint had written the database file, the commit was reported, or the import
/// had exited before the kill), nothing otherwise, however many of the transaction's frames
/// were already in the WAL. Never a part.
enum WholeFileOutcome: Equatable, CustomStringConvertible {
    case nothing
    case everything

    init(killedAt look: ImportObservation?, start: ImportObservation) {
        guard let look else {
            self = .everything
            return
        }
        let durable = look.walEndsInCommitFrame || look.databaseWritten(since: start) || !look.reportedCommits.isEmpty
        self = durable ? .everything : .nothing
    }

    /// The rows of a file of `total` rows that this outcome leaves.
    func rows(of total: Int) -> Int {
        self == .everything ? total : 0
    }

    var description: String {
        switch self {
        case .nothing: "nothing"
        case .everything: "everything"
        }
    }
}
