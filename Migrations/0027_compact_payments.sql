-- 0027_compact_payments.sql — payments and their allocations, rebuilt compact
--
-- The ledger is the register's largest part (about 40M members, a payment and its allocations
-- every month). Per member-year (BENCHMARKS Run 13) payments took 703 bytes, its receipt UNIQUE
-- 195 and its reverses_id UNIQUE 70; payment_allocations 522, with 155 for the payment_id
-- index, 150 for bill_id and 116 for its reverses_id UNIQUE. Three things cost most of it: a
-- 24-character ISO recorded_at on every row; the UNIQUE column constraints on reverses_id,
-- whose indexes hold an entry for every row, NULL included, and cannot be made partial without
-- rebuilding the table; and an allocation's rowid, with an index to find a bill's allocations.
--
-- payments            the same columns. recorded_at is INTEGER milliseconds since 1970 UTC
--                     (UnixMilliseconds): compare it only with an integer (report_dates'
--                     recorded_before_ms, or a bound UnixMilliseconds), as SQLite orders every
--                     INTEGER before every TEXT. paid_at stays ISO text: it is the domain's
--                     fact, read as a Jakarta day by the views and triggers
--                     (date(paid_at, '+7 hours')). reverses_id keeps its rule (a payment is
--                     reversed once) through a partial unique index on the reversals only.
-- payment_allocations WITHOUT ROWID, keyed (bill_id, payment_id, reversal): a bill's, and so a
--                     membership's, allocations are one range of the table, and the bill_id
--                     index goes. reversal is 0 for an allocation, 1 for its reversal, which
--                     needs the allocation and negates it exactly (the trigger below); the key
--                     says what a reversal reverses, so id and reverses_id go. A payment
--                     allocates to a bill once (an informal payment settles distinct months, an
--                     employer's one bill per wage earner, a migrant's its placement's bill), so
--                     the key needs no sequence number: a second allocation of one payment to
--                     one bill is refused. One secondary index, (payment_id): a payment's
--                     allocations, for its reversal, sync and its detail.
-- payment_allocation_totals and project_payment_allocations are rebuilt unchanged: they refer
-- to payments (id), and a table whose parent is renamed follows the rename.
--
-- How the rebuild keeps the foreign keys (the migrator runs each file in a transaction, with
-- foreign keys on, which cannot be turned off inside it): the old tables are renamed out of the
-- way first (their children, views and triggers follow the new names), the new tables are
-- created under the old names and filled, and the old ones dropped children first, so dropping
-- them deletes no row anything still refers to. Views and triggers that named the old tables are
-- dropped and created again. Every row is copied; timestamps to the same millisecond; an
-- allocation's reversal becomes reversal = 1 under its original's bill and payment.
-- Recreated here (the definitions are those of 0007, 0013, 0020 and 0022 unless said):
--   views     bill_balances (recorded_at compared with recorded_before_ms), project_bill_balances,
--             target_achievement
--   triggers  payments_check_on_insert, payments_check_project_allocations_on_insert,
--             payments_no_replace, payments_no_update, payments_no_delete,
--             payment_allocations_check_on_insert (the reversal rules on the key),
--             payment_allocations_no_replace, _no_update, _no_delete,
--             payment_allocation_totals_on_insert, payment_allocation_totals_no_delete,
--             payment_allocations_standing_on_insert, payment_allocations_dues_received_on_insert,
--             workers_dues_received_on_move,
--             project_payment_allocations_check_on_insert, _totals_on_insert, _standing_on_insert,
--             _no_replace, _no_update, _no_delete
-- Offline extracts made before this file name payment_allocations' old columns: sync push
-- refuses them (push before upgrading).

ALTER TABLE payments RENAME TO payments_before_0027;
ALTER TABLE payment_allocations RENAME TO payment_allocations_before_0027;
ALTER TABLE payment_allocation_totals RENAME TO payment_allocation_totals_before_0027;
ALTER TABLE project_payment_allocations RENAME TO project_payment_allocations_before_0027;

CREATE TABLE payments (
    id INTEGER PRIMARY KEY,
    receipt_number TEXT NOT NULL UNIQUE CHECK (length(trim(receipt_number)) > 0),
    payer_code TEXT NOT NULL REFERENCES payers (code),
    employer_id INTEGER REFERENCES employers (id),            -- when an employer pays
    amount INTEGER NOT NULL,                                  -- rupiah
    paid_at TEXT NOT NULL
        CONSTRAINT paid_at_must_be_utc_timestamp_with_milliseconds
        CHECK (paid_at IS strftime('%Y-%m-%dT%H:%M:%fZ', paid_at, '+0 days')),
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

CREATE TABLE payment_allocations (
    bill_id INTEGER NOT NULL REFERENCES bills (id),
    payment_id INTEGER NOT NULL REFERENCES payments (id),
    reversal INTEGER NOT NULL DEFAULT 0 CHECK (reversal IN (0, 1)),
    amount INTEGER NOT NULL,                                  -- rupiah
    recorded_at INTEGER NOT NULL DEFAULT (CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER))
        CONSTRAINT recorded_at_must_be_milliseconds_since_1970
        CHECK (recorded_at BETWEEN 0 AND 253402300799999),
    PRIMARY KEY (bill_id, payment_id, reversal),
    CONSTRAINT negative_amount_only_on_reversing_rows
        CHECK (CASE reversal WHEN 0 THEN amount >= 0 ELSE amount <= 0 END)
) STRICT, WITHOUT ROWID;

CREATE TABLE payment_allocation_totals (
    payment_id INTEGER PRIMARY KEY REFERENCES payments (id),
    -- Σ payment_allocations.amount of the payment, reversals included.
    allocated INTEGER NOT NULL
) STRICT;

CREATE TABLE project_payment_allocations (
    id INTEGER PRIMARY KEY,
    payment_id INTEGER NOT NULL REFERENCES payments (id),
    project_bill_id INTEGER NOT NULL REFERENCES project_bills (id),
    amount INTEGER NOT NULL,                                   -- rupiah
    reverses_id INTEGER UNIQUE REFERENCES project_payment_allocations (id),
    recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        CHECK (recorded_at IS strftime('%Y-%m-%dT%H:%M:%fZ', recorded_at, '+0 days')),
    CONSTRAINT negative_amount_only_on_reversing_rows
        CHECK (amount >= 0 OR reverses_id IS NOT NULL)
) STRICT;

-- ---- the copy ------------------------------------------------------------------------------
-- In key order, so each B-tree is written front to back.

INSERT INTO payments (id, receipt_number, payer_code, employer_id, amount, paid_at, months_covered,
                      channel_code, reverses_id, recorded_at, note)
SELECT id, receipt_number, payer_code, employer_id, amount, paid_at, months_covered,
       channel_code, reverses_id, CAST(round((julianday(recorded_at) - 2440587.5) * 86400000) AS INTEGER), note
FROM payments_before_0027 ORDER BY id;

-- A reversal carries its original's payment and bill (0007's trigger required it).
INSERT INTO payment_allocations (bill_id, payment_id, reversal, amount, recorded_at)
SELECT bill_id, payment_id, reverses_id IS NOT NULL, amount,
       CAST(round((julianday(recorded_at) - 2440587.5) * 86400000) AS INTEGER)
