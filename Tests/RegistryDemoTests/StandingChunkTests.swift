import Foundation
@testable import Registry
import RegistryDemo
import SQLiteDB
import Testing

/// The standing refresh works through the stale memberships a chunk at a time, so its memory
/// does not grow with an import. Chunks must not change the answer: rebuilt from nothing in
/// chunks of 7, the demo's standing tables count what its own writes kept (each write
/// refreshed only from the day it changed, and from the membership's settled horizon). (Workers whose
/// memberships fall in two chunks: StandingTests, in chunks of one.)
@Suite struct StandingChunkTests {
    @Test func aRefreshInSmallChunksGivesTheTablesOfTheWritesThemselves() throws {
        let demo = try DemoFixture.standard.get()
        let copy = DemoFixture.temporaryPath("chunks")
        defer { DemoFixture.remove(copy) }
        // SQLite's backup, not a file copy: what the shared file's WAL still holds is copied too.
        try demo.session().connection.backup(to: copy)
        let standing = [
            "membership_status_spans", "worker_coverage_spans", "status_count_changes", "participation_changes", "standing_horizons",
        ]
        let kept = try DemoFixture.dump(copy).filter { standing.contains($0.key) }
        #expect(kept.values.allSatisfy { !$0.isEmpty })

        let db = try Connection(.file(copy))
        try db.executeScript("""
            DELETE FROM membership_status_spans; DELETE FROM worker_coverage_spans;
            DELETE FROM status_count_changes; DELETE FROM participation_changes; DELETE FROM standing_horizons;
            """)
        let refreshed = try RegistrySession(db).refreshStanding(all: true, chunk: 7)
        #expect(refreshed == demo.summary.memberships)
        #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM standing_stale") == 0)
        let rebuilt = try DemoFixture.dump(copy).filter { standing.contains($0.key) }
        for table in standing {
            // A day whose changes cancel out may keep a row of zeros, depending on the order of
            // the writes; it adds nothing to any count.
            func counting(_ rows: [String]?) -> Set<String> {
                Set((rows ?? []).filter { !$0.hasSuffix("|0") || $0.split(separator: "|").dropFirst(3).contains { $0 != "0" } })
            }
            let difference = counting(rebuilt[table]).symmetricDifference(counting(kept[table]))
            #expect(difference.isEmpty, "\(table): \(difference.sorted().prefix(6))")
        }
    }
}
