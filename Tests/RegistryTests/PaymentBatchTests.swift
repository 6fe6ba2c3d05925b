import Foundation
import Registry
import SQLiteDB
import Testing

/// `payInformalDues(_:)`, the bulk path: the same rows, rules and refusals as the single call.
@Suite struct PaymentBatchTests {
    /// Six informal members in Purwakarta, billed for January to March 2025, January of the
    /// second one paid; the clock on 2025-03-10.
    struct Scenario {
        let world: DomainWorld
        /// 1.5M from January; 1.0M from January; 3.0M from 10 February; 2.0M with JHT, sponsored
        /// by the local government, from January; 1.0M from January, ended 28 February; a wage earner.
        let members: [Membership.ID]

        init() throws {
            world = try DomainWorld()
            let session = world.session
            var members: [Membership.ID] = []
            for (serial, income, start, payer, jht) in [
                (1, 1_500_000, "2025-01-01", Payer.`self`, false), (2, 1_000_000, "2025-01-01", .`self`, false),
                (3, 3_000_000, "2025-02-10", .`self`, false), (4, 2_000_000, "2025-01-01", .localGovernment, true),
                (5, 1_000_000, "2025-01-01", .`self`, false),
            ] as [(Int, Rupiah, String, Payer, Bool)] {
                let worker = try world.register(serial: serial)
                members.append(try session.enrol(.informal(worker: worker.id, declaredIncome: income, startDate: day(start),
                                                           payer: payer, withJHT: jht)).id)
            }
            try session.endMembership(members[4], on: day("2025-02-28"), reason: .withdrawn)
            let wageEarner = try world.register(serial: 6)
            members.append(try session.enrol(.wageEarner(worker: wageEarner.id, employer: world.employer.id, wage: 5_000_000,
                                                         startDate: day("2025-01-01"), programs: [.jkk, .jkm, .jht, .jp])).id)
            for text in ["2025-01", "2025-02", "2025-03"] {
                world.clock.set(month(text).firstDay)
                try session.issueBills(for: month(text))
            }
            world.clock.set(day("2025-01-20"))
            try session.payInformalDues(for: members[1], months: 1, amount: 16_800, receipt: "R-0", channel: .agent)
            world.clock.set(day("2025-03-10"))
            self.members = members
        }

        /// What `months` of a member's dues cost, priced by the library's rules.
        func price(_ member: Int, _ months: [String]) throws -> Rupiah {
            let (income, programs): (Rupiah, Set<Program>) = switch member {
            case 0: (1_500_000, [.jkk, .jkm])
            case 2: (3_000_000, [.jkk, .jkm])
            case 3: (2_000_000, [.jkk, .jkm, .jht])
            default: (1_000_000, [.jkk, .jkm])
            }
            return try months.map {
                try world.session.quote(.informal(declaredIncome: income), programs: programs, month: month($0)).billableTotal
            }.sum()
        }

        /// Payments that bill ahead (3, 6 and 12 months), pay one member twice, pay an ended
        /// membership's arrears, and default `paidAt` to now.
        func batch() throws -> [InformalPayment] {
            let earlier = JakartaCalendar.startOfDay(day("2025-03-08"))
            return [
                InformalPayment(membership: members[0], months: 3, amount: try price(0, ["2025-01", "2025-02", "2025-03"]),
                                receipt: "B-1", channel: .eWallet, paidAt: earlier),
                InformalPayment(membership: members[1], months: 1, amount: try price(1, ["2025-02"]),
                                receipt: "B-2", channel: .retailOutlet, paidAt: earlier),
                InformalPayment(membership: members[2], months: 6,
                                amount: try price(2, ["2025-02", "2025-03", "2025-04", "2025-05", "2025-06", "2025-07"]),
                                receipt: " B-3 ", channel: .bankTransfer),
                InformalPayment(membership: members[0], months: 1, amount: try price(0, ["2025-04"]),
                                receipt: "B-4", channel: .eWallet),
                InformalPayment(membership: members[4], months: 1, amount: try price(4, ["2025-01"]),
                                receipt: "B-5", channel: .branchCounter),
                InformalPayment(membership: members[3], months: 12,
                                amount: try price(3, (1...12).map { String(format: "2025-%02d", $0) }),
                                receipt: "B-6", channel: .bankCounter, paidAt: earlier),
                InformalPayment(membership: members[1], months: 1, amount: try price(1, ["2025-03"]),
                                receipt: "B-7", channel: .agent),
            ]
        }
    }

