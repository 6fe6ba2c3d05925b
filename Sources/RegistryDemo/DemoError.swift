/// Why a demo registry was not built.
public enum DemoError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file exists: the generator never writes into an existing registry (the caller decides
    /// whether to delete it).
    case fileExists(path: String)
    /// An option is out of range.
    case invalidOption(name: String, reason: String)

    public var description: String {
        switch self {
        case .fileExists(let path):
            "\(path) exists already; the demo builds a new registry and will not write into an existing file"
        case .invalidOption(let name, let reason):
            "demo option \(name) \(reason)"
        }
    }
}
