-- 0033_status_as_known_on_registered.sql — as known on K, a membership registered after K is
-- not in the register
--
-- 0022 named two dates: D (valid time, the day an answer is about) and K (recorded time, which
-- rows count: those recorded by the end of the Jakarta day K). It cut the ledger at K, but not
-- the memberships themselves: a membership registered after K (memberships.registered_at, UTC
-- text) still showed in membership_status, and so in arrears and segment_status_counts, as
-- known on K, often owing from its start date. An auditor asking what a branch reported on
-- 31 March was shown members it registered in April.
--
-- From here on, with report_known_on set to K, the views hold the memberships registered
-- before the end of the Jakarta day K (report_dates.recorded_before); with the default K
-- (9999-12-31, everything known now) every membership, as before. The library's recorded-time
-- answers (status(of:on:asKnownOn:), statusCounts(on:asKnownOn:), arrears(on:asKnownOn:), the
-- coverage reports as known on K) leave out the same memberships.
--
-- Recreated here: the view membership_status (0026's definition; the only change is the
-- WHERE of its base). The views that read it (arrears, segment_status_counts,
-- worker_participation) bind to it by name and are unchanged.

DROP VIEW membership_status;
CREATE VIEW membership_status AS
WITH threshold AS (
    SELECT coalesce((SELECT p.value FROM scheme_parameters p, report_as_of r
                     WHERE p.code = 'arrears_lapse_months' AND p.effective_from <= r.as_of
                       AND coalesce(p.effective_to, '9999-12-31') >= r.as_of), 3) AS months
), last_due AS (
    SELECT * FROM last_due_months
), base AS (
    SELECT m.id AS membership_id, m.worker_id, m.segment_code, m.start_date, m.end_date,
           m.construction_project_id, r.as_of, r.recorded_before_ms,
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
    FROM memberships m, report_dates r
    WHERE m.registered_at < r.recorded_before     -- registered by the end of K's Jakarta day
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
SELECT c.membership_id, c.worker_id, c.segment_code, c.start_date, c.end_date, r.as_of,
       c.last_paid_month, c.unpaid_months,
       CASE
           WHEN c.start_date > r.as_of THEN 'not_started'
           WHEN c.end_date IS NOT NULL AND c.end_date < r.as_of THEN 'ended'
           ELSE CASE min(c.unpaid_months, threshold.months + 1)
                    WHEN 0 THEN 'active'
                    WHEN threshold.months + 1 THEN 'lapsed'
                    ELSE 'in_arrears'
                END
       END AS status
FROM counted c, report_as_of r, threshold;