FROM payment_allocations_before_0027
ORDER BY bill_id, payment_id, reverses_id IS NOT NULL;

INSERT INTO payment_allocation_totals (payment_id, allocated)
SELECT payment_id, allocated FROM payment_allocation_totals_before_0027 ORDER BY payment_id;

INSERT INTO project_payment_allocations (id, payment_id, project_bill_id, amount, reverses_id, recorded_at)
SELECT id, payment_id, project_bill_id, amount, reverses_id, recorded_at
FROM project_payment_allocations_before_0027 ORDER BY id;

-- Views and triggers on other tables that named the old tables (the renames pointed them there).
DROP VIEW bill_balances;
DROP VIEW project_bill_balances;
DROP VIEW target_achievement;
DROP TRIGGER workers_dues_received_on_move;

-- Children first: nothing left refers to a row these delete.
DROP TABLE project_payment_allocations_before_0027;
DROP TABLE payment_allocation_totals_before_0027;
DROP TABLE payment_allocations_before_0027;
DROP TABLE payments_before_0027;

-- ---- indexes -------------------------------------------------------------------------------

-- A payment is reversed once: the rule of the old column UNIQUE, on the reversals only.
CREATE UNIQUE INDEX payments_reverses_id ON payments (reverses_id) WHERE reverses_id IS NOT NULL;
CREATE INDEX payments_employer_id ON payments (employer_id) WHERE employer_id IS NOT NULL;
-- A payment's allocations: its reversal, sync, its detail, the checks on insert.
CREATE INDEX payment_allocations_payment_id ON payment_allocations (payment_id);
CREATE INDEX project_payment_allocations_payment_id ON project_payment_allocations (payment_id);
CREATE INDEX project_payment_allocations_project_bill_id ON project_payment_allocations (project_bill_id);

-- ---- payments: consistency and append-only (0007, 0020) -------------------------------------

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

-- ---- payment_allocations: the reversal rules on the key, append-only ----------------------

