/// An element of an XML document (SVG, or HTML written as well-formed XML): a name, attributes
/// in the order given, and children.
///
/// Charts show names that come from the register (regions, offices, employers), so no text
/// reaches the output unescaped: ``rendered()`` escapes every text node and attribute value,
/// and replaces characters XML 1.0 forbids. Element and attribute names are the builders'
/// own constants (``SVG``, ``HTML``), never data.
struct MarkupElement: Equatable {
    let name: String
    var attributes: [Attribute]
    var children: [MarkupNode]

    struct Attribute: Equatable {
        let name: String
        let value: String
    }

    init(_ name: String, _ attributes: [(String, String?)] = [], _ children: [MarkupNode] = []) {
        self.name = name
        // A nil value leaves the attribute out: callers list optional attributes inline.
        self.attributes = attributes.compactMap { name, value in value.map { Attribute(name: name, value: $0) } }
        self.children = children
    }

    /// The element as XML text, children indented only where the element holds no text (so
    /// the whitespace added never changes what a text element shows).
    func rendered() -> String {
        var out = ""
        render(into: &out, indent: 0)
        return out
    }

    private func render(into out: inout String, indent: Int) {
        let padding = String(repeating: "  ", count: indent)
        out += padding + "<" + name
        for attribute in attributes {
            out += " \(attribute.name)=\"\(Markup.escapeAttribute(attribute.value))\""
        }
        guard !children.isEmpty else {
            out += "/>\n"
            return
        }
        let holdsText = children.contains { if case .text = $0 { true } else { false } }
        if holdsText {
            out += ">"
            for child in children {
                switch child {
                case .text(let text): out += Markup.escapeText(text)
                case .element(let element):
                    var inline = ""
                    element.render(into: &inline, indent: 0)
                    out += inline.hasSuffix("\n") ? String(inline.dropLast()) : inline
                case .raw(let text): out += text
                }
            }
            out += "</\(name)>\n"
        } else {
            out += ">\n"
            for child in children {
                switch child {
                case .element(let element): element.render(into: &out, indent: indent + 1)
                case .raw(let text): out += text
                case .text: break
                }
            }
            out += padding + "</\(name)>\n"
        }
    }
}

/// A child of a ``MarkupElement``.
enum MarkupNode: Equatable {
    case element(MarkupElement)
    /// Text, escaped when rendered.
    case text(String)
    /// Markup already rendered by ``MarkupElement/rendered()`` (an SVG inside an HTML page):
    /// never text from the register.
    case raw(String)
}

/// XML escaping shared by the SVG and HTML builders.
enum Markup {
    /// Text content: `&`, `<` and `>` escaped, characters XML forbids replaced.
    static func escapeText(_ text: String) -> String {
        escape(text, quotes: false)
    }

    /// An attribute value in double quotes: quotes escaped as well.
    static func escapeAttribute(_ text: String) -> String {
        escape(text, quotes: true)
    }

    private static func escape(_ text: String, quotes: Bool) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"" where quotes: out.append(contentsOf: "&quot;".unicodeScalars)
            case "'" where quotes: out.append(contentsOf: "&apos;".unicodeScalars)
            case _ where !isAllowed(scalar): out.append("\u{FFFD}")
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// XML 1.0's Char production: tab, line feed, carriage return, and everything from U+0020
    /// except U+FFFE and U+FFFF (Swift strings hold no lone surrogates).
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: true
        case 0x20...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}
