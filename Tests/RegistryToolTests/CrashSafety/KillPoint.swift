import Foundation
import Testing

/// Where in an import a crash test kills it, each defined by something the import can be
/// seen doing (``ImportObservation``), never by a time.
enum KillPoint: Sendable, CustomTestStringConvertible {
    // A whole file in one transaction (all-or-nothing).

    /// The first chunk of the CSV is read: the database is open, the transaction starting.
    case fileOpened
    /// At least `percent` of the CSV read: rows inserted, nothing committed.
    case reading(percent: Int)
    /// The whole CSV read: the last rows, the refresh of the standing tables and the commit remain.
    case fileRead
    /// The commit has written its first WAL frames; the frame that marks it committed is the last.
    case commitBegun
    /// The commit is well under way: the WAL holds at least as many bytes as the CSV (a whole
    /// commit writes several times that), or it is already done and being checkpointed.
    case commitUnderWay
    /// The commit frame is written (the commit is durable) and the checkpoint not yet begun.
    case committed
    /// The commit is done and a checkpoint is copying it into the database file.
    case checkpointing

    // Batches (`--skip-invalid --batch-size N`).

    /// Right after the `count`th "committed the rows up to line N" was printed.
    case afterReport(Int)
    /// After the `count`th report, once the import has read on into the next batch.
    case betweenReports(after: Int)
    /// After the `count`th report, once the next batch's commit has begun writing its frames.
    case nextCommitWriting(after: Int)

    var testDescription: String {
        switch self {
        case .fileOpened: "file opened"
        case .reading(let percent): "\(percent)% read"
        case .fileRead: "file read"
        case .commitBegun: "commit begun"
        case .commitUnderWay: "commit under way"
        case .committed: "committed"
        case .checkpointing: "checkpointing"
        case .afterReport(let count): "right after report \(count)"
        case .betweenReports(let count): "between reports \(count) and \(count + 1)"
        case .nextCommitWriting(let count): "commit after report \(count)"
        }
    }

    /// Decides, look by look, when an import has reached a kill point. Remembers the look at
    /// which the report a batch point counts from was first seen.
    struct Watch {
        let point: KillPoint
        let start: ImportObservation
        let csvSize: Int
        private var atReport: ImportObservation?
        private var fileRead = false

        init(_ point: KillPoint, start: ImportObservation, csvSize: Int) {
            self.point = point
            self.start = start
            self.csvSize = csvSize
        }

        mutating func isReached(_ now: ImportObservation) -> Bool {
            let read = now.csvPosition ?? 0
            if read >= csvSize { fileRead = true }
            switch point {
            case .fileOpened: return read > 0
            case .reading(let percent): return read * 100 >= csvSize * percent
            case .fileRead: return read >= csvSize
            case .commitBegun: return now.walWritten(since: start)
            case .commitUnderWay: return (now.wal?.size ?? 0) >= csvSize || now.databaseWritten(since: start)
            case .committed: return now.walEndsInCommitFrame
            case .checkpointing: return now.databaseWritten(since: start)
            case .afterReport(let count): return now.reportedCommits.count >= count
            case .betweenReports(let count):
                guard let anchor = anchor(now, count) else { return false }
                return read > (anchor.csvPosition ?? 0)
            case .nextCommitWriting(let count):
                guard let anchor = anchor(now, count) else { return false }
                return now.wal != anchor.wal
            }
        }

        /// How long to let the import run before the next look, in microseconds: 5 ms while
        /// it reads rows (a kill point there lasts tens of milliseconds), 1 ms once the whole
        /// file is read and a commit point is near (a 6 MB commit writes its frames in about
        /// 6 ms), 0.1 ms while the next batch's commit is awaited (some 700 KB of frames, over
        /// within a millisecond). Each look costs a few dozen system calls.
        var slice: useconds_t {
            switch point {
            case .nextCommitWriting: return atReport != nil ? 100 : 5_000
            case .commitBegun, .commitUnderWay, .committed, .checkpointing: return fileRead ? 1_000 : 5_000
            default: return 5_000
            }
        }

        /// The look at which the `count`th report was first seen.
        private mutating func anchor(_ now: ImportObservation, _ count: Int) -> ImportObservation? {
            if atReport == nil, now.reportedCommits.count >= count { atReport = now }
            return atReport
        }
    }
}
