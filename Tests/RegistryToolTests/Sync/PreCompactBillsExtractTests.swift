import Foundation
@testable import Registry
import SQLiteDB
import Testing

/// An extract made before 0026 holds a baseline with the old `bills` and `bill_lines`, which no
/// diff can compare with the upgraded tables; a changeset written then names `bill_lines`. Both
/// are refused by name, saying to push with the version the extract was made with.
@Suite struct PreCompactBillsExtractTests {
    static let refusal: RegistryError.Reason = .extractBeforeCompactBills

    /// Rewrites the extract's baseline as a register from before 0026 would have it: no
    /// `bill_adjustments` (the old tables' shape does not matter to the refusal).
    private static func ageBaseline(of path: String, through file: String) throws {
        let db = try Connection(.file(path))
        var bytes: [UInt8] = []
        try db.forEach("SELECT bytes FROM sync_extract_baseline ORDER BY chunk") { bytes.append(contentsOf: try $0.get(0, as: Data.self)) }
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + suffix) } }
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        do {
            let image = try Connection(.file(file))
            try image.executeScript("PRAGMA journal_mode = DELETE; DROP VIEW bill_lines; DROP TABLE bill_adjustments;")
        }
        let aged = try Data(contentsOf: URL(fileURLWithPath: file))
        try db.execute("DELETE FROM sync_extract_baseline")
        try db.execute("INSERT INTO sync_extract_baseline (chunk, bytes) VALUES (0, ?)", aged)
    }

    @Test func anExtractMadeBeforeTheUpgradeIsRefusedBeforeAnythingIsApplied() throws {
        let fixture = try SyncFixture()
        let path = try fixture.extract(.office(code: "KC-PWK"), named: "before-0026.sqlite")
        _ = try SyncFixture.enrolAndPay(on: fixture.open(path), serial: "0902", name: "Siti Aminah", receipt: "AGENT-0902")
        // Control: the same extract with its own baseline gives its work.
        #expect(try Registry.changeset(ofExtractAt: path).changeset.changes().contains { $0.table == "bill_adjustments" || $0.table == "bills" })
        let totals = try SyncFixture.ledgerTotals(fixture.centre)

        try Self.ageBaseline(of: path, through: fixture.directory.path("aged-baseline.sqlite"))
        #expect(throws: RegistryError.invalid(field: "extract", value: path, reason: Self.refusal)) {
            try fixture.centre.push(extractAt: path)
        }
        #expect(try SyncFixture.ledgerTotals(fixture.centre) == totals, "nothing applied")
        #expect(Self.refusal.description.contains("push it with the registry version it was made with, before upgrading"))
    }

    @Test func aChangesetWrittenBeforeTheUpgradeIsRefused() throws {
        let fixture = try SyncFixture()
        let path = try fixture.extract(.office(code: "KC-PWK"), named: "marker.sqlite")
        let marker = try Registry.changeset(ofExtractAt: path).marker
        let old = Changeset(changes: [ChangesetChange(
            table: "bill_lines", operation: .insert, primaryKeyFlags: [1, 0, 0, 0, 0, 0, 0, 0, 0],
            old: [], new: [.integer(900_001), .integer(1), .text("JKK"), .text("self"), .text("dues"), .integer(10_000),
                           .null, .text("2025-06-01T00:00:00.000Z"), .null])])
        let totals = try SyncFixture.ledgerTotals(fixture.centre)
        #expect(throws: RegistryError.invalid(field: "changeset", value: String(old.sha256.prefix(12)), reason: Self.refusal)) {
            try fixture.centre.apply(old, from: marker)
        }
        #expect(try SyncFixture.ledgerTotals(fixture.centre) == totals)
    }
}