    @Test func aBatchStoresExactlyWhatTheSinglePaymentsStore() throws {
        let single = try Scenario(), bulk = try Scenario()
        let batch = try bulk.batch()
        #expect(try single.batch() == batch)

        let rowsBefore = try ledgerCounts(bulk.world.db)
        let oneByOne = try batch.map {
            try single.world.session.payInformalDues(for: $0.membership, months: $0.months, amount: $0.amount,
                                                     receipt: $0.receipt, channel: $0.channel, paidAt: $0.paidAt)
        }
        let together = try bulk.world.session.payInformalDues(batch)
        #expect(together == oneByOne)
        #expect(try together.map { try bulk.world.session.payment($0.id) } == together, "what it returns is what it stored")
        // The oldest unpaid months first, then months billed ahead; a second payment of a member
        // in the same batch pays the month after the first one's.
        let months = { (first: Int, last: Int) in (first...last).map { month(String(format: "2025-%02d", $0)) } }
        #expect(together.map { $0.allocations.map(\.month) } == [months(1, 3), months(2, 2), months(2, 7), months(4, 4),
                                                                  months(1, 1), months(1, 12), months(3, 3)])
        #expect(together.allSatisfy { $0.allocations.map(\.amount).sum() == $0.amount })
        #expect(together[2].receiptNumber == "B-3", "receipts are trimmed as the single call trims them")

        for world in [single.world, bulk.world] { try world.session.refreshStanding() }
        // Bills ahead: member 1's April (2 lines), member 3's April to July (8), member 4's April to December (27, with JHT).
        let rowsAfter = try ledgerCounts(bulk.world.db)
        #expect(rowsAfter == [rowsBefore[0] + 14, rowsBefore[1] + 37, rowsBefore[2] + 7, rowsBefore[3] + 25], "\(rowsBefore) \(rowsAfter)")
        let singleTables = try snapshot(single.world.db), bulkTables = try snapshot(bulk.world.db)
        // Every table, but the two stamped by the machine's clock while the scenario was built.
        for table in singleTables.keys.sorted() where !["audit_log", "schema_migrations"].contains(table) {
            #expect(bulkTables[table] == singleTables[table], "table \(table)")
        }
    }

    /// Rows in bills, bill_lines, payments and payment_allocations.
    private func ledgerCounts(_ db: Connection) throws -> [Int] {
        try ["bills", "bill_lines", "payments", "payment_allocations"].map {
            try db.fetchValue(Int.self, "SELECT count(*) FROM \($0)") ?? 0
        }
    }

    enum Refusal: String, CaseIterable, Sendable {
        case wrongAmount, monthsNotAllowed, unknownMembership, wageEarner, emptyReceipt, receiptStored,
             receiptEarlierInBatch, paidInTheFuture, endedAndOwesNothing, moreMonthsThanLeft
    }

    /// A refusal in the middle of a batch: the error the single call gives at that point,
    /// naming the field and the value, and nothing of the batch stored.
    @Test(arguments: Refusal.allCases)
    func aRefusedPaymentStopsTheWholeBatch(_ refusal: Refusal) throws {
        let bulk = try Scenario(), single = try Scenario()
        let members = bulk.members
        let good = try bulk.batch()
        var before = [good[0], good[4]]
        var bad = InformalPayment(membership: members[1], months: 1, amount: try bulk.price(1, ["2025-02"]),
                                  receipt: "BAD", channel: .agent)
        let expected: RegistryError
        switch refusal {
        case .wrongAmount:
            bad.amount = 16_000
            expected = .amountMismatch(field: "amount", given: 16_000, expected: 16_800, reason: "owed for 1 month(s), February 2025 to February 2025")
        case .monthsNotAllowed:
            bad.months = 2
            expected = .invalid(field: "months_covered", value: "2", reason: "is not allowed; informal workers pay for 1, 3, 6 or 12 months")
        case .unknownMembership:
            bad.membership = Membership.ID(999)
            expected = .notFound(field: "membership_id", value: "999")
        case .wageEarner:
            bad.membership = members[5]
            expected = .conflict(field: "membership_id", value: members[5].description,
                                 reason: "is a wage earners (PU) membership; month payments are for informal workers (BPU)")
        case .emptyReceipt:
            bad.receipt = "  "
            expected = .invalid(field: "receipt_number", value: "  ", reason: "is empty")
        case .receiptStored:
            bad.receipt = "R-0"
            expected = .duplicate(field: "receipt_number", value: "R-0", existing: .earlierPayment)
        case .receiptEarlierInBatch:
            bad.receipt = "B-1"
            expected = .duplicate(field: "receipt_number", value: "B-1", existing: .earlierPayment)
        case .paidInTheFuture:
            let now = bulk.world.clock.now
            bad.paidAt = now.addingTimeInterval(86_400)
            expected = .invalid(field: "paid_at", value: now.addingTimeInterval(86_400).iso8601Milliseconds,
                                reason: "is in the future (now is \(now.iso8601Milliseconds))")
        case .endedAndOwesNothing:
            // Member 4 ended on 28 February: the batch pays its January, then its February.
            before.append(InformalPayment(membership: members[4], months: 1, amount: try bulk.price(4, ["2025-02"]),
                                          receipt: "B-5b", channel: .agent))
            bad.membership = members[4]
            expected = .conflict(field: "membership_id", value: members[4].description,
                                 reason: "ended on 28 February 2025 and owes nothing; a new membership is needed")
        case .moreMonthsThanLeft:
            bad.membership = members[4]
            bad.months = 3
            expected = .conflict(field: "months_covered", value: "3",
                                 reason: "is more than the membership has left: it ends on 28 February 2025, 1 month(s) can be paid")
        }
        let batch = before + [bad, good[2]]

        let stored = try snapshot(bulk.world.db)
        let error = registryError { try bulk.world.session.payInformalDues(batch) }
        #expect(error == expected)
        #expect(try snapshot(bulk.world.db) == stored, "nothing of the batch is stored, not even the bills it priced")

        // The single call, after the payments before it, refuses the same way.
        for payment in before {
            try single.world.session.payInformalDues(for: payment.membership, months: payment.months, amount: payment.amount,
                                                     receipt: payment.receipt, channel: payment.channel, paidAt: payment.paidAt)
        }
        #expect(registryError {
            _ = try single.world.session.payInformalDues(for: bad.membership, months: bad.months, amount: bad.amount,
                                                         receipt: bad.receipt, channel: bad.channel, paidAt: bad.paidAt)
        } == expected)

        // Without the refused payment the same batch goes through.
        #expect(try bulk.world.session.payInformalDues(before + [good[2]]).count == before.count + 1)
    }

    /// After a batch written through `Registry.write`, the standing tables (refreshed before the
    /// commit) agree with the ledger, every other check passes, and the reports count the
    /// members the batch paid as active.
    @Test func theStandingAgreesWithTheLedgerAfterABatch() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("batch-\(UUID()).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let scenario = try Scenario()
        try scenario.world.db.execute("VACUUM INTO ?", path)
        let registry = try Registry(path: path, clock: scenario.world.clock.read)
        _ = try registry.write { try $0.refreshStanding() }
        let informal = { (session: RegistrySession) in
            try session.statusCounts(on: day("2025-03-20")).first { $0.segment == .informal }
        }
        let before = try #require(try registry.read(informal))
        #expect(before.active == 0)

        let batch = try scenario.batch()
        try registry.write { session in
            try session.payInformalDues(batch)
            #expect(try !session.isStandingCurrent(), "the batch's rows mark their memberships stale")
        }
        try registry.read { session in
            #expect(try session.isStandingCurrent())
            #expect(try session.consistencyProblems(on: day("2025-03-20")) == [])
            let after = try #require(try informal(session))
            // Members 1 to 4 are paid through March; member 5 ended in February.
            #expect(after.active == 4 && after.inArrears == 0)
            #expect(try (0..<4).allSatisfy { try session.status(of: scenario.members[$0], on: day("2025-03-20")).state == .active })
        }
    }
}
