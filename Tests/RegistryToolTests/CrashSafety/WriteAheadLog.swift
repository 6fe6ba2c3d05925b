import Foundation

/// Reads just enough of an SQLite write-ahead log (https://www.sqlite.org/fileformat.html#the_write_ahead_log)
/// to tell whether a transaction in it is committed.
///
/// A log is a 32-byte header, then frames: a 24-byte frame header and one page. A transaction
/// writes its pages as frames, and its last frame carries, in bytes 4–7 of its header, the
/// database size after the commit; every other frame has 0 there. Frames whose salts differ
/// from the log header's are left over from an earlier generation of the log. On reopening,
/// SQLite replays frames up to the last valid commit frame and ignores the rest.
enum WriteAheadLog {
    /// Whether the last complete frame in the file at `path` is a commit frame of the current
    /// generation. False when there is no file or no complete frame.
    static func endsInCommitFrame(_ path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, let header = read(descriptor, at: 0, count: 32) else { return false }
        let rawPageSize = bigEndian(header, at: 8)
        let frameSize = 24 + (rawPageSize == 1 ? 65_536 : Int(rawPageSize))
        let frames = (Int(info.st_size) - 32) / frameSize
        guard frames > 0, let frame = read(descriptor, at: 32 + (frames - 1) * frameSize, count: 24) else { return false }
        let sameGeneration = frame[8..<16].elementsEqual(header[16..<24])
        return sameGeneration && bigEndian(frame, at: 4) != 0
    }

    private static func read(_ descriptor: Int32, at offset: Int, count: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        return pread(descriptor, &bytes, count, off_t(offset)) == count ? bytes : nil
    }

    private static func bigEndian(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }
}
