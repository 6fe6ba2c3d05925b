import Foundation
@testable import Registry
import SQLiteDB
import Testing

/// An extract keeps its baseline (the file as extracted) in chunks: SQLite refuses one value
/// over 1,000,000,000 bytes, and the file of a large area passes that (an office of a
/// 1M-member centre could not be extracted). Small chunks here stand for large files.
@Suite struct ExtractBaselineTests {
    private static func chunks(in path: String) throws -> Int {
        try Connection(.file(path)).fetchValue(Int.self, "SELECT count(*) FROM sync_extract_baseline") ?? 0
    }

    private static func work(on path: String, _ fixture: SyncFixture) throws -> [ChangesetChange] {
        try SyncFixture.enrolAndPay(on: fixture.open(path), serial: "0901", name: "Ujang Permana", receipt: "AGENT-0901")
        return try Registry.changeset(ofExtractAt: path).changeset.changes()
    }

    @Test func aBaselineInManyChunksFindsTheSameWorkAsOneInOne() throws {
        let fixture = try SyncFixture()
        let chunked = fixture.directory.path("chunked.sqlite"), whole = fixture.directory.path("whole.sqlite")
        _ = try fixture.centre.extract(.office(code: "KC-PWK"), to: chunked, baselineChunkBytes: 4096)
        _ = try fixture.centre.extract(.office(code: "KC-PWK"), to: whole)
        let baselineBytes = try #require(try Connection(.file(whole)).fetchValue(Int.self, "SELECT sum(length(bytes)) FROM sync_extract_baseline"))
        #expect(try Self.chunks(in: chunked) == (baselineBytes + 4095) / 4096)
        #expect(try Self.chunks(in: chunked) > 1)
        #expect(try Self.chunks(in: whole) == 1)
        #expect(try Connection(.file(whole)).fetchValue(Int.self, "SELECT length(baseline) FROM sync_extract") == 0)

        let fromChunks = try Self.work(on: chunked, fixture)
        let fromOne = try Self.work(on: whole, fixture)
        #expect(fromChunks.map(\.table).contains("workers"))
        #expect(fromChunks == fromOne)
        // And the centre takes it.
        let outcome = try fixture.centre.push(extractAt: chunked)
        #expect(outcome.rejects.isEmpty && outcome.applied == fromChunks.count)
    }

    /// An extract made before the chunks (its baseline in `sync_extract.baseline`) still gives
    /// its work; one that has neither is refused by name, not diffed against nothing.
    @Test func anExtractWithItsBaselineInTheMarkerStillGivesItsWork() throws {
        let fixture = try SyncFixture()
        let path = try fixture.extract(.office(code: "KC-PWK"), named: "older.sqlite")
        let chunked = try Self.work(on: path, fixture)
        let db = try Connection(.file(path))
        try db.execute("UPDATE sync_extract SET baseline = (SELECT bytes FROM sync_extract_baseline WHERE chunk = 0)")
        try db.execute("DELETE FROM sync_extract_baseline")
        #expect(try Registry.changeset(ofExtractAt: path).changeset.changes() == chunked)

        try db.execute("UPDATE sync_extract SET baseline = X''")
        #expect(throws: RegistryError.invalid(
            field: "extract", value: path,
            reason: "has lost its baseline (the file as extracted), so its work cannot be found: extract the area again")) {
            try Registry.changeset(ofExtractAt: path)
        }
    }
}
