/// The result column names of a query, shared by all its rows.
///
/// Lookup by name is ASCII case-insensitive, as SQLite's own identifiers are.
/// It scans the names instead of hashing them: result sets have a handful of
/// columns, and a scan allocates nothing.
public final class ColumnNames: Sendable, RandomAccessCollection {
    public let names: [String]

    public init(_ names: [String]) {
        self.names = names
    }

    public var startIndex: Int { names.startIndex }
    public var endIndex: Int { names.endIndex }
    public subscript(position: Int) -> String { names[position] }

    /// The index of the column with exactly this name, else of the first one that matches
    /// ignoring ASCII case.
    public func index(of name: String) -> Int? {
        // Exact spelling first: a byte comparison, and what Decodable keys and most callers use.
        // Lengths first: most names differ in length, and comparing those costs nothing.
        let length = name.utf8.count
        if let exact = names.firstIndex(where: { $0.utf8.count == length && $0 == name }) { return exact }
        return names.firstIndex { Self.equalIgnoringASCIICase($0, name) }
    }

    static func equalIgnoringASCIICase(_ a: String, _ b: String) -> Bool {
        var left = a.utf8.makeIterator()
        var right = b.utf8.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return true
            case (let x?, let y?):
                if x == y { continue }
                // Fold A–Z onto a–z; every other byte must match exactly.
                let lx = (x >= 65 && x <= 90) ? x | 0x20 : x
                let ly = (y >= 65 && y <= 90) ? y | 0x20 : y
                if lx != ly { return false }
            default: return false
            }
        }
    }
}
