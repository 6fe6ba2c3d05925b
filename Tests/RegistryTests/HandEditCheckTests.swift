import Foundation
@testable import Registry
import SQLiteDB
import Testing

/// `consistencyProblems(on:)` against SQL typed by hand: each class of damage the schema let
/// through (or lets through once its trigger is dropped) is a line of its check. The sound
/// register of ``ConsistencyCheckTests/soundLedger()`` has no line at all
/// (`ConsistencyCheckTests.aSoundLedgerHasNoProblems`), and each test also shows the line absent
/// before the damage, or after a legitimate change that looks like it.
@Suite struct HandEditCheckTests {
    static let checkDay = day("2025-02-20")

    func problems(_ world: DomainWorld) throws -> [ConsistencyProblem] {
        try world.session.consistencyProblems(on: Self.checkDay)
    }

    func lines(_ world: DomainWorld, _ check: ConsistencyProblem.Check) throws -> [String] {
        try problems(world).filter { $0.check == check }.map(\.description)
    }

    // MARK: schema

    @Test func aDroppedTriggerIsASchemaLine() throws {
        let (world, _, _) = try ConsistencyCheckTests().soundLedger()
        try world.db.execute("DROP TRIGGER bills_no_update")
        #expect(try problems(world).map(\.description) == [
            "schema: trigger bills_no_update (on bills): missing; the migrations create it",
        ])
    }

    @Test func aDroppedIndexIsASchemaLine() throws {
        let (world, _, _) = try ConsistencyCheckTests().soundLedger()
        try world.db.execute("DROP INDEX payments_employer_id")
        #expect(try lines(world, .schema) == ["schema: index payments_employer_id (on payments): missing; the migrations create it"])
    }

    @Test func anExtraTriggerIsASchemaLine() throws {
        let (world, _, _) = try ConsistencyCheckTests().soundLedger()
        try world.db.execute("""
            CREATE TRIGGER payments_quietly_fixed AFTER INSERT ON payments
            BEGIN UPDATE audit_context SET actor = 'nobody' WHERE id = 1; END
            """)
        #expect(try lines(world, .schema) == ["schema: trigger payments_quietly_fixed (on payments): not created by the migrations"])
    }

    /// Litestream creates two bookkeeping tables in every register it replicates (and a restored
    /// copy carries them): they are not the register's schema. A table of the same shape under
    /// another name still is a line.
    @Test func litestreamsBookkeepingTablesAreNoSchemaLineAndAnotherTableIs() throws {
        let (world, _, _) = try ConsistencyCheckTests().soundLedger()
        try world.db.executeScript("""
            CREATE TABLE _litestream_seq (id INTEGER PRIMARY KEY, seq INTEGER);
            CREATE TABLE _litestream_lock (id INTEGER);
            INSERT INTO _litestream_seq (id, seq) VALUES (1, 7);
            """)
        #expect(try problems(world).isEmpty)
        try world.db.execute("CREATE TABLE _litestream_notes (id INTEGER)")
        #expect(try lines(world, .schema) == ["schema: table _litestream_notes: not created by the migrations"])
    }

    /// A view dropped and created again with other SQL is altered; the same statement laid out
    /// differently is not.
    @Test func anAlteredViewIsASchemaLineAndALayoutChangeIsNot() throws {
        let (world, _, _) = try ConsistencyCheckTests().soundLedger()
        try world.db.executeScript("""
            DROP VIEW report_as_of;
            CREATE VIEW report_as_of AS
                SELECT   date('now',   '+7 hours')
                    AS as_of;
            """)
        #expect(try lines(world, .schema) == [])
        try setReportDate(world.db, "2025-06-20")
        #expect(try lines(world, .schema) == [
            "schema: view report_as_of: its SQL differs from what the migrations create, from “…report_as_of AS SELECT '2025-06-20' AS as_of”",
        ])
    }

    @Test func aColumnAddedToATableIsASchemaLine() throws {
        let (world, _, _) = try ConsistencyCheckTests().soundLedger()
        try world.db.execute("ALTER TABLE workers ADD COLUMN nickname TEXT")
        let found = try lines(world, .schema)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("schema: table workers: its SQL differs from what the migrations create, from “…") == true)
        #expect(found.first?.contains("nickname") == true)
    }

    /// `ANALYZE` and `PRAGMA optimize` create `sqlite_stat1` (and may fill it at any time): that is
    /// SQLite's bookkeeping, not tampering.
    @Test func statisticsTablesAreNotTampering() throws {
        let (world, _, _) = try ConsistencyCheckTests().soundLedger()
        try world.db.execute("ANALYZE")
        try world.db.execute("PRAGMA optimize")
        #expect(try world.db.fetchValue(Int.self, "SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_stat1'") == 1)
        #expect(try lines(world, .schema) == [])
    }

    /// A register behind this build is compared with its own version: it is told which migration
    /// it lacks, not that every object of that migration is missing.
    @Test func aRegisterNotYetUpgradedIsToldWhatItLacks() throws {
        let db = try Connection(.memory)
        let all = try RegistrySchema.migrations()
        try Migrator(migrations: Array(all.dropLast())).migrate(db)
        let session = RegistrySession(db, clock: TestClock(day("2025-01-02")).read)
        #expect(try session.consistencyProblems(on: day("2025-01-02")).map(\.description) == [
            "schema: migration \(all.last!.name): not applied: the register is older than this build (opening it through the library applies it)",
        ])
        try RegistrySchema.migrate(db)
        #expect(try session.consistencyProblems(on: day("2025-01-02")) == [])
    }

    // MARK: rule_rows

    /// The lapse rule decides every past status: its row cannot be changed, and changed all the
    /// same (its trigger dropped first), the check names the row and the value.
    @Test func anEditedRuleRowIsRefusedAndWithItsTriggerDroppedIsFound() throws {
        let (world, _, _) = try ConsistencyCheckTests().soundLedger()
        let id = try #require(try world.db.fetchValue(Int64.self, "SELECT id FROM scheme_parameters WHERE code = 'arrears_lapse_months'"))
        let refused = try #require(refusal { try world.db.execute("UPDATE scheme_parameters SET value = 6 WHERE id = ?", id) })
        #expect(refused.message.hasPrefix("scheme_parameters: a rule row cannot be changed: rules change only by a new dated row in a migration"))
        #expect(try lines(world, .ruleRows) == [])

        try world.db.execute("DROP TRIGGER scheme_parameters_update_only_closes")
        try world.db.execute("UPDATE scheme_parameters SET value = 6 WHERE id = ?", id)
        #expect(try lines(world, .ruleRows) == [
            "rule_rows: scheme_parameters row id \(id) (code 'arrears_lapse_months'): edited: value is 6, the migrations say 3",
        ])
    }

    @Test func deletedAddedAndClosedRuleRowsAndAnEditedCodeAreFound() throws {
        let (world, _, _) = try ConsistencyCheckTests().soundLedger()
        let db = world.db
        let relief = try #require(try db.fetchValue(Int64.self, "SELECT min(id) FROM dues_reliefs"))
        try db.execute("DROP TRIGGER dues_reliefs_no_delete")
        try db.execute("DELETE FROM dues_reliefs WHERE id = ?", relief)
        // Closing an open row and adding its successor is what a migration does; typed by hand,
        // both are found.
        try db.execute("UPDATE contribution_rates SET effective_to = '2029-12-31' WHERE segment_code = 'informal' AND program_code = 'JKM'")
        try db.execute("""
            INSERT INTO contribution_rates (id, segment_code, program_code, share, flat_amount, effective_from, confidence)
            VALUES (900, 'informal', 'JKM', 'worker', 7000, '2030-01-01', 'L')
            """)
        try db.execute("UPDATE payment_channels SET description = 'Cash in an envelope' WHERE code = 'other'")
        let found = try lines(world, .ruleRows)
        #expect(found.count == 4, "\(found)")
        #expect(found.contains { $0.hasPrefix("rule_rows: dues_reliefs row id \(relief): deleted; the migrations insert (id \(relief), segment_code 'informal', program_code 'JKK', applies_to 'all', charged_ppm 10000,") })
        #expect(found.contains { $0.hasPrefix("rule_rows: contribution_rates row id ") && $0.hasSuffix(": edited: effective_to is '2029-12-31', the migrations say NULL") })
        #expect(found.contains("rule_rows: contribution_rates row id 900: added, not by a migration (id 900, segment_code 'informal', program_code 'JKM', share 'worker', jkk_risk_group NULL, rate_ppm NULL, flat_amount 7000, effective_from '2030-01-01', effective_to NULL, confidence 'L', note NULL)"))
        #expect(found.contains("rule_rows: payment_channels row code 'other': edited: description is 'Cash in an envelope', the migrations say 'Other channel'"))
    }

    /// Rules only ever come from migrations: every table a fresh migration fills is either a
    /// rule or code table the check compares, or one of the two the library writes itself.
    @Test func everyTableTheMigrationsFillIsComparedOrKnownToBeWritten() throws {
        let db = try migratedDatabase()
        var filled: [String] = []
        for table in try db.fetchValues(String.self, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT GLOB 'sqlite_*' ORDER BY name")
        where try db.fetchValue(Int.self, "SELECT count(*) FROM \"\(table)\"") ?? 0 > 0 {
            filled.append(table)
        }
        #expect(filled == (RuleTables.all + ["audit_context", "schema_migrations"]).sorted())
        #expect(Set(RuleTables.dated).isSubset(of: try db.fetchValues(
            String.self, "SELECT m.name FROM sqlite_schema m JOIN pragma_table_info(m.name) c ON c.name = 'effective_to' WHERE m.type = 'table'")))
    }

    // MARK: unallocated_payment

    @Test func aPaymentAllocatedToNothingOrToLessThanItsAmountIsFound() throws {
        let (world, _, wageEarner) = try ConsistencyCheckTests().soundLedger()
        let db = world.db
        // Reversed through the library: the payment and its reversal settle nothing, rightly.
        let extra = try world.session.enrol(.informal(worker: try world.register(serial: 3).id,
                                                      declaredIncome: 1_000_000, startDate: day("2025-01-01")))
        try world.session.payInformalDues(for: extra.id, months: 1, amount: 16_800, receipt: "R-2", channel: .agent)
        try world.session.reversePayment(receipt: "R-2")
        #expect(try lines(world, .unallocatedPayment) == [])

        func pay(_ receipt: String, _ amount: Int64) throws -> Int64 {
            try db.execute("""
                INSERT INTO payments (receipt_number, payer_code, amount, paid_at, channel_code)
                VALUES (?, 'self', ?, unixepoch('2025-02-01T03:00:00.000Z') * 1000, 'other')
                """, receipt, amount)
            return db.lastInsertedRowID
        }
        let nothing = try pay("X-0", 0), unallocated = try pay("X-1", 50_000), partial = try pay("X-2", 10_000)
        let unpaid = try #require(try world.session.bills(of: wageEarner.id).first { $0.outstanding > .zero })
        try db.execute("INSERT INTO payment_allocations (payment_id, bill_id, amount) VALUES (?, ?, 4000)", partial, unpaid.id)
        #expect(try lines(world, .unallocatedPayment) == [
            "unallocated_payment: payment \(nothing) (receipt X-0): has no allocation: the Rp0 received settles no bill",
            "unallocated_payment: payment \(unallocated) (receipt X-1): has no allocation: the Rp50.000 received settles no bill",
            "unallocated_payment: payment \(partial) (receipt X-2): allocates Rp4.000 of Rp10.000: the rest settles no bill",
        ])
    }

    // MARK: allocation_reversal

    /// A reversal written through the library is matched; with the insert trigger dropped, one
    /// that reverses no allocation and one of another amount are found, each once.
    @Test func anAllocationReversalThatReversesNothingIsFound() throws {
        let (world, informal, wageEarner) = try ConsistencyCheckTests().soundLedger()
        let db = world.db
        let extra = try world.session.enrol(.informal(worker: try world.register(serial: 3).id,
                                                      declaredIncome: 1_000_000, startDate: day("2025-01-01")))
        try world.session.payInformalDues(for: extra.id, months: 1, amount: 16_800, receipt: "R-2", channel: .agent)
        try world.session.reversePayment(receipt: "R-2")
        #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM payment_allocations WHERE reversal = 1") == 1)
        #expect(try lines(world, .allocationReversal) == [])

        try db.execute("DROP TRIGGER payment_allocations_check_on_insert")
        let employer = try #require(try world.session.payment(receipt: "E-1"))
        let informalBill = try #require(try world.session.bills(of: informal.id).first)
        let paid = try #require(try world.session.bills(of: wageEarner.id).first { $0.amountPaid > .zero })
        try db.execute("INSERT INTO payment_allocations (bill_id, payment_id, reversal, amount) VALUES (?, ?, 1, -500)",
                       informalBill.id, employer.id)
        try db.execute("INSERT INTO payment_allocations (bill_id, payment_id, reversal, amount) VALUES (?, ?, 1, -1)",
                       paid.id, employer.id)
        #expect(informalBill.id.rawValue < paid.id.rawValue, "the informal member was billed first: the lines come in bill order")
        #expect(try lines(world, .allocationReversal) == [
            "allocation_reversal: allocation of payment \(employer.id) to bill \(informalBill.id): reverses Rp500 but the payment has no allocation to this bill",
            "allocation_reversal: allocation of payment \(employer.id) to bill \(paid.id): reverses Rp1 where the allocation is \(paid.amountPaid)",
        ])
    }

    // MARK: bill_period

    /// Moving a billed membership's start past its bills is refused; with the trigger dropped it
    /// is found, bill by bill. A bill cancelled before the library ended its membership stays
    /// outside the period rightly.
    @Test func billsLeftOutsideMovedDatesAreFound() throws {
        let (world, informal, wageEarner) = try ConsistencyCheckTests().soundLedger()
        let db = world.db
        let february = try #require(try world.session.bills(of: wageEarner.id).first { $0.month == month("2025-02") })
        try world.session.cancelBill(february.id)
        try world.session.endMembership(wageEarner.id, on: day("2025-01-31"), reason: .employmentEnded)
        #expect(try lines(world, .billPeriod) == [])

        let move = "UPDATE memberships SET start_date = '2025-03-01' WHERE id = ?"
        let refused = try #require(refusal { try db.execute(move, informal.id) })
        #expect(refused.message == "this change of dates would leave a bill of the membership outside its period: cancel that bill first (reverse its lines)")
        try db.execute("DROP TRIGGER memberships_check_on_update")
        try db.execute(move, informal.id)
        let bills = try world.session.bills(of: informal.id).filter { $0.month < month("2025-03") }
        #expect(bills.count == 2)
        #expect(try lines(world, .billPeriod) == bills.map {
            "bill_period: bill \($0.id) (membership \(informal.id), \($0.month)): is for a month outside its membership's period 2025-03-01 to open, and bills Rp21.800"
        })
    }

    /// The two ledger queries read by index on a register of any size: no scan of the bills, the
    /// allocations or the bill lines.
    @Test func theLedgerQueriesReadByIndex() throws {
        let db = try migratedDatabase()
        for sql in [RegistrySession.billsOutsideTheirPeriodSQL, RegistrySession.unallocatedPaymentsSQL(projectLedger: true, partialPayments: true)] {
            let plan = try db.fetchAll("EXPLAIN QUERY PLAN " + sql).map { try $0.get("detail", as: String.self) }
            #expect(!plan.contains { $0.hasPrefix("SCAN b") || $0.hasPrefix("SCAN a") || $0.hasPrefix("SCAN bill_lines") }, "\(plan)")
        }
        let bills = try db.fetchAll("EXPLAIN QUERY PLAN " + RegistrySession.billsOutsideTheirPeriodSQL).map { try $0.get("detail", as: String.self) }
        #expect(bills.filter { $0.hasPrefix("SEARCH b USING COVERING INDEX sqlite_autoindex_bills_1 (membership_id=? AND contribution_month") }.count == 2)
    }

    // MARK: income_floor

    /// An informal membership starting before the first floor rule (2015-07-01) had its income
    /// compared with NULL, so Rp1 passed. The trigger and the library now refuse it; with the
    /// trigger dropped, the check finds it, and an income below a floor in force too.
    @Test func anIncomeWithNoFloorInForceIsRefusedAndWithTheTriggerDroppedIsFound() throws {
        let (world, _, _) = try ConsistencyCheckTests().soundLedger()
        let db = world.db
        let worker = try world.register(serial: 4)
        // The library refuses it too, on the first rule it finds missing: the segment × program
        // matrix starts on the same day as the floor.
        #expect(throws: RegistryError.programNotAllowed(
            program: .jkk, segment: .informal,
            reason: "the segment × program rules do not allow it for informal workers (BPU) on 10 June 2015")) {
            try world.session.enrol(.informal(worker: worker.id, declaredIncome: 1_000_000, startDate: day("2015-06-10")))
        }
        let insert = """
            INSERT INTO memberships (worker_id, segment_code, payer_code, declared_income, start_date, end_date)
            VALUES (?, 'informal', 'self', ?, ?, ?)
            """
        let refused = try #require(refusal { try db.execute(insert, worker.id, 1, "2015-06-10", "2015-12-31") })
        #expect(refused.message == "informal (BPU) declared income cannot be checked: no bpu_income_floor in scheme_parameters is in force on the membership start date")
        #expect(try lines(world, .incomeFloor) == [])

        try db.execute("DROP TRIGGER memberships_check_on_insert")
        try db.execute(insert, worker.id, 1, "2015-06-10", "2015-12-31")
        let early = db.lastInsertedRowID
        try db.execute(insert, worker.id, 900_000, "2016-01-01", "2016-12-31")
        let low = db.lastInsertedRowID
        #expect(try lines(world, .incomeFloor) == [
            "income_floor: membership \(early): starts on 2015-06-10, when no bpu_income_floor is in force: its declared income (Rp1) was never checked",
            "income_floor: membership \(low): declares Rp900.000, below the Rp1.000.000 floor in force at its start, 2016-01-01",
        ])
    }

    // MARK: kpj

    @Test func aCardNumberWithAWrongCheckDigitIsFound() throws {
        let (world, informal, wageEarner) = try ConsistencyCheckTests().soundLedger()
        let valid = KPJ(serial: 1_000_000_042)
        try world.db.execute("UPDATE workers SET kpj = ? WHERE id = ?", valid, informal.worker)
        #expect(try lines(world, .kpj) == [], "a number typed by hand that passes its check digit")

        let wrong = String(valid.digits.dropLast()) + String((Int(String(valid.digits.last!))! + 1) % 10)
        try world.db.execute("UPDATE workers SET kpj = ? WHERE id = ?", wrong, wageEarner.worker)
        #expect(try lines(world, .kpj) == [
            "kpj: worker \(wageEarner.worker) (KPJ \(wrong)): fails its check digit: a digit is mistyped or two digits are swapped; the registry issues and accepts only 11 digits that pass the check digit",
        ])
    }

    // MARK: every check runs

    /// docs/checks.md describes each check, in the order they run.
    @Test func theChecksDocumentListsEveryCheck() throws {
        let url = migrationsFolder.deletingLastPathComponent().appendingPathComponent("docs/checks.md")
        let rows = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").filter { $0.hasPrefix("| `") }
        #expect(rows.map { String($0.split(separator: "`")[1]) } == ConsistencyProblem.Check.allCases.map(\.rawValue))
    }

    /// With foreign keys off (the sqlite3 shell's default), a membership deleted under its bills
    /// leaves bills that nothing prices: the check lists them under foreign_keys and goes on to
    /// find the rest, rather than stopping at the first bill it cannot load.
    @Test func aMembershipDeletedUnderItsBillsStillGetsTheWholeList() throws {
        let (world, informal, wageEarner) = try ConsistencyCheckTests().soundLedger()
        let db = world.db
        let bills = try world.session.bills(of: informal.id)
        #expect(bills.count == 3)
        try db.execute("PRAGMA foreign_keys = OFF")
        try db.execute("DELETE FROM memberships WHERE id = ?", informal.id)
        try db.execute("UPDATE workers SET kpj = '10000000029' WHERE id = ?", wageEarner.worker)
        try db.execute("PRAGMA foreign_keys = ON")

        let found = try problems(world)
        #expect(!found.contains { $0.subject == "the check itself" }, "\(found)")
        for bill in bills {
            #expect(found.contains(ConsistencyProblem(check: .foreignKeys, subject: "bills row \(bill.id)",
                                                      detail: "refers to a missing row of memberships")))
        }
        #expect(found.contains { $0.check == .kpj && $0.subject.hasPrefix("worker \(wageEarner.worker) ") })
    }

    /// A check that fails all the same is a line of its own, and the checks after it still run.
    @Test func aCheckThatCannotRunIsALineAndTheOthersStillRun() throws {
        let (world, _, wageEarner) = try ConsistencyCheckTests().soundLedger()
        try world.db.execute("DROP VIEW worker_identity_issues")
        try world.db.execute("UPDATE workers SET kpj = '10000000029' WHERE id = ?", wageEarner.worker)
        let found = try problems(world).map(\.description)
        #expect(found.count == 3, "\(found)")
        #expect(found.contains("schema: view worker_identity_issues: missing; the migrations create it"))
        #expect(found.contains { $0.hasPrefix("worker_identity: the check itself: could not run: ") && $0.contains("no such table: worker_identity_issues") })
        #expect(found.contains { $0.hasPrefix("kpj: worker \(wageEarner.worker) ") })
    }
}
