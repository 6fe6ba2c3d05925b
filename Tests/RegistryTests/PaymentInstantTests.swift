import Foundation
import Registry
import SQLiteDB
import Testing

/// A payment's `paid_at` is INTEGER milliseconds since 1970 UTC (0029), read as a Jakarta day
/// everywhere. Two informal members pay April (due 15 April) one millisecond either side of a
/// Jakarta midnight: A at 16:59:59.999 UTC on the 15th (23:59:59.999 in Jakarta, on the due day),
/// B at 17:00:00.000 UTC on the 16th (00:00 on the 17th in Jakarta, late). Every reader of the
/// payment's day puts each on its own day: the balances and statuses (views and library),
/// eligibility's paid-on-time rule, `dues_received` and the dues targets, the export.
@Suite struct PaymentInstantTests {
    let world: DomainWorld
    let a: (worker: Worker, membership: Membership)
    let b: (worker: Worker, membership: Membership)
    static let aPaidAt = Date(iso8601: "2025-04-15T16:59:59.999Z")!
    static let bPaidAt = Date(iso8601: "2025-04-16T17:00:00.000Z")!

    init() throws {
        let world = try DomainWorld(today: day("2025-03-20"))
        self.world = world
        func member(_ serial: Int) throws -> (Worker, Membership) {
            let worker = try world.register(serial: serial)
            return (worker, try world.session.enrol(.informal(worker: worker.id, declaredIncome: 1_500_000,
                                                              startDate: day("2025-04-01"), withJHT: false)))
        }
        a = try member(1)
        b = try member(2)
        world.clock.set(day("2025-04-30"))
        try world.session.payInformalDues(for: a.membership.id, months: 1, amount: 21_800, receipt: "A-1", channel: .eWallet,
                                          paidAt: Self.aPaidAt)
        try world.session.payInformalDues(for: b.membership.id, months: 1, amount: 21_800, receipt: "B-1", channel: .eWallet,
                                          paidAt: Self.bPaidAt)
    }

