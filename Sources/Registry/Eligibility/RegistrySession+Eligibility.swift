import Foundation
import SQLiteDB

extension RegistrySession {
    /// Whether `worker` was protected by `program` on `date`, with the reason for each rule,
    /// judged by valid time: due dates and the day each payment was made, from everything the
    /// register holds now (see ``Eligibility``). The rules are the `eligibility_rules` rows in
    /// force on `date`.
    ///
    /// Every answer is recorded in `eligibility_answers` with who asked (the actor of the
    /// enclosing ``Registry/write(actor:_:)-93aoq``, which is required) and when; the record holds the
    /// worker's id, never the NIK. ``Registry/eligibility(of:program:on:askedBy:)`` does both.
    ///
    /// - JKK, JKM, JP: a membership with the program in force on `date`, and its dues paid by
    ///   their due date: those of the latest month due by `date` (BPU: the month itself from its
    ///   due day; PU: the month before). A month is owed whether or not a billing run billed it.
    ///   Before a membership's first dues fall due, an informal or migrant member is protected
    ///   only once they are paid (rule `protection_starts_on_payment`).
    /// - JKP: the same, and the contribution period (`min_paid_months` within
    ///   `paid_months_window`, the last `min_consecutive_paid_months` one after the other),
    ///   counted over every membership of the worker with JKP.
    /// - JHT: savings paid in at least one month, and a claim condition: the `claim_age`, or
    ///   every membership with JHT ended `claim_waiting_days_after_end` before, or ended by death.
    /// - Construction (JAKON): the same membership rule, and the project's one bill paid by its
    ///   due date, or late on a day before `date` (`projectDuesPaidOnTime`).
    public func eligibility(of workerID: Worker.ID, program: Program, on date: CalendarDate) throws -> Eligibility {
        guard let actor = try db.fetchValue(String?.self, "SELECT actor FROM audit_context WHERE id = 1") ?? nil,
              !actor.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw RegistryError.invalid(
                field: "actor", value: "",
                reason: .actorNotSetForEligibility)
        }
        guard let worker = try worker(workerID) else {
            throw RegistryError.notFound(field: "worker_id", value: workerID.description)
        }
        let judged = program == .jht ? try judgeSavingsClaim(worker, on: date) : try judgeProtection(worker, program: program, on: date)
        let answerID = try recordEligibility(worker: worker.id, program: program, on: date, judged, askedBy: actor)
        return Eligibility(worker: worker.id, program: program, date: date, verdict: Eligibility.Verdict(judged.checks),
                           membership: judged.membership, checks: judged.checks, answerID: answerID)
    }

    private typealias Judged = (membership: Membership.ID?, checks: [EligibilityCheck])

    // MARK: Protection (JKK, JKM, JKP, JP)

    private func judgeProtection(_ worker: Worker, program: Program, on date: CalendarDate) throws -> Judged {
        let withProgram = try memberships(of: worker.id).filter { $0.programs.contains(program) }
        let inForce = withProgram.filter { $0.startDate <= date && ($0.endDate.map { date <= $0 } ?? true) }
        guard !inForce.isEmpty else {
            var detail = "no membership with \(program.rawValue) was in force on \(date)"
            let started = withProgram.filter { $0.startDate <= date }
            if let last = started.max(by: { $0.startDate < $1.startDate }), let end = last.endDate {
                detail += "; the last one (\(last.segment.shortCode), membership \(last.id)) ended on \(end)"
            } else if let next = withProgram.min(by: { $0.startDate < $1.startDate }) {
                detail += "; membership \(next.id) (\(next.segment.shortCode)) starts on \(next.startDate)"
            }
            let closest = started.max(by: { $0.startDate < $1.startDate })?.id
            return (closest, [EligibilityCheck(rule: "membership_in_force", outcome: .notMet, detail: detail)])
        }
        var best: Judged?
        for membership in inForce {
            var checks = [EligibilityCheck(
                rule: "membership_in_force", outcome: .met,
                detail: "\(membership.segment.shortCode) membership \(membership.id), from \(membership.startDate)"
                    + (membership.endDate.map { " to \($0)" } ?? ", open") + ", with \(program.rawValue)")]
            let history = try DuesHistory.load(membership.id, from: db)
            let (duesCheck, latestDue) = try duesPaidOnTime(membership, history, program: program, on: date)
            checks.append(duesCheck)
            if program == .jkp {
                checks.append(try contributionPeriod(of: worker, through: latestDue ?? ContributionMonth(containing: date), on: date))
            }
            let judged: Judged = (membership.id, checks)
            if best.map({ Eligibility.Verdict(checks).rank < Eligibility.Verdict($0.checks).rank }) ?? true { best = judged }
        }
        return best!
    }

    /// The dues rule, and the latest contribution month due by `date` (nil when none is yet).
    private func duesPaidOnTime(
        _ membership: Membership, _ history: DuesHistory, program: Program, on date: CalendarDate
    ) throws -> (EligibilityCheck, ContributionMonth?) {
        let rule = "dues_paid_on_time"
        if membership.segment == .construction {
            return (try projectDuesPaidOnTime(membership, program: program, on: date), nil)
        }
        let subject = try BillingSubject.load(membership.id, in: self)
        let startMonth = ContributionMonth(containing: membership.startDate)
        // A migrant's dues are one bill, due before placement; the others fall due month by month.
        var latestDue: ContributionMonth?
        if membership.segment == .migrant {
            latestDue = startMonth
        } else {
            let incidentMonth = ContributionMonth(containing: date)
            for offset in 0...2 {
                let month = incidentMonth.adding(months: -offset)
                if try dueDate(of: month, subject, history) <= date { latestDue = month; break }
            }
        }
        if let month = latestDue, month >= startMonth {
            return (try monthPaidOnTime(month, due: try dueDate(of: month, subject, history), history, on: date), month)
        }
        // The first dues are not due yet.
        let rules = try EligibilityRules.load(program, segment: membership.segment, on: date, from: db)
        let firstDue = try dueDate(of: startMonth, subject, history)
        guard let startsOnPayment = rules["protection_starts_on_payment"], startsOnPayment.value == 1 else {
            return (EligibilityCheck(
                rule: rule, outcome: .met,
                detail: "the first dues (\(startMonth)) fall due on \(firstDue), after \(date); the membership protects from its start"), nil)
        }
        if history.isSettled(startMonth, by: date) {
            return (EligibilityCheck(
                rule: rule, outcome: .met, detail: "the first dues (\(startMonth)) were paid by \(date)",
                source: startsOnPayment.citation), nil)
        }
        return (EligibilityCheck(
            rule: rule, outcome: .notMet,
            detail: "the first dues (\(startMonth), due \(firstDue)) were not paid by \(date); protection starts when they are paid",
            source: startsOnPayment.citation), nil)
    }

    private func monthPaidOnTime(_ month: ContributionMonth, due: CalendarDate, _ history: DuesHistory, on date: CalendarDate) throws -> EligibilityCheck {
        let rule = "dues_paid_on_time"
        guard let dues = history[month], dues.dues > 0 else {
            return EligibilityCheck(
                rule: rule, outcome: .notMet,
                detail: "the dues of \(month) were owed by \(due) and not paid (no bill was issued for it; a month is owed whether or not a billing run billed it)")
        }
        let amount = Rupiah(dues.dues)
        if history.isSettled(month, by: due) {
            return EligibilityCheck(rule: rule, outcome: .met, detail: "the dues of \(month) (\(amount), due \(due)) were paid by their due date")
        }
        if let settled = dues.settledAt, JakartaCalendar.date(at: settled) <= date {
            return EligibilityCheck(
                rule: rule, outcome: .notMet,
                detail: "the dues of \(month) (\(amount), due \(due)) were paid late, on \(JakartaCalendar.date(at: settled))")
        }
        let paid = Rupiah(dues.paid(before: JakartaCalendar.startOfDay(date.adding(days: 1))))
        return EligibilityCheck(
            rule: rule, outcome: .notMet,
            detail: "the dues of \(month) (\(amount), due \(due)) were not paid by \(date)" + (paid > .zero ? " (\(paid) paid)" : ""))
    }

    /// The month's due date: its bill's, else what the rules of the month would set.
    private func dueDate(of month: ContributionMonth, _ subject: BillingSubject, _ history: DuesHistory) throws -> CalendarDate {
        if let billed = history[month] { return billed.dueDate }
        return try subject.dueDate(for: month, rules: try ContributionRules.load(on: month.firstDay, from: db))
    }

    /// JKP's contribution period, over every membership of the worker with JKP.
    private func contributionPeriod(of worker: Worker, through last: ContributionMonth, on date: CalendarDate) throws -> EligibilityCheck {
        let rule = "contribution_period"
        let rules = try EligibilityRules.load(.jkp, segment: nil, on: date, from: db)
        guard let minimum = rules["min_paid_months"], let window = rules["paid_months_window"],
              let consecutive = rules["min_consecutive_paid_months"] else {
            return EligibilityCheck(rule: rule, outcome: .notChecked, detail: "no JKP contribution-period rule is in force on \(date)")
        }
        let histories = try memberships(of: worker.id).filter { $0.programs.contains(.jkp) }.map { try DuesHistory.load($0.id, from: db) }
        let first = last.adding(months: -Int(window.value) + 1)
        let paid = ContributionMonth.range(first, through: last).map { month in
            histories.contains { $0.isSettled(month, by: date) }
        }
        let paidCount = paid.filter { $0 }.count
        let run = paid.reversed().prefix { $0 }.count
        let met = paidCount >= minimum.value && run >= consecutive.value
        return EligibilityCheck(
            rule: rule, outcome: met ? .met : .notMet,
            detail: "\(paidCount) of the \(window.value) months \(first) to \(last) paid by \(date) (at least \(minimum.value) needed); "
                + "the last \(run) paid one after the other (at least \(consecutive.value) needed)",
            source: minimum.citation)
    }

    // MARK: Savings (JHT)

    private func judgeSavingsClaim(_ worker: Worker, on date: CalendarDate) throws -> Judged {
        let withJHT = try memberships(of: worker.id).filter { $0.programs.contains(.jht) && $0.startDate <= date }
        guard let latest = withJHT.max(by: { $0.startDate < $1.startDate }) else {
            return (nil, [EligibilityCheck(rule: "membership_in_force", outcome: .notMet, detail: "no membership with JHT had started by \(date)")])
        }
        var checks: [EligibilityCheck] = []
        let paidMonths = try withJHT.reduce(0) { count, membership in
            let history = try DuesHistory.load(membership.id, from: db)
            return count + history.months.keys.filter { history.isSettled($0, by: date) }.count
        }
        checks.append(EligibilityCheck(
            rule: "savings_paid", outcome: paidMonths > 0 ? .met : .notMet,
            detail: paidMonths > 0 ? "\(paidMonths) month(s) of dues with JHT paid by \(date)" : "no month of dues with JHT was paid by \(date)"))

        let rules = try EligibilityRules.load(.jht, segment: nil, on: date, from: db)
        let age = JakartaCalendar.age(bornOn: worker.birthDate, on: date)
        let open = withJHT.filter { $0.endDate.map { $0 >= date } ?? true }
        let lastEnd = withJHT.compactMap(\.endDate).max()
        if let claimAge = rules["claim_age"], age >= claimAge.value {
            checks.append(EligibilityCheck(rule: "claim_condition", outcome: .met,
                                           detail: "aged \(age) on \(date) (\(claimAge.value) or more)", source: claimAge.citation))
        } else if open.isEmpty, let ended = withJHT.first(where: { $0.endReason == .died }) {
            checks.append(EligibilityCheck(rule: "claim_condition", outcome: .met,
                                           detail: "membership \(ended.id) ended by death on \(ended.endDate!)"))
        } else if open.isEmpty, let lastEnd, let waiting = rules["claim_waiting_days_after_end"] {
            let days = date.dayNumber - lastEnd.dayNumber
            checks.append(EligibilityCheck(
                rule: "claim_condition", outcome: days >= waiting.value ? .met : .notMet,
                detail: "the last membership with JHT ended on \(lastEnd), \(days) day(s) before \(date) (\(waiting.value) needed)",
                source: waiting.citation))
        } else {
            let ageRule = rules["claim_age"].map { " (claimable at \($0.value))" } ?? ""
            checks.append(EligibilityCheck(
                rule: "claim_condition", outcome: open.isEmpty ? .notChecked : .notMet,
                detail: open.isEmpty ? "no JHT claim rule is in force on \(date)"
                    : "aged \(age)\(ageRule) and still a member with JHT on \(date) (membership \(open[0].id))",
                source: rules["claim_age"]?.citation))
        }
        return (latest.id, checks)
    }

    // MARK: Audit

    private func recordEligibility(worker: Worker.ID, program: Program, on date: CalendarDate, _ judged: Judged, askedBy: String) throws -> Int64 {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let reasons = String(decoding: try encoder.encode(judged.checks), as: UTF8.self)
        try db.execute("""
            INSERT INTO eligibility_answers (worker_id, program_code, incident_date, membership_id, verdict, reasons, asked_by, asked_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, worker, program, date, judged.membership, Eligibility.Verdict(judged.checks).rawValue, reasons, askedBy, clock())
        return db.lastInsertedRowID
    }
}

extension Registry {
    /// ``RegistrySession/eligibility(of:program:on:)`` in its own write, recorded as asked by
    /// `askedBy` (e.g. `"claims:dewi"`).
    public func eligibility(of worker: Worker.ID, program: Program, on date: CalendarDate, askedBy: String) throws -> Eligibility {
        try write(actor: askedBy) { session in try session.eligibility(of: worker, program: program, on: date) }
    }
}
