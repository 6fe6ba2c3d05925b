import Foundation
import Testing

/// The DocC article `Sources/Registry/Registry.docc/GettingStarted.md` shows the README's
/// library example, which `ReadmeExampleTests` runs: the two must be the same text, so the
/// documentation a Swift developer browses never shows code that no test runs.
@Suite struct GettingStartedArticleTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func theArticleShowsTheReadmeExample() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let article = try String(contentsOf: Self.root.appendingPathComponent("Sources/Registry/Registry.docc/GettingStarted.md"),
                                 encoding: .utf8)
        let example = try #require(Self.swiftBlocks(in: readme).first { $0.hasPrefix("import Registry\n") },
                                   "the README has no Swift block beginning 'import Registry'")
        #expect(example.contains("registry.close()"), "the README example is cut short")
        #expect(Self.swiftBlocks(in: article).contains(example),
                "GettingStarted.md does not show the README's library example as it is now")
    }

    /// A block that differs by one character is not taken for the README's: the comparison
    /// above can fail.
    @Test func aChangedExampleIsNoticed() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let example = try #require(Self.swiftBlocks(in: readme).first { $0.hasPrefix("import Registry\n") })
        let edited = "# Getting started\n\n```swift\n" + example.replacingOccurrences(of: "months: 3", with: "months: 6") + "```\n"
        #expect(!Self.swiftBlocks(in: edited).contains(example))
        #expect(Self.swiftBlocks(in: "```swift\n" + example + "```\n") == [example])
    }

    /// The contents of every ```` ```swift ```` block.
    static func swiftBlocks(in markdown: String) -> [String] {
        var blocks: [String] = [], current: [Substring]?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```swift" {
                current = []
            } else if current != nil, line == "```" {
                blocks.append(current!.map { $0 + "\n" }.joined())
                current = nil
            } else {
                current?.append(line)
            }
        }
        return blocks
    }
}
