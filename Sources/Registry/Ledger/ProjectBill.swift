import Foundation
import SQLiteDB

/// The one bill of a construction project (tagihan iuran proyek Jasa Konstruksi, JAKON): the
/// JKK and JKM dues of every worker on the project, priced on its contract value and paid by
/// its contractor, once, for the project's whole duration.
///
/// Every construction membership of the project reads this bill for its status: unpaid after
/// its due date, each worker on the project is in arrears; paid, each is active. Like a
/// membership's bill, it is never changed: a correction adds reversing lines.
public struct ProjectBill: Sendable, Hashable, Identifiable {
    public typealias ID = RecordID<ProjectBill>

    public let id: ID
    public let project: ConstructionProject.ID
    /// The month the project starts, whose rules price the bill.
    public let month: ContributionMonth
    /// The work order plus `construction_dues_working_days_after_work_order` working days.
    public let dueDate: CalendarDate
    public let lines: [Line]
    /// The sum of the lines, reversals included.
    public let amountDue: Rupiah
    /// The sum of the allocations to this bill, reversals included.
    public let amountPaid: Rupiah

    public var outstanding: Rupiah { amountDue - amountPaid }
    public var isSettled: Bool { amountPaid >= amountDue }

    /// One amount of a project bill: a program, dues or a late penalty; always the contractor's.
    public struct Line: Sendable, Hashable, Identifiable {
        public typealias ID = RecordID<Line>

        public let id: ID
        public let program: Program
        public let kind: BillLine.Kind
        public let amount: Rupiah
        /// The line this one cancels, for a reversing line.
        public let reverses: ID?
    }
}

extension Payment {
    /// What a payment settled of a construction project's bill.
    public struct ProjectAllocation: Sendable, Hashable {
        public let bill: ProjectBill.ID
        public let project: ConstructionProject.ID
        public let amount: Rupiah
    }
}

/// What ``RegistrySession/issueProjectBills(through:)`` did.
public struct ProjectBillingRun: Sendable, Hashable {
    /// Projects billed (those billed already, and those whose contract value prices to Rp0, are skipped).
    public let bills: Int
    /// The total billed.
    public let total: Rupiah
}

extension RegistrySession {
    /// Whether the register has the project ledger (0020): `registry check` also reads registers
    /// not yet upgraded, and tells them what they lack rather than failing its other checks.
    func hasProjectLedger() throws -> Bool {
        try exists("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?", "project_bills")
    }

    public func projectBill(_ id: ProjectBill.ID) throws -> ProjectBill? {
        try loadProjectBills(where: "b.id = ?", id).first
    }

    /// The bill of a construction project; nil while it is not billed.
    public func projectBill(of project: ConstructionProject.ID) throws -> ProjectBill? {
        try loadProjectBills(where: "b.construction_project_id = ?", project).first
    }

    /// Project bills with their lines and paid amounts. `condition` is a fragment of this module
    /// on the alias `b` (values go in `keys`).
    func loadProjectBills<each Key: DatabaseValueConvertible>(where condition: String, _ keys: repeat each Key) throws -> [ProjectBill] {
        var lines: [ProjectBill.ID: [ProjectBill.Line]] = [:]
        try db.forEach("""
            SELECT l.project_bill_id, l.id, l.program_code, l.kind, l.amount, l.reverses_id
            FROM project_bill_lines l JOIN project_bills b ON b.id = l.project_bill_id WHERE \(condition) ORDER BY l.id
            """, repeat each keys) { row in
            lines[try row["project_bill_id"], default: []].append(ProjectBill.Line(
                id: try row["id"], program: try row["program_code"], kind: try row["kind"], amount: try row["amount"],
                reverses: try row["reverses_id"]))
        }
        var paid: [ProjectBill.ID: Rupiah] = [:]
        try db.forEach("""
            SELECT a.project_bill_id, sum(a.amount) AS paid
            FROM project_payment_allocations a JOIN project_bills b ON b.id = a.project_bill_id
            WHERE \(condition) GROUP BY a.project_bill_id
            """, repeat each keys) { row in paid[try row["project_bill_id"]] = try row["paid"] }
        return try db.fetchAll("""
            SELECT b.id, b.construction_project_id, b.contribution_month, b.due_date FROM project_bills b
            WHERE \(condition) ORDER BY b.id
            """, repeat each keys).map { row in
            let id: ProjectBill.ID = try row["id"]
            let billLines = lines[id] ?? []
            return ProjectBill(id: id, project: try row["construction_project_id"], month: try row["contribution_month"],
                               dueDate: try row["due_date"], lines: billLines, amountDue: billLines.map(\.amount).sum(),
                               amountPaid: paid[id] ?? .zero)
        }
    }

    /// A payment's allocations to project bills, oldest first.
    func projectAllocations(of payment: Payment.ID) throws -> [Payment.ProjectAllocation] {
        try db.fetchAll("""
            SELECT a.project_bill_id, b.construction_project_id, a.amount
            FROM project_payment_allocations a JOIN project_bills b ON b.id = a.project_bill_id
            WHERE a.payment_id = ? ORDER BY a.id
            """, payment).map {
            Payment.ProjectAllocation(bill: try $0["project_bill_id"], project: try $0["construction_project_id"],
                                      amount: try $0["amount"])
        }
    }
}