CREATE TRIGGER payment_allocations_check_on_insert
BEFORE INSERT ON payment_allocations
BEGIN
    SELECT RAISE(ABORT, 'this allocation has already been reversed')
    WHERE NEW.reversal = 1
      AND EXISTS (SELECT 1 FROM payment_allocations
                  WHERE bill_id = NEW.bill_id AND payment_id = NEW.payment_id AND reversal = 1);
    SELECT RAISE(ABORT, 'a reversing allocation (reversal 1) needs the allocation of the same payment to the same bill (reversal 0) and exactly its negated amount')
    WHERE NEW.reversal = 1
      AND NOT EXISTS (SELECT 1 FROM payment_allocations o
                      WHERE o.bill_id = NEW.bill_id AND o.payment_id = NEW.payment_id AND o.reversal = 0
                        AND o.amount = -NEW.amount);
    SELECT RAISE(ABORT, 'allocations would exceed the payment amount: a payment cannot be allocated for more than was paid')
    WHERE NEW.amount > 0
      AND EXISTS (SELECT 1 FROM payments WHERE id = NEW.payment_id)
      AND coalesce((SELECT allocated FROM payment_allocation_totals WHERE payment_id = NEW.payment_id), 0)
          + NEW.amount > (SELECT sum(amount) FROM payments            -- net of a reversal, so a
                          WHERE id = NEW.payment_id                     -- bounced payment has
                             OR reverses_id = NEW.payment_id);          -- nothing left to allocate
    SELECT RAISE(ABORT, 'allocations would exceed the amount billed: a bill cannot be paid for more than the sum of its lines')
    WHERE NEW.amount > 0
      AND EXISTS (SELECT 1 FROM bills WHERE id = NEW.bill_id)
      AND (SELECT coalesce(sum(amount), 0) FROM payment_allocations WHERE bill_id = NEW.bill_id)
          + NEW.amount > (SELECT (coalesce(jkk_employer, 0) + coalesce(jkk_worker, 0) + coalesce(jkm_employer, 0) + coalesce(jkm_worker, 0) + coalesce(jht_employer, 0) + coalesce(jht_worker, 0) + coalesce(jp_employer, 0) + coalesce(jp_worker, 0))
                          FROM bills WHERE id = NEW.bill_id)
                         + (SELECT coalesce(sum(amount), 0) FROM bill_adjustments WHERE bill_id = NEW.bill_id);
END;

-- A second allocation of one payment to one bill (a reversal's second is refused above).
CREATE TRIGGER payment_allocations_no_replace BEFORE INSERT ON payment_allocations
BEGIN
    SELECT RAISE(ABORT, 'the dues ledger is append-only: this payment already has an allocation to this bill (INSERT OR REPLACE cannot overwrite it)')
    WHERE NEW.reversal = 0
      AND EXISTS (SELECT 1 FROM payment_allocations
                  WHERE bill_id = NEW.bill_id AND payment_id = NEW.payment_id AND reversal = 0);
END;
CREATE TRIGGER payment_allocations_no_update BEFORE UPDATE ON payment_allocations
BEGIN
    SELECT RAISE(ABORT, 'the dues ledger is append-only: an allocation cannot be changed; insert its reversal (reversal 1, negated amount) and a new allocation');
END;
CREATE TRIGGER payment_allocations_no_delete BEFORE DELETE ON payment_allocations
BEGIN
    SELECT RAISE(ABORT, 'the dues ledger is append-only: an allocation cannot be deleted; insert its reversal (reversal 1, negated amount)');
END;

-- ---- derived data kept by triggers (0013, 0022) ---------------------------------------------

CREATE TRIGGER payment_allocation_totals_on_insert
AFTER INSERT ON payment_allocations
BEGIN
    INSERT INTO payment_allocation_totals (payment_id, allocated) VALUES (NEW.payment_id, NEW.amount)
    ON CONFLICT (payment_id) DO UPDATE SET allocated = allocated + excluded.allocated;
END;

CREATE TRIGGER payment_allocation_totals_no_delete
BEFORE DELETE ON payment_allocation_totals
BEGIN
    SELECT RAISE(ABORT, 'payment_allocation_totals is kept by the allocations trigger: a total cannot be deleted');
END;

CREATE TRIGGER payment_allocations_standing_on_insert AFTER INSERT ON payment_allocations
BEGIN
    INSERT INTO standing_stale (membership_id, since, from_month)
    SELECT b.membership_id, date(p.paid_at, '+7 hours'), b.contribution_month
    FROM bills b, payments p WHERE b.id = NEW.bill_id AND p.id = NEW.payment_id
    ON CONFLICT DO UPDATE SET since = min(since, excluded.since), from_month = min(from_month, excluded.from_month);
END;

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

-- ---- project allocations, unchanged (0020, 0022) --------------------------------------------

CREATE TRIGGER project_payment_allocations_check_on_insert
BEFORE INSERT ON project_payment_allocations
BEGIN
    SELECT RAISE(ABORT, 'this project allocation has already been reversed')
    WHERE NEW.reverses_id IS NOT NULL
      AND EXISTS (SELECT 1 FROM project_payment_allocations WHERE reverses_id = NEW.reverses_id);
    SELECT RAISE(ABORT, 'a reversing project allocation must have the same payment and bill and exactly the negated amount of the allocation it reverses, which must not itself be a reversal')
    WHERE NEW.reverses_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM project_payment_allocations o
                      WHERE o.id = NEW.reverses_id AND o.reverses_id IS NULL
                        AND o.payment_id = NEW.payment_id AND o.project_bill_id = NEW.project_bill_id
                        AND o.amount = -NEW.amount);
    SELECT RAISE(ABORT, 'a project''s dues are paid by its contractor: the payment must be by an employer (payer_code employer) and name the project''s contractor (employer_id)')
    WHERE NEW.reverses_id IS NULL
      AND EXISTS (SELECT 1 FROM payments WHERE id = NEW.payment_id)
      AND NOT EXISTS (SELECT 1 FROM payments p
                      JOIN project_bills b ON b.id = NEW.project_bill_id
                      JOIN construction_projects c ON c.id = b.construction_project_id
                      WHERE p.id = NEW.payment_id AND p.payer_code = 'employer'
                        AND p.employer_id = c.contractor_employer_id);
    SELECT RAISE(ABORT, 'allocations would exceed the payment amount: a payment cannot be allocated for more than was paid')
    WHERE NEW.amount > 0
      AND EXISTS (SELECT 1 FROM payments WHERE id = NEW.payment_id)
      AND coalesce((SELECT allocated FROM payment_allocation_totals WHERE payment_id = NEW.payment_id), 0)
          + NEW.amount > (SELECT sum(amount) FROM payments
                          WHERE id = NEW.payment_id OR reverses_id = NEW.payment_id);
    SELECT RAISE(ABORT, 'allocations would exceed the amount billed: a project bill cannot be paid for more than the sum of its lines')
    WHERE NEW.amount > 0
      AND EXISTS (SELECT 1 FROM project_bills WHERE id = NEW.project_bill_id)
      AND (SELECT coalesce(sum(amount), 0) FROM project_payment_allocations WHERE project_bill_id = NEW.project_bill_id)
          + NEW.amount > (SELECT coalesce(sum(amount), 0) FROM project_bill_lines WHERE project_bill_id = NEW.project_bill_id);
