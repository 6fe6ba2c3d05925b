-- 0028_derived_due_dates.sql — a bill's due date is derived from the rules, not stored
--
-- A bill's due date is not a fact of its own: the billing run sets it from the membership's
-- segment, the contribution month and the rules in force on the month's first day, and
-- `registry check` refused a bill whose stored date differed. Stored, it took 11 bytes a bill.
-- So bills loses due_date, and the one rule below derives it wherever it is read.
--
-- ============ A BILLED MONTH'S DUE DATE (replaces that line of 0022's header) ============
-- A contribution month M of a membership is DUE at D when its due date is before D; for a
-- billed month (a bill recorded by K) that is the bill's due date, now derived (bill_due_dates):
--   * informal (BPU): day bpu_due_day_of_month of M itself;
--   * wage earner (PU), and construction (JAKON) as the library dates it: day
--     pu_due_day_of_following_month of the month after M;
--     each the scheme_parameters row in force on M's first day; day 15 when none is (as an
--     unbilled month, last_due_months); a day past the month's end is its last day, a day 0
--     its first (ContributionMonth.day(_:));
--   * migrant (PMI): the membership's start_date (the placement's departure).
-- The billing run (BillingSubject.dueDate(for:rules:)) refuses a month with no due-day rule in
-- force, so a bill is dated by day 15 only if its rule was later closed (effective_to) before
-- the month without a new row: the same day the views give an unbilled month then. Unbilled
-- months are unchanged (0022). Project (JAKON) bills keep their stored due date: project_bills
-- is a separate, small table, and a project's due date counts working days from its work order.
-- ======================================================================================
--
-- Before anything is dropped, every stored due date is compared with the rule: a date set by
-- hand that differs stops the migration (nothing is changed), so a register never loses one
-- silently. (By hand in the shell, run this file with `sqlite3 -bail`: the shell otherwise goes
-- on after an error, and would drop the table the refusal protects.) Find them on the register
-- (still at 0027) with:
--   SELECT b.id, b.due_date, d.due_date AS rule FROM bills b JOIN bill_due_dates d ON d.bill_id = b.id
--   WHERE b.due_date IS NOT d.due_date;   -- after creating the view below by hand
--
-- The rebuild is 0026's, for the same reason: renaming bills would point its children
-- (payment_allocations, bill_adjustments) and every view and trigger naming it at the old
-- table, and PRAGMA foreign_keys cannot change inside the migration's transaction. So the rows
-- are kept in a temp table, bills is dropped and created again under its name, and the rows
-- are copied back by id; the migrator's deferred foreign keys count the children back to zero.
-- Views and triggers of other tables that name only `bills` bind to the new table by name.
-- Recreated here:
--   table     bills (same ids, columns and constraints, less due_date; its UNIQUE index)
--   triggers  bills_check_on_insert, bills_no_replace, bills_no_update, bills_no_delete
--             (unchanged), bills_standing_on_insert, bill_adjustments_standing_on_insert
--   views     bill_due_dates (new), bill_balances (its due_date column from bill_due_dates)
-- Offline extracts made before this file insert bills with a due_date: sync push refuses them
-- (push before upgrading).

-- ---- the rule, in one place -------------------------------------------------------------------
-- Bound to `bills` by name: it reads the old table for the comparison and the new one after.

CREATE VIEW bill_due_dates (bill_id, due_date) AS
SELECT b.id,
       CASE m.segment_code
           WHEN 'migrant' THEN m.start_date
           WHEN 'informal' THEN
               min(date(b.contribution_month || '-01',
                        printf('+%d days', max(coalesce((SELECT p.value FROM scheme_parameters p
                                                         WHERE p.code = 'bpu_due_day_of_month'
                                                           AND p.effective_from <= b.contribution_month || '-01'
                                                           AND coalesce(p.effective_to, '9999-12-31') >= b.contribution_month || '-01'),
                                                        15), 1) - 1)),
                   date(b.contribution_month || '-01', '+1 month', '-1 day'))
           ELSE
               min(date(b.contribution_month || '-01', '+1 month',
                        printf('+%d days', max(coalesce((SELECT p.value FROM scheme_parameters p
                                                         WHERE p.code = 'pu_due_day_of_following_month'
                                                           AND p.effective_from <= b.contribution_month || '-01'
                                                           AND coalesce(p.effective_to, '9999-12-31') >= b.contribution_month || '-01'),
                                                        15), 1) - 1)),
                   date(b.contribution_month || '-01', '+2 months', '-1 day'))
       END
FROM bills b JOIN memberships m ON m.id = b.membership_id;

-- ---- every stored date must be the rule's -----------------------------------------------------
-- RAISE works only in a trigger: the first differing bill (if any) is inserted into a temp
-- table whose trigger refuses it with the rule it breaks.

