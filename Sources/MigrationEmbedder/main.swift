// Build-time tool of the EmbedMigrations plugin: writes a Swift file holding each migration's
// name and exact text. Usage: MigrationEmbedder OUTPUT.swift FILE.sql...
// Fails the build for a file that is not UTF-8 or whose name is not NNNN_description.sql.
import Foundation

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    exit(1)
}

/// A Swift string literal with exactly the same Unicode scalars as `text` (so the same UTF-8 bytes).
func literal(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}

let arguments = CommandLine.arguments.dropFirst()
guard let output = arguments.first else { fail("usage: MigrationEmbedder OUTPUT.swift FILE.sql...") }
var entries: [String] = []
for path in arguments.dropFirst() {
    let name = URL(fileURLWithPath: path).lastPathComponent
    guard name.range(of: #"^[0-9]{4}_[a-z0-9_]+\.sql$"#, options: .regularExpression) != nil else {
        fail("\(path): migration file names are NNNN_description.sql (lowercase, digits, underscores)")
    }
    guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
    guard let text = String(data: data, encoding: .utf8), Data(text.utf8) == data else {
        fail("\(path) is not valid UTF-8")
    }
    entries.append("        (name: \(literal(name)), sql: \(literal(text))),")
}
let source = """
    // Generated at build time by the EmbedMigrations plugin from Migrations/*.sql. Do not edit.

    enum EmbeddedMigrations {
        /// Each migration file's name and exact text, in file-name order.
        static let files: [(name: String, sql: String)] = [
    \(entries.joined(separator: "\n"))
        ]
    }

    """
let existing = FileManager.default.contents(atPath: output)
if existing != Data(source.utf8) {
    do {
        try Data(source.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
    } catch {
        fail("cannot write \(output): \(error)")
    }
}
