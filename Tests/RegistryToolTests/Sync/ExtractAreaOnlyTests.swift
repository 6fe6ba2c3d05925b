import Foundation
import Registry
import SQLiteDB
import Testing

/// An extract holds its area's people only: an employer's payment shared with a worker of
/// another office brings that payment and its allocations to the area's bills, not the other
/// worker (name, NIK, membership, bills).
///
/// PT Garmen (KC-PWK) employs Siti (KC-PWK) and, from June 2025, Dewi (KC-BTL, Bantul); its
/// June payment `PU-2025-06` settles both their June bills.
@Suite(.serialized) struct ExtractAreaOnlyTests {
    static let dewiNIK = "3402015505920004"
    static let sharedReceipt = "PU-2025-06"

    /// Enrols Dewi at PT Garmen from June, bills her June, and records PT Garmen's June payment
    /// (Siti's and Dewi's June bills); returns its amount.
    @discardableResult
    static func shareAnEmployerPayment(on registry: Registry) throws -> Rupiah {
        let june = ContributionMonth("2025-06")!
        return try registry.write(actor: "test") { session in
            let bantul = try #require(try session.office(code: "KC-BTL"))
            let employer = try #require(try session.employer(npp: try EmployerNumber("NPP-0001")))
            let dewi = try session.register(NewWorker(
                nik: try NIK(dewiNIK), fullName: "Dewi Lestari", birthDate: SyncFixture.day("1992-05-15"), sex: .female,
                village: try RegionCode("34.02.01.2001"), branchOffice: bantul.id))
            try session.enrol(.wageEarner(worker: dewi.id, employer: employer.id, wage: 4_000_000,
                                          startDate: SyncFixture.day("2025-06-01"), programs: [.jkk, .jkm, .jht, .jp]))
            try session.issueBills(for: june)
            let owed = try session.connection.fetchValue(Int64.self, """
                SELECT sum(\(Self.amountDue)) FROM bills b JOIN memberships m ON m.id = b.membership_id
                WHERE m.employer_id = ? AND b.contribution_month = '2025-06'
                """, employer.id) ?? 0
            return try session.payEmployerDues(employer: employer.id, month: june, amount: Rupiah(owed),
                                               receipt: sharedReceipt, channel: .bankTransfer).amount
        }
    }

    /// A bill's amount due from its columns (no adjustments in this register).
    static let amountDue = "coalesce(b.jkk_employer, 0) + coalesce(b.jkk_worker, 0) + coalesce(b.jkm_employer, 0) + coalesce(b.jkm_worker, 0) + coalesce(b.jht_employer, 0) + coalesce(b.jht_worker, 0) + coalesce(b.jp_employer, 0) + coalesce(b.jp_worker, 0)"

    /// The bytes of the register file at `path` (and of its write-ahead log, if one is left).
    static func fileBytes(_ path: String) throws -> Data {
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        if let wal = try? Data(contentsOf: URL(fileURLWithPath: path + "-wal")) { data.append(wal) }
        return data
    }

    static func values<T: DatabaseValueConvertible, each V: DatabaseValueConvertible>(
        _ registry: Registry, _ type: T.Type, _ sql: String, _ arguments: repeat each V
    ) throws -> [T] {
        try registry.read { try $0.connection.fetchValues(T.self, sql, repeat each arguments) }
    }

