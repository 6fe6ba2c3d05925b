import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One input as a file descriptor, for the readers that take one (``CSVReader``).
///
/// A single unlinked temporary file is rewritten for every input: creating a file per input
/// would cost more than the check. A lock makes it safe for tests that run in parallel.
final class InputFile: @unchecked Sendable {
    static let shared = InputFile()

    private let lock = NSLock()
    private let descriptor: Int32

    private init() {
        var template = Array((NSTemporaryDirectory() + "/registry-fuzz-input-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        precondition(descriptor >= 0, "cannot create a temporary input file: errno \(errno)")
        // Only the descriptor is needed: the file disappears with the process, even after a crash.
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        self.descriptor = descriptor
    }

    /// Runs `body` with a descriptor holding exactly `bytes`; `rewind` moves it back to the
    /// start so that `body` can read the input several times.
    func withContents<T>(_ bytes: [UInt8], _ body: (_ descriptor: Int32, _ rewind: () -> Void) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        precondition(ftruncate(descriptor, 0) == 0, "cannot truncate the input file: errno \(errno)")
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, off_t(written)) }
            precondition(count > 0, "cannot write the input file: errno \(errno)")
            written += count
        }
        let rewind = { precondition(lseek(self.descriptor, 0, SEEK_SET) == 0, "cannot rewind the input file") }
        rewind()
        return try body(descriptor, rewind)
    }
}
