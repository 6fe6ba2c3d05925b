/// How a fuzz target reports a broken invariant: a trap, which libFuzzer records as a crash
/// and saves the input for. The sentences mask any NIK, as every log must.
public func trapOnViolations(_ violations: [String], target: String) {
    guard !violations.isEmpty else { return }
    fatalError("\(target): " + violations.joined(separator: "\n  "))
}

/// The bytes libFuzzer hands over, copied (the checks keep them past the call).
public func fuzzInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}

extension String {
    /// Whether `other`'s UTF-8 bytes occur in this string's. Foundation's `contains` skips
    /// ignorable characters (NUL among them), so it finds nine NULs in `\0\0\0\0*\0\0\0\0`.
    func containsBytes(of other: String) -> Bool {
        let haystack = Array(utf8), needle = Array(other.utf8)
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { haystack[$0..<$0 + needle.count].elementsEqual(needle) }
    }
}
