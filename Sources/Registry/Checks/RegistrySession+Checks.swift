import SQLiteDB

/// The whole-registry consistency check behind `registry check`.
extension RegistrySession {
    /// Every problem found, check by check (see ``ConsistencyProblem/Check``); empty when the
    /// registry is sound. `date` is the day the program requirements are checked at.
    ///
    /// Every check runs, whatever the others found: a register damaged by hand (a membership
    /// deleted under its bills with foreign keys off, a dropped view) gets its whole list. A check
    /// that fails with an error is itself a line, `<check>: the check itself: could not run: …`,
    /// and the next one runs.
    ///
    /// Reads the whole ledger once, streaming: memory grows with the number of memberships,
    /// not of bills.
    public func consistencyProblems(on date: CalendarDate) throws -> [ConsistencyProblem] {
        var problems: [ConsistencyProblem] = []
        func run(_ check: ConsistencyProblem.Check, _ body: () throws -> [ConsistencyProblem]) {
            do {
                problems += try body()
            } catch {
                problems.append(ConsistencyProblem(check: check, subject: "the check itself", detail: "could not run: \(error)"))
            }
        }
        run(.integrity) {
            try db.integrityCheck().filter { $0 != "ok" }
                .map { ConsistencyProblem(check: .integrity, subject: "database file", detail: $0) }
        }
        run(.foreignKeys) {
            try db.foreignKeyCheck().map {
                ConsistencyProblem(check: .foreignKeys, subject: "\($0.table) row \($0.rowID.map(String.init) ?? "?")",
                                   detail: "refers to a missing row of \($0.parent)")
            }
        }
        let applied = Result { try appliedMigrations() }
        let migrated = applied.flatMap { applied in Result { try MigratedSchema.of(applied.migrations) } }
        run(.schema) { try applied.get().problems + schemaProblems(against: migrated.get()) }
        run(.ruleRows) { try ruleRowProblems(against: migrated.get()) }
        run(.paymentAllocation, overAllocatedPayments)
        run(.unallocatedPayment, unallocatedPayments)
        run(.allocationTotals) { try wrongAllocationTotals() + partialPaymentsOutsideAnExtract() }
        run(.allocationReversal, unmatchedAllocationReversals)
        run(.billOverpaid, overpaidBills)
        run(.billPeriod, billsOutsideTheirPeriod)
        run(.billReversals, unsoundBillReversals)
        run(.billPricing) { try mispricedBills().map(\.problem) + (hasProjectLedger() ? mispricedProjectBills() : []) }
        run(.incomeFloor, informalIncomesBelowTheFloor)
        run(.requiredPrograms) { try membershipsMissingRequiredPrograms(on: date) }
        run(.workerIdentity, workerIdentityProblems)
        run(.kpj, invalidCardNumbers)
        run(.standing) {
            try membershipsWithWrongStanding().map {
                ConsistencyProblem(check: .standing, subject: "membership \($0)",
                                   detail: "its status spans in the report tables differ from its ledger; run `registry refresh --all`")
            }
        }
        run(.standingHorizons, unsoundHorizons)
        run(.duesReceived, wrongDuesReceived)
        return problems
    }

    /// A bill's amount due as SQL on the alias `b`. A register that has not applied 0026 yet
    /// (the schema check says so) keeps its lines as rows; the other checks still run on it.
    func billAmountDueSQL() throws -> String {
        try hasCompactBills() ? DuesColumn.amountDueSQL : "(SELECT coalesce(sum(amount), 0) FROM bill_lines WHERE bill_id = b.id)"
    }

    func hasCompactBills() throws -> Bool {
        try exists("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?", "bill_adjustments")
    }

