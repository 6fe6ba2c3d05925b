import Foundation
import SQLiteDB

/// Issuing monthly bills, priced by the rules in force for each contribution month.
///
/// A billing run fixes the amount of each month of the open wage-earner (PU) and informal (BPU)
/// memberships and is what an employer receives; it does not decide whether a month is owed: a
/// month is owed from its due date, billed or not (`0022_valid_time.sql`). A migrant worker (PMI) has one bill, for the
/// placement, in the month it starts. Construction (JAKON) dues are billed once per project on
/// the contract value (``issueProjectBill(for:)``), never per worker.
extension RegistrySession {
    /// Issues the bill of one membership for `month`, or, when that month's bill exists with every
    /// line reversed (a cancelled bill), adds the new lines to it.
    @discardableResult
    public func issueBill(for id: Membership.ID, month: ContributionMonth) throws -> Bill {
        let subject = try BillingSubject.load(id, in: self)
        guard subject.segment != .construction else {
            throw RegistryError.conflict(field: "membership_id", value: id.description,
                                         reason: .constructionBilledPerProject)
        }
        guard subject.covers(month) else {
            throw RegistryError.conflict(field: "contribution_month", value: month.description,
                                         reason: .outsideMembership(membership: id.rawValue, start: subject.startDate, end: subject.endDate))
        }
        if subject.segment == .migrant, month != ContributionMonth(containing: subject.startDate) {
            throw RegistryError.conflict(field: "contribution_month", value: month.description,
                                         reason: .notFirstPlacementMonth(first: ContributionMonth(containing: subject.startDate)))
        }
        let rules = try ContributionRules.load(on: month.firstDay, from: db)
        let existing = try db.fetchOne(
            "SELECT b.id, \(DuesColumn.amountDueSQL) AS due FROM bills b WHERE membership_id = ? AND contribution_month = ?",
            id, month)
        if let existing, try existing.get("due", as: Int64.self) != 0 {
            throw RegistryError.conflict(field: "contribution_month", value: month.description,
                                         reason: .alreadyBilled(membership: id.rawValue, bill: try existing.get("id", as: Int64.self)))
        }
        let billID = try db.savepoint {
            try write(subject, month: month, rules: rules, existingBill: existing.map { try $0.get("id", as: Bill.ID.self) }).0
        }
        return try bill(billID)!
    }

    /// Issues the `month` bill of every PU and BPU membership that covers part of the month and
    /// has none yet, in one savepoint: all of them, or none when one cannot be priced.
    ///
    /// The memberships are read a page at a time, in id order, and each page's bills are written
    /// in multi-row INSERTs (`LedgerWriter`), so memory stays flat however large the register.
    @discardableResult
    public func issueBills(for month: ContributionMonth) throws -> BillingRun {
        try issueBills(for: month, employer: nil, pageSize: Self.billingPageSize).run
    }

    /// ``issueBills(for:)`` for the wage earners of one employer: what an employer's payment
    /// imported before the month's billing run pays for.
    @discardableResult
    func issueBills(for month: ContributionMonth, ofEmployer employer: Employer.ID) throws -> BillingRun {
        try issueBills(for: month, employer: employer, pageSize: Self.billingPageSize).run
    }

