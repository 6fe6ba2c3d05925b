-- 0029_payment_instants.sql — a payment's paid_at as INTEGER milliseconds since 1970 UTC
--
-- The ledger's rule from here on: INSTANTS are INTEGER milliseconds since 1970 UTC (paid_at,
-- recorded_at; Swift: UnixMilliseconds); CALENDAR DAYS AND MONTHS stay ISO text
-- (contribution_month '2026-03', due_date and every other date '2026-03-15'). An instant is
-- read as a Jakarta (WIB, UTC+7) day everywhere: date(paid_at / 1000, 'unixepoch', '+7 hours')
-- (integer division: the last millisecond of a day, 16:59:59.999Z, stays on it).
--
-- Since 0026/0027 every recorded instant in the ledger is an integer, while the paid instant was
-- still 24-character ISO text: 24 of a payment row's ~85 bytes, and payments 565 of the ledger's
-- 2,240 bytes per member-year (BENCHMARKS Run 19). payments is rebuilt with paid_at INTEGER NOT
-- NULL (the range CHECK of recorded_at); every other column, constraint, index and trigger is
-- 0027's. The copy is exact: CAST(round((julianday(paid_at) - 2440587.5) * 86400000) AS INTEGER),
-- as the text had milliseconds.
--
-- SQLite orders every INTEGER before every TEXT, so comparing paid_at with ISO text counts every
-- payment or none, without an error. The views compare it with report_dates.paid_before_ms (the
-- end of the as-of Jakarta day as an integer, beside 0025's recorded_before_ms); paid_before, the
-- same instant as text, stays for hand-written SQL over the text columns. STRICT refuses ISO
-- text in paid_at: a hand-typed INSERT gives the integer (docs/schema-by-hand.md). In the shell,
-- payments_readable shows each payment with paid_at and recorded_at as ISO UTC text and its
-- Jakarta day (paid_on).
--
-- Rebuilding a parent table with foreign keys on (as 0026 rebuilt bills): renaming payments would
-- rewrite the REFERENCES of payment_allocations, payment_allocation_totals and
-- project_payment_allocations to the old table, so the rows are held in a temp table, payments is
-- dropped and created again under its own name, and the rows copied back. The migrator defers
-- foreign keys to the file's commit: the drop counts every row referring to a payment as a
-- violation, each payment inserted again counts them back. The reversal index is created before
-- the copy, so that counting back a payment's reversal is an index look-up. Applied by hand in
-- the shell, run it with foreign keys off (the shell's default). Derived data (standing,
-- dues_received) was computed from the same Jakarta days and does not change.
--
-- Recreated here (0027's definitions unless said):
--   views     report_dates (+ paid_before_ms), bill_balances (0028's, its due date from
--             bill_due_dates; amount_paid: p.paid_at < r.paid_before_ms),
--             project_bill_balances (the same comparison), target_achievement (the
--             payment's Jakarta day from the integer); new: payments_readable
--   triggers  payments_check_on_insert, payments_check_project_allocations_on_insert,
--             payments_no_replace, payments_no_update, payments_no_delete (unchanged, dropped
--             with the table); payment_allocations_standing_on_insert,
--             payment_allocations_dues_received_on_insert, workers_dues_received_on_move,
--             project_payment_allocations_standing_on_insert (the payment's Jakarta day from the
--             integer)
--   indexes   payments_reverses_id, payments_employer_id (unchanged, dropped with the table)
-- The triggers that name payments without reading paid_at bind to the new table by name.
-- Offline extracts made before this file hold paid_at as text: sync push refuses them (push
-- before upgrading).

CREATE TEMP TABLE payment_instants AS
SELECT id, receipt_number, payer_code, employer_id, amount,
       CAST(round((julianday(paid_at) - 2440587.5) * 86400000) AS INTEGER) AS paid_at,
       months_covered, channel_code, reverses_id, recorded_at, note
FROM payments;

DROP TABLE payments;   -- its indexes and triggers go with it

CREATE TABLE payments (
    id INTEGER PRIMARY KEY,
    receipt_number TEXT NOT NULL UNIQUE CHECK (length(trim(receipt_number)) > 0),
    payer_code TEXT NOT NULL REFERENCES payers (code),
    employer_id INTEGER REFERENCES employers (id),            -- when an employer pays
    amount INTEGER NOT NULL,                                  -- rupiah
    -- milliseconds since 1970 UTC, through the end of 9999-12-31; its day is the Jakarta day
    paid_at INTEGER NOT NULL
        CONSTRAINT paid_at_must_be_milliseconds_since_1970
        CHECK (paid_at BETWEEN 0 AND 253402300799999),
    months_covered INTEGER CHECK (months_covered > 0),       -- BPU pays 1, 3, 6 or 12 months
    channel_code TEXT NOT NULL REFERENCES payment_channels (code),
    reverses_id INTEGER REFERENCES payments (id),            -- unique: payments_reverses_id
    -- milliseconds since 1970 UTC, through the end of 9999-12-31
    recorded_at INTEGER NOT NULL DEFAULT (CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER))
        CONSTRAINT recorded_at_must_be_milliseconds_since_1970
        CHECK (recorded_at BETWEEN 0 AND 253402300799999),
    note TEXT,
    CONSTRAINT negative_amount_only_on_reversing_rows
        CHECK (amount >= 0 OR reverses_id IS NOT NULL),
    CONSTRAINT employer_only_on_payments_by_an_employer
        CHECK (employer_id IS NULL OR payer_code = 'employer')
) STRICT;

-- A payment is reversed once: the rule of the old column UNIQUE, on the reversals only.
CREATE UNIQUE INDEX payments_reverses_id ON payments (reverses_id) WHERE reverses_id IS NOT NULL;

INSERT INTO payments (id, receipt_number, payer_code, employer_id, amount, paid_at, months_covered,
                      channel_code, reverses_id, recorded_at, note)
SELECT id, receipt_number, payer_code, employer_id, amount, paid_at, months_covered,
       channel_code, reverses_id, recorded_at, note
FROM temp.payment_instants ORDER BY id;

DROP TABLE temp.payment_instants;

CREATE INDEX payments_employer_id ON payments (employer_id) WHERE employer_id IS NOT NULL;

-- ---- payments: consistency and append-only (0027, unchanged) --------------------------------

CREATE TRIGGER payments_check_on_insert
BEFORE INSERT ON payments
BEGIN
    SELECT RAISE(ABORT, 'this payment has already been reversed')
    WHERE NEW.reverses_id IS NOT NULL
      AND EXISTS (SELECT 1 FROM payments WHERE reverses_id = NEW.reverses_id);
    SELECT RAISE(ABORT, 'a reversing payment must have the same payer and exactly the negated amount of the payment it reverses, which must not itself be a reversal')
    WHERE NEW.reverses_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM payments o
                      WHERE o.id = NEW.reverses_id AND o.reverses_id IS NULL
                        AND o.payer_code = NEW.payer_code AND o.amount = -NEW.amount);
    -- Allocations never exceed what was paid, net of reversals: a payment that
    -- bounced has its allocations reversed first, then the payment itself.
    SELECT RAISE(ABORT, 'a payment with allocations cannot be reversed: reverse its allocations first')
    WHERE NEW.reverses_id IS NOT NULL
      AND (SELECT coalesce(sum(amount), 0) FROM payment_allocations WHERE payment_id = NEW.reverses_id) > 0;
END;

CREATE TRIGGER payments_check_project_allocations_on_insert
BEFORE INSERT ON payments
WHEN NEW.reverses_id IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a payment with allocations cannot be reversed: reverse its allocations first')
    WHERE (SELECT coalesce(sum(amount), 0) FROM project_payment_allocations WHERE payment_id = NEW.reverses_id) > 0;
END;

CREATE TRIGGER payments_no_replace BEFORE INSERT ON payments
BEGIN
    SELECT RAISE(ABORT, 'the dues ledger is append-only: a payment with this id already exists (INSERT OR REPLACE cannot overwrite it)')
    WHERE EXISTS (SELECT 1 FROM payments WHERE id = NEW.id);
END;
CREATE TRIGGER payments_no_update BEFORE UPDATE ON payments
BEGIN
    SELECT RAISE(ABORT, 'the dues ledger is append-only: a payment cannot be changed; insert a reversing payment (reverses_id, negated amount) and a new one');
END;
CREATE TRIGGER payments_no_delete BEFORE DELETE ON payments
BEGIN
    SELECT RAISE(ABORT, 'the dues ledger is append-only: a payment cannot be deleted; insert a reversing payment (reverses_id, negated amount)');
END;

-- ---- the triggers that read a payment's Jakarta day -----------------------------------------

DROP TRIGGER payment_allocations_standing_on_insert;
DROP TRIGGER payment_allocations_dues_received_on_insert;
DROP TRIGGER workers_dues_received_on_move;
DROP TRIGGER project_payment_allocations_standing_on_insert;

CREATE TRIGGER payment_allocations_standing_on_insert AFTER INSERT ON payment_allocations
BEGIN
    INSERT INTO standing_stale (membership_id, since, from_month)
    SELECT b.membership_id, date(p.paid_at / 1000, 'unixepoch', '+7 hours'), b.contribution_month
    FROM bills b, payments p WHERE b.id = NEW.bill_id AND p.id = NEW.payment_id
    ON CONFLICT DO UPDATE SET since = min(since, excluded.since), from_month = min(from_month, excluded.from_month);
END;

CREATE TRIGGER payment_allocations_dues_received_on_insert AFTER INSERT ON payment_allocations
BEGIN
    INSERT INTO dues_received (segment_code, regency_code, paid_on, amount)
    SELECT m.segment_code, substr(w.village_code, 1, 5), date(p.paid_at / 1000, 'unixepoch', '+7 hours'), NEW.amount
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
    SELECT m.segment_code, r.regency_code, date(p.paid_at / 1000, 'unixepoch', '+7 hours'), r.sign * sum(a.amount)
    FROM (SELECT substr(OLD.village_code, 1, 5) AS regency_code, -1 AS sign
          UNION ALL SELECT substr(NEW.village_code, 1, 5), 1) r
    JOIN memberships m ON m.worker_id = NEW.id
    JOIN bills b ON b.membership_id = m.id
    JOIN payment_allocations a ON a.bill_id = b.id
    JOIN payments p ON p.id = a.payment_id
    WHERE true
    GROUP BY m.segment_code, r.regency_code, date(p.paid_at / 1000, 'unixepoch', '+7 hours')
    ON CONFLICT DO UPDATE SET amount = amount + excluded.amount;
END;

CREATE TRIGGER project_payment_allocations_standing_on_insert AFTER INSERT ON project_payment_allocations
BEGIN
    INSERT INTO standing_stale (membership_id, since, from_month)
    SELECT m.id, date(p.paid_at / 1000, 'unixepoch', '+7 hours'), b.contribution_month
    FROM project_bills b JOIN memberships m ON m.construction_project_id = b.construction_project_id
    JOIN payments p ON p.id = NEW.payment_id
    WHERE b.id = NEW.project_bill_id
    ON CONFLICT DO UPDATE SET since = min(since, excluded.since), from_month = min(from_month, excluded.from_month);
END;

-- ---- views ----------------------------------------------------------------------------------

DROP VIEW report_dates;
CREATE VIEW report_dates AS
SELECT d.as_of,
       strftime('%Y-%m-%dT%H:%M:%fZ', d.as_of, '+1 day', '-7 hours') AS paid_before,
       k.known_on,
       CASE WHEN k.known_on >= '9999-12-31' THEN '9999-12-31T23:59:59.999Z'
            ELSE strftime('%Y-%m-%dT%H:%M:%fZ', k.known_on, '+1 day', '-7 hours') END AS recorded_before,
       CASE WHEN k.known_on >= '9999-12-31' THEN 253402300799999
            ELSE CAST(round((julianday(k.known_on, '+1 day', '-7 hours') - 2440587.5) * 86400000) AS INTEGER)
       END AS recorded_before_ms,
       -- the end of the as-of Jakarta day: compare payments.paid_at with this
       CASE WHEN d.as_of >= '9999-12-31' THEN 253402300799999
            ELSE CAST(round((julianday(d.as_of, '+1 day', '-7 hours') - 2440587.5) * 86400000) AS INTEGER)
       END AS paid_before_ms
FROM report_as_of d, report_known_on k;

DROP VIEW bill_balances;
DROP VIEW project_bill_balances;
DROP VIEW target_achievement;

CREATE VIEW bill_balances AS
SELECT b.id AS bill_id,
       b.membership_id,
       b.contribution_month,
       d.due_date,
       (coalesce(b.jkk_employer, 0) + coalesce(b.jkk_worker, 0) + coalesce(b.jkm_employer, 0) + coalesce(b.jkm_worker, 0) + coalesce(b.jht_employer, 0) + coalesce(b.jht_worker, 0) + coalesce(b.jp_employer, 0) + coalesce(b.jp_worker, 0))
       + (SELECT coalesce(sum(l.amount), 0) FROM bill_adjustments l
                  WHERE l.bill_id = b.id AND l.recorded_at < r.recorded_before_ms) AS amount_due,
       (SELECT coalesce(sum(a.amount), 0) FROM payment_allocations a JOIN payments p ON p.id = a.payment_id
         WHERE a.bill_id = b.id AND a.recorded_at < r.recorded_before_ms AND p.paid_at < r.paid_before_ms) AS amount_paid,
       r.as_of
FROM bills b JOIN bill_due_dates d ON d.bill_id = b.id, report_dates r
WHERE b.recorded_at < r.recorded_before_ms;

CREATE VIEW project_bill_balances AS
SELECT b.id AS project_bill_id,
       b.construction_project_id,
       b.contribution_month,
       b.due_date,
       (SELECT coalesce(sum(l.amount), 0) FROM project_bill_lines l
         WHERE l.project_bill_id = b.id AND l.recorded_at < r.recorded_before) AS amount_due,
       (SELECT coalesce(sum(a.amount), 0) FROM project_payment_allocations a JOIN payments p ON p.id = a.payment_id
         WHERE a.project_bill_id = b.id AND a.recorded_at < r.recorded_before AND p.paid_at < r.paid_before_ms) AS amount_paid,
       r.as_of
FROM project_bills b, report_dates r
WHERE b.recorded_at < r.recorded_before;

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
    WHERE date(p.paid_at / 1000, 'unixepoch', '+7 hours') BETWEEN t.period_start AND t.period_end
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

-- Payments as a person reads them: the instants as ISO UTC text, and the Jakarta day the
-- payment counts on. Filter by day on paid_on here, or on paid_at with an integer (the table).
CREATE VIEW payments_readable AS
SELECT id, receipt_number, payer_code, employer_id, amount,
       strftime('%Y-%m-%dT%H:%M:%fZ', paid_at / 1000.0, 'unixepoch') AS paid_at,
       date(paid_at / 1000, 'unixepoch', '+7 hours') AS paid_on,
       months_covered, channel_code, reverses_id,
       strftime('%Y-%m-%dT%H:%M:%fZ', recorded_at / 1000.0, 'unixepoch') AS recorded_at,
       note
FROM payments;