    private func unsoundHorizons() throws -> [ConsistencyProblem] {
        let repair = "; run `registry refresh --all`"
        var problems = try db.fetchAll("""
            SELECT h.membership_id FROM standing_horizons h
            WHERE NOT EXISTS (SELECT 1 FROM memberships WHERE id = h.membership_id) ORDER BY 1
            """).map { row in
            ConsistencyProblem(check: .standingHorizons, subject: "membership \(try row.get(0, as: Int64.self))",
                               detail: "has a horizon but no longer exists" + repair)
        }
        problems += try db.fetchAll("""
            SELECT b.id, b.membership_id, b.contribution_month, h.settled_before_month, h.settled_since,
                   \(try billAmountDueSQL()) AS due, paid,
                   coalesce(last_payment, '') AS last_paid
            FROM standing_horizons h
            JOIN bills b ON b.membership_id = h.membership_id AND b.contribution_month < h.settled_before_month
            LEFT JOIN (SELECT a.bill_id, sum(a.amount) AS paid, max(date(p.paid_at / 1000, 'unixepoch', '+7 hours')) AS last_payment
                       FROM payment_allocations a JOIN payments p ON p.id = a.payment_id GROUP BY a.bill_id) a
                 ON a.bill_id = b.id
            WHERE (coalesce(paid, 0) < due OR last_paid > h.settled_since)
              -- those the next refresh recomputes whole, as the standing check leaves them out
              AND NOT EXISTS (SELECT 1 FROM standing_stale s WHERE s.membership_id = h.membership_id
                              AND coalesce(s.from_month < h.settled_before_month, true))
            ORDER BY b.id
            """).map { row in
            let horizon = "standing_horizons says every month before \(try row.get("settled_before_month", as: String.self)) is settled since \(try row.get("settled_since", as: String.self))"
            let due = Rupiah(try row.get("due", as: Int64.self)), paid = Rupiah(try row.get("paid", as: Int64?.self) ?? 0)
            let fact = paid < due ? "it is paid \(paid) of \(due)" : "a payment to it was made on \(try row.get("last_paid", as: String.self))"
            return ConsistencyProblem(check: .standingHorizons, subject: try Self.billSubject(row), detail: "\(horizon); \(fact)" + repair)
        }
        // A construction membership's horizon passes its project's bill too.
        guard try hasProjectLedger() else { return problems }
        problems += try db.fetchAll("""
            SELECT b.id, b.construction_project_id, b.contribution_month, h.membership_id, h.settled_before_month,
                   h.settled_since, due, paid,
                   coalesce(last_payment, '') AS last_paid
            FROM standing_horizons h
            JOIN memberships m ON m.id = h.membership_id
            JOIN project_bills b ON b.construction_project_id = m.construction_project_id
                                AND b.contribution_month < h.settled_before_month
            JOIN (SELECT project_bill_id, sum(amount) AS due, max(recorded_at) AS last_line
                  FROM project_bill_lines GROUP BY project_bill_id) l ON l.project_bill_id = b.id
            LEFT JOIN (SELECT a.project_bill_id, sum(a.amount) AS paid, max(date(p.paid_at / 1000, 'unixepoch', '+7 hours')) AS last_payment
                       FROM project_payment_allocations a JOIN payments p ON p.id = a.payment_id
                       GROUP BY a.project_bill_id) a ON a.project_bill_id = b.id
            WHERE (coalesce(paid, 0) < due OR last_paid > h.settled_since)
              AND NOT EXISTS (SELECT 1 FROM standing_stale s WHERE s.membership_id = h.membership_id
                              AND coalesce(s.from_month < h.settled_before_month, true))
            ORDER BY h.membership_id, b.id
            """).map { row in
            let horizon = "standing_horizons of membership \(try row.get("membership_id", as: Int64.self)) says every month before \(try row.get("settled_before_month", as: String.self)) is settled since \(try row.get("settled_since", as: String.self))"
            let due = Rupiah(try row.get("due", as: Int64.self)), paid = Rupiah(try row.get("paid", as: Int64?.self) ?? 0)
            let fact = paid < due ? "it is paid \(paid) of \(due)" : "a payment to it was made on \(try row.get("last_paid", as: String.self))"
            return ConsistencyProblem(check: .standingHorizons, subject: try Self.projectBillSubject(row), detail: "\(horizon); \(fact)" + repair)
        }
        return problems
    }

