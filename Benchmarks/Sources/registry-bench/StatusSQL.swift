// The raw C contender's status query: the statement `status(of:on:)` runs, copied from the
// library (Sources/Registry/Reports/MembershipStatusSQL.swift, `commonTableExpressions(over:)`
// with the memberships restricted to `:membership`; Sources/Registry/Status/MembershipStatus.swift),
// because the library keeps it internal. The queries workload compares every answer with the
// library's, so a copy that drifts from the library stops the run instead of going unnoticed.

enum StatusSQL {
    static let oneMembership = """
        WITH bill_balances AS NOT MATERIALIZED (
            SELECT b.id AS bill_id, b.membership_id, b.contribution_month, b.due_date,
                   (SELECT coalesce(sum(l.amount), 0) FROM bill_lines l
                     WHERE l.bill_id = b.id AND l.recorded_at < :recorded_before) AS amount_due,
                   (SELECT coalesce(sum(a.amount), 0) FROM payment_allocations a
                     WHERE a.bill_id = b.id AND a.recorded_at < :recorded_before) AS amount_paid
            FROM bills b
            WHERE b.recorded_at < :recorded_before),
        lapse_threshold AS (
            SELECT coalesce((SELECT p.value FROM scheme_parameters p
                             WHERE p.code = 'arrears_lapse_months' AND p.effective_from <= :as_of
                               AND coalesce(p.effective_to, '9999-12-31') >= :as_of), 3) AS months),
        status_base AS MATERIALIZED (
            SELECT m.id AS membership_id, m.worker_id, m.segment_code, m.start_date, m.end_date,
                   (SELECT bb.contribution_month FROM bill_balances bb
                     WHERE bb.membership_id = m.id
                       AND bb.due_date < :as_of
                       AND bb.amount_due > 0 AND bb.amount_paid >= bb.amount_due
                     ORDER BY bb.contribution_month DESC LIMIT 1) AS last_paid_month
            FROM (SELECT * FROM memberships WHERE id = :membership) m),
        status_counted AS MATERIALIZED (
            SELECT sb.*,
                   (SELECT count(*)
                    FROM (SELECT b.id AS bill_id, b.membership_id, b.contribution_month,
                                 (SELECT coalesce(sum(l.amount), 0) FROM bill_lines l
                                   WHERE l.bill_id = b.id AND l.recorded_at < :recorded_before) AS amount_due,
                                 (SELECT coalesce(sum(a.amount), 0) FROM payment_allocations a
                                   WHERE a.bill_id = b.id AND a.recorded_at < :recorded_before) AS amount_paid
                          FROM bills b
                          WHERE b.recorded_at < :recorded_before AND b.due_date < :as_of
                            AND b.membership_id = sb.membership_id
                            AND b.contribution_month > coalesce(sb.last_paid_month, '')
                          LIMIT -1) bb
                    WHERE bb.amount_due > 0 AND bb.amount_paid < bb.amount_due) AS unpaid_months
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
        SELECT membership_id, worker_id, segment_code, start_date, end_date, last_paid_month, unpaid_months, status,
               :as_of AS as_of
        FROM membership_status
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
