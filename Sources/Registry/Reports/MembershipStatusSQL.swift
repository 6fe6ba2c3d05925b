/// The SQL for "the status of each membership at `:as_of`", shared by every report query.
///
/// This is the definition in the header of `0010_views.sql` (views `bill_balances` and
/// `membership_status`), rewritten with the date as bound parameters (see ``ReportDate``) so
/// it answers for any date. It must give the same rows as the views: the tests
/// compare both, row for row, at many dates.
///
/// - A membership's bills are its own and, for a construction (JAKON) membership, its project's
///   one bill (`project_bills`, 0020), which every membership of the project reads.
/// - Ledger rows (bills, bill lines, allocations) count only if `recorded_at < :as_of + 1 day`.
/// - A bill is *overdue* when `due_date < :as_of` and it owes something (a bill whose lines are
///   all reversed owes 0 and is ignored); it is *settled* when paid ≥ due.
/// - `last_paid_month` = the latest overdue settled bill's month; `unpaid_months` = overdue
///   unsettled bills after it. Status: `not_started` (start after the date), `ended` (end before
///   it), else `active` (0 unpaid), `in_arrears` (1…L), `lapsed` (> L), where L is the
///   `arrears_lapse_months` scheme parameter in force at the date, 3 when none is.
///
/// Efficiency. The lookups run per membership on the index `bills(membership_id,
/// contribution_month)`, as the view's do: `last_paid_month` walks a membership's bills
/// backwards and stops at the first settled overdue one (`bill_balances` is `NOT MATERIALIZED`
/// so that the walk is planned like the view's), and `unpaid_months` scans only the bills
/// after it. Two things the view does not do, which make the same answer about three times
/// faster on a ledger of 30,000 memberships × 18 bills:
///
/// - `status_base` and `status_counted` are `MATERIALIZED`: SQLite would otherwise copy the
///   correlated subquery behind `last_paid_month` into every expression that reads the column
///   (and `unpaid_months` into both the output and the `CASE`), running each walk several times;
/// - `unpaid_months` counts over ``overdueBalances(where:)``, which computes each bill's two
///   sums once, where the flattened view evaluates `amount_due` twice per bill.
enum MembershipStatusSQL {
    /// Amount due and paid per bill as the ledger stood at the date (view `bill_balances`).
    static let billBalances = """
        bill_balances AS NOT MATERIALIZED (
            SELECT b.id AS bill_id, b.membership_id, b.contribution_month, b.due_date,
                   (SELECT coalesce(sum(l.amount), 0) FROM bill_lines l
                     WHERE l.bill_id = b.id AND l.recorded_at < :recorded_before) AS amount_due,
                   (SELECT coalesce(sum(a.amount), 0) FROM payment_allocations a
                     WHERE a.bill_id = b.id AND a.recorded_at < :recorded_before) AS amount_paid
            FROM bills b
            WHERE b.recorded_at < :recorded_before)
        """

    /// The bills recorded by the date and due before it that match `condition` (on `bills b`),
    /// with `amount_due` and `amount_paid` as the ledger stood at the date: the overdue rows of
    /// `bill_balances`, for counts and sums, whose result does not depend on row order.
    ///
    /// `LIMIT -1` (no limit) stops SQLite from flattening the subquery into a query that has a
    /// WHERE clause, so it runs as a co-routine and each bill's sums are computed once, however
    /// often the outer query reads them.
    static func overdueBalances(where condition: String) -> String {
        """
        (SELECT b.id AS bill_id, b.membership_id, b.contribution_month,
                (SELECT coalesce(sum(l.amount), 0) FROM bill_lines l
                  WHERE l.bill_id = b.id AND l.recorded_at < :recorded_before) AS amount_due,
                (SELECT coalesce(sum(a.amount), 0) FROM payment_allocations a
                  WHERE a.bill_id = b.id AND a.recorded_at < :recorded_before) AS amount_paid
         FROM bills b
         WHERE b.recorded_at < :recorded_before AND b.due_date < :as_of
           AND \(condition)
         LIMIT -1)
        """
    }