    private func wrongAllocationTotals() throws -> [ConsistencyProblem] {
        let projectSums = try hasProjectLedger()
            ? "UNION ALL SELECT payment_id, sum(amount) FROM project_payment_allocations GROUP BY payment_id" : ""
        // On an extract, the part of a shared payment allocated at the centre: its kept total is the centre's.
        let centralSums = try hasPartialPayments()
            ? "UNION ALL SELECT payment_id, allocated_centrally FROM sync_extract_partial_payments" : ""
        return try db.fetchAll("""
            SELECT coalesce(t.payment_id, s.payment_id) AS payment_id, t.allocated, s.summed
            FROM payment_allocation_totals t
            FULL JOIN (SELECT payment_id, sum(summed) AS summed
                       FROM (SELECT payment_id, sum(amount) AS summed FROM payment_allocations GROUP BY payment_id
                             \(projectSums) \(centralSums))
                       GROUP BY payment_id) s
                 ON s.payment_id = t.payment_id
            WHERE t.allocated IS NOT s.summed
              -- Since 0030 a payment its member made keeps no total (its guard sums its few
              -- allocations); one kept all the same is compared like any other.
              AND (t.payment_id IS NOT NULL OR (SELECT payer_code FROM payments WHERE id = s.payment_id) IS NOT 'self')
            ORDER BY 1
            """).map { row in
            let kept = try row.get("allocated", as: Int64?.self).map { Rupiah($0).description } ?? "no total"
            let summed = try row.get("summed", as: Int64?.self).map { Rupiah($0).description } ?? "no allocation"
            return ConsistencyProblem(
                check: .allocationTotals, subject: "payment \(try row.get("payment_id", as: Int64.self))",
                detail: "payment_allocation_totals says \(kept), its allocations sum to \(summed)")
        }
    }

    private func overAllocatedPayments() throws -> [ConsistencyProblem] {
        let projectSum = try hasProjectLedger()
            ? "+ coalesce((SELECT sum(amount) FROM project_payment_allocations WHERE payment_id = p.id), 0)" : ""
        let centralSum = try hasPartialPayments() ? "+ " + Self.allocatedCentrallySQL(of: "p.id") : ""
        return try db.fetchAll("""
            SELECT p.id, p.receipt_number, p.amount,
                   coalesce((SELECT sum(amount) FROM payment_allocations WHERE payment_id = p.id), 0)
                   \(projectSum) \(centralSum) AS allocated
            FROM payments p
            WHERE p.amount >= 0 AND allocated > p.amount
            ORDER BY p.id
            """).map { row in
            ConsistencyProblem(
                check: .paymentAllocation, subject: "payment \(try row.get("id", as: Int64.self)) (receipt \(try row.get("receipt_number", as: String.self)))",
                detail: "allocates \(Rupiah(try row.get("allocated"))) of \(Rupiah(try row.get("amount")))")
        }
    }

