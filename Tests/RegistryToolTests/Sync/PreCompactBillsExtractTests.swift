import Foundation
@testable import Registry
import SQLiteDB
import Testing

/// An extract made before 0026 holds a baseline with the old `bills` and `bill_lines`, which no
/// diff can compare with the upgraded tables; a changeset written then names `bill_lines`. Both
/// are refused, saying to push with the version the extract was made with. And a
/// reversal made offline names a column line by its bill's id, which the push renumbers.
@Suite struct PreCompactBillsExtractTests {
    static let refusal: RegistryError.Reason = .extractPredatesLayout(migration: SyncTables.layoutMigration)

    /// Rewrites the extract's baseline as a register from before 0026 would have it: no
    /// `bill_adjustments`, and no 0026 or later in its migration history (the old tables'
    /// shape does not matter to the refusal).
    private static func ageBaseline(of path: String, through file: String) throws {
        let db = try Connection(.file(path))
        var bytes: [UInt8] = []
        try db.forEach("SELECT bytes FROM sync_extract_baseline ORDER BY chunk") { bytes.append(contentsOf: try $0.get(0, as: Data.self)) }
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + suffix) } }
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        do {
            let image = try Connection(.file(file))
            try image.executeScript("""
                PRAGMA journal_mode = DELETE; DROP VIEW bill_lines; DROP TABLE bill_adjustments;
                DELETE FROM schema_migrations WHERE file_name >= '0026';
                """)
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
        #expect(Self.refusal.description.contains("push extracts before upgrading (with the version that made them)"))
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

    /// A bill made and cancelled offline: its reversals name its column lines by the extract's
    /// bill id, `-(bill × 8 + slot)`, which the push turns into the bill's central id.
    @Test func aBillCancelledOfflineArrivesWithItsReversalsOnTheCentralLines() throws {
        let fixture = try SyncFixture()
        let path = try fixture.extract(.office(code: "KC-PWK"), named: "cancelled.sqlite")
        // Central work after the extract, so the extract's new bill ids are taken at the centre.
        try SyncFixture.enrolAndPay(on: fixture.centre, serial: "0904", name: "Agus Salim", receipt: "CENTRE-0904")
        let extract = try fixture.open(path)
        try SyncFixture.enrolAndPay(on: extract, serial: "0903", name: "Dewi Lestari", receipt: "AGENT-0903")
        let local = try extract.write(actor: "test") { session -> Int64 in
            let worker = try #require(try session.worker(nik: try NIK("3214010101900903")))
            let membership = try #require(try session.memberships(of: worker.id).first)
            let september = try session.issueBill(for: membership.id, month: try #require(ContributionMonth("2025-09")))
            try session.cancelBill(september.id, note: "billed in error")
            return september.id.rawValue
        }
        let outcome = try fixture.centre.push(extractAt: path)
        #expect(outcome.rejects.isEmpty, "\(outcome.rejects)")
        try fixture.centre.read { session in
            let worker = try #require(try session.worker(nik: try NIK("3214010101900903")))
            let membership = try #require(try session.memberships(of: worker.id).first)
            let september = try #require(try session.bills(of: membership.id).last)
            #expect(september.id.rawValue != local, "renumbered at the centre")
            let originals = september.lines.filter { $0.reverses == nil }
            let columnIDs = -(september.id.rawValue * 8 + 7) ... -(september.id.rawValue * 8)
            #expect(originals.count == 2 && originals.allSatisfy { columnIDs.contains($0.id.rawValue) })
            #expect(september.lines.compactMap(\.reverses) == originals.map(\.id))
            #expect(september.amountDue == .zero)
        }
        #expect(try SyncFixture.problems(fixture.centre).filter { $0.hasPrefix("bill_reversals") } == [])
    }
}
