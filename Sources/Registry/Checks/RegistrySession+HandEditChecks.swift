import SQLiteDB

/// Checks `unallocated_payment`, `bill_period`, `bill_reversals`, `income_floor` and `kpj`: rows the library never
/// writes, which only SQL typed by hand (or a trigger dropped first) can leave.
///
/// Each is one pass over its table in index order, with lookups by key: `registry check` runs on
/// registers of millions of members.
extension RegistrySession {
    /// Payments whose amount is not all allocated. Every payment the library records is allocated
    /// whole to the bills it pays, so only two kinds may have no allocation: a reversing payment
    /// (its negative amount settles nothing) and a payment that was reversed (its allocations were
    /// reversed with it, and the money went back).
    func unallocatedPayments() throws -> [ConsistencyProblem] {
        try db.fetchAll(Self.unallocatedPaymentsSQL(projectLedger: try hasProjectLedger(), partialPayments: try hasPartialPayments())).map { row in
            let amount = Rupiah(try row.get("amount", as: Int64.self))
            let detail = try row.get("allocations", as: Int64.self) == 0
                ? "has no allocation: the \(amount) received settles no bill"
                : "allocates \(Rupiah(try row.get("allocated", as: Int64.self))) of \(amount): the rest settles no bill"
            return ConsistencyProblem(
                check: .unallocatedPayment,
                subject: "payment \(try row.get("id", as: Int64.self)) (receipt \(try row.get("receipt_number", as: String.self)))",
                detail: detail)
        }
    }

    /// The originals in id order (a scan of the table: the `reverses_id` index holds only the
    /// reversals), each one's allocations (to membership and to project bills) through their
    /// `payment_id` indexes; whether it was reversed is asked only of the payments found.
    /// `projectLedger` false for a register from before 0020, which has no project allocations;
    /// `partialPayments` false for one from before 0032. On an extract, a payment it holds only
    /// part of counts what it allocated at the centre (``allocatedCentrallySQL(of:)``).
    static func unallocatedPaymentsSQL(projectLedger: Bool, partialPayments: Bool) -> String { """
        SELECT p.id, p.receipt_number, p.amount,
               count(a.payment_id) \(projectLedger ? "+ (SELECT count(*) FROM project_payment_allocations WHERE payment_id = p.id)" : "")
               \(partialPayments ? "+ (SELECT count(*) FROM sync_extract_partial_payments WHERE payment_id = p.id)" : "") AS allocations,
               coalesce(sum(a.amount), 0)
               \(projectLedger ? "+ (SELECT coalesce(sum(amount), 0) FROM project_payment_allocations WHERE payment_id = p.id)" : "")
               \(partialPayments ? "+ " + allocatedCentrallySQL(of: "p.id") : "") AS allocated
        FROM payments p LEFT JOIN payment_allocations a ON a.payment_id = p.id
        WHERE p.reverses_id IS NULL
        GROUP BY p.id
        HAVING (allocations = 0 OR allocated < p.amount)
           AND NOT EXISTS (SELECT 1 FROM payments r WHERE r.reverses_id = p.id)
        ORDER BY p.id
        """
    }

    /// Allocation reversals that reverse nothing as stored: no allocation of the same payment to
    /// the same bill, or one of another amount than the reversal's negation. One pass over the
    /// allocations, each reversal's allocation found by key; a register from before 0027 keeps
    /// reversals as rows with `reverses_id`, which 0007's UNIQUE and trigger already tie.
    func unmatchedAllocationReversals() throws -> [ConsistencyProblem] {
        guard try exists("SELECT 1 FROM pragma_table_info('payment_allocations') WHERE name = ?", "reversal") else { return [] }
        return try db.fetchAll("""
            SELECT r.bill_id, r.payment_id, r.amount, o.amount AS original
            FROM payment_allocations r
            LEFT JOIN payment_allocations o ON o.bill_id = r.bill_id AND o.payment_id = r.payment_id AND o.reversal = 0
            WHERE r.reversal = 1 AND (o.amount IS NULL OR o.amount <> -r.amount)
            ORDER BY r.bill_id, r.payment_id
            """).map { row in
            let reversed = Rupiah(-(try row.get("amount", as: Int64.self)))
            let detail = try row.get("original", as: Int64?.self).map { "reverses \(reversed) where the allocation is \(Rupiah($0))" }
                ?? "reverses \(reversed) but the payment has no allocation to this bill"
            return ConsistencyProblem(
                check: .allocationReversal,
                subject: "allocation of payment \(try row.get("payment_id", as: Int64.self)) to bill \(try row.get("bill_id", as: Int64.self))",
                detail: detail)
        }
    }

    /// Bills for a month outside their membership's period that still bill something. A bill
    /// cannot be inserted outside the period (`bills_check_on_insert`), and the library ends a
    /// membership only after the bills beyond the end are cancelled (their lines reversed, so
    /// they sum to 0), so such a bill means the dates were moved by hand.
    ///
    /// Per membership, two range reads of the bills index `(membership_id, contribution_month)`:
    /// the months before the start month and those after the end month. CROSS JOIN keeps the
    /// memberships outside (left to itself the planner scans every bill and looks its membership
    /// up), and MATERIALIZED keeps the sum of a bill's lines, taken only for the bills found,
    /// from being pushed down to every bill.
    func billsOutsideTheirPeriod() throws -> [ConsistencyProblem] {
        let sql = try hasCompactBills() ? Self.billsOutsideTheirPeriodSQL : Self.billsOutsideTheirPeriodSQL(billed: try billAmountDueSQL())
        return try db.fetchAll(sql).map { row in
            let end = try row.get("end_date", as: String?.self) ?? "open"
            return ConsistencyProblem(
                check: .billPeriod, subject: try Self.billSubject(row),
                detail: "is for a month outside its membership's period \(try row.get("start_date", as: String.self)) to \(end), and bills \(Rupiah(try row.get("billed", as: Int64.self)))")
        }
    }