    private func overpaidBills() throws -> [ConsistencyProblem] {
        let projectBills = try !hasProjectLedger() ? [] : db.fetchAll("""
            SELECT b.id, b.construction_project_id, b.contribution_month,
                   (SELECT coalesce(sum(amount), 0) FROM project_bill_lines WHERE project_bill_id = b.id) AS due,
                   paid
            FROM (SELECT project_bill_id, sum(amount) AS paid FROM project_payment_allocations GROUP BY project_bill_id) a
            JOIN project_bills b ON b.id = a.project_bill_id
            WHERE paid > (SELECT coalesce(sum(amount), 0) FROM project_bill_lines WHERE project_bill_id = b.id)
            ORDER BY b.id
            """).map { row in
            ConsistencyProblem(
                check: .billOverpaid, subject: try Self.projectBillSubject(row),
                detail: "is paid \(Rupiah(try row.get("paid"))) of \(Rupiah(try row.get("due")))")
        }
        return try projectBills + db.fetchAll("""
            SELECT b.id, b.membership_id, b.contribution_month,
                   \(try billAmountDueSQL()) AS due,
                   paid
            FROM (SELECT bill_id, sum(amount) AS paid FROM payment_allocations GROUP BY bill_id) a
            JOIN bills b ON b.id = a.bill_id
            WHERE paid > due
            ORDER BY b.id
            """).map { row in
            ConsistencyProblem(
                check: .billOverpaid, subject: try Self.billSubject(row),
                detail: "is paid \(Rupiah(try row.get("paid"))) of \(Rupiah(try row.get("due")))")
        }
    }

    /// Re-prices every bill's dues lines with the rules of its month and compares, line by
    /// line (program and payer). A bill whose lines were all reversed (cancelled) is skipped.
    /// Declared income can change after billing (``changeDeclaredIncome(of:to:)``), so a bill
    /// also matches when it is right for any income the audit log shows the membership had.
    /// Bills whose dues lines differ from what the rules of their month give (a bill's due date is
    /// the rules' by construction: bills store none since 0028); only
    /// those of `ids` when given (a push checks the bills made offline with the centre's rules).
    func mispricedBills(among ids: [Int64]? = nil) throws -> [(bill: Int64, problem: ConsistencyProblem)] {
        var problems: [(bill: Int64, problem: ConsistencyProblem)] = []
        var rulesByMonth: [ContributionMonth: ContributionRules] = [:]
        var subjects: [Membership.ID: BillingSubject] = [:]
        var current: (id: Int64, membership: Membership.ID, month: ContributionMonth)?
        var lines: [LineKey: Rupiah] = [:]

        func finish() throws {
            guard let bill = current else { return }
            defer { lines = [:] }
            let billed = lines.filter { $0.value != .zero }
            guard !billed.isEmpty else { return }
            // A bill whose membership was deleted by hand is listed by the foreign_keys check.
            guard let subject = try subjects[bill.membership] ?? BillingSubject.find(bill.membership, in: self) else { return }
            subjects[bill.membership] = subject
            let rules = try rulesByMonth[bill.month] ?? ContributionRules.load(on: bill.month.firstDay, from: db)
            rulesByMonth[bill.month] = rules
            let subjectText = "bill \(bill.id) (membership \(bill.membership), \(bill.month))"
            do {
                var expected = try expectedLines(subject, bill.month, rules)
                if expected != billed {
                    for income in try pastIncomes(of: bill.membership) where income != subject.declaredIncome {
                        let alternative = try expectedLines(subject.with(declaredIncome: income), bill.month, rules)
                        if alternative == billed { expected = alternative; break }
                    }
                }
                if expected != billed {
                    problems.append((bill.id, ConsistencyProblem(
                        check: .billPricing, subject: subjectText,
                        detail: "bills \(Self.describe(billed)); the rules of \(bill.month) give \(Self.describe(expected))")))
                }
            } catch let refusal as RegistryError {
                problems.append((bill.id, ConsistencyProblem(check: .billPricing, subject: subjectText, detail: "cannot be priced: \(refusal)")))
            }
        }

        let only = ids.map { "[" + $0.map(String.init).joined(separator: ",") + "]" }
        guard try hasCompactBills() else {
            // A register not yet at 0026: its lines are rows of the table bill_lines.
            try db.forEach("""
                SELECT b.id, b.membership_id, b.contribution_month, l.program_code, l.payer_code,
                       sum(l.amount) AS amount
                FROM bill_lines l JOIN bills b ON b.id = l.bill_id
                WHERE l.kind = 'dues' AND (?1 IS NULL OR l.bill_id IN (SELECT value FROM json_each(?1)))
                GROUP BY l.bill_id, l.program_code, l.payer_code
                ORDER BY l.bill_id
                """, only) { row in
                let id: Int64 = try row.get(0)
                if current?.id != id {
                    try finish()
                    current = (id, try row.get(1), try row.get(2))
                }
                lines[LineKey(program: try row.get(3), payer: try row.get(4))] = try row.get(5)
            }
            try finish()
            return problems
        }
        // The bills' columns in bill order, with the few dues adjustments (reversals, lines no
        // column holds) read first: one pass over the bills, where grouping the bill_lines view
        // would sort every line of the register.
        var adjusted: [Int64: [LineKey: Rupiah]] = [:]
        try db.forEach("""
            SELECT bill_id, program_code, payer_code, sum(amount) FROM bill_adjustments
            WHERE kind = 'dues' AND (?1 IS NULL OR bill_id IN (SELECT value FROM json_each(?1)))
            GROUP BY bill_id, program_code, payer_code
            """, only) { row in
            adjusted[try row.get(0), default: [:]][LineKey(program: try row.get(1), payer: try row.get(2))] = try row.get(3)
        }
        try db.forEach("""
            SELECT b.id, b.membership_id, b.contribution_month, \(DuesColumn.selectList)
            FROM bills b WHERE ?1 IS NULL OR b.id IN (SELECT value FROM json_each(?1)) ORDER BY b.id
            """, only) { row in
            try finish()
            let id: Int64 = try row.get(0)
            current = (id, try row.get(1), try row.get(2))
            for line in try Self.columnLines(of: Bill.ID(id), row: row, firstColumn: 3) {
                lines[LineKey(program: line.program, payer: line.payer), default: .zero] += line.amount
            }
            for (key, amount) in adjusted[id] ?? [:] { lines[key, default: .zero] += amount }
        }
        try finish()
        return problems
    }

