import Foundation
@testable import Registry
import SQLiteDB
import Testing

// 0016: the dated rule tables are append-only (an update may only close an open row), an
// informal membership needs a floor in force at its start, and a membership's dates cannot move
// past a bill that still bills something. Run like the rules of SchemaDefenceTests: each refused
// statement leaves the fixture unchanged, and its corrected form is accepted.

extension Message {
    static func ruleChanged(_ table: String) -> String {
        "\(table): a rule row cannot be changed: rules change only by a new dated row in a migration (the one update allowed closes an open row: effective_to set, nothing else changed)"
    }
    static func ruleDeleted(_ table: String) -> String {
        "\(table): a rule row cannot be deleted: rules change only by a new dated row in a migration (close the old row with effective_to)"
    }
    static func ruleReplaced(_ table: String) -> String {
        "\(table): a rule row with this id already exists (INSERT OR REPLACE cannot overwrite it): rules change only by a new dated row in a migration"
    }
    static let noFloorInForce = "informal (BPU) declared income cannot be checked: no bpu_income_floor in scheme_parameters is in force on the membership start date"
    static let billsOutsideDates = "this change of dates would leave a bill of the membership outside its period: cancel that bill first (reverse its lines)"
}

extension SchemaRules {
    /// Per dated rule table: a value changed, a row deleted, a row replaced; the corrected form
    /// closes the table's first open row, as a migration adding a new rule does.
    static let ruleTablesAppendOnly: [SchemaRule] = RuleTables.dated.flatMap { table -> [SchemaRule] in
        let first = "(SELECT min(id) FROM \(table))"
        let target = "SELECT count(*) FROM \(table) WHERE id = \(first)"
        let close = [SQLCall("UPDATE \(table) SET effective_to = '2999-12-31' WHERE id = (SELECT min(id) FROM \(table) WHERE effective_to IS NULL)")]
        // dues_reliefs has no open row: every relief of the seed has an end.
        let closing = table == "dues_reliefs" ? [] : close
        return [
            SchemaRule(name: "UPDATE a \(table) row's confidence",
                       bad: SQLCall("UPDATE \(table) SET confidence = 'L' WHERE id = \(first)"),
                       kind: .trigger, message: Message.ruleChanged(table), good: closing, targets: target),
            SchemaRule(name: "DELETE a \(table) row", bad: SQLCall("DELETE FROM \(table) WHERE id = \(first)"),
                       kind: .trigger, message: Message.ruleDeleted(table), good: closing, targets: target),
            SchemaRule(name: "INSERT OR REPLACE a \(table) row",
                       bad: SQLCall("INSERT OR REPLACE INTO \(table) SELECT * FROM \(table) WHERE id = \(first)"),
                       kind: .trigger, message: Message.ruleReplaced(table), good: closing, targets: target),
        ]
    } + [
        SchemaRule(name: "the lapse rule's value changed",
                   bad: SQLCall("UPDATE scheme_parameters SET value = ? WHERE code = ?", 6, "arrears_lapse_months"),
                   kind: .trigger, message: Message.ruleChanged("scheme_parameters"),
                   good: [SQLCall("UPDATE scheme_parameters SET effective_to = ? WHERE code = ?", "2029-12-31", "arrears_lapse_months"),
                          SQLCall("INSERT INTO scheme_parameters (code, value, effective_from, confidence) VALUES (?, ?, ?, ?)",
                                  "arrears_lapse_months", 6, "2030-01-01", "L")],
                   targets: "SELECT count(*) FROM scheme_parameters WHERE code = 'arrears_lapse_months'"),
        SchemaRule(name: "a closed rule reopened",
                   bad: SQLCall("UPDATE contribution_rates SET effective_to = NULL WHERE program_code = ? AND effective_to IS NOT NULL", "JKP"),
                   kind: .trigger, message: Message.ruleChanged("contribution_rates"),
                   good: [SQLCall("UPDATE contribution_rates SET effective_to = ? WHERE program_code = ? AND effective_to IS NULL", "2030-12-31", "JKP")],
                   targets: "SELECT count(*) FROM contribution_rates WHERE program_code = 'JKP' AND effective_to IS NOT NULL"),
        SchemaRule(name: "an open rule closed and its start moved",
                   bad: SQLCall("UPDATE bpu_income_bands SET effective_to = ?, effective_from = ? WHERE lower_income = ?",
                                "2029-12-31", "2015-07-02", 1_000_000),
                   kind: .trigger, message: Message.ruleChanged("bpu_income_bands"),
                   good: [SQLCall("UPDATE bpu_income_bands SET effective_to = ? WHERE lower_income = ?", "2029-12-31", 1_000_000)],
                   targets: "SELECT count(*) FROM bpu_income_bands WHERE lower_income = 1000000"),
    ]

