import Foundation

/// What the reader threads of a concurrency test found, gathered under a lock, and the flag
/// that tells them the writers are done.
final class ReaderLog: @unchecked Sendable {
    // @unchecked: every stored property is read and written with `lock` held.
    private let lock = NSLock()
    private var done = false
    private var problemList: [String] = []
    private var readCount = 0

    /// Set once every writer has exited; readers keep reading until then.
    var writersDone: Bool {
        get { lock.withLock { done } }
        set { lock.withLock { done = newValue } }
    }

    func record(problem: String) {
        lock.withLock { problemList.append(problem) }
    }

    func countRead() {
        lock.withLock { readCount += 1 }
    }

    var problems: [String] { lock.withLock { problemList } }
    var reads: Int { lock.withLock { readCount } }
}