    private struct LineKey: Hashable, Comparable {
        let program: Program
        let payer: Payer
        static func < (lhs: LineKey, rhs: LineKey) -> Bool {
            (lhs.program, lhs.payer.rawValue) < (rhs.program, rhs.payer.rawValue)
        }
    }

    private func expectedLines(_ subject: BillingSubject, _ month: ContributionMonth,
                               _ rules: ContributionRules) throws -> [LineKey: Rupiah] {
        let quote = try rules.quote(subject.basis, programs: subject.programs, month: month)
        var lines: [LineKey: Rupiah] = [:]
        for line in quote.billable where line.amount != .zero {
            lines[LineKey(program: line.program, payer: subject.payer(of: line.share)), default: .zero] += line.amount
        }
        return lines
    }

    /// Every declared income the audit log records for a membership.
    private func pastIncomes(of id: Membership.ID) throws -> [Rupiah] {
        try db.fetchValues(Rupiah?.self, """
            SELECT DISTINCT json_extract(new_values, '$.declared_income') FROM audit_log
            WHERE table_name = 'memberships' AND row_key = ?
            UNION
            SELECT DISTINCT json_extract(old_values, '$.declared_income') FROM audit_log
            WHERE table_name = 'memberships' AND row_key = ?
            """, String(id.rawValue), String(id.rawValue)).compactMap { $0 }
    }

    private static func describe(_ lines: [LineKey: Rupiah]) -> String {
        guard !lines.isEmpty else { return "nothing" }
        return lines.sorted { $0.key < $1.key }
            .map { "\($0.key.program.rawValue) \($0.key.payer.rawValue) \($0.value)" }
            .joined(separator: ", ")
    }

    static func projectBillSubject(_ row: some RowReading) throws -> String {
        "project bill \(try row.get("id", as: Int64.self)) (construction project \(try row.get("construction_project_id", as: Int64.self)), \(try row.get("contribution_month", as: String.self)))"
    }

