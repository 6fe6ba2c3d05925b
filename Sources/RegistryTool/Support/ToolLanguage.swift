import Registry

/// The language the tool speaks in this run: `--lang id|en`, else the locale variables
/// (``Language/fromEnvironment(_:)``), else English.
///
/// Chosen in `main` before ArgumentParser reads the command line, because the help text is
/// built while it parses; `--lang` is therefore taken out of the arguments here, wherever it
/// stands before a `--`. Set once, before anything else runs, and only read afterwards.
enum ToolLanguage {
    nonisolated(unsafe) private(set) static var current: Language = .english

    /// Sets ``current`` and returns the arguments without `--lang`. An unknown language is a
    /// usage error, said in the language of the environment.
    static func choose(_ arguments: [String], environment: [String: String]) throws(ToolFailure) -> [String] {
        current = Language.fromEnvironment(environment)
        var rest: [String] = []
        var chosen: String?
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            if argument == "--" {
                rest += arguments[index...]
                break
            }
            if argument == "--lang" {
                guard index + 1 < arguments.endIndex else { throw ToolFailure(.usage, ToolText.languageMissing()) }
                chosen = arguments[index + 1]
                index += 2
                continue
            }
            if argument.hasPrefix("--lang=") {
                chosen = String(argument.dropFirst("--lang=".count))
                index += 1
                continue
            }
            rest.append(argument)
            index += 1
        }
        if let chosen {
            // Only the two codes: a locale name (`id_ID.UTF-8`) belongs in LANG, not here.
            guard ["id", "en"].contains(chosen), let language = Language(code: chosen) else {
                throw ToolFailure(.usage, ToolText.languageUnknown(["value": chosen]))
            }
            current = language
        }
        return rest
    }
}

extension Localized {
    /// The text in the run's language (``ToolLanguage/current``): how a command's abstract,
    /// discussion and option help are written, both texts beside each other at the command.
    var inToolLanguage: String { text(in: ToolLanguage.current) }
}
