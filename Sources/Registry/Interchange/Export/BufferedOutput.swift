#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Text written to a file descriptor through a 64 KiB buffer: an export of a million rows
/// makes a few hundred system calls, not a million.
public final class BufferedOutput {
    /// Why a write failed (a full disk, a closed pipe).
    public struct WriteError: Error, CustomStringConvertible {
        public let errno: Int32
        public var description: String { "write failed: \(String(cString: strerror(errno)))" }
    }

    private let descriptor: Int32
    private let closesDescriptor: Bool
    private var buffer: [UInt8] = []
    private let capacity = 1 << 16

    /// Writes to `descriptor`; closes it on ``close()`` when `closes` is true.
    public init(descriptor: Int32, closes: Bool) {
        self.descriptor = descriptor
        closesDescriptor = closes
        buffer.reserveCapacity(capacity)
    }

    /// Creates (or truncates) `path` with `mode`. An existing file keeps its owner but gets
    /// `mode` too, so an owner-only export never lands in a file others can read.
    public static func create(path: String, mode: mode_t) throws -> BufferedOutput {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw WriteError(errno: errno) }
        guard fchmod(descriptor, mode) == 0 else {
            let error = errno
            _ = Glibc.close(descriptor)
            throw WriteError(errno: error)
        }
        return BufferedOutput(descriptor: descriptor, closes: true)
    }

    public func write(_ text: String) throws {
        var text = text
        text.withUTF8 { buffer.append(contentsOf: $0) }
        if buffer.count >= capacity { try flush() }
    }

    public func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let written = buffer[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw WriteError(errno: errno)
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, then closes the descriptor if this output owns it.
    public func close() throws {
        try flush()
        if closesDescriptor { _ = Glibc.close(descriptor) }
    }
}
