import Foundation
import SQLiteDB

/// Billing and paying a construction project's dues (iuran Jasa Konstruksi, JAKON): one bill
/// per project, on its contract value, paid once by its contractor for every worker on it.
///
/// Every construction membership of the project reads the project's bill for its status
/// (view `membership_status`, `Migrations/0020_project_dues.sql`): unpaid after its due date,
/// each worker is in arrears; once it is paid, each is active.
extension RegistrySession {
    /// Issues the bill of a construction project, priced with the rules of the month it starts
    /// (``ContributionRules``: the contract value in marginal slices; a Rp1,000,000,000 contract
    /// owes JKK Rp1,540,000 and JKM Rp210,000), due `construction_dues_working_days_after_work_order`
    /// (14) working days after the work order. A project's bill that was cancelled (every line
    /// reversed) gets the new lines.
    ///
    /// - Throws: ``RegistryError`` naming `construction_project_id`: unknown, already billed, or
    ///   priced at Rp0 (a contract value of Rp0); `noRuleInForce` for a missing rule row.
    @discardableResult
    public func issueProjectBill(for id: ConstructionProject.ID) throws -> ProjectBill {
        let project = try requireProject(id)
        let existing = try projectBill(of: id)
        if let existing, existing.amountDue != .zero {
            throw RegistryError.conflict(
                field: "construction_project_id", value: id.description,
                reason: .projectAlreadyBilled(bill: existing.id.rawValue, amount: existing.amountDue, due: existing.dueDate))
        }
        let priced = try pricedOrRefused(project)
        let billID = try db.savepoint { try writeProjectBill(project, priced, existing: existing?.id, recordedAt: clock()) }
        return try projectBill(billID)!
    }

    /// Bills every project whose work order is dated on or before `date` and that has no bill
    /// yet, in one savepoint: all of them, or none when one cannot be priced. A project whose
    /// contract value prices to Rp0 owes nothing and is left unbilled.
    @discardableResult
    public func issueProjectBills(through date: CalendarDate) throws -> ProjectBillingRun {
        try db.savepoint {
            let projects = try db.fetchAll("""
                SELECT \(ConstructionProject.columns) FROM construction_projects p
                WHERE p.work_order_date <= ?
                  AND NOT EXISTS (SELECT 1 FROM project_bills b WHERE b.construction_project_id = p.id)
                ORDER BY p.id
                """, date).map(ConstructionProject.init(row:))
            var bills = 0
            var total = Rupiah.zero
            let now = clock()
            for project in projects {
                let priced = try priceProjectBill(project)
                guard priced.total > .zero else { continue }
                _ = try writeProjectBill(project, priced, existing: nil, recordedAt: now)
                bills += 1
                total += priced.total
            }
            return ProjectBillingRun(bills: bills, total: total)
        }
    }

    /// Exactly what ``payProjectDues(project:amount:receipt:channel:paidAt:)`` demands now: what
    /// the project's bill still owes, or, before it is billed, the price of its bill. Nothing is
    /// written, so it runs in a `read` as well.
    ///
    /// - Throws: the payment's refusals that concern the project (`construction_project_id`
    ///   unknown, owing nothing) and its pricing.
    public func amountOwed(forProject id: ConstructionProject.ID) throws -> Rupiah {
        try openProjectBill(try requireProject(id), recordedAt: nil).outstanding
    }