    /// Re-prices every project bill (contract value, rules of its month, due date) and compares
    /// its dues lines, program by program. A bill whose lines were all reversed is skipped.
    private func mispricedProjectBills() throws -> [ConsistencyProblem] {
        var problems: [ConsistencyProblem] = []
        for bill in try loadProjectBills(where: "true") {
            var billed: [Program: Rupiah] = [:]
            for line in bill.lines where line.kind == .dues { billed[line.program, default: .zero] += line.amount }
            billed = billed.filter { $0.value != .zero }
            guard !billed.isEmpty else { continue }
            let subject = "project bill \(bill.id) (construction project \(bill.project), \(bill.month))"
            // A bill whose project was deleted by hand is listed by the foreign_keys check.
            guard let project = try project(bill.project) else { continue }
            do {
                let priced = try priceProjectBill(project)
                var expected: [Program: Rupiah] = [:]
                for line in priced.lines { expected[line.program, default: .zero] += line.amount }
                if priced.month != bill.month || priced.dueDate != bill.dueDate {
                    problems.append(ConsistencyProblem(
                        check: .billPricing, subject: subject,
                        detail: "is for \(bill.month), due \(bill.dueDate); the rules say \(priced.month), due \(priced.dueDate)"))
                }
                if expected != billed {
                    func describe(_ lines: [Program: Rupiah]) -> String {
                        lines.isEmpty ? "nothing" : lines.sorted { $0.key.order < $1.key.order }
                            .map { "\($0.key.rawValue) employer \($0.value)" }.joined(separator: ", ")
                    }
                    problems.append(ConsistencyProblem(
                        check: .billPricing, subject: subject,
                        detail: "bills \(describe(billed)); the contract value \(project.contractValue) gives \(describe(expected))"))
                }
            } catch let refusal as RegistryError {
                problems.append(ConsistencyProblem(check: .billPricing, subject: subject, detail: "cannot be priced: \(refusal)"))
            }
        }
        return problems
    }

    static func billSubject(_ row: some RowReading) throws -> String {
        "bill \(try row.get("id", as: Int64.self)) (membership \(try row.get("membership_id", as: Int64.self)), \(try row.get("contribution_month", as: String.self)))"
    }

    private func membershipsMissingRequiredPrograms(on date: CalendarDate) throws -> [ConsistencyProblem] {
        try db.fetchAll("""
            SELECT m.id, m.segment_code, sp.program_code
            FROM memberships m
            LEFT JOIN employers e ON e.id = m.employer_id
            JOIN segment_programs sp
              ON sp.segment_code = m.segment_code
             AND sp.employer_size_class IS (CASE WHEN m.segment_code = 'wage_earner' THEN e.size_class END)
             AND sp.requirement = 'required'
             AND sp.effective_from <= ?1 AND coalesce(sp.effective_to, '9999-12-31') >= ?1
            WHERE m.start_date <= ?1 AND coalesce(m.end_date, '9999-12-31') >= ?1
              AND NOT EXISTS (SELECT 1 FROM membership_programs mp
                              WHERE mp.membership_id = m.id AND mp.program_code = sp.program_code)
            ORDER BY m.id, sp.program_code
            """, date).map { row in
            ConsistencyProblem(
                check: .requiredPrograms, subject: "membership \(try row.get("id", as: Int64.self))",
                detail: "\(try row.get("segment_code", as: String.self)) membership lacks required program \(try row.get("program_code", as: String.self)) on \(date)")
        }
    }

    private func workerIdentityProblems() throws -> [ConsistencyProblem] {
        try db.fetchAll("SELECT worker_id, nik, issue FROM worker_identity_issues ORDER BY worker_id").map { row in
            ConsistencyProblem(
                check: .workerIdentity,
                subject: "worker \(try row.get("worker_id", as: Int64.self)) (NIK \(NIK.mask(try row.get("nik"))))",
                detail: try row.get("issue"))
        }
    }
}