    /// For every column of every dated rule table but `effective_to`: closing an open row while
    /// changing that column is refused, and closing it alone is accepted. So a column added to a
    /// rule table later, and forgotten in its trigger, fails here.
    static let ruleColumns: [SchemaRule] = {
        let db = try! migratedDatabase()
        return RuleTables.dated.flatMap { table -> [SchemaRule] in
            // dues_reliefs has no open row in the seed: the test adds one.
            let setup = table == "dues_reliefs"
                ? [SQLCall("INSERT INTO dues_reliefs (segment_code, program_code, applies_to, charged_ppm, effective_from, confidence) VALUES ('migrant', 'JKK', 'all', 500000, '2030-01-01', 'L')")]
                : []
            let open = "(SELECT min(id) FROM \(table) WHERE effective_to IS NULL)"
            let columns = try! db.fetchAll("SELECT name, type FROM pragma_table_info(?) WHERE name <> 'effective_to'", table)
            return columns.map { column in
                let name: String = try! column.get(0), type: String = try! column.get(1)
                let changed = type == "INTEGER" ? "coalesce(\(name) + 1, 1)" : "coalesce(\(name) || 'x', 'x')"
                return SchemaRule(
                    name: "\(table).\(name) changed while closing the row", setup: setup,
                    bad: SQLCall("UPDATE \(table) SET effective_to = '2999-12-31', \(name) = \(changed) WHERE id = \(open)"),
                    kind: .trigger, message: Message.ruleChanged(table),
                    good: [SQLCall("UPDATE \(table) SET effective_to = '2999-12-31' WHERE id = \(open)")])
            }
        }
    }()

    /// Fixture memberships: 1 (BPU from 2024-01-01, bills 2025-01 to 2025-06), 4 (PU from
    /// 2025-04-01, bills 2025-04 to 2025-06), 5 (BPU 2024, one bill 2024-12).
    static let membershipFloorAndDates: [SchemaRule] = [
        SchemaRule(name: "BPU membership starting before the first floor rule",
                   bad: Build.membership(income: 1, start: "2015-06-01", end: "2015-12-31"),
                   kind: .trigger, message: Message.noFloorInForce,
                   good: [Build.membership(income: 1_000_000, start: "2015-07-01", end: "2015-12-31")]),
        SchemaRule(name: "BPU start moved before the first floor rule",
                   bad: SQLCall("UPDATE memberships SET start_date = ? WHERE id = ?", "2015-06-30", 5),
                   kind: .trigger, message: Message.noFloorInForce,
                   good: [SQLCall("UPDATE memberships SET start_date = ? WHERE id = ?", "2015-07-01", 5)]),
        SchemaRule(name: "start moved past the first bill",
                   bad: SQLCall("UPDATE memberships SET start_date = ? WHERE id = ?", "2025-02-01", 1),
                   kind: .trigger, message: Message.billsOutsideDates,
                   good: [SQLCall("UPDATE memberships SET start_date = ? WHERE id = ?", "2025-01-31", 1)]),
        SchemaRule(name: "end set before the last bill",
                   bad: SQLCall("UPDATE memberships SET end_date = ?, end_reason_code = ? WHERE id = ?", "2025-05-31", "withdrawn", 1),
                   kind: .trigger, message: Message.billsOutsideDates,
                   good: [SQLCall("UPDATE memberships SET end_date = ?, end_reason_code = ? WHERE id = ?", "2025-06-01", "withdrawn", 1)]),
        SchemaRule(name: "end set before a bill that still owes, after a cancelled one",
                   setup: [SQLCall("""
                       INSERT INTO bill_lines (bill_id, program_code, payer_code, kind, amount, reverses_id)
                       SELECT bill_id, program_code, payer_code, kind, -amount, id FROM bill_lines WHERE bill_id = 43
                       """)],
                   bad: SQLCall("UPDATE memberships SET end_date = ?, end_reason_code = ? WHERE id = ?", "2025-04-30", "employment_ended", 4),
                   kind: .trigger, message: Message.billsOutsideDates,
                   good: [SQLCall("UPDATE memberships SET end_date = ?, end_reason_code = ? WHERE id = ?", "2025-05-31", "employment_ended", 4)]),
    ]
}

