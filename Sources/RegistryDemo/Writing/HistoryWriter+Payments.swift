import Registry
import SQLiteDB

/// What an informal member's months cost: declared income, JHT or not, and the month (whose
/// rules price it).
struct InformalDuesKey: Hashable {
    let income: Int64
    let withJHT: Bool
    let month: ContributionMonth
}

/// Paying bills. The domain API wants the exact amount owed, so the generator works it out the
/// way a member or an employer would from their bills; the library checks it, and refuses a
/// payment whose amount is off.
extension HistoryWriter {
    func rules(for month: ContributionMonth, in session: RegistrySession) throws -> ContributionRules {
        if let rules = rulesByMonth[month] { return rules }
        let rules = try session.rules(for: month)
        rulesByMonth[month] = rules
        return rules
    }

    /// An informal member pays `months` months: the oldest unpaid ones first, then months ahead.
    /// Each costs its month's dues (bills are never part-paid here, so what is owed on a bill is
    /// its month's price).
    func payInformal(_ worker: Int, months: Int, in session: RegistrySession) throws {
        guard let membership = membershipIDs[worker], !hasEnded[worker],
              case .informal(let income, let withJHT, let payer, let agent, _, _, _) = plan.workers[worker].role
        else { return }
        let first = options.firstMonth.adding(months: paidThrough[worker] + 1)
        var amount = Rupiah.zero
        for month in ContributionMonth.range(first, through: first.adding(months: months - 1)) {
            let key = InformalDuesKey(income: income, withJHT: withJHT, month: month)
            if let dues = informalDues[key] {
                amount += dues
            } else {
                let dues = try rules(for: month, in: session).quote(
                    .informal(declaredIncome: Rupiah(income)), programs: withJHT ? [.jkk, .jkm, .jht] : [.jkk, .jkm],
                    month: month).billableTotal
                informalDues[key] = dues
                amount += dues
            }
        }
        let channel: PaymentChannel = switch payer {
        case .localGovernment, .companyCSR, .otherSponsor: .bankTransfer
        default: agent != nil && random.chance(0.5) ? .agent : random.pick([.eWallet, .retailOutlet, .bankCounter, .branchCounter])
        }
        try session.payInformalDues(for: membership, months: months, amount: amount, receipt: nextReceipt("BPU"),
                                    channel: channel)
        paidThrough[worker] += months
    }

    /// An employer pays every unpaid bill of its wage earners for `month`, with the late penalty
    /// when past the due date: the `employer_late_penalty_per_month` rate times the months late
    /// (a started month counts whole) on each dues line, rounded per line.
    func payEmployer(_ employer: Int, month: ContributionMonth, on date: CalendarDate, in session: RegistrySession) throws {
        guard let id = employerIDs[employer] else { return }
        // Each dues line: the bills' dues columns, then dues lines added as adjustments; the
        // due date is the rule's (bill_due_dates: bills store none).
        let lines = try session.connection.fetchAll("""
            WITH unpaid AS MATERIALIZED (
                SELECT b.*, d.due_date FROM bills b JOIN bill_due_dates d ON d.bill_id = b.id
                WHERE b.membership_id IN (SELECT id FROM memberships WHERE employer_id = ?1) AND b.contribution_month = ?2
                  AND NOT EXISTS (SELECT 1 FROM payment_allocations a WHERE a.bill_id = b.id))
            SELECT jkk_employer, due_date FROM unpaid WHERE jkk_employer IS NOT NULL
            UNION ALL SELECT jkk_worker, due_date FROM unpaid WHERE jkk_worker IS NOT NULL
            UNION ALL SELECT jkm_employer, due_date FROM unpaid WHERE jkm_employer IS NOT NULL
            UNION ALL SELECT jkm_worker, due_date FROM unpaid WHERE jkm_worker IS NOT NULL
            UNION ALL SELECT jht_employer, due_date FROM unpaid WHERE jht_employer IS NOT NULL
            UNION ALL SELECT jht_worker, due_date FROM unpaid WHERE jht_worker IS NOT NULL
            UNION ALL SELECT jp_employer, due_date FROM unpaid WHERE jp_employer IS NOT NULL
            UNION ALL SELECT jp_worker, due_date FROM unpaid WHERE jp_worker IS NOT NULL
            UNION ALL SELECT l.amount, u.due_date FROM unpaid u JOIN bill_adjustments l ON l.bill_id = u.id
            WHERE l.kind = 'dues' AND l.reverses_id IS NULL
            """, id, month)
        guard !lines.isEmpty else { return }
        var amount = Rupiah.zero
        for line in lines {
            let dues: Rupiah = try line.get(0)
            let due: CalendarDate = try line.get(1)
            amount += dues
            let late = Self.monthsLate(due: due, paid: date)
            if late > 0, let rate = try rules(for: ContributionMonth(containing: due), in: session)
                .parameter("employer_late_penalty_per_month") {
                amount += dues.applying(Rate(partsPerMillion: rate * Int64(late)))
            }
        }
        let channel: PaymentChannel = random.chance(0.6) ? .bankTransfer : .autoDebit
        try session.payEmployerDues(employer: id, month: month, amount: amount, receipt: nextReceipt("PU"), channel: channel)
    }

    /// A contractor pays its project's bill: the amount the bill says, whenever it is paid (no
    /// late penalty on project dues).
    func payProject(_ index: Int, in session: RegistrySession) throws {
        guard let id = projectIDs[index] else { return }
        let amount = try session.amountOwed(forProject: id)
        try session.payProjectDues(project: id, amount: amount, receipt: nextReceipt("JAKON"), channel: .bankTransfer)
    }

    /// Months of delay as the scheme counts them: a started month counts whole.
    static func monthsLate(due: CalendarDate, paid: CalendarDate) -> Int {
        guard paid > due else { return 0 }
        var months = ContributionMonth(containing: due).months(until: ContributionMonth(containing: paid))
        if paid.day > due.day { months += 1 }
        return months
    }
}