    /// Both billing runs, `pageSize` memberships a page (tests use a few, to cross pages),
    /// from the membership after `start`, for at most `pages` pages. `next` is where a
    /// following call goes on, nil once the last page was read.
    func issueBills(for month: ContributionMonth, employer: Employer.ID?, pageSize: Int,
                    after start: Int64 = .min, pages: Int = .max) throws -> (run: BillingRun, next: Int64?) {
        let rules = try ContributionRules.load(on: month.firstDay, from: db)
        var count = 0
        var total = Rupiah.zero
        var after = start
        var pagesRead = 0
        var lastPageFull = false
        try db.savepoint {
            let now = clock()
            var writer = LedgerWriter(db)
            var page: [BillingSubject] = []
            repeat {
                page.removeAll(keepingCapacity: true)
                if let employer {
                    try db.forEach(Self.employerBillingPageSQL, employer, after, month.lastDay, month.firstDay, month, pageSize) {
                        page.append(try BillingSubject(row: $0))
                    }
                } else {
                    try db.forEach(Self.billingPageSQL, after, month.lastDay, month.firstDay, month, pageSize) {
                        page.append(try BillingSubject(row: $0))
                    }
                }
                for subject in page {
                    let (_, amount) = try writer.addBill(for: subject, month: month, rules: rules, recordedAt: now)
                    count += 1
                    total += amount
                }
                try writer.flush()
                after = page.last?.id.rawValue ?? after
                pagesRead += 1
                lastPageFull = page.count == pageSize
            } while lastPageFull && pagesRead < pages
        }
        return (BillingRun(month: month, bills: count, total: total), lastPageFull ? after : nil)
    }

    /// The PU and BPU memberships after an id that cover part of the month and have no bill
    /// for it, in id order, at most a page. Each page must start where the last one ended, at
    /// no cost for the pages before it, so the memberships are read by rowid from the last id.
    /// The unary `+` keeps SQLite off `memberships_segment_code`: through that index it read
    /// both segments' memberships after the id, every one, and sorted them to keep a page, on
    /// every page. Billing 5M memberships that way read each of them about a thousand times:
    /// 350 GB through the page cache before the first month was done.
    static let billingPageSQL = """
        \(BillingSubject.select)
        WHERE +m.segment_code IN ('wage_earner', 'informal') AND m.id > ?
          AND m.start_date <= ? AND coalesce(m.end_date, '9999-12-31') >= ?
          AND NOT EXISTS (SELECT 1 FROM bills b WHERE b.membership_id = m.id AND b.contribution_month = ?)
        ORDER BY m.id LIMIT ?
        """

    /// ``billingPageSQL`` for one employer's wage earners: `memberships_employer_id` holds them
    /// in rowid order, so a page is a seek and a short walk. The `+` keeps SQLite from
    /// choosing the segment index instead, which would walk every wage earner after the id.
    static let employerBillingPageSQL = """
        \(BillingSubject.select)
        WHERE m.employer_id = ? AND +m.segment_code = 'wage_earner' AND m.id > ?
          AND m.start_date <= ? AND coalesce(m.end_date, '9999-12-31') >= ?
          AND NOT EXISTS (SELECT 1 FROM bills b WHERE b.membership_id = m.id AND b.contribution_month = ?)
        ORDER BY m.id LIMIT ?
        """

    /// Memberships per page of ``issueBills(for:)``.
    static let billingPageSize = 2_000

    /// Adds the bill (unless given) and its lines; returns the bill id and the amount billed.
    private func write(_ subject: BillingSubject, month: ContributionMonth, rules: ContributionRules,
                       existingBill: Bill.ID?) throws -> (Bill.ID, Rupiah) {
        var writer = LedgerWriter(db)
        let written = try writer.addBill(for: subject, month: month, rules: rules, recordedAt: clock(), existingBill: existingBill)
        try writer.flush()
        return written
    }
}

extension LedgerWriter {
    /// Prices `month` of `subject` with `rules` and adds its bill (or, given `existingBill`, a
    /// cancelled bill of that month, only the lines); returns the bill and the amount billed.
    mutating func addBill(for subject: BillingSubject, month: ContributionMonth, rules: ContributionRules,
                          recordedAt: Date, existingBill: Bill.ID? = nil) throws -> (Bill.ID, Rupiah) {
        let quote = try rules.quote(subject.basis, programs: subject.programs, month: month)
        let billID: Bill.ID
        if let existingBill {
            billID = existingBill
        } else {
            // The bill stores no due date (0028): the rule dates it wherever it is read, and
            // a month the rule cannot date is not billed.
            _ = try subject.dueDate(for: month, rules: rules)
            billID = try addBill(membership: subject.id, month: month, recordedAt: recordedAt)
        }
        for line in quote.billable where line.amount != .zero {
            addLine(LineRow(bill: billID, program: line.program, payer: subject.payer(of: line.share), kind: .dues,
                            amount: line.amount, recordedAt: recordedAt, note: line.note))
        }
        return (billID, quote.billableTotal)
    }
}

