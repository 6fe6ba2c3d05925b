import Foundation
import Registry
import SQLiteDB
import Testing

/// 0026: a bill keeps its billing run's dues lines as columns, every other line is a row of
/// `bill_adjustments`, and the `bill_lines` view shows them all as before.
@Suite struct CompactBillsTests {
    /// A wage earner earning above the JP cap (a note on the JP lines), a BPU member whose dues a
    /// local government sponsors, billed for March and April 2025.
    struct Ledger {
        let world: DomainWorld
        let wageEarner: Membership
        let sponsored: Membership
    }

    func ledger() throws -> Ledger {
        let world = try DomainWorld(today: day("2025-03-01"))
        let worker = try world.register(serial: 1)
        let wageEarner = try world.session.enrol(.wageEarner(
            worker: worker.id, employer: world.employer.id, wage: 12_000_000, startDate: day("2025-03-01"),
            programs: [.jkk, .jkm, .jht, .jp]))
        let other = try world.register(serial: 2)
        let sponsored = try world.session.enrol(.informal(
            worker: other.id, declaredIncome: 1_000_000, startDate: day("2025-03-01"), payer: .localGovernment, withJHT: true))
        try world.session.issueBills(for: month("2025-03"))
        world.clock.set(day("2025-04-01"))
        try world.session.issueBills(for: month("2025-04"))
        return Ledger(world: world, wageEarner: wageEarner, sponsored: sponsored)
    }

    /// The lines of `bill` as the view gives them, in the API's order.
    func viewLines(_ db: Connection, _ bill: Bill.ID) throws -> [String] {
        try db.fetchAll("""
            SELECT id, program_code, payer_code, kind, amount, reverses_id FROM bill_lines WHERE bill_id = ?
            ORDER BY id > 0, abs(id)
            """, bill).map { row in
            "\(try row.get(0, as: Int64.self)) \(try row.get(1, as: String.self)) \(try row.get(2, as: String.self)) "
                + "\(try row.get(3, as: String.self)) \(try row.get(4, as: Int64.self)) \(try row.get(5, as: Int64?.self).map(String.init) ?? "-")"
        }
    }

    func apiLines(_ bill: Bill) -> [String] {
        bill.lines.map { "\($0.id) \($0.program.rawValue) \($0.payer.rawValue) \($0.kind.rawValue) \($0.amount.amount) \($0.reverses.map(\.description) ?? "-")" }
    }

