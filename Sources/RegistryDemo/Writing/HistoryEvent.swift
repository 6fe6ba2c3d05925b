import Registry
import SQLiteDB

/// One thing that happens on one day of the history. Events of a month are sorted by date,
/// then by ``order`` (so, on a day, employers exist before their workers, and bills before the
/// payments of them), then by the sequence they were planned in.
enum HistoryEvent {
    case registerEmployer(Int)
    case registerAgent(Int)
    case registerProject(Int)
    case registerWorker(Int)
    /// The monthly billing run: on the 1st, and again on the month's last day for new members.
    case issueBills(ContributionMonth)
    case payInformal(worker: Int, months: Int)
    case payEmployer(employer: Int, month: ContributionMonth)
    /// A contractor pays its construction project's one bill (JAKON).
    case payProject(Int)
    case resign(worker: Int)
    case endProject(worker: Int)
    case endPlacement(worker: Int)
    case lapse(worker: Int)
    case withdraw(worker: Int)

    var order: Int {
        switch self {
        case .registerEmployer: 0
        case .registerAgent: 1
        case .registerProject: 2
        case .registerWorker: 3
        case .issueBills: 4
        case .payInformal: 5
        case .payEmployer, .payProject: 6
        case .resign, .endProject, .endPlacement, .lapse, .withdraw: 7
        }
    }
}

/// An event with its date and plan sequence, sortable.
struct ScheduledEvent {
    let date: CalendarDate
    let sequence: Int
    let event: HistoryEvent

    static func < (lhs: ScheduledEvent, rhs: ScheduledEvent) -> Bool {
        (lhs.date.dayNumber, lhs.event.order, lhs.sequence) < (rhs.date.dayNumber, rhs.event.order, rhs.sequence)
    }
}
