-- 0010_views.sql — views for ad-hoc SQL and reports
--
-- All date-dependent views read the evaluation date from report_as_of
-- (date('now'), UTC). A test database may DROP and re-CREATE report_as_of
-- with a fixed date; production databases keep it as is. (A TEMP view of the
-- same name does NOT override it: views in main bind to main.)
--
-- AREA ATTRIBUTION: a worker belongs to the regency of their residence
-- (workers.village_code → first 5 characters 'PP.KK'); a branch's area is the
-- regencies it serves at the date (branch_regencies); a regional office's
-- area is the union of its branches' areas. workers.branch_office_id (the
-- branch holding the file) is not used by these views.
--
-- ===================== MEMBERSHIP STATUS AT DATE D ========================
-- (the Swift layer must compute exactly this at any date D)
-- Ledger rows count only if recorded_at < D + 1 day (bills, bill lines,
-- allocations; at D = today that is every row).
-- For a bill: amount_due  = SUM(bill_lines.amount),
--             amount_paid = SUM(payment_allocations.amount),
--             it is OVERDUE at D when due_date < D and amount_due > 0,
--             it is SETTLED when amount_paid >= amount_due.
--   (a bill whose lines are all reversed owes 0 and is ignored)
-- For a membership:
--   not_started  start_date > D
--   ended        end_date IS NOT NULL AND end_date < D
--   otherwise let P = the latest contribution_month among overdue settled
--   bills (none: P = ''), and
--   unpaid_months = number of overdue, unsettled bills with
--                   contribution_month > P
--   (i.e. the run of unpaid billed months back from the most recent due
--   month; months without a bill neither count nor break the run)
--   active       unpaid_months = 0  (latest due bill paid, or none due yet)
--   in_arrears   1 <= unpaid_months <= L
--   lapsed       unpaid_months > L
--   where L = scheme_parameters 'arrears_lapse_months' in force at D
--   (3; if no row is in force, 3).
--   (last_paid_month and unpaid_months are reported for every membership,
--   ended and not_started ones included; only the status ignores them.)
-- Contract with the billing code: a bill must exist for every contribution
-- month of an open PU/BPU membership by its due date (JAKON/PMI: one bill per
-- project / placement), otherwise unbilled months look paid.
-- A lapsed membership is still open until someone sets end_date
-- (end_reason_code 'lapsed'): status is derived, never stored.
-- ==========================================================================

CREATE VIEW report_as_of AS
SELECT date('now') AS as_of;

-- Amount due and paid per bill, as the ledger stood at report_as_of.
CREATE VIEW bill_balances AS
SELECT b.id AS bill_id,
       b.membership_id,
       b.contribution_month,
       b.due_date,
       (SELECT coalesce(sum(l.amount), 0) FROM bill_lines l
         WHERE l.bill_id = b.id
           AND l.recorded_at < (SELECT date(as_of, '+1 day') FROM report_as_of)) AS amount_due,
       (SELECT coalesce(sum(a.amount), 0) FROM payment_allocations a
         WHERE a.bill_id = b.id
           AND a.recorded_at < (SELECT date(as_of, '+1 day') FROM report_as_of)) AS amount_paid,
       (SELECT as_of FROM report_as_of) AS as_of
FROM bills b
WHERE b.recorded_at < (SELECT date(as_of, '+1 day') FROM report_as_of);

-- One row per membership: status at report_as_of (definition above).
-- Written so each correlated lookup runs once per membership, on the index
-- bills(membership_id, contribution_month): last_paid_month walks the bills
-- backwards and stops at the first settled overdue one; unpaid_months then
-- scans only the bills after it.
CREATE VIEW membership_status AS
WITH base AS (
    SELECT m.id AS membership_id, m.worker_id, m.segment_code, m.start_date, m.end_date,
           (SELECT as_of FROM report_as_of) AS as_of,
           (SELECT bb.contribution_month FROM bill_balances bb
             WHERE bb.membership_id = m.id
               AND bb.due_date < (SELECT as_of FROM report_as_of)
               AND bb.amount_due > 0 AND bb.amount_paid >= bb.amount_due
             ORDER BY bb.contribution_month DESC LIMIT 1) AS last_paid_month,
           coalesce((SELECT p.value FROM scheme_parameters p, report_as_of r
                      WHERE p.code = 'arrears_lapse_months' AND p.effective_from <= r.as_of
                        AND coalesce(p.effective_to, '9999-12-31') >= r.as_of), 3) AS lapse_months
    FROM memberships m
), counted AS (
    SELECT base.*,
           (SELECT count(*) FROM bill_balances bb
             WHERE bb.membership_id = base.membership_id
               AND bb.contribution_month > coalesce(base.last_paid_month, '')
               AND bb.due_date < base.as_of
               AND bb.amount_due > 0 AND bb.amount_paid < bb.amount_due) AS unpaid_months
    FROM base
)
SELECT membership_id, worker_id, segment_code, start_date, end_date, as_of,
       last_paid_month, unpaid_months,
       CASE
           WHEN start_date > as_of THEN 'not_started'
           WHEN end_date IS NOT NULL AND end_date < as_of THEN 'ended'
           -- "CASE x WHEN" evaluates unpaid_months once
           ELSE CASE min(unpaid_months, lapse_months + 1)
                    WHEN 0 THEN 'active'
                    WHEN lapse_months + 1 THEN 'lapsed'
                    ELSE 'in_arrears'
                END
       END AS status
