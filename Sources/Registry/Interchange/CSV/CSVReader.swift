#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A streaming RFC 4180 reader over a file descriptor: it reads fixed-size chunks, so a file
/// of a million rows needs no more memory than one chunk and one record.
///
/// - A UTF-8 byte order mark at the start is skipped.
/// - Records end at LF, CRLF or a lone CR; blank lines are skipped.
/// - Quoted fields may hold commas, doubled quotes and line breaks; each record carries the
///   line it starts on, counted in physical lines, so a reject report points at the right line.
/// - Malformed quoting is a ``CSVProblem`` on the record, never an error of the whole file.
/// - A record longer than ``maximumRecordBytes`` is read to its end but not kept: it becomes a
///   ``CSVProblem/tooLong(maximumBytes:)``, so a hostile file of one endless line (or an
///   unclosed quote) costs no more memory than a megabyte.
///
/// Fields are bytes (see ``CSVRecord``); UTF-8 is checked per field by the caller.
public struct CSVReader {
    /// Why the file could not be read at all.
    public struct ReadError: Error, CustomStringConvertible {
        public let errno: Int32
        public var description: String { "read failed: \(String(cString: strerror(errno)))" }
    }

    private enum State { case fieldStart, unquoted, quoted, afterQuote }

    private let descriptor: Int32
    private var chunk: [UInt8]
    private let chunkSize: Int
    private var position = 0
    private var available = 0
    private var atEndOfFile = false
    private var line = 1
    private var skipLineFeed = false
    private var atFileStart = true
    /// Bytes consumed so far, for a progress bar.
    public private(set) var bytesRead = 0
    /// The longest record kept, in bytes of its fields plus one per field. Every row the
    /// registry imports fits in a few hundred bytes; a megabyte leaves room for any legitimate
    /// file and bounds what a hostile one can make the reader hold.
    public let maximumRecordBytes: Int

    /// Reads `descriptor` (not closed by the reader) in chunks of `chunkSize` bytes.
    public init(descriptor: Int32, chunkSize: Int = 1 << 16, maximumRecordBytes: Int = 1 << 20) {
        self.descriptor = descriptor
        self.chunkSize = max(chunkSize, 1)
        self.maximumRecordBytes = max(maximumRecordBytes, 1)
        // Room for a whole byte order mark even when tests read one byte at a time.
        chunk = [UInt8](repeating: 0, count: max(chunkSize, 3))
    }

    /// The next non-blank record into `record` (its storage is reused); false at the end.
    public mutating func next(into record: inout CSVRecord) throws -> Bool {
        while true {
            guard try readRecord(into: &record) else { return false }
            if !record.isBlank { return true }
        }
    }

    /// The next record, allocating a new one (convenient in tests).
    public mutating func next() throws -> CSVRecord? {
        var record = CSVRecord()
        return try next(into: &record) ? record : nil
    }

    private mutating func readRecord(into record: inout CSVRecord) throws -> Bool {
        var state = State.fieldStart
        var started = false
        while true {
            guard let byte = try nextByte() else {
                // End of file.
                switch state {
                case .fieldStart where !started: return false
                case .quoted: record.problem = record.problem ?? .unterminatedQuote
                default: break
                }
                endField(of: &record)
                return true
            }
            if skipLineFeed {
                skipLineFeed = false
                if byte == 0x0A { continue }
            }
            if !started {
                record.reset(line: line)
                started = true
            }
            switch state {
            case .fieldStart, .unquoted:
                switch byte {
                case 0x22 where state == .fieldStart:      // "
                    state = .quoted
                case 0x2C:                                 // ,
                    endField(of: &record)
                    state = .fieldStart
                case 0x0A, 0x0D:                           // LF, CR
                    line += 1
                    skipLineFeed = byte == 0x0D
                    endField(of: &record)
                    return true
                default:
                    keep(byte, in: &record)
                    state = .unquoted
                }
            case .quoted:
                if byte == 0x22 {
                    state = .afterQuote
                } else {
                    if byte == 0x0A { line += 1 }
                    keep(byte, in: &record)
                }
            case .afterQuote:
                switch byte {
                case 0x22:
                    keep(byte, in: &record)
                    state = .quoted
                case 0x2C:
                    endField(of: &record)
                    state = .fieldStart
                case 0x0A, 0x0D:
                    line += 1
                    skipLineFeed = byte == 0x0D
                    endField(of: &record)
                    return true
                default:
                    if record.problem == nil { record.problem = .textAfterClosingQuote(field: record.count) }
                    keep(byte, in: &record)
                    state = .unquoted
                }
            }
        }
    }

    /// Appends a byte to the record unless the record is already too long.
    @inline(__always)
    private func keep(_ byte: UInt8, in record: inout CSVRecord) {
        if hasRoom(in: record) { record.bytes.append(byte) } else { record.problem = .tooLong(maximumBytes: maximumRecordBytes) }
    }

    /// Ends the current field unless the record is already too long (a line of commas only
    /// must not grow the field table without bound either).
    @inline(__always)
    private func endField(of record: inout CSVRecord) {
        if hasRoom(in: record) { record.endField() } else { record.problem = .tooLong(maximumBytes: maximumRecordBytes) }
    }

    @inline(__always)
    private func hasRoom(in record: CSVRecord) -> Bool {
        record.bytes.count + record.ends.count < maximumRecordBytes
    }

    @inline(__always)
    private mutating func nextByte() throws -> UInt8? {
        if position == available {
            guard try refill() else { return nil }
        }
        let byte = chunk[position]
        position += 1
        bytesRead += 1
        return byte
    }

    private mutating func refill() throws -> Bool {
        guard !atEndOfFile else { return false }
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, chunkSize) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ReadError(errno: errno)
            }
            if count == 0 {
                atEndOfFile = true
                return false
            }
            position = 0
            available = count
            if atFileStart {
                atFileStart = false
                try skipByteOrderMark()
            }
            if position < available { return true }
            return try refill()
        }
    }

    /// Skips EF BB BF at the start of the file, even when the first read is shorter than 3 bytes.
    private mutating func skipByteOrderMark() throws {
        let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
        while available < 3 {
            let more = chunk.withUnsafeMutableBytes { buffer -> Int in
                guard buffer.count > available else { return 0 }
                return read(descriptor, buffer.baseAddress! + available, buffer.count - available)
            }
            if more < 0, errno == EINTR { continue }
            if more < 0 { throw ReadError(errno: errno) }
            if more == 0 { break }
            available += more
        }
        if available >= 3, Array(chunk[0..<3]) == mark {
            position = 3
            bytesRead += 3
        }
    }
}