END;

CREATE TRIGGER project_payment_allocations_totals_on_insert
AFTER INSERT ON project_payment_allocations
BEGIN
    INSERT INTO payment_allocation_totals (payment_id, allocated) VALUES (NEW.payment_id, NEW.amount)
    ON CONFLICT (payment_id) DO UPDATE SET allocated = allocated + excluded.allocated;
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

CREATE TRIGGER project_payment_allocations_no_replace BEFORE INSERT ON project_payment_allocations
BEGIN
    SELECT RAISE(ABORT, 'the dues ledger is append-only: a project allocation with this id already exists (INSERT OR REPLACE cannot overwrite it)')
    WHERE EXISTS (SELECT 1 FROM project_payment_allocations WHERE id = NEW.id);
END;
CREATE TRIGGER project_payment_allocations_no_update BEFORE UPDATE ON project_payment_allocations
BEGIN
    SELECT RAISE(ABORT, 'the dues ledger is append-only: a project allocation cannot be changed; insert a reversing allocation (reverses_id, negated amount) and a new one');
END;
CREATE TRIGGER project_payment_allocations_no_delete BEFORE DELETE ON project_payment_allocations
BEGIN
    SELECT RAISE(ABORT, 'the dues ledger is append-only: a project allocation cannot be deleted; insert a reversing allocation (reverses_id, negated amount)');
END;

-- ---- views ----------------------------------------------------------------------------------

-- 0022's, with the allocations' recorded time compared as an integer.
CREATE VIEW bill_balances AS
SELECT b.id AS bill_id,
       b.membership_id,
       b.contribution_month,
       b.due_date,
       (coalesce(b.jkk_employer, 0) + coalesce(b.jkk_worker, 0) + coalesce(b.jkm_employer, 0) + coalesce(b.jkm_worker, 0) + coalesce(b.jht_employer, 0) + coalesce(b.jht_worker, 0) + coalesce(b.jp_employer, 0) + coalesce(b.jp_worker, 0))
       + (SELECT coalesce(sum(l.amount), 0) FROM bill_adjustments l
                  WHERE l.bill_id = b.id AND l.recorded_at < r.recorded_before_ms) AS amount_due,
       (SELECT coalesce(sum(a.amount), 0) FROM payment_allocations a JOIN payments p ON p.id = a.payment_id
         WHERE a.bill_id = b.id AND a.recorded_at < r.recorded_before_ms AND p.paid_at < r.paid_before) AS amount_paid,
       r.as_of
FROM bills b, report_dates r
WHERE b.recorded_at < r.recorded_before_ms;

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

-- As 0022 left it.
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
