// The raw C contender's status query: the definition the library computes for one membership
// (Migrations/0022_valid_time.sql, view `membership_status`), with its dates as parameters and
// the memberships restricted to `:membership`: what a C program reading the register would
// write. The library computes the same answer in Swift (`MembershipTimeline`); the queries
// workload compares every answer with the library's, so a copy that drifts stops the run.
// Bind `:as_of` (YYYY-MM-DD), `:paid_before_ms` (the end of that Jakarta day in milliseconds
// since 1970, for the INTEGER `paid_at`: 0029), `:recorded_before` (9999-12-31T23:59:59.999Z:
// everything recorded, for the project ledger's text stamps) and `:recorded_before_ms` (the same
// instant in milliseconds, 253402300799999, for the ledger's INTEGER `recorded_at`: 0026, 0027).
// A bill's amount due is its dues columns plus its adjustments; its due date is the rules' (the
// register's view `bill_due_dates`: bills store none since 0028).

enum StatusSQL {
    static let oneMembership = """
        WITH r AS (SELECT :as_of AS as_of, :paid_before_ms AS paid_before_ms, :recorded_before AS recorded_before,
                          :recorded_before_ms AS recorded_before_ms),
        bill_balances AS NOT MATERIALIZED (
            SELECT b.id AS bill_id, b.membership_id, b.contribution_month, d.due_date,
                   (coalesce(b.jkk_employer, 0) + coalesce(b.jkk_worker, 0) + coalesce(b.jkm_employer, 0) + coalesce(b.jkm_worker, 0)
                   + coalesce(b.jht_employer, 0) + coalesce(b.jht_worker, 0) + coalesce(b.jp_employer, 0) + coalesce(b.jp_worker, 0))
                   + (SELECT coalesce(sum(l.amount), 0) FROM bill_adjustments l
                       WHERE l.bill_id = b.id AND l.recorded_at < r.recorded_before_ms) AS amount_due,
                   (SELECT coalesce(sum(a.amount), 0) FROM payment_allocations a JOIN payments p ON p.id = a.payment_id
                     WHERE a.bill_id = b.id AND a.recorded_at < r.recorded_before_ms AND p.paid_at < r.paid_before_ms) AS amount_paid
            FROM bills b JOIN bill_due_dates d ON d.bill_id = b.id, r WHERE b.recorded_at < r.recorded_before_ms),
        project_bill_balances AS NOT MATERIALIZED (
            SELECT b.id AS project_bill_id, b.construction_project_id, b.contribution_month, b.due_date,
                   (SELECT coalesce(sum(l.amount), 0) FROM project_bill_lines l
                     WHERE l.project_bill_id = b.id AND l.recorded_at < r.recorded_before) AS amount_due,
                   (SELECT coalesce(sum(a.amount), 0) FROM project_payment_allocations a JOIN payments p ON p.id = a.payment_id
                     WHERE a.project_bill_id = b.id AND a.recorded_at < r.recorded_before AND p.paid_at < r.paid_before_ms) AS amount_paid
            FROM project_bills b, r WHERE b.recorded_at < r.recorded_before),
        threshold AS (
            SELECT coalesce((SELECT p.value FROM scheme_parameters p, r
                             WHERE p.code = 'arrears_lapse_months' AND p.effective_from <= r.as_of
                               AND coalesce(p.effective_to, '9999-12-31') >= r.as_of), 3) AS months
        ), last_due AS (
            -- The latest month whose rule due date is before as_of, per segment (as due_months).
            SELECT 'informal' AS segment_code,
                   CASE WHEN printf('%s-%02d', substr(r.as_of, 1, 7),
                                    coalesce((SELECT p.value FROM scheme_parameters p
                                              WHERE p.code = 'bpu_due_day_of_month'
                                                AND p.effective_from <= date(r.as_of, 'start of month')
                                                AND coalesce(p.effective_to, '9999-12-31') >= date(r.as_of, 'start of month')), 15)) < r.as_of
                        THEN substr(r.as_of, 1, 7)
                        ELSE substr(date(r.as_of, 'start of month', '-1 month'), 1, 7) END AS month
            FROM r
            UNION ALL
            SELECT 'wage_earner',
                   CASE WHEN printf('%s-%02d', substr(r.as_of, 1, 7),
                                    coalesce((SELECT p.value FROM scheme_parameters p
                                              WHERE p.code = 'pu_due_day_of_following_month'
                                                AND p.effective_from <= date(r.as_of, 'start of month', '-1 month')
                                                AND coalesce(p.effective_to, '9999-12-31') >= date(r.as_of, 'start of month', '-1 month')), 15)) < r.as_of
                        THEN substr(date(r.as_of, 'start of month', '-1 month'), 1, 7)
                        ELSE substr(date(r.as_of, 'start of month', '-2 month'), 1, 7) END
            FROM r
        ), base AS (
            SELECT m.id AS membership_id, m.worker_id, m.segment_code, m.start_date, m.end_date,
                   m.construction_project_id, r.as_of, r.recorded_before, r.recorded_before_ms,
                   nullif(max(
                       coalesce((SELECT bb.contribution_month FROM bill_balances bb
                                  WHERE bb.membership_id = m.id AND bb.due_date < r.as_of
                                    AND bb.amount_paid >= bb.amount_due
                                  ORDER BY bb.contribution_month DESC LIMIT 1), ''),
                       coalesce((SELECT max(pb.contribution_month) FROM project_bill_balances pb
                                  WHERE pb.construction_project_id = m.construction_project_id AND pb.due_date < r.as_of
                                    AND pb.amount_paid >= pb.amount_due), '')), '') AS last_paid_month,
                   -- month numbers (year × 12 + month) of the window's ends; NULL for JAKON and PMI
                   (SELECT CAST(substr(ld.month, 1, 4) AS INTEGER) * 12 + CAST(substr(ld.month, 6, 2) AS INTEGER)
                    FROM last_due ld WHERE ld.segment_code = m.segment_code) AS last_due_number,
                   coalesce(CAST(substr(m.end_date, 1, 4) AS INTEGER) * 12 + CAST(substr(m.end_date, 6, 2) AS INTEGER),
                            1000000) AS end_number,
                   max(CAST(substr(m.start_date, 1, 4) AS INTEGER) * 12 + CAST(substr(m.start_date, 6, 2) AS INTEGER),
                       coalesce((SELECT CAST(substr(first_month, 1, 4) AS INTEGER) * 12 + CAST(substr(first_month, 6, 2) AS INTEGER)
                                 FROM ledger_opening WHERE id = 1), 0)) AS start_number
            FROM (SELECT * FROM memberships WHERE id = :membership) m, r
        ), windowed AS (
            SELECT b.*,
                   max(coalesce(CAST(substr(b.last_paid_month, 1, 4) AS INTEGER) * 12 + CAST(substr(b.last_paid_month, 6, 2) AS INTEGER), 0),
                       b.start_number - 1) + 1 AS window_from,
                   min(max(coalesce(CAST(substr(b.last_paid_month, 1, 4) AS INTEGER) * 12 + CAST(substr(b.last_paid_month, 6, 2) AS INTEGER), 0),
                           b.start_number - 1) + threshold.months + 1,
                       b.last_due_number, b.end_number) AS window_to
            FROM base b, threshold
        ), counted AS (
            SELECT w.membership_id, w.worker_id, w.segment_code, w.start_date, w.end_date, w.last_paid_month,
                   (SELECT count(*) FROM bill_balances bb
                     WHERE bb.membership_id = w.membership_id AND bb.due_date < w.as_of
                       AND bb.contribution_month > coalesce(w.last_paid_month, '') AND bb.amount_paid < bb.amount_due)
                   + (SELECT count(*) FROM project_bill_balances pb
                       WHERE pb.construction_project_id = w.construction_project_id AND pb.due_date < w.as_of
                         AND pb.contribution_month > coalesce(w.last_paid_month, '') AND pb.amount_paid < pb.amount_due)
                   + CASE WHEN w.last_due_number IS NULL OR w.window_to < w.window_from THEN 0
                          ELSE w.window_to - w.window_from + 1
                               - (SELECT count(*) FROM bills x
                                   WHERE x.membership_id = w.membership_id AND x.recorded_at < w.recorded_before_ms
                                     AND x.contribution_month >= printf('%04d-%02d', (w.window_from - 1) / 12, (w.window_from - 1) % 12 + 1)
                                     AND x.contribution_month <= printf('%04d-%02d', (w.window_to - 1) / 12, (w.window_to - 1) % 12 + 1))
                     END AS unpaid_months
            FROM windowed w
        )
        SELECT c.membership_id, c.worker_id, c.segment_code, c.start_date, c.end_date,
               c.last_paid_month, c.unpaid_months,
               CASE
                   WHEN c.start_date > r.as_of THEN 'not_started'
                   WHEN c.end_date IS NOT NULL AND c.end_date < r.as_of THEN 'ended'
                   ELSE CASE min(c.unpaid_months, threshold.months + 1)
                            WHEN 0 THEN 'active'
                            WHEN threshold.months + 1 THEN 'lapsed'
                            ELSE 'in_arrears'
                        END
               END AS status,
               r.as_of
        FROM counted c, r, threshold
        """

    /// `worker(nik:)` and `worker(kpj:)`: the library's column list (`Worker.columns`).
    static func worker(by column: String) -> String {
        """
        SELECT id, nik, kpj, full_name, birth_date, sex, village_code, occupation, phone, branch_office_id,
               registered_by_agent_id, registered_at
        FROM workers WHERE \(column) = ?
        """
    }
}
