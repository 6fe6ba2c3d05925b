import Foundation

/// What a running `registry import` has done so far, as seen from outside the process, with
/// nothing added to the product: how far it has read its CSV file, whether the database
/// file and its write-ahead log have been written, and the commits it has reported.
struct ImportObservation {
    /// The child's position in the CSV file (`/proc/PID/fdinfo`): the bytes it has read,
    /// in the CSV reader's 64 KiB chunks. Nil until it has the file open.
    var csvPosition: Int?
    /// The `-wal` file, nil while there is none. An import's transaction stays in the page
    /// cache (64 MiB for the tool) until COMMIT, which writes it to the WAL frame by frame, the
    /// frame that marks the commit last.
    var wal: FileStamp?
    /// Whether the WAL's last complete frame marks a commit (``WriteAheadLog``): the
    /// transaction whose frames end there survives a crash, whatever happens next.
    var walEndsInCommitFrame: Bool
    /// The database file. In WAL mode only a checkpoint writes it, and a checkpoint copies
    /// committed frames only: once it has changed, a commit has happened.
    var database: FileStamp?
    /// N of each "committed the rows up to line N" the import has printed (`--verbose`).
    var reportedCommits: [Int]

    /// N of each "committed the rows up to line N" in an import's stderr, in order.
    static func reportedCommits(in stderr: String) -> [Int] {
        let prefix = "committed the rows up to line "
        return stderr.split(separator: "\n").compactMap { $0.hasPrefix(prefix) ? Int($0.dropFirst(prefix.count)) : nil }
    }

    /// Whether anything has been written to the WAL since `start`.
    func walWritten(since start: ImportObservation) -> Bool {
        (wal?.size ?? 0) > 0 && wal != start.wal
    }

    /// Whether a checkpoint has written the database file since `start`.
    func databaseWritten(since start: ImportObservation) -> Bool {
        database != start.database
    }
}

/// The size and modification time of a file, to tell whether it was written between two looks.
struct FileStamp: Equatable, CustomStringConvertible {
    let size: Int
    let seconds: Int
    let nanoseconds: Int

    /// The stamp of the file at `path`, or nil when there is none.
    init?(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        size = Int(info.st_size)
        seconds = Int(info.st_mtim.tv_sec)
        nanoseconds = Int(info.st_mtim.tv_nsec)
    }

    var description: String { "\(size) bytes" }
}
