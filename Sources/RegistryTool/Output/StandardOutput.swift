import Registry

/// Everything the tool prints on stdout, masked: every run of 16 or more digits
/// (``PersonalData/maskDigitRuns(_:)``), unless a command given `--unmasked` asks otherwise.
///
/// A NIK reaches printed text by many roads (a receipt number, a path, a name in a table), so
/// masking is done where text leaves the process rather than by each command.
enum StandardOutput {
    /// Writes `text` masked.
    static func write(_ text: String) {
        Swift.print(PersonalData.maskDigitRuns(text), terminator: "")
    }

    /// Writes `text` as it is: personal data a command was told to print in full
    /// (`--unmasked`), or text already masked by a rule of its own (JSON's string literals).
    static func writeVerbatim(_ text: String) {
        Swift.print(text, terminator: "")
    }
}

/// `print` for the whole tool: shadows the standard library's in this module, so every command's
/// output is masked (``StandardOutput/write(_:)``) without anyone having to remember it.
/// Printing personal data in full takes an explicit ``StandardOutput/writeVerbatim(_:)``.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    StandardOutput.write(items.map { "\($0)" }.joined(separator: separator) + terminator)
}

extension PersonalData {
    /// JSON text with every string literal masked (``maskDigitRuns(_:)``) and nothing else
    /// touched: a number, however long, stays a number, so the output still parses.
    static func maskingStringLiterals(inJSON json: String) -> String {
        var result = String.UnicodeScalarView()
        var literal = ""
        var inString = false, escaped = false
        for scalar in json.unicodeScalars {
            guard inString else {
                result.append(scalar)
                inString = scalar == "\""
                continue
            }
            if escaped {
                escaped = false
            } else if scalar == "\\" {
                escaped = true
            } else if scalar == "\"" {
                result.append(contentsOf: maskDigitRuns(literal).unicodeScalars)
                result.append(scalar)
                literal = ""
                inString = false
                continue
            }
            literal.unicodeScalars.append(scalar)
        }
        result.append(contentsOf: literal.unicodeScalars)
        return String(result)
    }
}
