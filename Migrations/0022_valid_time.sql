-- 0022_valid_time.sql — status from the facts, on Jakarta days, on two named time axes
--
-- Until now the status at D read the ledger rows *recorded* by D (UTC days), and a month
-- without a bill counted neither as paid nor as unpaid. So a member who stopped paying stayed
-- active unless a monthly billing run billed them, and history entered today with past
-- payment dates (a migration script, a catch-up) showed no past arrears at all. Both answers
-- depended on how and when history was typed in.
--
-- ============ MEMBERSHIP STATUS ON D, AS KNOWN ON K (replaces 0010's header) ============
-- Two questions, two dates:
--   D  valid time     the day the answer is about: due dates, payments' paid_at.
--   K  recorded time  which ledger rows count: those recorded (recorded_at) on or before
--                     K. K = 9999-12-31 means everything known now (the default).
-- Every day is a Jakarta (WIB, UTC+7) day: a timestamp counts on its Jakarta date.
-- The views read D from report_as_of (today in Jakarta) and K from report_known_on
-- (9999-12-31); a test or an auditor may DROP and re-CREATE either with a fixed date.
--
-- A contribution month M of a membership is DUE at D when its due date is before D:
--   * billed (a bill recorded by K): the bill's due_date;
--   * not billed, wage earner (PU) or informal (BPU), M from the start month (or the ledger's
--     first month, ledger_opening, if later) through the end month: the rule's due date, as the billing run would set it (scheme_parameters
--     bpu_due_day_of_month of M itself; pu_due_day_of_following_month, of the month after M;
--     in force on M's first day; 15 when none is);
--   * construction (JAKON): its project's bills; migrant (PMI): its bills only (one per
--     placement). No unbilled months for those two.
-- For a billed month: amount_due = Σ its lines recorded by K; amount_paid = Σ its
-- allocations recorded by K whose payment's paid_at falls on or before D. It is SETTLED at D
-- when amount_paid >= amount_due (a bill whose lines are all reversed owes 0: settled).
-- An unbilled month is never settled: paying a month bills it.
-- P = the latest due settled month ('' when none). L = arrears_lapse_months in force on D (3
-- when none is). A month is OWED at D when it is due and not settled, and, if unbilled, lies
-- at most L + 1 months after the latest settled month before it (or the month before the
-- start month or the ledger's first month, whichever is later, when none is before it): after more than L unpaid months the membership has lapsed (domain:
-- arrears may be settled for at most 3 months after protection ends), so unbilled months
-- stop accruing there; a bill, once issued (the employer's), is owed whatever its month.
-- unpaid_months = owed months after P.
--   not_started  start_date > D;    ended  end_date < D;    otherwise
--   active  unpaid_months = 0;      in_arrears  1..L;       lapsed  > L.
-- Billing runs fix amounts and are what employers receive; they no longer change a status.
-- The views give the amount of billed months only (unbilled ones are priced by the library:
-- membership_status_spans.unbilled_amount, `registry report arrears`).
-- ======================================================================================

-- Where the register's ledger begins: a register that takes over from an older system holds
-- the dues from its go-live month on, and the months before it were settled there. Without a
-- row every month of every membership is the register's to account for.
CREATE TABLE ledger_opening (
    id INTEGER PRIMARY KEY CHECK (id = 1),            -- one row at most
    first_month TEXT NOT NULL
        CONSTRAINT first_month_must_be_yyyy_mm
        CHECK (first_month || '-01' IS date(first_month || '-01', '+0 days')),
    note TEXT
) STRICT;

DROP VIEW report_as_of;
CREATE VIEW report_as_of AS
SELECT date('now', '+7 hours') AS as_of;   -- today in Jakarta

CREATE VIEW report_known_on AS
SELECT '9999-12-31' AS known_on;           -- everything recorded so far

-- The two dates, and the instants the ledger's UTC timestamps are compared with: the end of
-- each Jakarta day (17:00 UTC).
CREATE VIEW report_dates AS
SELECT d.as_of,
       strftime('%Y-%m-%dT%H:%M:%fZ', d.as_of, '+1 day', '-7 hours') AS paid_before,
       k.known_on,
       CASE WHEN k.known_on >= '9999-12-31' THEN '9999-12-31T23:59:59.999Z'
            ELSE strftime('%Y-%m-%dT%H:%M:%fZ', k.known_on, '+1 day', '-7 hours') END AS recorded_before
FROM report_as_of d, report_known_on k;

DROP VIEW bill_balances;
CREATE VIEW bill_balances AS
SELECT b.id AS bill_id,
       b.membership_id,
       b.contribution_month,
       b.due_date,
       (SELECT coalesce(sum(l.amount), 0) FROM bill_lines l
         WHERE l.bill_id = b.id AND l.recorded_at < r.recorded_before) AS amount_due,
       (SELECT coalesce(sum(a.amount), 0) FROM payment_allocations a JOIN payments p ON p.id = a.payment_id
         WHERE a.bill_id = b.id AND a.recorded_at < r.recorded_before AND p.paid_at < r.paid_before) AS amount_paid,
       r.as_of
FROM bills b, report_dates r
WHERE b.recorded_at < r.recorded_before;

DROP VIEW project_bill_balances;
CREATE VIEW project_bill_balances AS
SELECT b.id AS project_bill_id,
       b.construction_project_id,
       b.contribution_month,
       b.due_date,
       (SELECT coalesce(sum(l.amount), 0) FROM project_bill_lines l
         WHERE l.project_bill_id = b.id AND l.recorded_at < r.recorded_before) AS amount_due,
       (SELECT coalesce(sum(a.amount), 0) FROM project_payment_allocations a JOIN payments p ON p.id = a.payment_id
         WHERE a.project_bill_id = b.id AND a.recorded_at < r.recorded_before AND p.paid_at < r.paid_before) AS amount_paid,
       r.as_of
FROM project_bills b, report_dates r
WHERE b.recorded_at < r.recorded_before;

-- Per segment that accrues unbilled months, the latest month whose due date under the rules
-- (the due-day parameter in force on the month's first day; 15 when none is) is before as_of.
CREATE VIEW last_due_months AS
    SELECT 'informal' AS segment_code,
           CASE WHEN printf('%s-%02d', substr(r.as_of, 1, 7),
                            coalesce((SELECT p.value FROM scheme_parameters p
                                      WHERE p.code = 'bpu_due_day_of_month'
                                        AND p.effective_from <= date(r.as_of, 'start of month')
                                        AND coalesce(p.effective_to, '9999-12-31') >= date(r.as_of, 'start of month')), 15)) < r.as_of
                THEN substr(r.as_of, 1, 7)
                ELSE substr(date(r.as_of, 'start of month', '-1 month'), 1, 7) END AS month
    FROM report_as_of r
    UNION ALL
    SELECT 'wage_earner',
           CASE WHEN printf('%s-%02d', substr(r.as_of, 1, 7),
                            coalesce((SELECT p.value FROM scheme_parameters p
                                      WHERE p.code = 'pu_due_day_of_following_month'
                                        AND p.effective_from <= date(r.as_of, 'start of month', '-1 month')
                                        AND coalesce(p.effective_to, '9999-12-31') >= date(r.as_of, 'start of month', '-1 month')), 15)) < r.as_of
                THEN substr(date(r.as_of, 'start of month', '-1 month'), 1, 7)
                ELSE substr(date(r.as_of, 'start of month', '-2 month'), 1, 7) END
    FROM report_as_of r;

-- Every contribution month due at report_as_of, billed or not (definition above): one row
-- per membership and month (a construction membership may have its project's bill beside a
-- bill of its own in one month). amount_due is NULL for an unbilled month.
CREATE VIEW due_months AS
WITH RECURSIVE
r AS (SELECT * FROM report_dates),
last_due AS (SELECT * FROM last_due_months),
months (membership_id, month, last) AS (
    SELECT m.id, max(substr(m.start_date, 1, 7), o.first_month),
           min(coalesce(substr(m.end_date, 1, 7), '9999-12'), ld.month)
    FROM memberships m JOIN last_due ld ON ld.segment_code = m.segment_code,
         (SELECT coalesce((SELECT first_month FROM ledger_opening WHERE id = 1), '0000-01') AS first_month) o
    WHERE max(substr(m.start_date, 1, 7), o.first_month) <= min(coalesce(substr(m.end_date, 1, 7), '9999-12'), ld.month)
    UNION ALL
    SELECT membership_id, substr(date(month || '-01', '+1 month'), 1, 7), last FROM months WHERE month < last
)
SELECT bb.membership_id, bb.contribution_month, bb.bill_id, NULL AS project_bill_id,
       bb.due_date, bb.amount_due, bb.amount_paid
FROM bill_balances bb
WHERE bb.due_date < bb.as_of
UNION ALL
SELECT m.id, pb.contribution_month, NULL, pb.project_bill_id, pb.due_date, pb.amount_due, pb.amount_paid
FROM project_bill_balances pb
JOIN memberships m ON m.construction_project_id = pb.construction_project_id
WHERE pb.due_date < pb.as_of
UNION ALL
SELECT mo.membership_id, mo.month, NULL, NULL, NULL, NULL, 0
FROM months mo
WHERE NOT EXISTS (SELECT 1 FROM bills b, r
                  WHERE b.membership_id = mo.membership_id AND b.contribution_month = mo.month
                    AND b.recorded_at < r.recorded_before);

-- The due months that are owed (definition above), with the latest settled month before each.
CREATE VIEW owed_months AS
WITH threshold AS (
    SELECT coalesce((SELECT p.value FROM scheme_parameters p, report_as_of r
                     WHERE p.code = 'arrears_lapse_months' AND p.effective_from <= r.as_of
                       AND coalesce(p.effective_to, '9999-12-31') >= r.as_of), 3) AS months
), flagged AS (
    SELECT dm.*,
           dm.amount_due IS NOT NULL AND dm.amount_paid >= dm.amount_due AS settled,
           -- months counted from year 0, so that month arithmetic is subtraction
           CAST(substr(dm.contribution_month, 1, 4) AS INTEGER) * 12
               + CAST(substr(dm.contribution_month, 6, 2) AS INTEGER) AS month_number,
           max(CAST(substr(m.start_date, 1, 4) AS INTEGER) * 12 + CAST(substr(m.start_date, 6, 2) AS INTEGER),
               coalesce((SELECT CAST(substr(first_month, 1, 4) AS INTEGER) * 12 + CAST(substr(first_month, 6, 2) AS INTEGER)
                         FROM ledger_opening WHERE id = 1), 0)) AS start_number
    FROM due_months dm JOIN memberships m ON m.id = dm.membership_id
), anchored AS (
    SELECT f.*,
           max(CASE WHEN f.settled THEN f.month_number END)
               OVER (PARTITION BY f.membership_id ORDER BY f.month_number
                     RANGE BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS settled_before
    FROM flagged f
)
SELECT a.membership_id, a.contribution_month, a.bill_id, a.project_bill_id, a.due_date,
       a.amount_due, a.amount_paid
FROM anchored a, threshold
WHERE NOT a.settled
  AND (a.amount_due IS NOT NULL
       OR a.month_number - max(coalesce(a.settled_before, 0), a.start_number - 1) <= threshold.months + 1);

-- One row per membership: its status at report_as_of (definition above). Written with one
-- correlated lookup per membership on the index bills(membership_id, contribution_month), as
-- 0010's, so that `WHERE worker_id = ?` reads one worker's rows: the owed months after the
-- last paid one are the unpaid bills after it plus the unbilled months of the window it opens,
-- counted as the window's length less the bills in it (no month is enumerated).
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
           m.construction_project_id, r.as_of, r.recorded_before,
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
                           WHERE x.membership_id = w.membership_id AND x.recorded_at < w.recorded_before
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

-- Memberships owing at report_as_of: every owed month, older holes included.
--   overdue_bills    owed billed months;   unbilled_months   owed months without a bill
--   amount_owed      Σ (due − paid) over the owed billed months (unbilled ones: the library)
DROP VIEW arrears;
CREATE VIEW arrears AS
SELECT ms.membership_id,
       w.id AS worker_id, w.nik, w.kpj, w.full_name,
       ms.segment_code, ms.status, ms.unpaid_months,
       o.overdue_bills, o.unbilled_months, o.first_unpaid_month, o.last_unpaid_month, o.amount_owed,
       ms.as_of
FROM (SELECT membership_id,
             count(amount_due) AS overdue_bills,
             count(*) - count(amount_due) AS unbilled_months,
             min(contribution_month) AS first_unpaid_month,
             max(contribution_month) AS last_unpaid_month,
             coalesce(sum(amount_due - amount_paid), 0) AS amount_owed
      FROM owed_months
      GROUP BY membership_id) o
JOIN membership_status ms ON ms.membership_id = o.membership_id
JOIN workers w ON w.id = ms.worker_id;

-- ---- target achievement: dues paid on Jakarta days of the period -----------------------
DROP VIEW target_achievement;
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
    SELECT tr.target_id, sum(a.amount) AS amount
    FROM target_regencies tr
    JOIN targets t ON t.id = tr.target_id
    JOIN workers w
      ON w.village_code > tr.regency_code || '.' AND w.village_code < tr.regency_code || '/'
    JOIN memberships m
      ON m.worker_id = w.id AND (t.segment_code IS NULL OR m.segment_code = t.segment_code)
    JOIN bills b ON b.membership_id = m.id
    JOIN payment_allocations a ON a.bill_id = b.id
    JOIN payments p ON p.id = a.payment_id
    WHERE date(p.paid_at, '+7 hours') BETWEEN t.period_start AND t.period_end
    GROUP BY tr.target_id
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

-- ---- the standing spans: what the owed months without a bill add -----------------------
-- Derived data (0011), rebuilt so `.schema` shows one definition: every membership is listed
-- stale and recomputed by the next write or `registry refresh`.
DROP TABLE membership_status_spans;
CREATE TABLE membership_status_spans (
    membership_id INTEGER NOT NULL,
    from_date TEXT NOT NULL,
    until_date TEXT NOT NULL,
    status TEXT NOT NULL
        CHECK (status IN ('not_started', 'active', 'in_arrears', 'lapsed', 'ended')),
    -- Owed months after the last settled one: the count behind in_arrears and lapsed (view
    -- membership_status, column unpaid_months).
    unpaid_months INTEGER NOT NULL CHECK (unpaid_months >= 0),
    -- 1 while some month is owed (whatever the status): the memberships the arrears report
    -- lists. The columns after it are the view arrears' columns, 0 or NULL while owes = 0.
    owes INTEGER NOT NULL CHECK (owes IN (0, 1)),
    overdue_bills INTEGER NOT NULL,            -- owed months with a bill
    unbilled_months INTEGER NOT NULL,          -- owed months without one
    first_unpaid_month TEXT,
    last_unpaid_month TEXT,
    amount_owed INTEGER NOT NULL,   -- rupiah: Σ (due − paid) over the owed bills
    unbilled_amount INTEGER NOT NULL,   -- rupiah: the owed unbilled months, each priced by the
                                        -- rules of its month (0 for a month no rule prices)
    worker_id INTEGER NOT NULL,
    segment_code TEXT NOT NULL,
    regency_code TEXT NOT NULL,     -- the one counted in participation_changes
    -- How long the span is, in powers of two days (0015): the arrears report reads each class
    -- over the window where a span of that length can hold the date.
    length_class INTEGER GENERATED ALWAYS AS (CASE
        WHEN until_date = '9999-12-31' THEN 0
        WHEN julianday(until_date) - julianday(from_date) <= 8 THEN 3
        WHEN julianday(until_date) - julianday(from_date) <= 16 THEN 4
        WHEN julianday(until_date) - julianday(from_date) <= 32 THEN 5
        WHEN julianday(until_date) - julianday(from_date) <= 64 THEN 6
        WHEN julianday(until_date) - julianday(from_date) <= 128 THEN 7
        WHEN julianday(until_date) - julianday(from_date) <= 256 THEN 8
        WHEN julianday(until_date) - julianday(from_date) <= 512 THEN 9
        WHEN julianday(until_date) - julianday(from_date) <= 1024 THEN 10
        WHEN julianday(until_date) - julianday(from_date) <= 2048 THEN 11
        WHEN julianday(until_date) - julianday(from_date) <= 4096 THEN 12
        WHEN julianday(until_date) - julianday(from_date) <= 8192 THEN 13
        WHEN julianday(until_date) - julianday(from_date) <= 16384 THEN 14
        ELSE 15
    END) VIRTUAL,
    PRIMARY KEY (membership_id, from_date),
    CHECK (from_date < until_date),
    CHECK (CASE owes
               WHEN 1 THEN overdue_bills >= 0 AND unbilled_months >= 0
                           AND overdue_bills + unbilled_months >= unpaid_months
                           AND overdue_bills + unbilled_months > 0
                           AND amount_owed >= 0 AND unbilled_amount >= 0
                           AND (overdue_bills = 0 OR amount_owed > 0)
                           AND first_unpaid_month <= last_unpaid_month
               ELSE unpaid_months = 0 AND overdue_bills = 0 AND unbilled_months = 0
                    AND amount_owed = 0 AND unbilled_amount = 0
                    AND first_unpaid_month IS NULL AND last_unpaid_month IS NULL
           END)
) STRICT, WITHOUT ROWID;
-- The arrears report reads the owing spans by length class, then start (0015).
CREATE INDEX membership_status_spans_owing_by_length
    ON membership_status_spans (length_class, from_date, worker_id, until_date, membership_id, segment_code,
                                regency_code, status, unpaid_months, overdue_bills, unbilled_months,
                                first_unpaid_month, last_unpaid_month, amount_owed, unbilled_amount, owes)
    WHERE owes = 1;

DELETE FROM worker_coverage_spans;
DELETE FROM status_count_changes;
DELETE FROM participation_changes;
-- Settled horizons said "since the day recorded"; they now say "since the day paid".
DELETE FROM standing_horizons;
INSERT INTO standing_stale (membership_id) SELECT id FROM memberships WHERE true
ON CONFLICT DO UPDATE SET since = NULL, from_month = NULL;

-- ---- what makes a membership stale, in valid time ---------------------------------------
-- since: the earliest Jakarta day on which the row can change the status. A bill, or a line
-- of it, changes its month from its due date (a bill's month is due no earlier than its first
-- day under the rules); an allocation changes the amount paid from its payment's day.
DROP TRIGGER bills_standing_on_insert;
DROP TRIGGER bill_lines_standing_on_insert;
DROP TRIGGER payment_allocations_standing_on_insert;
DROP TRIGGER project_bills_standing_on_insert;
DROP TRIGGER project_bill_lines_standing_on_insert;
DROP TRIGGER project_payment_allocations_standing_on_insert;

CREATE TRIGGER bills_standing_on_insert AFTER INSERT ON bills
BEGIN
    INSERT INTO standing_stale (membership_id, since, from_month)
    VALUES (NEW.membership_id, min(NEW.due_date, NEW.contribution_month || '-01'), NEW.contribution_month)
    ON CONFLICT DO UPDATE SET since = min(since, excluded.since), from_month = min(from_month, excluded.from_month);
END;
CREATE TRIGGER bill_lines_standing_on_insert AFTER INSERT ON bill_lines
BEGIN
    INSERT INTO standing_stale (membership_id, since, from_month)
    SELECT membership_id, min(due_date, contribution_month || '-01'), contribution_month FROM bills WHERE id = NEW.bill_id
    ON CONFLICT DO UPDATE SET since = min(since, excluded.since), from_month = min(from_month, excluded.from_month);
END;
CREATE TRIGGER payment_allocations_standing_on_insert AFTER INSERT ON payment_allocations
BEGIN
    INSERT INTO standing_stale (membership_id, since, from_month)
    SELECT b.membership_id, date(p.paid_at, '+7 hours'), b.contribution_month
    FROM bills b, payments p WHERE b.id = NEW.bill_id AND p.id = NEW.payment_id
    ON CONFLICT DO UPDATE SET since = min(since, excluded.since), from_month = min(from_month, excluded.from_month);
END;
CREATE TRIGGER project_bills_standing_on_insert AFTER INSERT ON project_bills
BEGIN
    INSERT INTO standing_stale (membership_id, since, from_month)
    SELECT id, min(NEW.due_date, NEW.contribution_month || '-01'), NEW.contribution_month
    FROM memberships WHERE construction_project_id = NEW.construction_project_id
    ON CONFLICT DO UPDATE SET since = min(since, excluded.since), from_month = min(from_month, excluded.from_month);
END;
CREATE TRIGGER project_bill_lines_standing_on_insert AFTER INSERT ON project_bill_lines
BEGIN
    INSERT INTO standing_stale (membership_id, since, from_month)
    SELECT m.id, min(b.due_date, b.contribution_month || '-01'), b.contribution_month
    FROM project_bills b JOIN memberships m ON m.construction_project_id = b.construction_project_id
    WHERE b.id = NEW.project_bill_id
    ON CONFLICT DO UPDATE SET since = min(since, excluded.since), from_month = min(from_month, excluded.from_month);
END;
CREATE TRIGGER project_payment_allocations_standing_on_insert AFTER INSERT ON project_payment_allocations
BEGIN
    INSERT INTO standing_stale (membership_id, since, from_month)
    SELECT m.id, date(p.paid_at, '+7 hours'), b.contribution_month
    FROM project_bills b JOIN memberships m ON m.construction_project_id = b.construction_project_id
    JOIN payments p ON p.id = NEW.payment_id
    WHERE b.id = NEW.project_bill_id
    ON CONFLICT DO UPDATE SET since = min(since, excluded.since), from_month = min(from_month, excluded.from_month);
END;

-- An unbilled month is priced on the membership's income or wage, employer and programs, and
-- dated by the due-day parameters: a change to any of them recomputes whole.
DROP TRIGGER memberships_standing_on_update;
CREATE TRIGGER memberships_standing_on_update
AFTER UPDATE OF worker_id, segment_code, start_date, end_date, declared_income, payer_code, employer_id ON memberships
BEGIN
    INSERT INTO standing_stale (membership_id) VALUES (NEW.id)
    ON CONFLICT DO UPDATE SET since = NULL, from_month = NULL;
    INSERT INTO standing_stale (membership_id) VALUES (OLD.id)
    ON CONFLICT DO UPDATE SET since = NULL, from_month = NULL;
END;
CREATE TRIGGER membership_programs_standing_on_insert AFTER INSERT ON membership_programs
BEGIN
    INSERT INTO standing_stale (membership_id) VALUES (NEW.membership_id)
    ON CONFLICT DO UPDATE SET since = NULL, from_month = NULL;
END;
CREATE TRIGGER membership_programs_standing_on_delete AFTER DELETE ON membership_programs
BEGIN
    INSERT INTO standing_stale (membership_id) VALUES (OLD.membership_id)
    ON CONFLICT DO UPDATE SET since = NULL, from_month = NULL;
END;
CREATE TRIGGER employers_standing_on_risk_change
AFTER UPDATE OF jkk_risk_group, labour_intensive ON employers
BEGIN
    INSERT INTO standing_stale (membership_id) SELECT id FROM memberships WHERE employer_id = NEW.id
    ON CONFLICT DO UPDATE SET since = NULL, from_month = NULL;
END;
DROP TRIGGER scheme_parameters_standing_on_insert;
DROP TRIGGER scheme_parameters_standing_on_update;
DROP TRIGGER scheme_parameters_standing_on_delete;
CREATE TRIGGER scheme_parameters_standing_on_insert AFTER INSERT ON scheme_parameters
BEGIN
    INSERT INTO standing_stale (membership_id) SELECT id FROM memberships WHERE true
    ON CONFLICT DO UPDATE SET since = NULL, from_month = NULL;
END;
CREATE TRIGGER scheme_parameters_standing_on_update AFTER UPDATE ON scheme_parameters
BEGIN
    INSERT INTO standing_stale (membership_id) SELECT id FROM memberships WHERE true
    ON CONFLICT DO UPDATE SET since = NULL, from_month = NULL;
END;
CREATE TRIGGER scheme_parameters_standing_on_delete AFTER DELETE ON scheme_parameters
BEGIN
    INSERT INTO standing_stale (membership_id) SELECT id FROM memberships WHERE true
    ON CONFLICT DO UPDATE SET since = NULL, from_month = NULL;
END;

CREATE TRIGGER ledger_opening_standing_on_insert AFTER INSERT ON ledger_opening
BEGIN
    INSERT INTO standing_stale (membership_id) SELECT id FROM memberships WHERE true
    ON CONFLICT DO UPDATE SET since = NULL, from_month = NULL;
END;
CREATE TRIGGER ledger_opening_standing_on_update AFTER UPDATE ON ledger_opening
BEGIN
    INSERT INTO standing_stale (membership_id) SELECT id FROM memberships WHERE true
    ON CONFLICT DO UPDATE SET since = NULL, from_month = NULL;
END;
CREATE TRIGGER ledger_opening_standing_on_delete AFTER DELETE ON ledger_opening
BEGIN
    INSERT INTO standing_stale (membership_id) SELECT id FROM memberships WHERE true
    ON CONFLICT DO UPDATE SET since = NULL, from_month = NULL;
END;

-- ---- dues received, on the Jakarta day paid ---------------------------------------------
DROP TRIGGER payment_allocations_dues_received_on_insert;
DROP TRIGGER workers_dues_received_on_move;
CREATE TRIGGER payment_allocations_dues_received_on_insert AFTER INSERT ON payment_allocations
BEGIN
    INSERT INTO dues_received (segment_code, regency_code, paid_on, amount)
    SELECT m.segment_code, substr(w.village_code, 1, 5), date(p.paid_at, '+7 hours'), NEW.amount
    FROM bills b
    JOIN memberships m ON m.id = b.membership_id
    JOIN workers w ON w.id = m.worker_id
    JOIN payments p ON p.id = NEW.payment_id
    WHERE b.id = NEW.bill_id
    ON CONFLICT DO UPDATE SET amount = amount + excluded.amount;
END;
CREATE TRIGGER workers_dues_received_on_move AFTER UPDATE OF village_code ON workers
WHEN substr(OLD.village_code, 1, 5) IS NOT substr(NEW.village_code, 1, 5)
BEGIN
    INSERT INTO dues_received (segment_code, regency_code, paid_on, amount)
    SELECT m.segment_code, r.regency_code, date(p.paid_at, '+7 hours'), r.sign * sum(a.amount)
    FROM (SELECT substr(OLD.village_code, 1, 5) AS regency_code, -1 AS sign
          UNION ALL SELECT substr(NEW.village_code, 1, 5), 1) r
    JOIN memberships m ON m.worker_id = NEW.id
    JOIN bills b ON b.membership_id = m.id
    JOIN payment_allocations a ON a.bill_id = b.id
    JOIN payments p ON p.id = a.payment_id
    WHERE true
    GROUP BY m.segment_code, r.regency_code, date(p.paid_at, '+7 hours')
    ON CONFLICT DO UPDATE SET amount = amount + excluded.amount;
END;
DELETE FROM dues_received;
INSERT INTO dues_received (segment_code, regency_code, paid_on, amount)
SELECT m.segment_code, substr(w.village_code, 1, 5), date(p.paid_at, '+7 hours'), sum(a.amount)
FROM payment_allocations a
JOIN bills b ON b.id = a.bill_id
JOIN memberships m ON m.id = b.membership_id
JOIN workers w ON w.id = m.worker_id
JOIN payments p ON p.id = a.payment_id
GROUP BY 1, 2, 3;