    @Test func theInstantIsStoredAsMillisecondsAndReadBackExactly() throws {
        #expect(try world.db.fetchValues(Int64.self, "SELECT paid_at FROM payments ORDER BY id")
                == [UnixMilliseconds(Self.aPaidAt).value, UnixMilliseconds(Self.bPaidAt).value])
        #expect(try world.db.fetchValue(String.self, "SELECT DISTINCT typeof(paid_at) FROM payments") == "integer")
        #expect(try world.session.payment(receipt: "A-1")?.paidAt == Self.aPaidAt)
        #expect(try world.session.payment(receipt: "B-1")?.paidAt == Self.bPaidAt)
        #expect(try world.db.fetchValues(String.self, "SELECT receipt_number || ' ' || paid_at || ' ' || paid_on FROM payments_readable ORDER BY id")
                == ["A-1 2025-04-15T16:59:59.999Z 2025-04-15", "B-1 2025-04-16T17:00:00.000Z 2025-04-17"])
    }

    @Test func balancesAndStatusesCountEachPaymentFromItsJakartaDay() throws {
        func paid(on date: String) throws -> [Int64] {
            try setReportDate(world.db, date)
            return try world.db.fetchValues(Int64.self, """
                SELECT amount_paid FROM bill_balances WHERE contribution_month = '2025-04' ORDER BY membership_id
                """)
        }
        #expect(try paid(on: "2025-04-14") == [0, 0])
        #expect(try paid(on: "2025-04-15") == [21_800, 0], "A's last millisecond of the 15th counts on the 15th")
        #expect(try paid(on: "2025-04-16") == [21_800, 0], "B's first millisecond of the 17th does not count on the 16th")
        #expect(try paid(on: "2025-04-17") == [21_800, 21_800])

        // April is due from the 16th: B owes it that day only.
        for (date, states) in [("2025-04-16", ["active", "in_arrears"]), ("2025-04-17", ["active", "active"])] {
            try setReportDate(world.db, date)
            #expect(try world.db.fetchValues(String.self, "SELECT status FROM membership_status ORDER BY membership_id") == states, "\(date)")
            #expect(try [a, b].map { try world.session.status(of: $0.membership.id, on: day(date)).state.rawValue } == states, "\(date)")
        }
    }

    @Test func eligibilityJudgesPaidOnTimeByTheJakartaDay() throws {
        let answers = try [a, b].map { member in
            try RegistrySchema.recordingActor("claims:dewi", on: world.db) {
                try world.session.eligibility(of: member.worker.id, program: .jkk, on: day("2025-04-25"))
            }
        }
        #expect(answers[0].verdict == .eligible, "\(answers[0].checks)")
        #expect(answers[1].verdict == .notEligible)
        #expect(answers[1].checks.first { $0.rule == "dues_paid_on_time" }?.detail
                == "the dues of 2025-04 (Rp21.800, due 2025-04-15) were paid late, on 2025-04-17")
    }

    @Test func duesReceivedAndDuesTargetsCountTheJakartaDay() throws {
        #expect(try world.db.fetchValues(String.self, "SELECT paid_on || ' ' || amount FROM dues_received ORDER BY paid_on")
                == ["2025-04-15 21800", "2025-04-17 21800"])
        let purwakarta = CoverageArea.regency(try RegionCode("32.14"))
        let toThe16th = try world.session.addTarget(NewTarget(area: purwakarta, kind: .duesAmount, value: 100_000,
                                                             periodStart: day("2025-04-01"), periodEnd: day("2025-04-16")))
        let toThe17th = try world.session.addTarget(NewTarget(area: purwakarta, kind: .duesAmount, value: 100_000,
                                                             periodStart: day("2025-04-01"), periodEnd: day("2025-04-17")))
        #expect(try world.db.fetchValues(Int64.self, "SELECT actual_value FROM target_achievement WHERE target_id IN (?, ?) ORDER BY target_id",
                                         toThe16th, toThe17th) == [21_800, 43_600])
        let library = try world.session.targetAchievements().filter { [toThe16th, toThe17th].contains($0.targetID) }
        #expect(library.sorted { $0.targetID < $1.targetID }.map(\.actualValue) == [21_800, 43_600])
    }

    @Test func theExportWritesTheInstantAsISOText() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("payments-\(UUID()).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let output = try BufferedOutput.create(path: path, mode: 0o600)
        #expect(try RegistryExport(kind: .payments).run(world.session, to: output) == 2)
        try output.close()
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix("A-1,2025-04-15T16:59:59.999Z,") && lines[2].hasPrefix("B-1,2025-04-16T17:00:00.000Z,"), "\(lines)")
    }

    /// STRICT refuses an instant typed as text, loudly: compared with integers it would sort
    /// after every payment and count on no day.
    @Test func aHandTypedTextInstantIsRefused() throws {
        let insert = """
            INSERT INTO payments (receipt_number, payer_code, amount, paid_at, channel_code) VALUES ('HAND-1', 'self', 100, ?, 'agent')
            """
        let refused = refusal { try world.db.execute(insert, "2025-04-15T03:00:00.000Z") }
        #expect(refused?.message.contains("cannot store TEXT value in INTEGER column payments.paid_at") == true, "\(String(describing: refused))")
        #expect(try world.db.fetchValue(Int.self, "SELECT count(*) FROM payments WHERE receipt_number = 'HAND-1'") == 0)
        // Control: the same payment with its instant in milliseconds is stored.
        try world.db.execute(insert, UnixMilliseconds(Date(iso8601: "2025-04-15T03:00:00.000Z")!))
        #expect(try world.db.fetchValue(String.self, "SELECT paid_on FROM payments_readable WHERE receipt_number = 'HAND-1'") == "2025-04-15")
        // And an instant out of the range of 1970 through 9999 is refused by the CHECK.
        #expect(refusal { try world.db.execute(insert.replacingOccurrences(of: "HAND-1", with: "HAND-2"), Int64(-1)) }?
                    .message.contains("paid_at_must_be_milliseconds_since_1970") == true)
    }
}