FROM counted;

-- Counts of memberships by status, per segment.
CREATE VIEW segment_status_counts AS
SELECT s.code AS segment_code,
       s.short_code,
       count(ms.membership_id) AS memberships,
       coalesce(sum(ms.status = 'active'), 0)      AS active,
       coalesce(sum(ms.status = 'in_arrears'), 0)  AS in_arrears,
       coalesce(sum(ms.status = 'lapsed'), 0)      AS lapsed,
       coalesce(sum(ms.status = 'ended'), 0)       AS ended,
       coalesce(sum(ms.status = 'not_started'), 0) AS not_started
FROM segments s
LEFT JOIN membership_status ms ON ms.segment_code = s.code
GROUP BY s.code, s.short_code;

-- Memberships owing money at report_as_of: every overdue unsettled bill.
--   unpaid_months       the status run (see above)
--   overdue_bills       all overdue unsettled bills (older holes included)
--   amount_owed         sum of (amount_due - amount_paid) over those bills
CREATE VIEW arrears AS
SELECT ms.membership_id,
       w.id AS worker_id, w.nik, w.kpj, w.full_name,
       ms.segment_code, ms.status, ms.unpaid_months,
       o.overdue_bills, o.first_unpaid_month, o.last_unpaid_month, o.amount_owed,
       ms.as_of
FROM (SELECT bb.membership_id,
             count(*) AS overdue_bills,
             min(bb.contribution_month) AS first_unpaid_month,
             max(bb.contribution_month) AS last_unpaid_month,
             sum(bb.amount_due - bb.amount_paid) AS amount_owed
      FROM bill_balances bb
      WHERE bb.due_date < bb.as_of AND bb.amount_due > bb.amount_paid
      GROUP BY bb.membership_id) o
JOIN membership_status ms ON ms.membership_id = o.membership_id
JOIN workers w ON w.id = ms.worker_id;

-- One row per worker: residence regency, participant / active participant.
--   participant  has a membership whose status is active, in_arrears or
--                lapsed (started and not ended at the date)
--   active       has a membership whose status is active
CREATE VIEW worker_participation AS
SELECT w.id AS worker_id,
       substr(w.village_code, 1, 5) AS regency_code,
       EXISTS (SELECT 1 FROM membership_status ms
               WHERE ms.worker_id = w.id
                 AND ms.status IN ('active', 'in_arrears', 'lapsed')) AS is_participant,
       EXISTS (SELECT 1 FROM membership_status ms
               WHERE ms.worker_id = w.id AND ms.status = 'active') AS is_active
FROM workers w;

-- Latest labour-force figure per regency, for the latest year <= year(as_of).
CREATE VIEW regency_latest_labour_force AS
SELECT lf.regency_code, lf.year, lf.employed, lf.unemployed,
       lf.employed + lf.unemployed AS labour_force
FROM labour_force lf
WHERE lf.regency_code IS NOT NULL
  AND lf.year = (SELECT max(l2.year) FROM labour_force l2
                 WHERE l2.regency_code = lf.regency_code
                   AND l2.year <= (SELECT CAST(strftime('%Y', as_of) AS INTEGER) FROM report_as_of));

-- Coverage by regency/city.
--   coverage_pct        = participants / labour_force × 100, 2 decimals
--   active_coverage_pct = active_participants / labour_force × 100
CREATE VIEW coverage_by_regency AS
SELECT rg.code AS regency_code, rg.name AS regency_name, rg.kind, rg.province_code,
       lf.year AS labour_force_year,
       lf.labour_force,
       coalesce(p.participants, 0) AS participants,
       coalesce(p.active_participants, 0) AS active_participants,
       round(100.0 * coalesce(p.participants, 0) / nullif(lf.labour_force, 0), 2) AS coverage_pct,
       round(100.0 * coalesce(p.active_participants, 0) / nullif(lf.labour_force, 0), 2) AS active_coverage_pct
