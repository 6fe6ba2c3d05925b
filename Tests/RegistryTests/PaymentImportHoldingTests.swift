@testable import Registry
import Foundation
import SQLiteDB
import Testing

/// `registry import payments` stores runs of informal payments with the bulk
/// `payInformalDues(_:)` (rows held by `PaymentImporter.holdRow`). Compared here with the same
/// file imported one row at a time, in every mode: the same rejects (line, column, value,
/// reason, in file order), the same counts, the same tables.
@Suite struct PaymentImportHoldingTests {
    /// A file mixing good informal payments with refusals found while reading a row (unknown KPJ,
    /// a malformed row), refusals found when the held rows are stored (wrong amount, a receipt
    /// used earlier in the file, months not allowed, a wrong amount for months the payment had
    /// billed ahead), and rows stored by themselves (a
    /// reversal of a held payment, an employer's payment).
    func file(_ scenario: PaymentBatchTests.Scenario) throws -> String {
        let db = scenario.world.db
        let kpj = try scenario.members.map { member in
            try #require(try db.fetchValue(String.self, """
                SELECT w.kpj FROM workers w JOIN memberships m ON m.worker_id = w.id WHERE m.id = ?
                """, member))
        }
        func amount(_ member: Int, _ months: [String]) throws -> String { String(try scenario.price(member, months).amount) }
        let paid = "2025-03-08T03:00:00.000Z"
        let rows = [
            "receipt_number,paid_at,channel,amount,kpj,membership_start,months_covered,npp,contribution_month,reverses_receipt",
            "I-1,\(paid),e_wallet,\(try amount(0, ["2025-01", "2025-02", "2025-03"])),\(kpj[0]),,3,,,",
            "I-2,\(paid),agent,\(try amount(1, ["2025-02"])),\(kpj[1]),,1,,,",
            "I-3,\(paid),agent,1000,\(kpj[2]),,1,,,",                                        // 4: amount
            "I-4,\(paid),agent,16800,10000009999,,1,,,",                                      // 5: kpj
            "I-5,\(paid),bank_transfer,\(try amount(2, ["2025-02", "2025-03", "2025-04", "2025-05", "2025-06", "2025-07"])),\(kpj[2]),,6,,,",
            "I-1,\(paid),agent,\(try amount(1, ["2025-03"])),\(kpj[1]),,1,,,",               // 7: receipt_number
            "I-6,\(paid),agent",                                                              // 8: fields
            "I-7,\(paid),e_wallet,\(try amount(0, ["2025-04"])),\(kpj[0]),,1,,,",
            "I-2-R,2025-03-09T03:00:00.000Z,,,,,,,,I-2",                                     // 10: reversal, stored alone
            "I-8,2025-03-09T04:00:00.000Z,agent,\(try amount(1, ["2025-02"])),\(kpj[1]),,1,,,",
            "E-1,\(paid),bank_transfer,5,,,,NPP-0001,2025-03,",                              // 12: amount, stored alone
            "I-9,\(paid),bank_counter,\(try amount(3, (1...12).map { String(format: "2025-%02d", $0) })),\(kpj[3]),,12,,,",
            "I-10,\(paid),agent,\(try amount(1, ["2025-03"])),\(kpj[1]),,2,,,",               // 14: months_covered
            "I-11,\(paid),agent,\(try amount(4, ["2025-01"])),\(kpj[4]),2025-01-01,1,,,",
            "I-12,\(paid),agent,1,\(kpj[0]),,6,,,",                                           // 16: amount, after billing May to October
        ]
        return rows.joined(separator: "\n") + "\n"
    }

    struct Run: Equatable {
        var outcome: ImportOutcome
        var rejects: [ImportReject]
        var tables: [String: [Row]]
    }

    func importFile(mode: ImportMode, batchSize: Int, holding: Bool) throws -> Run {
        let scenario = try PaymentBatchTests.Scenario()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("holding-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("r.sqlite").path, csv = directory.appendingPathComponent("p.csv").path
        try scenario.world.db.execute("VACUUM INTO ?", path)
        try file(scenario).write(toFile: csv, atomically: false, encoding: .utf8)
        let registry = try Registry(path: path, clock: scenario.world.clock.read)

        var rejects: [ImportReject] = []
        var importer = CSVImport(kind: .payments, mode: mode)
        importer.batchSize = batchSize
        importer.pauseBetweenBatches = .zero
        importer.holdsRows = holding
        importer.onReject = { rejects.append($0) }
        let descriptor = open(csv, O_RDONLY)
        defer { close(descriptor) }
        var reader = CSVReader(descriptor: descriptor)
        let outcome = try importer.run(&reader, into: registry)
        let tables = try registry.read { session in
            try snapshot(session.connection).filter { !["audit_log", "schema_migrations"].contains($0.key) }
        }
        return Run(outcome: outcome, rejects: rejects, tables: tables)
    }

    @Test(arguments: [(ImportMode.skipInvalid, 100), (.skipInvalid, 3), (.allOrNothing, 10_000), (.dryRun, 10_000)])
    func heldRowsAreStoredAndRefusedAsOneRowAtATime(mode: ImportMode, batchSize: Int) throws {
        let held = try importFile(mode: mode, batchSize: batchSize, holding: true)
        let alone = try importFile(mode: mode, batchSize: batchSize, holding: false)
        #expect(held.rejects.map(\.line) == [4, 5, 7, 8, 12, 14, 16])
        #expect(held.rejects.map(\.column) == ["amount", "kpj", "receipt_number", "", "amount", "months_covered", "amount"])
        #expect(held.rejects == alone.rejects)
        #expect(held.outcome == alone.outcome)
        #expect(held.outcome.rows == 15 && held.outcome.rejected == 7)
        for table in alone.tables.keys.sorted() {
            #expect(held.tables[table] == alone.tables[table], "table \(table)")
        }
        if mode == .skipInvalid {
            let payments = try #require(held.tables["payments"])
            #expect(payments.count == 1 + 7 + 1, "R-0, the seven good informal rows, the reversal")
        }
    }
}