/// A membership with what pricing and due dates need: its employer's risk group, its programs.
struct BillingSubject {
    let id: Membership.ID
    let segment: Segment
    let payer: Payer
    private(set) var declaredIncome: Rupiah?
    let riskGroup: RiskGroup?
    let labourIntensive: Bool
    let programs: Set<Program>
    let startDate: CalendarDate
    let endDate: CalendarDate?

    static let select = """
        SELECT m.id, m.segment_code, m.payer_code, m.declared_income, m.start_date, m.end_date,
               e.jkk_risk_group, coalesce(e.labour_intensive, 0) AS labour_intensive,
               (SELECT group_concat(program_code) FROM membership_programs WHERE membership_id = m.id) AS programs
        FROM memberships m LEFT JOIN employers e ON e.id = m.employer_id
        """

    static func load(_ id: Membership.ID, in session: RegistrySession) throws -> BillingSubject {
        guard let subject = try find(id, in: session) else {
            throw RegistryError.notFound(field: "membership_id", value: id.description)
        }
        return subject
    }

    /// The membership, or nil when there is none (a bill whose membership was deleted by hand).
    static func find(_ id: Membership.ID, in session: RegistrySession) throws -> BillingSubject? {
        try session.db.fetchOne("\(select) WHERE m.id = ?", id).map { try BillingSubject(row: $0) }
    }

    init(row: some RowReading) throws {
        id = try row["id"]
        segment = try row["segment_code"]
        payer = try row["payer_code"]
        declaredIncome = try row["declared_income"]
        riskGroup = try row["jkk_risk_group"]
        labourIntensive = try row["labour_intensive"]
        programs = Program.set(commaSeparated: try row["programs"])
        startDate = try row["start_date"]
        endDate = try row["end_date"]
    }

    /// The same membership priced on another income: the check re-prices bills issued before
    /// an income change.
    func with(declaredIncome income: Rupiah) -> BillingSubject {
        var copy = self
        copy.declaredIncome = income
        return copy
    }

    func covers(_ month: ContributionMonth) -> Bool {
        month.lastDay >= startDate && (endDate.map { month.firstDay <= $0 } ?? true)
    }

    var basis: DuesBasis {
        switch segment {
        case .informal:
            .informal(declaredIncome: declaredIncome ?? .zero)
        case .wageEarner:
            .wageEarner(wage: declaredIncome ?? .zero, riskGroup: riskGroup ?? .veryLow, labourIntensive: labourIntensive)
        case .migrant:
            .migrant(.of(start: startDate, end: endDate))
        case .construction:
            .construction(contractValue: .zero)   // billed per project (issueProjectBill), not per worker
        }
    }

    /// BPU: by the due day of the month itself; PU: of the following month; PMI: before departure
    /// (``Segment/dueDate(for:start:dueDay:)``). Throws when the segment's due-day rule is not in
    /// force: the billing run does not date a month by a default.
    func dueDate(for month: ContributionMonth, rules: ContributionRules) throws -> CalendarDate {
        if let due = segment.dueDate(for: month, start: startDate, dueDay: { rules.parameter($0) }) { return due }
        throw RegistryError.noRuleInForce(rule: "scheme_parameters \(segment.dueDayRule ?? "")", date: rules.date.isoString)
    }

    /// Who pays a line: the employer's share is the employer's; the worker's share is the
    /// membership's payer (a sponsor for a sponsored BPU member), or the worker's own for PU.
    func payer(of share: DuesShare) -> Payer {
        switch share {
        case .employer: .employer
        case .worker: segment == .wageEarner ? .self : payer
        case .government: .centralGovernment
        }
    }
}