FROM regencies rg
LEFT JOIN regency_latest_labour_force lf ON lf.regency_code = rg.code
LEFT JOIN (SELECT regency_code, sum(is_participant) AS participants,
                  sum(is_active) AS active_participants
           FROM worker_participation GROUP BY regency_code) p
       ON p.regency_code = rg.code;

-- Coverage by branch (full and pioneer): the regencies it serves at the date.
CREATE VIEW coverage_by_branch AS
SELECT o.id AS office_id, o.code AS office_code, o.name AS office_name, o.kind,
       o.parent_office_id AS regional_office_id,
       count(c.regency_code) AS regencies_served,
       max(c.labour_force_year) AS labour_force_latest_year,
       sum(c.labour_force) AS labour_force,
       coalesce(sum(c.participants), 0) AS participants,
       coalesce(sum(c.active_participants), 0) AS active_participants,
       round(100.0 * coalesce(sum(c.participants), 0) / nullif(sum(c.labour_force), 0), 2) AS coverage_pct,
       round(100.0 * coalesce(sum(c.active_participants), 0) / nullif(sum(c.labour_force), 0), 2) AS active_coverage_pct
FROM offices o
LEFT JOIN branch_regencies br
       ON br.branch_office_id = o.id
      AND br.effective_from <= (SELECT as_of FROM report_as_of)
      AND coalesce(br.effective_to, '9999-12-31') >= (SELECT as_of FROM report_as_of)
LEFT JOIN coverage_by_regency c ON c.regency_code = br.regency_code
WHERE o.kind IN ('branch', 'pioneer_branch')
GROUP BY o.id;

-- Coverage by regional office (Kantor Wilayah): sum of its branches.
CREATE VIEW coverage_by_regional_office AS
SELECT o.id AS office_id, o.code AS office_code, o.name AS office_name,
       count(b.office_id) AS branches,
       coalesce(sum(b.regencies_served), 0) AS regencies_served,
       max(b.labour_force_latest_year) AS labour_force_latest_year,
       sum(b.labour_force) AS labour_force,
       coalesce(sum(b.participants), 0) AS participants,
       coalesce(sum(b.active_participants), 0) AS active_participants,
       round(100.0 * coalesce(sum(b.participants), 0) / nullif(sum(b.labour_force), 0), 2) AS coverage_pct,
       round(100.0 * coalesce(sum(b.active_participants), 0) / nullif(sum(b.labour_force), 0), 2) AS active_coverage_pct
FROM offices o
LEFT JOIN coverage_by_branch b ON b.regional_office_id = o.id
WHERE o.kind = 'regional_office'
GROUP BY o.id;

-- Target achievement. Area of a target: a regency; a province (its
-- regencies); a branch (regencies it serves at period_end); a regional
-- office (regencies its branches serve at period_end); the head office
-- (everywhere). Segment NULL = all segments. Actual value by kind:
--   head_count           distinct workers resident in the area with a
--                        membership (of the segment) whose period overlaps
--                        [period_start, period_end]
--   dues_amount          rupiah allocated to bills of such memberships from
--                        payments whose paid_at date is in the period
--   coverage_percentage  head_count actual × 10000 / labour force of the
--                        area (basis points; labour force = each regency's
--                        latest figure for a year <= year of period_end)
-- achievement_pct = actual / target × 100, 2 decimals.
CREATE VIEW target_achievement AS
WITH target_regencies AS (
    SELECT t.id AS target_id, rg.code AS regency_code
    FROM targets t
    JOIN regencies rg
      ON rg.code = t.regency_code
      OR rg.province_code = t.province_code
      OR (t.office_id IS NOT NULL AND (
            (SELECT kind FROM offices WHERE id = t.office_id) = 'head_office'
         OR EXISTS (SELECT 1 FROM branch_regencies br
                    JOIN offices b ON b.id = br.branch_office_id
                    WHERE br.regency_code = rg.code
                      AND (b.id = t.office_id OR b.parent_office_id = t.office_id)
                      AND br.effective_from <= t.period_end
                      AND coalesce(br.effective_to, '9999-12-31') >= t.period_end)))
), target_memberships AS (
    SELECT tr.target_id, m.id AS membership_id, m.worker_id
    FROM target_regencies tr
    JOIN targets t ON t.id = tr.target_id
    JOIN workers w
      ON w.village_code > tr.regency_code || '.' AND w.village_code < tr.regency_code || '/'
    JOIN memberships m
      ON m.worker_id = w.id
     AND (t.segment_code IS NULL OR m.segment_code = t.segment_code)
     AND m.start_date <= t.period_end
     AND coalesce(m.end_date, '9999-12-31') >= t.period_start
), head_counts AS (
    SELECT target_id, count(DISTINCT worker_id) AS n FROM target_memberships GROUP BY target_id
), dues AS (
    SELECT tm.target_id, sum(a.amount) AS amount
    FROM target_memberships tm
    JOIN targets t ON t.id = tm.target_id
    JOIN bills b ON b.membership_id = tm.membership_id
    JOIN payment_allocations a ON a.bill_id = b.id
    JOIN payments p ON p.id = a.payment_id
    WHERE substr(p.paid_at, 1, 10) BETWEEN t.period_start AND t.period_end
    GROUP BY tm.target_id
), labour AS (
    SELECT tr.target_id,
           sum((SELECT lf.employed + lf.unemployed FROM labour_force lf
                WHERE lf.regency_code = tr.regency_code
                  AND lf.year <= CAST(strftime('%Y', t.period_end) AS INTEGER)
                ORDER BY lf.year DESC LIMIT 1)) AS labour_force
    FROM target_regencies tr JOIN targets t ON t.id = tr.target_id
    GROUP BY tr.target_id
), actuals AS (
    SELECT t.id AS target_id,
           CASE t.kind
               WHEN 'head_count' THEN coalesce(h.n, 0)
               WHEN 'dues_amount' THEN coalesce(d.amount, 0)
               WHEN 'coverage_percentage'
                   THEN CAST(round(10000.0 * coalesce(h.n, 0) / nullif(l.labour_force, 0)) AS INTEGER)
           END AS actual_value,
           l.labour_force
    FROM targets t
    LEFT JOIN head_counts h ON h.target_id = t.id
    LEFT JOIN dues d ON d.target_id = t.id
    LEFT JOIN labour l ON l.target_id = t.id
)
SELECT t.id AS target_id,
       CASE WHEN t.office_id IS NOT NULL THEN 'office'
            WHEN t.province_code IS NOT NULL THEN 'province'
            ELSE 'regency' END AS area_kind,
       coalesce(CAST(t.office_id AS TEXT), t.province_code, t.regency_code) AS area_key,
       coalesce(o.name, pv.name, rg.name) AS area_name,
       t.segment_code, t.kind, t.period_start, t.period_end,
       t.target_value, a.actual_value, a.labour_force,
       round(100.0 * a.actual_value / nullif(t.target_value, 0), 2) AS achievement_pct
