import Foundation
import Synchronization
import Registry
import RegistryDemo
import SQLiteDB

/// Small demo registries built once per test process and shared by the tests that only read.
struct BuiltDemo: Sendable {
    let path: String
    let summary: DemoSummary

    /// A session on a read-only connection to the file.
    func session() throws -> RegistrySession {
        RegistrySession(try Connection(.file(path), mode: .readOnly))
    }
}

enum DemoFixture {
    /// The demo every read-only test inspects: 400 workers, the default seed and dates.
    static let standard: Result<BuiltDemo, any Error> = Result {
        let demo = try build(workers: 400, seed: 2026, name: "standard")
        // Shared by every test, so removed when the test process exits rather than by one test.
        standardPath.withLock { $0 = demo.path }
        atexit { DemoFixture.standardPath.withLock { path in path.map(DemoFixture.remove) } }
        return demo
    }
    private static let standardPath = Mutex<String?>(nil)

    static func build(workers: Int, seed: UInt64, name: String) throws -> BuiltDemo {
        let path = temporaryPath(name)
        return BuiltDemo(path: path, summary: try DemoRegistry.build(at: path, options: DemoOptions(workers: workers, seed: seed)))
    }

    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("registry-demo-\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).sqlite").path
    }

    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// Every row of every table, as SQL literals, sorted: the logical content of the file. The two
    /// columns the library stamps with the wall clock (not the registry's clock) are left out.
    static func dump(_ path: String) throws -> [String: [String]] {
        do {
            let db = try Connection(.file(path), mode: .readOnly)
            var tables: [String: [String]] = [:]
            for table in try db.fetchValues(String.self, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") {
                let wallClock: Set<String> = table == "schema_migrations" ? ["applied_at"] : table == "audit_log" ? ["changed_at"] : []
                let columns = try db.fetchAll("SELECT name FROM pragma_table_info(?) ORDER BY cid", table)
                    .map { row -> String in try row.get(0) }
                    .filter { !wallClock.contains($0) }
                let row = columns.map { "quote(\"\($0)\")" }.joined(separator: " || '|' || ")
                tables[table] = try db.fetchValues(String.self, "SELECT \(row) FROM \"\(table)\" ORDER BY 1")
            }
            return tables
        }
    }
}