CREATE TEMP TABLE due_date_differs (bill_id INTEGER, segment_code TEXT);
CREATE TEMP TRIGGER due_date_differs_refused BEFORE INSERT ON due_date_differs
BEGIN
    SELECT RAISE(ABORT, '0028 not applied: an informal (BPU) bill''s stored due_date differs from the rule (day scheme_parameters bpu_due_day_of_month of its month, in force on the month''s first day; 15 when none is): the rule alone would lose it. Find it with the query in 0028''s header; nothing was changed')
    WHERE NEW.segment_code = 'informal';
    SELECT RAISE(ABORT, '0028 not applied: a migrant (PMI) bill''s stored due_date differs from the rule (the membership''s start_date): the rule alone would lose it. Find it with the query in 0028''s header; nothing was changed')
    WHERE NEW.segment_code = 'migrant';
    SELECT RAISE(ABORT, '0028 not applied: a wage-earner (PU) bill''s stored due_date differs from the rule (day scheme_parameters pu_due_day_of_following_month of the following month, in force on the month''s first day; 15 when none is): the rule alone would lose it. Find it with the query in 0028''s header; nothing was changed');
END;
INSERT INTO temp.due_date_differs (bill_id, segment_code)
SELECT b.id, m.segment_code
FROM bills b JOIN bill_due_dates d ON d.bill_id = b.id JOIN memberships m ON m.id = b.membership_id
WHERE b.due_date IS NOT d.due_date
LIMIT 1;
DROP TABLE temp.due_date_differs;   -- its trigger goes with it

-- ---- the rows, kept while bills is rebuilt ----------------------------------------------------

CREATE TEMP TABLE bills_before_0028 AS
SELECT id, membership_id, contribution_month, recorded_at, note,
       jkk_employer, jkk_worker, jkm_employer, jkm_worker,
       jht_employer, jht_worker, jp_employer, jp_worker, worker_payer_code
FROM bills;

DROP VIEW bill_balances;
DROP TRIGGER bill_adjustments_standing_on_insert;
DROP TABLE bills;   -- its UNIQUE index and its own triggers go with it

-- ---- bills ------------------------------------------------------------------------------------

CREATE TABLE bills (
    id INTEGER PRIMARY KEY,
    membership_id INTEGER NOT NULL REFERENCES memberships (id),
    contribution_month TEXT NOT NULL
        CONSTRAINT contribution_month_must_be_yyyy_mm
        CHECK (contribution_month || '-01' IS date(contribution_month || '-01', '+0 days')),
    -- Milliseconds since 1970 UTC (STRICT refuses text), from 1970 to the end of 9999.
    recorded_at INTEGER NOT NULL DEFAULT (CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER))
        CONSTRAINT recorded_at_must_be_milliseconds_since_1970
        CHECK (recorded_at BETWEEN 0 AND 253402300799999),
    note TEXT,
    -- The billing run's dues lines, rupiah; NULL: no such line on this bill.
    jkk_employer INTEGER CHECK (jkk_employer >= 0),
    jkk_worker INTEGER CHECK (jkk_worker >= 0),
    jkm_employer INTEGER CHECK (jkm_employer >= 0),
    jkm_worker INTEGER CHECK (jkm_worker >= 0),
    jht_employer INTEGER CHECK (jht_employer >= 0),
    jht_worker INTEGER CHECK (jht_worker >= 0),
    jp_employer INTEGER CHECK (jp_employer >= 0),
    jp_worker INTEGER CHECK (jp_worker >= 0),
    -- Who pays the *_worker columns: 'self' or a sponsor (the employer's are 'employer').
    worker_payer_code TEXT REFERENCES payers (code)
        CONSTRAINT worker_columns_not_paid_by_the_employer CHECK (worker_payer_code <> 'employer'),
    CONSTRAINT one_bill_per_membership_and_month UNIQUE (membership_id, contribution_month),
    CONSTRAINT worker_payer_exactly_when_a_worker_column_is_set
        CHECK ((worker_payer_code IS NULL)
               = (jkk_worker IS NULL AND jkm_worker IS NULL AND jht_worker IS NULL AND jp_worker IS NULL))
) STRICT;
-- (membership_id, contribution_month) is indexed by the UNIQUE constraint.

INSERT INTO bills (id, membership_id, contribution_month, recorded_at, note,
                   jkk_employer, jkk_worker, jkm_employer, jkm_worker,
                   jht_employer, jht_worker, jp_employer, jp_worker, worker_payer_code)
SELECT id, membership_id, contribution_month, recorded_at, note,
       jkk_employer, jkk_worker, jkm_employer, jkm_worker,
       jht_employer, jht_worker, jp_employer, jp_worker, worker_payer_code
FROM temp.bills_before_0028 ORDER BY id;

DROP TABLE temp.bills_before_0028;

-- ---- bills: consistency and append-only (0007, 0016, 0026; unchanged) -------------------------

