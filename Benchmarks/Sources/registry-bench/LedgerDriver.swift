// The registry contender of the ledger workload: the library in this process, one write
// transaction per month (`Registry.write`), in which it
//
//   1. issues the month's bills with `issueBills(for:)` (the library's bulk billing run;
//      skipped with `billing: false`, and with it step 3, which pays the bills it issues),
//   2. records the informal payments with the bulk `payInformalDues(_:)`, one batch per day of
//      the month (a day's file from the banks and payment points; the batch bills the months
//      paid ahead),
//   3. records each employer's payment with `payEmployerDues`.
//
// The stepped clock is set to each day before its batch, so the rows are recorded on the day
// they were paid, as when a clerk records each payment that day. It stamps every row with its
// place in the history (bills on the 1st, payments on their day), never the machine's time,
// so every run writes identical rows. (Before the bulk API this loop called the single
// `payInformalDues(for:…)` once per member, in member order; the rows were the same apart from
// the order, and so the ids, of the payments within a month.)
import Foundation
import Registry
import SQLiteDB

/// The registry's clock, moved by the driver.
final class SteppedClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ date: Date) { current = date }

    func set(_ date: Date) { lock.withLock { current = date } }
    var now: Date { lock.withLock { current } }
    var read: @Sendable () -> Date { { self.now } }
}

enum LedgerDriver {
    /// Runs every month of `plan` on the database at `path`; returns the seconds spent in the
    /// monthly write transactions and this process's CPU seconds in them. The warm-up
    /// (`warmUp`) also reads what each employer owes and the tables' ids after each month into
    /// `plan`, outside the timing. `afterMonth` gets each month's offset, its seconds, its CPU
    /// seconds and the ids before and after it, outside the timing. Without `billing` no
    /// billing run bills the month: the informal payments bill the months they pay, and the
    /// employers, whose payments settle the run's bills, pay nothing (the wage earners' months
    /// stay owed, unbilled).
    @discardableResult
    static func run(path: String, plan: inout LedgerPlan, warmUp: Bool, cacheKiB: Int, billing: Bool = true,
                    afterMonth: (_ offset: Int, _ seconds: Double, _ cpu: Double, _ before: TableMaxima, _ after: TableMaxima) throws -> Void
                        = { _, _, _, _, _ in }) throws -> (seconds: Double, cpu: Double) {
        let clock = SteppedClock(BenchCalendar.instant(BenchCalendar.ledgerStart.firstDay, hour: 8))
        var configuration = Configuration()
        configuration.cacheSizeKiB = cacheKiB
        let registry = try Registry(path: path, configuration: configuration, clock: clock.read)
        if warmUp {
            plan.maxima = [try maxima(registry)]
            plan.employerAmounts = []
        }
        var paidThrough = [Int16](repeating: -1, count: plan.informal.count)
        var total = 0.0, totalCPU = 0.0
        for offset in 0..<plan.months {
            // The warm-up's reads of what employers owe, which a bank file would carry.
            var untimed = 0.0, untimedCPU = 0.0
            let month = BenchCalendar.ledgerStart.adding(months: offset)
            let days = (1...28).map { BenchCalendar.instant(month.day($0), hour: 9) }
            var owed = warmUp ? [] : plan.employerAmounts[offset]
            let cpuBefore = processCPUSeconds()
            let ((payments, bills), elapsed) = try timed {
                try registry.write { session -> (Int, Int) in
                    clock.set(BenchCalendar.instant(month.firstDay, hour: 8))
                    let billed = billing ? try session.issueBills(for: month).bills : 0
                    var payments = 0
                    var batches = [[InformalPayment]](repeating: [], count: days.count)
                    for member in plan.informal.indices {
                        let months: Int
                        if plan.isQuarterly(member) {
                            guard paidThrough[member] < offset else { continue }
                            months = 3
                        } else {
                            guard !plan.skips(member, month: offset) else { continue }
                            months = 1
                        }
                        let row = Int(plan.priceRow[member]), first = Int(paidThrough[member]) + 1
                        var amount: Int64 = 0
                        for paid in first..<first + months { amount += plan.prices[row][paid] }
                        let day = plan.payDay(member, month: offset) - 1
                        let id = plan.informal[member]
                        batches[day].append(InformalPayment(
                            membership: Membership.ID(id), months: months, amount: Rupiah(amount), receipt: "BPU-\(month)-\(id)",
                            channel: plan.channel(member, month: offset), paidAt: days[day]))
                        paidThrough[member] += Int16(months)
                    }
                    for (day, batch) in batches.enumerated() where !batch.isEmpty {
                        clock.set(days[day])
                        payments += try session.payInformalDues(batch).count
                    }
                    clock.set(days[24])
                    for (index, employer) in plan.employers.enumerated() where billing {
                        if warmUp {
                            let cpu = processCPUSeconds()
                            let (amount, seconds) = try timed { try amountOwed(by: employer, for: month, in: session) }
                            owed.append(amount)
                            untimed += seconds
                            untimedCPU += processCPUSeconds() - cpu
                        }
                        guard owed[index] > 0 else { continue }
                        try session.payEmployerDues(
                            employer: Employer.ID(employer), month: month, amount: Rupiah(owed[index]),
                            receipt: "PU-\(month)-\(employer)", channel: .bankTransfer, paidAt: days[24])
                        payments += 1
                    }
                    return (payments, billed)
                }
            }
            let seconds = elapsed - untimed
            let cpu = processCPUSeconds() - cpuBefore - untimedCPU
            total += seconds
            totalCPU += cpu
            if warmUp {
                plan.employerAmounts.append(owed)
                plan.maxima.append(try maxima(registry))
            }
            Log.step("    \(month): \(bills) bills issued, \(payments) payments" + String(format: ", %.2f s (CPU %.2f s)", seconds, cpu))
            if plan.maxima.count > offset + 1 {
                try afterMonth(offset, seconds, cpu, plan.maxima[offset], plan.maxima[offset + 1])
            }
        }
        return (total, totalCPU)
    }