    @Test func aBillingRunWritesOneRowPerBillWithItsDuesAsColumns() throws {
        let ledger = try ledger()
        let db = ledger.world.db
        #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM bills") == 4)
        #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM bill_adjustments") == 0, "every line fits a column")
        let march = try #require(try ledger.world.session.bills(of: ledger.wageEarner.id).first)
        let row = try #require(try db.fetchOne("""
            SELECT jkk_employer, jkk_worker, jkm_employer, jht_employer, jht_worker, jp_employer, jp_worker, worker_payer_code, note
            FROM bills WHERE id = ?
            """, march.id))
        // JKK 0.54% and JKM 0.30% of 12,000,000 (employer); JHT 3.7% + 2%; JP 2% + 1% of the
        // 2025 cap, 10,547,400.
        #expect(try row.get(0, as: Int64?.self) == 64_800 && row.get(1, as: Int64?.self) == nil)
        #expect(try row.get(2, as: Int64?.self) == 36_000)
        #expect(try row.get(3, as: Int64?.self) == 444_000 && row.get(4, as: Int64?.self) == 240_000)
        #expect(try row.get(5, as: Int64?.self) == 210_948 && row.get(6, as: Int64?.self) == 105_474)
        #expect(try row.get(7, as: String?.self) == "self")
        let note = try #require(try row.get(8, as: String?.self))
        #expect(note.hasPrefix("JP: wage ") && note.contains("capped at") && !note.contains("; "),
                "the JP lines' one note, once: \(note)")
        #expect(march.amountDue == 1_101_222)
        #expect(march.lines.map(\.id.rawValue) == [0, 2, 4, 5, 6, 7].map { -(march.id.rawValue * 8 + $0) })

        let sponsored = try #require(try ledger.world.session.bills(of: ledger.sponsored.id).first)
        #expect(sponsored.lines.map(\.payer) == [.localGovernment, .localGovernment, .localGovernment])
        #expect(try db.fetchValue(String.self, "SELECT worker_payer_code FROM bills WHERE id = ?", sponsored.id) == "local_government")
        #expect(try db.fetchValue(Int64.self, "SELECT jkk_employer IS NULL AND jkm_employer IS NULL FROM bills WHERE id = ?", sponsored.id) == 1)
    }

    @Test func theViewGivesTheLinesTheAPIGives() throws {
        let ledger = try ledger()
        let session = ledger.world.session
        // March (due 15 April) paid on 20 May, two started months late: a 4% penalty line (an
        // adjustment) on each of its six dues lines.
        ledger.world.clock.set(day("2025-05-20"))
        let march = try #require(try session.bills(of: ledger.wageEarner.id).first)
        let penalties = march.lines.map { $0.amount.applying(Rate(partsPerMillion: 40_000)) }.sum()
        try session.payEmployerDues(employer: ledger.world.employer.id, month: month("2025-03"),
                                    amount: march.amountDue + penalties, receipt: "E-1", channel: .bankTransfer)
        // The sponsored April bill cancelled, then billed again: reversals of columns, then new
        // dues lines, which no column can take any more.
        let april = try #require(try session.bills(of: ledger.sponsored.id).last)
        try session.cancelBill(april.id, note: "wrong income")
        try session.issueBill(for: ledger.sponsored.id, month: month("2025-04"))

        let db = ledger.world.db
        #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM bill_adjustments WHERE kind = 'late_penalty'") == 6)
        #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM bill_adjustments WHERE reverses_id < 0") == 3)
        #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM bill_adjustments WHERE kind = 'dues' AND reverses_id IS NULL") == 3)
        var bills = 0
        for membership in [ledger.wageEarner.id, ledger.sponsored.id] {
            for bill in try session.bills(of: membership) {
                #expect(try viewLines(db, bill.id) == apiLines(bill), "bill \(bill.id)")
                #expect(try db.fetchValue(Int64.self, "SELECT sum(amount) FROM bill_lines WHERE bill_id = ?", bill.id) == bill.amountDue.amount)
                #expect(try db.fetchValue(Int64.self, "SELECT amount_due FROM bill_balances WHERE bill_id = ?", bill.id) == bill.amountDue.amount)
                bills += 1
            }
        }
        #expect(bills == 4)
        let reissued = try #require(try session.bill(april.id))
        #expect(reissued.amountDue == april.amountDue && reissued.lines.count == 9)
        #expect(reissued.lines.compactMap(\.reverses) == april.lines.map(\.id))
        #expect(try session.bill(march.id)?.amountDue == march.amountDue + penalties)
    }

    /// `-(bill × 8 + slot)` names a column line: reversible once, on its own bill only.
    @Test func aColumnLineIsReversedOnceAndOnlyFromItsOwnBill() throws {
        let ledger = try ledger()
        let db = ledger.world.db
        let bills = try ledger.world.session.bills(of: ledger.sponsored.id)
        let march = bills[0], april = bills[1]
        let jkk = try #require(march.lines.first { $0.program == .jkk })
        #expect(jkk.id.rawValue == -(march.id.rawValue * 8 + 1))
        func reverse(_ line: BillLine, on bill: Bill.ID) throws {
            try db.execute("""
                INSERT INTO bill_adjustments (bill_id, program_code, payer_code, kind, amount, reverses_id)
                VALUES (?, 'JKK', 'local_government', 'dues', ?, ?)
                """, bill, -line.amount.amount, line.id)
        }
        let wrongBill = refusal { try reverse(jkk, on: april.id) }
        #expect(wrongBill?.message.hasPrefix("a reversing bill line must be on the same bill") == true)
        let noSuchColumn = refusal {
            try db.execute("""
                INSERT INTO bill_adjustments (bill_id, program_code, payer_code, kind, amount, reverses_id)
                VALUES (?, 'JKK', 'employer', 'dues', -1, ?)
                """, march.id, -(march.id.rawValue * 8 + 0))
        }
        #expect(noSuchColumn?.message.hasPrefix("a reversing bill line must be on the same bill") == true, "jkk_employer is NULL")
        try reverse(jkk, on: march.id)
        #expect(try ledger.world.session.bill(march.id)?.amountDue == march.amountDue - jkk.amount)
        #expect(refusal { try reverse(jkk, on: march.id) }?.message == "this bill line has already been reversed")
        // The partial unique index refuses it too, with the trigger gone (a hand edit).
        try db.execute("DROP TRIGGER bill_adjustments_check_on_insert")
        #expect(refusal { try reverse(jkk, on: march.id) }?.message == "UNIQUE constraint failed: bill_adjustments.reverses_id")
        // Rows that reverse nothing are not in it: many of them, no conflict.
        for _ in 0..<2 {
            try db.execute("""
                INSERT INTO bill_adjustments (bill_id, program_code, payer_code, kind, amount) VALUES (?, 'JKK', 'employer', 'late_penalty', 100)
                """, march.id)
        }
    }

    /// `registry check` (bill_reversals) finds a line reversed twice and a reversal that names
    /// no line of its bill, once the trigger and index that refuse them are gone.
    @Test func theCheckFindsReversalsTheTriggerWouldHaveRefused() throws {
        let ledger = try ledger()
        let db = ledger.world.db
        let session = ledger.world.session
        let bills = try session.bills(of: ledger.sponsored.id)
        let march = bills[0], april = bills[1]
        let jkm = try #require(march.lines.first { $0.program == .jkm })
        try session.cancelBill(april.id)
        func problems() throws -> [String] {
            try session.consistencyProblems(on: day("2025-04-01")).filter { $0.check == .billReversals }.map(\.description)
        }
        #expect(try problems() == [], "the cancellation's reversals are sound")
        try db.executeScript("DROP TRIGGER bill_adjustments_check_on_insert; DROP INDEX bill_adjustments_reverses_id")
        let reversal = """
            INSERT INTO bill_adjustments (id, bill_id, program_code, payer_code, kind, amount, reverses_id)
            VALUES (?, ?, 'JKM', 'local_government', 'dues', ?, ?)
            """
        try db.execute(reversal, 9001, march.id, -jkm.amount.amount, jkm.id)
        #expect(try problems() == [], "one reversal of a line is sound")
        try db.execute(reversal, 9002, march.id, -jkm.amount.amount, jkm.id)
        try db.execute(reversal, 9003, april.id, -jkm.amount.amount, jkm.id)
        #expect(try problems() == [
            "bill_reversals: bill line 9001 (bill \(march.id)): reverses line \(jkm.id), which 3 adjustments reverse: a line is reversed once",
            "bill_reversals: bill line 9002 (bill \(march.id)): reverses line \(jkm.id), which 3 adjustments reverse: a line is reversed once",
            "bill_reversals: bill line 9003 (bill \(april.id)): reverses line \(jkm.id), which 3 adjustments reverse: a line is reversed once",
        ])
    }

    @Test func aReversalNamingNoLineOfItsBillIsFound() throws {
        let ledger = try ledger()
        let db = ledger.world.db
        let session = ledger.world.session
        let bills = try session.bills(of: ledger.sponsored.id)
        let jkm = try #require(bills[0].lines.first { $0.program == .jkm })
        try db.execute("DROP TRIGGER bill_adjustments_check_on_insert")
        try db.execute("""
            INSERT INTO bill_adjustments (id, bill_id, program_code, payer_code, kind, amount, reverses_id)
            VALUES (9001, ?, 'JKM', 'local_government', 'dues', ?, ?)
            """, bills[1].id, -jkm.amount.amount, jkm.id)
        #expect(try session.consistencyProblems(on: day("2025-04-01")).filter { $0.check == .billReversals }.map(\.description) == [
            "bill_reversals: bill line 9001 (bill \(bills[1].id)): reverses line \(jkm.id), which is not a line of its bill with the same program, payer and kind and the negated amount",
        ])
    }

    /// The shell's way in: a line inserted into the view becomes an adjustment, its ISO text
    /// timestamp converted exactly; the view refuses changes as the table did.
    @Test func handWrittenSQLThroughTheView() throws {
        let ledger = try ledger()
        let db = ledger.world.db
        let bill = try #require(try ledger.world.session.bills(of: ledger.sponsored.id).first)
        try db.execute("""
            INSERT INTO bill_lines (bill_id, program_code, payer_code, kind, amount, recorded_at)
            VALUES (?, 'JKK', 'local_government', 'late_penalty', 250, '2025-03-20T01:02:03.456Z')
            """, bill.id)
        let stored = try #require(try db.fetchOne("SELECT id, recorded_at FROM bill_adjustments"))
        #expect(try stored.get(1, as: Int64.self) == 1_742_432_523_456)
        #expect(try db.fetchValue(String.self, "SELECT strftime('%Y-%m-%dT%H:%M:%fZ', recorded_at / 1000.0, 'unixepoch') FROM bill_lines WHERE id = ?",
                                  try stored.get(0, as: Int64.self)) == "2025-03-20T01:02:03.456Z")
        #expect(try ledger.world.session.bill(bill.id)?.amountDue == bill.amountDue + 250)
        #expect(refusal { try db.execute("UPDATE bill_lines SET amount = 0 WHERE bill_id = ?", bill.id) }?.message.hasPrefix(
            "the dues ledger is append-only: a bill line cannot be changed") == true)
        #expect(refusal { try db.execute("DELETE FROM bill_lines WHERE bill_id = ?", bill.id) }?.message.hasPrefix(
            "the dues ledger is append-only: a bill line cannot be deleted") == true)
        #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM bill_lines WHERE bill_id = ?", bill.id) == 4)
    }
}