CREATE TRIGGER bills_check_on_insert
BEFORE INSERT ON bills
BEGIN
    SELECT RAISE(ABORT, 'the contribution month of this bill lies outside the membership period')
    WHERE EXISTS (SELECT 1 FROM memberships m
                  WHERE m.id = NEW.membership_id
                    AND (NEW.contribution_month || '-01' > coalesce(m.end_date, '9999-12-31')
                         OR date(NEW.contribution_month || '-01', '+1 month', '-1 day') < m.start_date));
    SELECT RAISE(ABORT, 'a bill line''s program must be one of the membership''s programs (membership_programs)')
    WHERE EXISTS (SELECT 1 FROM memberships WHERE id = NEW.membership_id)
      AND ((NEW.jkk_employer IS NOT NULL OR NEW.jkk_worker IS NOT NULL)
           AND NOT EXISTS (SELECT 1 FROM membership_programs WHERE membership_id = NEW.membership_id AND program_code = 'JKK')
        OR (NEW.jkm_employer IS NOT NULL OR NEW.jkm_worker IS NOT NULL)
           AND NOT EXISTS (SELECT 1 FROM membership_programs WHERE membership_id = NEW.membership_id AND program_code = 'JKM')
        OR (NEW.jht_employer IS NOT NULL OR NEW.jht_worker IS NOT NULL)
           AND NOT EXISTS (SELECT 1 FROM membership_programs WHERE membership_id = NEW.membership_id AND program_code = 'JHT')
        OR (NEW.jp_employer IS NOT NULL OR NEW.jp_worker IS NOT NULL)
           AND NOT EXISTS (SELECT 1 FROM membership_programs WHERE membership_id = NEW.membership_id AND program_code = 'JP'));
END;

CREATE TRIGGER bills_no_replace BEFORE INSERT ON bills
BEGIN
    SELECT RAISE(ABORT, 'the dues ledger is append-only: a bill with this id already exists (INSERT OR REPLACE cannot overwrite it)')
    WHERE EXISTS (SELECT 1 FROM bills WHERE id = NEW.id);
END;
CREATE TRIGGER bills_no_update BEFORE UPDATE ON bills
BEGIN
    SELECT RAISE(ABORT, 'the dues ledger is append-only: a bill cannot be changed; correct its lines with reversing bill lines');
END;
CREATE TRIGGER bills_no_delete BEFORE DELETE ON bills
BEGIN
    SELECT RAISE(ABORT, 'the dues ledger is append-only: a bill cannot be deleted; reverse its lines instead');
END;

-- ---- what makes a membership stale (0022) -----------------------------------------------------
-- A bill changes the standing from the earlier of its due date and its month's first day. The
-- rule's date is never before the month's first day except a migrant's (its start date, when
-- its bill is for a later month), so the earlier day is the month's first day, or the start
-- date for a migrant: no rule lookup on each of the billing run's inserts, same day as before.

CREATE TRIGGER bills_standing_on_insert AFTER INSERT ON bills
BEGIN
    INSERT INTO standing_stale (membership_id, since, from_month)
    SELECT m.id,
           CASE m.segment_code WHEN 'migrant' THEN min(m.start_date, NEW.contribution_month || '-01')
                               ELSE NEW.contribution_month || '-01' END,
           NEW.contribution_month
    FROM memberships m WHERE m.id = NEW.membership_id
    ON CONFLICT DO UPDATE SET since = min(since, excluded.since), from_month = min(from_month, excluded.from_month);
END;

CREATE TRIGGER bill_adjustments_standing_on_insert AFTER INSERT ON bill_adjustments
BEGIN
    INSERT INTO standing_stale (membership_id, since, from_month)
    SELECT m.id,
           CASE m.segment_code WHEN 'migrant' THEN min(m.start_date, b.contribution_month || '-01')
                               ELSE b.contribution_month || '-01' END,
           b.contribution_month
    FROM bills b JOIN memberships m ON m.id = b.membership_id WHERE b.id = NEW.bill_id
    ON CONFLICT DO UPDATE SET since = min(since, excluded.since), from_month = min(from_month, excluded.from_month);
END;

-- ---- bill_balances: 0027's, the due date from the rule ----------------------------------------

-- A bill's columns are recorded with it: counted when the bill is.
CREATE VIEW bill_balances AS
SELECT b.id AS bill_id,
       b.membership_id,
       b.contribution_month,
       d.due_date,
       (coalesce(b.jkk_employer, 0) + coalesce(b.jkk_worker, 0) + coalesce(b.jkm_employer, 0) + coalesce(b.jkm_worker, 0) + coalesce(b.jht_employer, 0) + coalesce(b.jht_worker, 0) + coalesce(b.jp_employer, 0) + coalesce(b.jp_worker, 0))
       + (SELECT coalesce(sum(l.amount), 0) FROM bill_adjustments l
                  WHERE l.bill_id = b.id AND l.recorded_at < r.recorded_before_ms) AS amount_due,
       (SELECT coalesce(sum(a.amount), 0) FROM payment_allocations a JOIN payments p ON p.id = a.payment_id
         WHERE a.bill_id = b.id AND a.recorded_at < r.recorded_before_ms AND p.paid_at < r.paid_before) AS amount_paid,
       r.as_of
FROM bills b JOIN bill_due_dates d ON d.bill_id = b.id, report_dates r
WHERE b.recorded_at < r.recorded_before_ms;