    /// Amount due and paid per project bill as the ledger stood at the date (view
    /// `project_bill_balances`).
    static let projectBillBalances = """
        project_bill_balances AS NOT MATERIALIZED (
            SELECT b.id AS project_bill_id, b.construction_project_id, b.contribution_month, b.due_date,
                   (SELECT coalesce(sum(l.amount), 0) FROM project_bill_lines l
                     WHERE l.project_bill_id = b.id AND l.recorded_at < :recorded_before) AS amount_due,
                   (SELECT coalesce(sum(a.amount), 0) FROM project_payment_allocations a
                     WHERE a.project_bill_id = b.id AND a.recorded_at < :recorded_before) AS amount_paid
            FROM project_bills b
            WHERE b.recorded_at < :recorded_before)
        """

    /// Common table expressions ending in `membership_status` (the view's columns, without
    /// `as_of`), evaluated for the memberships of `source`.
    ///
    /// - Parameters:
    ///   - source: SQL naming a relation with the columns of `memberships` (the table itself,
    ///     or a subquery restricting it to an area or segment). It is a fragment written in this
    ///     module, never user input: values go in bound parameters.
    ///   - passing: further columns of `source` to carry through to `membership_status`, so a
    ///     report need not join its own figures back to the (unindexed) materialized statuses.
    static func commonTableExpressions(over source: String = "memberships", passing: [String] = []) -> String {
        """
        \(billBalances),
        \(projectBillBalances),
        lapse_threshold AS (
            SELECT coalesce((SELECT p.value FROM scheme_parameters p
                             WHERE p.code = 'arrears_lapse_months' AND p.effective_from <= :as_of
                               AND coalesce(p.effective_to, '9999-12-31') >= :as_of), 3) AS months),
        status_base AS MATERIALIZED (
            SELECT m.id AS membership_id, m.worker_id, m.segment_code, m.start_date, m.end_date,
                   m.construction_project_id,
                   \(passing.map { "m.\($0), " }.joined())
                   nullif(max(
                       coalesce((SELECT bb.contribution_month FROM bill_balances bb
                                  WHERE bb.membership_id = m.id
                                    AND bb.due_date < :as_of
                                    AND bb.amount_due > 0 AND bb.amount_paid >= bb.amount_due
                                  ORDER BY bb.contribution_month DESC LIMIT 1), ''),
                       coalesce((SELECT pb.contribution_month FROM project_bill_balances pb
                                  WHERE pb.construction_project_id = m.construction_project_id
                                    AND pb.due_date < :as_of
                                    AND pb.amount_due > 0 AND pb.amount_paid >= pb.amount_due), '')), '') AS last_paid_month
            FROM \(source) m),
        status_counted AS MATERIALIZED (
            SELECT sb.*,
                   (SELECT count(*)
                    FROM \(overdueBalances(where: """
                        b.membership_id = sb.membership_id
                        AND b.contribution_month > coalesce(sb.last_paid_month, '')
                        """)) bb
                    WHERE bb.amount_due > 0 AND bb.amount_paid < bb.amount_due)
                   + (SELECT count(*) FROM project_bill_balances pb
                      WHERE pb.construction_project_id = sb.construction_project_id
                        AND pb.due_date < :as_of
                        AND pb.contribution_month > coalesce(sb.last_paid_month, '')
                        AND pb.amount_due > 0 AND pb.amount_paid < pb.amount_due) AS unpaid_months
            FROM status_base sb),
        membership_status AS (
            SELECT c.*,
                   CASE
                       WHEN c.start_date > :as_of THEN 'not_started'
                       WHEN c.end_date IS NOT NULL AND c.end_date < :as_of THEN 'ended'
                       ELSE CASE min(c.unpaid_months, t.months + 1)
                                WHEN 0 THEN 'active'
                                WHEN t.months + 1 THEN 'lapsed'
                                ELSE 'in_arrears'
                            END
                   END AS status
            FROM status_counted c, lapse_threshold t)
        """
    }

    /// The memberships of one segment, or all when `:segment` is NULL: a `source` for
    /// ``commonTableExpressions(over:)``.
    static let membershipsOfSegment = """
        (SELECT * FROM memberships WHERE :segment IS NULL OR segment_code = :segment)
        """
}