    static let billsOutsideTheirPeriodSQL = billsOutsideTheirPeriodSQL(billed: DuesColumn.amountDueSQL)

    /// `billed`: a bill's amount due as SQL on the alias `b`.
    static func billsOutsideTheirPeriodSQL(billed: String) -> String { """
        WITH outside (id, membership_id, contribution_month, start_date, end_date) AS MATERIALIZED (
            SELECT b.id, b.membership_id, b.contribution_month, m.start_date, m.end_date
            FROM memberships m
            CROSS JOIN bills b ON b.membership_id = m.id AND b.contribution_month < substr(m.start_date, 1, 7)
            UNION ALL
            SELECT b.id, b.membership_id, b.contribution_month, m.start_date, m.end_date
            FROM memberships m
            CROSS JOIN bills b ON b.membership_id = m.id AND b.contribution_month > substr(m.end_date, 1, 7)
            WHERE m.end_date IS NOT NULL
        )
        SELECT o.*, (SELECT \(billed) FROM bills b WHERE b.id = o.id) AS billed
        FROM outside o
        WHERE billed <> 0
        ORDER BY o.id
        """
    }

    /// Bill lines reversed twice, and reversals that do not mirror a line of their bill (see
    /// ``ConsistencyProblem/Check/billReversals``). One pass over the adjustments that reverse
    /// something, each looked up in its own bill's lines (the bill's columns and adjustments).
    func unsoundBillReversals() throws -> [ConsistencyProblem] {
        guard try hasCompactBills() else { return [] }   // before 0026: the reverses_id UNIQUE column
        return try db.fetchAll(Self.unsoundBillReversalsSQL).map { row in
            let reversed = try row.get("reverses_id", as: Int64.self)
            let detail = try row.get("reversals", as: Int64.self) > 1
                ? "reverses line \(reversed), which \(try row.get("reversals", as: Int64.self)) adjustments reverse: a line is reversed once"
                : "reverses line \(reversed), which is not a line of its bill with the same program, payer and kind and the negated amount"
            return ConsistencyProblem(
                check: .billReversals,
                subject: "bill line \(try row.get("id", as: Int64.self)) (bill \(try row.get("bill_id", as: Int64.self)))",
                detail: detail)
        }
    }

    static let unsoundBillReversalsSQL = """
        SELECT r.id, r.bill_id, r.reverses_id,
               (SELECT count(*) FROM bill_adjustments x WHERE x.reverses_id = r.reverses_id) AS reversals
        FROM bill_adjustments r
        WHERE r.reverses_id IS NOT NULL
          AND (reversals > 1
               OR NOT EXISTS (SELECT 1 FROM bill_lines o
                              WHERE o.bill_id = r.bill_id AND o.id = r.reverses_id AND o.reverses_id IS NULL
                                AND o.program_code = r.program_code AND o.payer_code = r.payer_code
                                AND o.kind = r.kind AND o.amount = -r.amount))
        ORDER BY r.id
        """

    /// Informal (BPU) memberships whose declared income is below the `bpu_income_floor` in force
    /// at their start, or that start when no floor is in force: what `memberships_check_on_insert`
    /// refuses since 0016 (before it, a start with no floor in force let any income through).
    func informalIncomesBelowTheFloor() throws -> [ConsistencyProblem] {
        try db.fetchAll("""
            SELECT m.id, m.declared_income, m.start_date, p.value AS floor
            FROM memberships m
            LEFT JOIN scheme_parameters p
                   ON p.code = 'bpu_income_floor'
                  AND p.effective_from <= m.start_date AND coalesce(p.effective_to, '9999-12-31') >= m.start_date
            WHERE m.segment_code = 'informal'
              AND (p.value IS NULL OR coalesce(m.declared_income, 0) < p.value)
            ORDER BY m.id
            """).map { row in
            let income = try row.get("declared_income", as: Int64?.self).map { Rupiah($0).description } ?? "no income"
            let start = try row.get("start_date", as: String.self)
            let detail = try row.get("floor", as: Int64?.self).map {
                "declares \(income), below the \(Rupiah($0)) floor in force at its start, \(start)"
            } ?? "starts on \(start), when no bpu_income_floor is in force: its declared income (\(income)) was never checked"
            return ConsistencyProblem(check: .incomeFloor, subject: "membership \(try row.get("id", as: Int64.self))", detail: detail)
        }
    }

    /// Workers whose card number is not one ``KPJ/init(_:field:)`` accepts: the registry issues
    /// and imports only numbers that pass the check digit. Reads every number in place.
    func invalidCardNumbers() throws -> [ConsistencyProblem] {
        var problems: [ConsistencyProblem] = []
        try db.forEach("SELECT id, kpj FROM workers ORDER BY id") { row in
            let column = row.columnSlot(uncheckedIndex: 1)
            guard column.storageClass != .text || !column.withUTF8(KPJ.isValid(utf8:)) else { return }
            let text = column.isNull ? "NULL" : column.text
            var reason = "is not a card number"
            do throws(RegistryError) {
                _ = try KPJ(text)
            } catch {
                if case .invalid(_, _, let why) = error { reason = why.description }
            }
            problems.append(ConsistencyProblem(
                check: .kpj, subject: "worker \(try row.get(0, as: Int64.self)) (KPJ \(text))",
                detail: "\(reason); the registry issues and accepts only 11 digits that pass the check digit"))
        }
        return problems
    }
}