    /// Records a contractor's payment of a construction project's dues, with the guarantees of
    /// the other payments: `amount` must be exactly what is owed (``amountOwed(forProject:)``),
    /// the receipt is unique, and the payment, its allocation and any bill it issues are written
    /// in one savepoint, or nothing is. When the project has no bill yet, it is billed now
    /// (``issueProjectBill(for:)``) and paid. The payer is the contractor (an employer).
    ///
    /// A payment after the due date settles the bill (the workers are active again from the day
    /// it is recorded); no late penalty applies to project dues (the employer's 2% a month is a
    /// wage-earner rule).
    ///
    /// - Parameters:
    ///   - id: the project.
    ///   - amount: what the contractor paid, exactly what is owed.
    ///   - receipt: the payment's receipt number, unique in the register.
    ///   - channel: how it was paid.
    ///   - paidAt: when the money was paid; nil for now, by the session's clock. Never in the future.
    /// - Throws: ``RegistryError`` naming the field: `construction_project_id` unknown or owing
    ///   nothing (its bill paid, or cancelled: issue it again first); `receipt_number` empty, too
    ///   long or already used; `paid_at` in the future; `amount` not what is owed (the error says
    ///   how much is); `noRuleInForce` for a missing rule row.
    @discardableResult
    public func payProjectDues(
        project id: ConstructionProject.ID, amount: Rupiah, receipt: String, channel: PaymentChannel, paidAt: Date? = nil
    ) throws -> Payment {
        let project = try requireProject(id)
        let receipt = try newReceipt(receipt)
        let now = clock()
        let paidAt = paidAt ?? now
        try Validation.notInFuture(paidAt, field: "paid_at", now: now)
        return try db.savepoint {
            let open = try openProjectBill(project, recordedAt: now)
            guard amount == open.outstanding else {
                throw RegistryError.amountMismatch(
                    field: "amount", given: amount, expected: open.outstanding,
                    reason: .owedForProject(project: id.rawValue, month: open.month, due: open.dueDate))
            }
            try db.execute("""
                INSERT INTO payments (receipt_number, payer_code, employer_id, amount, paid_at, channel_code, recorded_at)
                VALUES (?, 'employer', ?, ?, ?, ?, ?)
                """, receipt, project.contractor, amount, UnixMilliseconds(paidAt), channel, UnixMilliseconds(now))
            let payment = Payment.ID(db.lastInsertedRowID)
            try db.execute("""
                INSERT INTO project_payment_allocations (payment_id, project_bill_id, amount, recorded_at)
                VALUES (?, ?, ?, ?)
                """, payment, open.bill!, amount, now)
            return try self.payment(payment)!
        }
    }

    /// The construction projects whose name is `name` (ignoring case and surrounding spaces),
    /// oldest first: names are not unique, so a caller finding several asks which.
    public func projects(named name: String) throws -> [ConstructionProject] {
        try db.fetchAll("""
            SELECT \(ConstructionProject.columns) FROM construction_projects
            WHERE lower(trim(name)) = lower(trim(?)) ORDER BY id
            """, name).map(ConstructionProject.init(row:))
    }

    // MARK: Helpers

    func requireProject(_ id: ConstructionProject.ID) throws -> ConstructionProject {
        guard let project = try project(id) else {
            throw RegistryError.notFound(field: "construction_project_id", value: id.description)
        }
        return project
    }

    private func pricedOrRefused(_ project: ConstructionProject) throws -> PricedProjectBill {
        let priced = try priceProjectBill(project)
        guard priced.total > .zero else {
            throw RegistryError.conflict(
                field: "construction_project_id", value: project.id.description,
                reason: .projectOwesNothing(contractValue: project.contractValue, priced: priced.total))
        }
        return priced
    }

    /// What the project owes: its bill's outstanding amount, or, unbilled, its price. With
    /// `recordedAt`, an unbilled project is billed now (inside the caller's savepoint).
    private func openProjectBill(
        _ project: ConstructionProject, recordedAt now: Date?
    ) throws -> (bill: ProjectBill.ID?, month: ContributionMonth, dueDate: CalendarDate, outstanding: Rupiah) {
        if let bill = try projectBill(of: project.id) {
            guard bill.outstanding > .zero else {
                throw RegistryError.conflict(
                    field: "construction_project_id", value: project.id.description,
                    reason: bill.amountDue > .zero
                        ? "owes nothing: the project's bill (\(bill.month)) is paid"
                        : "owes nothing: the project's bill (\(bill.month)) was cancelled; issue it again (issueProjectBill) to pay it")
            }
            return (bill.id, bill.month, bill.dueDate, bill.outstanding)
        }
        let priced = try pricedOrRefused(project)
        let bill = try now.map { try writeProjectBill(project, priced, existing: nil, recordedAt: $0) }
        return (bill, priced.month, priced.dueDate, priced.total)
    }

    /// Adds the project's bill (unless given: a cancelled one) and its lines.
    private func writeProjectBill(
        _ project: ConstructionProject, _ priced: PricedProjectBill, existing: ProjectBill.ID?, recordedAt now: Date
    ) throws -> ProjectBill.ID {
        let billID: ProjectBill.ID
        if let existing {
            billID = existing
        } else {
            try db.execute("""
                INSERT INTO project_bills (construction_project_id, contribution_month, due_date, recorded_at)
                VALUES (?, ?, ?, ?)
                """, project.id, priced.month, priced.dueDate, now)
            billID = ProjectBill.ID(db.lastInsertedRowID)
        }
        for line in priced.lines {
            try db.execute("""
                INSERT INTO project_bill_lines (project_bill_id, program_code, payer_code, kind, amount, recorded_at, note)
                VALUES (?, ?, 'employer', 'dues', ?, ?, ?)
                """, billID, line.program, line.amount, now, line.note)
        }
        return billID
    }
}