    /// What an employer's bills for `month` still owe (paid before the due date: no penalty).
    private static func amountOwed(by employer: Int64, for month: ContributionMonth, in session: RegistrySession) throws -> Int64 {
        try session.connection.fetchValue(Int64.self, """
            SELECT coalesce(sum((coalesce(b.jkk_employer, 0) + coalesce(b.jkk_worker, 0) + coalesce(b.jkm_employer, 0) + coalesce(b.jkm_worker, 0)
                              + coalesce(b.jht_employer, 0) + coalesce(b.jht_worker, 0) + coalesce(b.jp_employer, 0) + coalesce(b.jp_worker, 0))
                              + (SELECT coalesce(sum(amount), 0) FROM bill_adjustments WHERE bill_id = b.id)
                              - (SELECT coalesce(sum(amount), 0) FROM payment_allocations WHERE bill_id = b.id)), 0)
            FROM bills b
            WHERE b.membership_id IN (SELECT id FROM memberships WHERE employer_id = ?) AND b.contribution_month = ?
            """, employer, month) ?? 0
    }

    private static func maxima(_ registry: Registry) throws -> TableMaxima {
        try registry.read { session in
            func max(_ table: String) throws -> Int64 {
                try session.connection.fetchValue(Int64.self, "SELECT coalesce(max(id), 0) FROM \(table)") ?? 0
            }
            return TableMaxima(
                workers: try max("workers"), memberships: try max("memberships"), bills: try max("bills"),
                billLines: try max("bill_adjustments"), payments: try max("payments"),
                allocations: try session.connection.fetchValue(Int64.self, "SELECT count(*) FROM payment_allocations") ?? 0)
        }
    }
}
