import Foundation
import SQLiteDB
import Testing

/// The example of the DocC article `Sources/SQLiteDB/SQLiteDB.docc/GettingStarted.md`: it runs
/// here, between the markers, and the article must show exactly these lines, so the page a new
/// developer reads first cannot drift from code that compiles and does what it says.
@Suite struct GettingStartedArticleTests {
    @Test func theExampleRunsAndPrintsWhatItsCommentsSay() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("visits.sqlite")
        var printed: [String] = []
        func print(_ items: Any...) { printed.append(items.map { "\($0)" }.joined(separator: " ")) }

        // article example begins
        let pool = try DatabasePool(path: path)   // WAL, owner-only file, foreign keys on
        let migrator = try Migrator(migrations: [
            try Migration(name: "0001_visits.sql", sql: """
                CREATE TABLE visits (
                    id INTEGER PRIMARY KEY,
                    village TEXT NOT NULL CHECK (length(village) > 0),
                    visited_on TEXT NOT NULL,
                    sign_ups INTEGER NOT NULL CHECK (sign_ups >= 0)
                ) STRICT;
                """),
        ])
        try pool.writeWithoutTransaction { db in _ = try migrator.migrate(db) }   // each file once, in its own transaction

        try pool.write { db in                                                   // one IMMEDIATE transaction
            try db.execute("INSERT INTO visits (village, visited_on, sign_ups) VALUES (?, ?, ?)",
                           "Ciseureuh", CalendarDate(iso: "2025-03-04")!, 12)
            try db.execute("INSERT INTO visits (village, visited_on, sign_ups) VALUES (?, ?, ?)",
                           "Poncosari", CalendarDate(iso: "2025-03-05")!, 7)
        }

        let busiest = try pool.read { db in
            try db.fetchOne("SELECT village, visited_on FROM visits ORDER BY sign_ups DESC LIMIT 1")
        }
        if let busiest {
            let village: String = try busiest["village"]
            let day: CalendarDate = try busiest["visited_on"]
            print(village, day)                                                  // Ciseureuh 2025-03-04
        }

        do {
            try pool.write { db in
                try db.execute("INSERT INTO visits (village, visited_on, sign_ups) VALUES (?, ?, ?)",
                               "Ciseureuh", CalendarDate(iso: "2025-03-06")!, -1)
            }
        } catch let error as SQLiteError where error.constraint == .check {
            print("refused by the schema")                                       // nothing of it is stored
        }
        // article example ends

        #expect(printed == ["Ciseureuh 2025-03-04", "refused by the schema"])
        #expect(try pool.read { try $0.fetchValue(Int.self, "SELECT count(*) FROM visits") } == 2)
        #expect(try permissions(of: path) == 0o600)
        #expect(try pool.read { try migrator.history($0).map(\.fileName) } == ["0001_visits.sql"])
    }

    @Test func theArticleShowsTheExampleThisTestRuns() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let article = try String(contentsOf: root.appendingPathComponent("Sources/SQLiteDB/SQLiteDB.docc/GettingStarted.md"),
                                 encoding: .utf8)
        let shown = try #require(SwiftBlocks.in(article).first { $0.hasPrefix("import SQLiteDB\n") })
        let ran = try SwiftBlocks.between("// article example begins", and: "// article example ends",
                                          in: try String(contentsOfFile: #filePath, encoding: .utf8))
        #expect(shown == "import SQLiteDB\n\n" + ran)
    }
}

/// Fenced Swift code in Markdown, and marked regions of a source file, dedented.
enum SwiftBlocks {
    /// The contents of every ```` ```swift ```` block.
    static func `in`(_ markdown: String) -> [String] {
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

    /// The lines strictly between the two marker lines, with the first line's indentation removed.
    static func between(_ begin: String, and end: String, in source: String) throws -> String {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        let first = try #require(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == begin })
        let last = try #require(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == end })
        let body = lines[(first + 1)..<last]
        let indent = body.first.map { $0.prefix { $0 == " " }.count } ?? 0
        return body.map { $0.count >= indent ? $0.dropFirst(indent) + "\n" : "\n" }.joined()
    }
}
