/// One message in every ``Language``: the unit of the message catalogue.
///
/// Both texts are required by the initialiser, so a message cannot be added in one language
/// only: it does not compile. A message with parts filled in at run time names them as
/// `{placeholder}` in both texts; ``text(in:_:)`` fills them, and the catalogue tests check
/// that both texts carry the same placeholders.
public struct Localized: Sendable, Hashable {
    public let english: String
    public let indonesian: String

    public init(en english: String, id indonesian: String) {
        self.english = english
        self.indonesian = indonesian
    }

    /// The text in `language`, each `{name}` replaced by `arguments[name]`.
    public func text(in language: Language, _ arguments: [String: String] = [:]) -> String {
        let template = switch language {
        case .english: english
        case .indonesian: indonesian
        }
        guard !arguments.isEmpty else { return template }
        // One pass, so a filled-in value (a name typed by a user) is never read as a placeholder.
        var result = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let after = rest.index(after: close)
            if let value = arguments[String(rest[rest.index(after: open)..<close])] {
                result += rest[..<open]
                result += value
            } else {
                result += rest[..<after]
            }
            rest = rest[after...]
        }
        return result + rest
    }

    /// The `{name}` placeholders of `text`, for the catalogue tests.
    public static func placeholders(in text: String) -> Set<String> {
        var names = Set<String>()
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.insert(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}