    @Test func anOfficeExtractHoldsItsOwnCoWorkerAndTheSharedPaymentButNotTheOtherOfficesWorker() throws {
        let fixture = try SyncFixture()
        let paid = try Self.shareAnEmployerPayment(on: try fixture.centre)
        let centre = try fixture.centre
        let dewi = try #require(try Self.values(centre, Int64.self, "SELECT id FROM workers WHERE nik = ?", Self.dewiNIK).first)
        let dewiBills = try Self.values(centre, Int64.self,
            "SELECT b.id FROM bills b JOIN memberships m ON m.id = b.membership_id WHERE m.worker_id = ?", dewi)
        #expect(dewiBills.count == 1)
        let payment = try #require(try Self.values(centre, Int64.self, "SELECT id FROM payments WHERE receipt_number = ?", Self.sharedReceipt).first)
        let dewiShare = try #require(try Self.values(centre, Int64.self,
            "SELECT amount FROM payment_allocations WHERE payment_id = ? AND bill_id = ?", payment, dewiBills[0]).first)
        #expect(try Self.values(centre, Int64.self, "SELECT count(*) FROM payment_allocations WHERE payment_id = ?", payment) == [2],
                "the payment settles Siti's and Dewi's June bills at the centre")

        let path = try fixture.extract(.office(code: "KC-PWK"), named: "pwk.sqlite")
        let pwk = try fixture.open(path)
        // The area's people, the shared employer payment's own co-worker Siti among them; not Dewi.
        #expect(try Self.values(pwk, String.self, "SELECT full_name FROM workers ORDER BY full_name") == ["Budi Santoso", "Siti Rahayu"])
        #expect(try Self.values(pwk, Int.self, "SELECT count(*) FROM memberships WHERE worker_id = ?", dewi) == [0])
        #expect(try Self.values(pwk, Int.self, "SELECT count(*) FROM bills WHERE id = ?", dewiBills[0]) == [0])
        // Nowhere in the file, baseline included: Siti's NIK and name are (the control), Dewi's are not.
        let bytes = try Self.fileBytes(path)
        #expect(bytes.range(of: Data(SmallRegistry.sitiNIK.utf8)) != nil && bytes.range(of: Data("Siti Rahayu".utf8)) != nil)
        #expect(bytes.range(of: Data(Self.dewiNIK.utf8)) == nil && bytes.range(of: Data("Dewi Lestari".utf8)) == nil)

        // The payment and its allocation to Siti's bill are there; Dewi's share is one figure.
        #expect(try Self.values(pwk, Int64.self, "SELECT amount FROM payments WHERE id = ?", payment) == [paid.amount])
        let sitiJune = try Self.values(pwk, Int64.self, """
            SELECT a.amount FROM payment_allocations a JOIN bills b ON b.id = a.bill_id
            WHERE a.payment_id = ? AND b.contribution_month = '2025-06'
            """, payment)
        #expect(sitiJune.count == 1 && sitiJune[0] + dewiShare == paid.amount)
        #expect(try Self.values(pwk, Int64.self, "SELECT allocated_centrally FROM sync_extract_partial_payments") == [dewiShare])
        #expect(try Self.values(pwk, Int64.self, "SELECT allocated FROM payment_allocation_totals WHERE payment_id = ?", payment) == [paid.amount],
                "the centre's running total, not the extract's own allocations'")
        // Payments held whole (PT Garmen's earlier months, Budi's own) have no such row.
        #expect(try Self.values(pwk, Int.self, "SELECT count(*) FROM payments") == (try Self.values(centre, Int.self,
            "SELECT count(*) FROM payments WHERE receipt_number <> 'BPU-0002'")))

        // A sound register: the checks that sum a payment's allocations count Dewi's share, and
        // Siti's and Budi's standing agree with the centre's.
        #expect(try SyncFixture.problems(pwk) == [])
        let status = { (registry: Registry, nik: String) in try Self.values(registry, String.self, """
            SELECT s.status FROM membership_status s JOIN memberships m ON m.id = s.membership_id
            JOIN workers w ON w.id = m.worker_id WHERE w.nik = ? ORDER BY m.id
            """, nik) }
        for nik in [SmallRegistry.sitiNIK, SmallRegistry.budiNIK] {
            #expect(try status(pwk, nik) == (try status(centre, nik)) && !(try status(pwk, nik)).isEmpty)
        }

        // The other office's extract holds Dewi and the same payment, not Siti.
        let btlPath = try fixture.extract(.office(code: "KC-BTL"), named: "btl.sqlite")
        let btl = try fixture.open(btlPath)
        #expect(try Self.values(btl, String.self, "SELECT full_name FROM workers ORDER BY full_name") == ["Agus Wibowo", "Dewi Lestari"])
        #expect(try Self.values(btl, Int64.self, "SELECT allocated_centrally FROM sync_extract_partial_payments") == [sitiJune[0]])
        #expect(try Self.fileBytes(btlPath).range(of: Data(SmallRegistry.sitiNIK.utf8)) == nil)
        #expect(try SyncFixture.problems(btl) == [])
        #expect(try SyncFixture.problems(centre) == [])
    }

    /// The shared payment's whole total guards it offline; it can be reversed only centrally.
    @Test func aSharedPaymentIsGuardedOfflineAndReversedOnlyAtTheCentre() throws {
        let fixture = try SyncFixture()
        let paid = try Self.shareAnEmployerPayment(on: try fixture.centre)
        let path = try fixture.extract(.office(code: "KC-PWK"), named: "pwk.sqlite")
        let pwk = try fixture.open(path)
        // Budi's April bill owes; the payment's own allocations on the extract leave room, its
        // centre's total does not.
        let payment = try #require(try Self.values(pwk, Int64.self, "SELECT id FROM payments WHERE receipt_number = ?", Self.sharedReceipt).first)
        let local = try #require(try Self.values(pwk, Int64.self, "SELECT sum(amount) FROM payment_allocations WHERE payment_id = ?", payment).first)
        #expect(local < paid.amount)
        let april = try #require(try Self.values(pwk, Int64.self, """
            SELECT b.id FROM bills b JOIN memberships m ON m.id = b.membership_id JOIN workers w ON w.id = m.worker_id
            WHERE w.nik = ? AND b.contribution_month = '2025-04'
            """, SmallRegistry.budiNIK).first)
        #expect {
            try pwk.write { try $0.connection.execute(
                "INSERT INTO payment_allocations (bill_id, payment_id, reversal, amount, recorded_at) VALUES (?, ?, 0, 1, 0)", april, payment) }
        } throws: { "\($0)".contains("allocations would exceed the payment amount") }
        // Control: the same allocation from a payment with room left (one of Rp1 typed in, with
        // no allocation yet) is taken; undone by throwing out of the transaction.
        struct Undo: Error {}
        #expect(throws: Undo.self) {
            try pwk.write { session in
                try session.connection.execute("""
                    INSERT INTO payments (receipt_number, payer_code, employer_id, amount, paid_at, channel_code, recorded_at)
                    SELECT 'HAND-1', payer_code, employer_id, 1, paid_at, channel_code, recorded_at FROM payments WHERE id = ?
                    """, payment)
                try session.connection.execute(
                    "INSERT INTO payment_allocations (bill_id, payment_id, reversal, amount, recorded_at) VALUES (?, ?, 0, 1, 0)",
                    april, session.connection.lastInsertedRowID)
                throw Undo()
            }
        }
        // Reversing the shared payment on the extract is refused, with nothing written.
        #expect {
            try pwk.write { try $0.reversePayment(receipt: Self.sharedReceipt) }
        } throws: { error in
            guard let error = error as? RegistryError, case .conflict(let field, let value, .heldInPartOnExtract) = error else { return false }
            return field == "receipt_number" && value == Self.sharedReceipt && error.description.contains("reverse it at the centre")
        }
        #expect(try Self.values(pwk, Int.self, "SELECT count(*) FROM payments WHERE reverses_id = ?", payment) == [0], "nothing written")
        // Controls: a payment the extract holds whole is reversed offline; the shared one, centrally.
        #expect(try pwk.write { try $0.reversePayment(receipt: "PU-2025-05") }.amount < .zero)
        #expect(try SyncFixture.problems(pwk) == [])
        #expect(try fixture.centre.write { try $0.reversePayment(receipt: Self.sharedReceipt) }.amount == -paid)
        #expect(try SyncFixture.problems(fixture.centre) == [])
    }

    /// Offline work on the area-only extract pushes to the centre as the same work done
    /// centrally, and a pull gives an area-only extract again.
    @Test func offlineWorkPushesAndAppliesAsBeforeAndAPullStaysAreaOnly() throws {
        let fixture = try SyncFixture()
        let reference = try SyncFixture()
        try Self.shareAnEmployerPayment(on: try fixture.centre)
        try Self.shareAnEmployerPayment(on: try reference.centre)
        let path = try fixture.extract(.office(code: "KC-PWK"), named: "pwk.sqlite")
        for target in [try fixture.open(path), try reference.centre] {
            try SyncFixture.enrolAndPay(on: target, serial: "0005", name: "Wayan", receipt: "F-1")
            try SyncFixture.pay(on: target, nik: SmallRegistry.budiNIK, months: 3, receipt: "F-2")
        }
        #expect(try SyncFixture.problems(try fixture.open(path)) == [])
        let pushed = try fixture.centre.push(extractAt: path)
        #expect(pushed.rejects == [] && pushed.applied > 0, "\(pushed)")
        #expect(try SyncFixture.ledgerTotals(fixture.centre) == (try SyncFixture.ledgerTotals(reference.centre)))
        let payments = "SELECT receipt_number || ':' || amount || ':' || coalesce(t.allocated, '-') FROM payments p LEFT JOIN payment_allocation_totals t ON t.payment_id = p.id ORDER BY receipt_number"
        #expect(try Self.values(fixture.centre, String.self, payments) == (try Self.values(reference.centre, String.self, payments)))
        #expect(try Self.values(fixture.centre, Int.self, "SELECT count(*) FROM sync_extract_partial_payments") == [0], "never sent to the centre")
        #expect(try SyncFixture.problems(fixture.centre) == [])

        _ = try fixture.centre.refresh(extractAt: path)
        let pulled = try fixture.open(path)
        #expect(try Self.values(pulled, String.self, "SELECT full_name FROM workers ORDER BY full_name") == ["Budi Santoso", "Siti Rahayu", "Wayan"])
        #expect(try Self.fileBytes(path).range(of: Data(Self.dewiNIK.utf8)) == nil)
        #expect(try Self.values(pulled, Int.self, "SELECT count(*) FROM sync_extract_partial_payments") == [1])
        #expect(try SyncFixture.problems(pulled) == [])
        #expect(try Registry.changeset(ofExtractAt: path).changeset.isEmpty)
    }

    /// The checks that count a partial payment's central share still find hand edits, on the
    /// extract and on the centre.
    @Test func theChecksStillFindHandEditsOfAPartialPayment() throws {
        let fixture = try SyncFixture()
        try Self.shareAnEmployerPayment(on: try fixture.centre)
        let path = try fixture.extract(.office(code: "KC-PWK"), named: "pwk.sqlite")
        let pwk = try fixture.open(path)
        let payment = try #require(try Self.values(pwk, Int64.self, "SELECT id FROM payments WHERE receipt_number = ?", Self.sharedReceipt).first)
        #expect(try SyncFixture.problems(pwk) == [])
        // Written once: no update, no delete.
        for sql in ["UPDATE sync_extract_partial_payments SET allocated_centrally = 0", "DELETE FROM sync_extract_partial_payments"] {
            #expect { try pwk.write { try $0.connection.execute(sql) } } throws: { "\($0)".contains("written once") }
        }
        // The kept total edited: found, as on the centre.
        try pwk.write { try $0.connection.execute("UPDATE payment_allocation_totals SET allocated = allocated + 1 WHERE payment_id = ?", payment) }
        let raised = try SyncFixture.problems(pwk)
        #expect(raised.filter { $0.hasPrefix("allocation_totals: payment \(payment)") }.count == 1, "\(raised)")
        try pwk.write { try $0.connection.execute("UPDATE payment_allocation_totals SET allocated = allocated - 1 WHERE payment_id = ?", payment) }
        #expect(try SyncFixture.problems(pwk) == [])
        // The central share lowered (its trigger dropped): the money looks unallocated, and the
        // total no longer matches.
        try pwk.write { session in
            try session.connection.execute("DROP TRIGGER sync_extract_partial_payments_no_update")
            try session.connection.execute("UPDATE sync_extract_partial_payments SET allocated_centrally = allocated_centrally - 100")
        }
        let edited = try SyncFixture.problems(pwk)
        #expect(edited.contains { $0.hasPrefix("unallocated_payment: payment \(payment)") && $0.hasSuffix("the rest settles no bill") }, "\(edited)")
        #expect(edited.contains { $0.hasPrefix("allocation_totals: payment \(payment)") }, "\(edited)")

        // On the centre such a row hides nothing: it is itself a problem.
        let centre = try fixture.centre
        #expect(try SyncFixture.problems(centre) == [])
        try centre.write { try $0.connection.execute("INSERT INTO sync_extract_partial_payments VALUES (?, 100)", payment) }
        let central = try SyncFixture.problems(centre)
        #expect(central.contains { $0.hasPrefix("allocation_totals: payment \(payment)") && $0.contains("this register is not an extract") }, "\(central)")
    }
}
