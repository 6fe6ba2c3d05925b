/// The language a message is written in: Bahasa Indonesia for the branch clerks, field agents
/// and analysts who use the register, English for the Swift developers who link the library.
///
/// Every message the library and the `registry` tool write exists in both (``Localized``), so
/// choosing one never leaves a sentence half translated. Money reads the same in both
/// (`Rp16.800`, Indonesian grouping); dates in prose follow the language (`CalendarDate.prose(in:)`).
public enum Language: String, CaseIterable, Sendable, Hashable {
    case english = "en"
    case indonesian = "id"

    /// The language a code names: `id` or `en`, also as a locale such as `id_ID.UTF-8` or
    /// `en-GB`; nil for any other (the tool refuses an unknown `--lang` rather than guess).
    public init?(code: String) {
        let language = code.prefix { $0.isLetter }.lowercased()
        switch language {
        case "id", "in": self = .indonesian   // `in` is Java's and old glibc's code for Indonesian.
        case "en": self = .english
        default: return nil
        }
    }

    /// The language the POSIX locale variables ask for: the first of `LC_ALL`, `LC_MESSAGES`
    /// and `LANG` that is set and not empty decides, as for any program (so `LC_ALL=C` means
    /// English even with `LANG=id_ID.UTF-8`). Indonesian when it names Indonesian (`id`,
    /// `id_ID.UTF-8`), English for anything else, unset included.
    public static func fromEnvironment(_ environment: [String: String]) -> Language {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            return Language(code: value) == .indonesian ? .indonesian : .english
        }
        return .english
    }
}