FROM targets t
JOIN actuals a ON a.target_id = t.id
LEFT JOIN offices o ON o.id = t.office_id
LEFT JOIN provinces pv ON pv.code = t.province_code
LEFT JOIN regencies rg ON rg.code = t.regency_code;

-- Open memberships lacking a program that segment_programs marks
-- 'required' at report_as_of (the database cannot check this on insert,
-- because programs are added after the membership). 'conditional' (JKP)
-- is left to Swift, which knows citizenship and JKN enrolment.
CREATE VIEW memberships_missing_required_programs AS
SELECT m.id AS membership_id, m.worker_id, m.segment_code, sp.program_code
FROM memberships m
CROSS JOIN report_as_of r
LEFT JOIN employers e ON e.id = m.employer_id
JOIN segment_programs sp
  ON sp.segment_code = m.segment_code
 AND sp.employer_size_class IS (CASE WHEN m.segment_code = 'wage_earner' THEN e.size_class END)
 AND sp.requirement = 'required'
 AND sp.effective_from <= r.as_of AND coalesce(sp.effective_to, '9999-12-31') >= r.as_of
WHERE m.start_date <= r.as_of AND coalesce(m.end_date, '9999-12-31') >= r.as_of
  AND NOT EXISTS (SELECT 1 FROM membership_programs mp
                  WHERE mp.membership_id = m.id AND mp.program_code = sp.program_code);

-- Workers whose NIK does not match the rest of their record (not refused
-- on insert; see 0005). NIK = PPKKCC DDMMYY SSSS, DD + 40 for women.
CREATE VIEW worker_identity_issues AS
SELECT w.id AS worker_id, w.nik, w.birth_date, w.sex,
       'NIK birth date part (DDMMYY, day + 40 for women) does not match birth_date and sex' AS issue
FROM workers w
WHERE CAST(substr(w.nik, 7, 2) AS INTEGER)
        <> CAST(substr(w.birth_date, 9, 2) AS INTEGER) + CASE w.sex WHEN 'female' THEN 40 ELSE 0 END
   OR substr(w.nik, 9, 2) <> substr(w.birth_date, 6, 2)
   OR substr(w.nik, 11, 2) <> substr(w.birth_date, 3, 2)
UNION ALL
SELECT w.id, w.nik, w.birth_date, w.sex,
       'NIK district prefix (PPKKCC) is not a known district (kecamatan)'
FROM workers w
WHERE NOT EXISTS (SELECT 1 FROM districts d
                  WHERE d.code = substr(w.nik, 1, 2) || '.' || substr(w.nik, 3, 2) || '.' || substr(w.nik, 5, 2));