@Suite struct RuleDefenceTests {
    @Test(arguments: SchemaRules.ruleTablesAppendOnly)
    func ruleTablesAreAppendOnly(_ rule: SchemaRule) throws { try rule.check() }

    @Test(arguments: SchemaRules.ruleColumns)
    func closingARuleRowChangesNothingElse(_ rule: SchemaRule) throws { try rule.check() }

    @Test(arguments: SchemaRules.membershipFloorAndDates)
    func membershipsNeedAFloorAndKeepTheirBills(_ rule: SchemaRule) throws { try rule.check() }

    /// A register written at 0015 upgrades cleanly. An informal membership the old trigger let
    /// through (no floor in force at its start) is kept, can still be ended, and is listed by the
    /// check; the upgraded schema and rules are exactly a fresh migration's.
    @Test func upgradingFrom0015KeepsTheDataAndFindsWhatTheOldTriggerLetThrough() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("upgrade-\(UUID()).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let all = try RegistrySchema.migrations()
        do {
            let db = try Connection(.file(path))
            try Migrator(migrations: all.filter { $0.number <= 15 }).migrate(db)
            try SchemaFixture.load(into: db)
            try db.execute("""
                INSERT INTO memberships (id, worker_id, segment_code, payer_code, declared_income, start_date)
                VALUES (8, 7, 'informal', 'self', 1, '2015-06-01')
                """)
        }
        let db = try Connection(.file(path))
        #expect(try RegistrySchema.migrate(db) == all.filter { $0.number > 15 }.map(\.name))
        #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM memberships") == 8)
        #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name GLOB '*_update_only_closes'") == RuleTables.dated.count)

        let session = RegistrySession(db, clock: TestClock(day(SchemaFixture.asOf)).read)
        func lines(_ checks: Set<ConsistencyProblem.Check>) throws -> [String] {
            try session.consistencyProblems(on: day(SchemaFixture.asOf)).filter { checks.contains($0.check) }.map(\.description)
        }
        #expect(try lines([.schema, .ruleRows]) == [])
        #expect(try lines([.incomeFloor]) == [
            "income_floor: membership 8: starts on 2015-06-01, when no bpu_income_floor is in force: its declared income (Rp1) was never checked",
        ])
        try db.execute("UPDATE memberships SET end_date = '2015-06-30', end_reason_code = 'identity_mismatch' WHERE id = 8")
        #expect(refusal { try db.execute("UPDATE memberships SET declared_income = 2 WHERE id = 8") }?.message == Message.noFloorInForce)
        #expect(refusal { try db.execute("DELETE FROM scheme_parameters WHERE code = 'arrears_lapse_months'") }?.message
                == Message.ruleDeleted("scheme_parameters"))
    }
}
