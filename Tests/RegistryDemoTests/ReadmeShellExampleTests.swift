import Foundation
import Registry
import SQLiteDB
import Testing

/// The `sqlite3 -box registry.sqlite "…"` examples of the README and docs/schema-by-hand.md, read from the files, run on
/// the demo: each must still prepare against the schema, and the arrears query by length class
/// must list what the library lists.
@Suite struct ReadmeShellExampleTests {
    /// The SQL of every `sqlite3 -box registry.sqlite` line of the README and of
    /// docs/schema-by-hand.md, unquoted.
    static func examples() throws -> [String] {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let prefix = "sqlite3 -box registry.sqlite "
        return try ["README.md", "docs/schema-by-hand.md"].flatMap { file in
            try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8).split(separator: "\n")
                .filter { $0.hasPrefix(prefix) }
                .map { line in String(line.dropFirst(prefix.count).dropFirst().dropLast()) }
        }
    }

    /// The examples of the views read today's date (`report_as_of`), so they must run whatever the
    /// day; those of the standing tables name 31 December 2025, inside the demo's history, and
    /// must find rows there.
    @Test func everyExampleRunsOnTheDemo() throws {
        let examples = try Self.examples()
        #expect(examples.count >= 8)
        let session = try DemoFixture.standard.get().session()
        for sql in examples {
            var rows = 0
            try session.connection.forEach(sql) { _ in rows += 1 }
            if sql.contains("2025-12-31") { #expect(rows > 0, "\(sql)") }
        }
    }

    @Test func theArrearsByLengthClassListWhatTheLibraryLists() throws {
        let sql = try #require(try Self.examples().first { $0.contains("length_class") })
        let session = try DemoFixture.standard.get().session()
        let typed = try session.connection.fetchAll(sql).map {
            "\(try $0.get(0, as: Int64.self)) Rp\(try $0.get(2, as: Int64.self))"
        }
        let listed = try session.arrears(on: CalendarDate(iso: "2025-12-31")!).map {
            "\($0.membership.rawValue) Rp\($0.amountOwed.amount)"
        }
        #expect(!listed.isEmpty)
        #expect(typed.sorted() == listed.sorted())
    }
}
