-- 0026_compact_bills.sql — a bill carries its billing run's dues as columns; bill_lines is a view
--
-- The ledger was a bills row and 2.6 bill_lines rows per member-month, each line about 60 bytes
-- (rowid, bill id, two code texts, kind text, amount, NULL reverses_id, 24-character timestamp)
-- plus its bill_id index and the UNIQUE on reverses_id, whose index holds every NULL: 2,630 of the
-- 5,572 bytes the ledger tables took per member-year (BENCHMARKS Run 13). A billing run writes a
-- bill once, with one to eight dues lines whose program × share it knows; later lines (late
-- penalties, reversals, re-billing a cancelled month) are a few percent of months. So:
--
--   bills             the same bill, plus one INTEGER rupiah column per program × share the
--                     rules charge (NULL where the bill has no such line): jkk_employer,
--                     jkk_worker, jkm_employer, jkm_worker, jht_employer, jht_worker,
--                     jp_employer, jp_worker. The employer columns are paid by 'employer'; the
--                     worker columns by worker_payer_code ('self' or a sponsor, NULL when the
--                     bill has no worker column): a membership has one payer, so a bill has one.
--                     A pricing line's note (a wage cap) is kept in the bill's note, prefixed by
--                     its program ("JP: …"; "; " between). The dues are the sum of the eight
--                     written out (coalesce(jkk_employer, 0) + …), not a generated column: the
--                     session extension of SQLite 3.40, which sync's changesets come from, cannot
--                     diff a table with a generated column (sqlite3session_diff reads SELECT *,
--                     which has one column more than the table_info it checks it against, and
--                     stops with SQLITE_SCHEMA).
--   bill_adjustments  every other line: late penalties, reversals, a cancelled month's new
--                     lines, a line whose program × share × payer has no column (a future rule).
--                     Today's bill_lines columns; reverses_id is unique only where it is set
--                     (a partial index), so the NULLs of ordinary rows cost nothing.
--   bill_lines        a VIEW of every line as before: the columns unpivoted, then the
--                     adjustments. Hand-written SQL (sums per bill, per program, per payer) reads
--                     the same rows and sums. A column line has no row of its own; its id is
--                     -(bill_id * 8 + slot), slot 0–7 in the column order above: negative, so it
--                     never meets an adjustment's (positive) rowid, and stable, so a reversal
--                     (an adjustment) can name it. INSERT into the view adds an adjustment;
--                     UPDATE and DELETE are refused as before.
--
-- recorded_at of bills and adjustments is INTEGER milliseconds since 1970 UTC (6 bytes where the
-- text took 24; Swift: UnixMilliseconds), in the view too. SQLite orders every INTEGER before
-- every TEXT, so a comparison with ISO text counts every row, silently: the views compare with
-- report_dates.recorded_before_ms (0025). In the shell:
-- strftime('%Y-%m-%dT%H:%M:%fZ', recorded_at / 1000.0, 'unixepoch').
-- A bill's amount due = Σ its columns + Σ its adjustments: hot paths read those, not the view.
--
-- The copy. Each bill's dues lines that the billing run wrote with it (same recorded_at, not a
-- reversal) become its columns, the first of each program × share, worker shares only while
-- they share one payer. A column line that was reversed stays a column: its reversal becomes an
-- adjustment naming the column's synthetic id, so the line and its reversal are both still seen.
-- Every other line becomes an adjustment with its old id. Timestamps convert exactly (the text
-- had milliseconds). Derived data does not change, so nothing is marked stale: amounts due and
-- paid per bill, statuses and the arrears list, at several dates and as known on several days,
-- are the same before and after (CompactBillsUpgradeTests).
--
-- Rebuilding a parent table with foreign keys on. PRAGMA foreign_keys cannot change inside the
-- migration's transaction, and renaming a table with foreign keys on rewrites the REFERENCES of
-- its children (payment_allocations would point at the old table). So the new rows are built in
-- temp tables, bills is dropped and created again under its own name, and the rows copied back.
-- The migrator defers foreign keys to the file's commit (PRAGMA defer_foreign_keys): the drop
-- counts every allocation as a violation, each bill inserted again counts its allocations back,
-- and the commit checks the count is zero (after the migrator's foreign_key_check). Applied by
-- hand in the shell, run it with foreign keys off (the shell's default), as a migration file
-- has always been. The views and triggers that read bill_lines or compare bills'
-- recorded_at are recreated below; those naming only `bills` bind to the new table by name.

-- ---- the new rows, computed from the old tables ---------------------------------------------

CREATE TEMP TABLE compact_column_lines (
    line_id INTEGER PRIMARY KEY,
    bill_id INTEGER NOT NULL,
    slot INTEGER NOT NULL,
    program_code TEXT NOT NULL,
    payer_code TEXT NOT NULL,
    amount INTEGER NOT NULL,
    note TEXT
);
INSERT INTO temp.compact_column_lines (line_id, bill_id, slot, program_code, payer_code, amount, note)
WITH candidates AS (
    SELECT l.id, l.bill_id, l.program_code, l.payer_code, l.amount, l.note,
           CASE l.program_code WHEN 'JKK' THEN 0 WHEN 'JKM' THEN 2 WHEN 'JHT' THEN 4 ELSE 6 END
               + (l.payer_code <> 'employer') AS slot
    FROM bill_lines l JOIN bills b ON b.id = l.bill_id
    WHERE l.kind = 'dues' AND l.reverses_id IS NULL AND l.amount >= 0
      AND l.program_code IN ('JKK', 'JKM', 'JHT', 'JP') AND l.recorded_at = b.recorded_at
), payers AS (
    SELECT c.*, first_value(c.payer_code) OVER (PARTITION BY c.bill_id, c.slot % 2 ORDER BY c.id) AS bill_payer
    FROM candidates c
), firsts AS (
    SELECT p.*, row_number() OVER (PARTITION BY p.bill_id, p.slot ORDER BY p.id) AS nth
    FROM payers p WHERE p.payer_code = p.bill_payer
)
SELECT id, bill_id, slot, program_code, payer_code, amount, note FROM firsts WHERE nth = 1;

CREATE TEMP TABLE compact_bills AS
WITH pivot AS (
    SELECT bill_id,
           max(CASE slot WHEN 0 THEN amount END) AS jkk_employer,
           max(CASE slot WHEN 1 THEN amount END) AS jkk_worker,
           max(CASE slot WHEN 2 THEN amount END) AS jkm_employer,
           max(CASE slot WHEN 3 THEN amount END) AS jkm_worker,
           max(CASE slot WHEN 4 THEN amount END) AS jht_employer,
           max(CASE slot WHEN 5 THEN amount END) AS jht_worker,
           max(CASE slot WHEN 6 THEN amount END) AS jp_employer,
           max(CASE slot WHEN 7 THEN amount END) AS jp_worker,
           max(CASE WHEN slot % 2 = 1 THEN payer_code END) AS worker_payer_code
    FROM temp.compact_column_lines GROUP BY bill_id
), notes AS (   -- each program's distinct line notes, in column order
    SELECT bill_id, group_concat(text, '; ') AS text
    FROM (SELECT bill_id, program_code || ': ' || note AS text, min(slot) AS slot
          FROM temp.compact_column_lines WHERE note IS NOT NULL
          GROUP BY bill_id, text ORDER BY bill_id, slot)
    GROUP BY bill_id
)
SELECT b.id, b.membership_id, b.contribution_month, b.due_date,
       CAST(round((julianday(b.recorded_at) - 2440587.5) * 86400000) AS INTEGER) AS recorded_at,
       CASE WHEN n.text IS NULL THEN b.note WHEN b.note IS NULL THEN n.text ELSE b.note || '; ' || n.text END AS note,
       p.jkk_employer, p.jkk_worker, p.jkm_employer, p.jkm_worker,
       p.jht_employer, p.jht_worker, p.jp_employer, p.jp_worker, p.worker_payer_code
FROM bills b LEFT JOIN pivot p ON p.bill_id = b.id LEFT JOIN notes n ON n.bill_id = b.id;

CREATE TEMP TABLE compact_adjustments AS
SELECT l.id, l.bill_id, l.program_code, l.payer_code, l.kind, l.amount,
       CASE WHEN c.line_id IS NOT NULL THEN -(c.bill_id * 8 + c.slot) ELSE l.reverses_id END AS reverses_id,
       CAST(round((julianday(l.recorded_at) - 2440587.5) * 86400000) AS INTEGER) AS recorded_at,
       l.note
FROM bill_lines l LEFT JOIN temp.compact_column_lines c ON c.line_id = l.reverses_id
WHERE l.id NOT IN (SELECT line_id FROM temp.compact_column_lines);

-- ---- out with the old -------------------------------------------------------------------------
-- Views reading bill_lines or the bills' recorded_at; triggers of other tables reading bill_lines.
DROP VIEW membership_status;
DROP VIEW due_months;
DROP VIEW bill_balances;
DROP TRIGGER payment_allocations_check_on_insert;
DROP TRIGGER memberships_check_on_update;
DROP TABLE bill_lines;   -- its index and triggers go with it
DROP TABLE bills;

-- ---- bills ------------------------------------------------------------------------------------

CREATE TABLE bills (
    id INTEGER PRIMARY KEY,
    membership_id INTEGER NOT NULL REFERENCES memberships (id),
    contribution_month TEXT NOT NULL
        CONSTRAINT contribution_month_must_be_yyyy_mm
        CHECK (contribution_month || '-01' IS date(contribution_month || '-01', '+0 days')),
    due_date TEXT NOT NULL
        CONSTRAINT due_date_must_be_a_real_date_yyyy_mm_dd
        CHECK (due_date IS date(due_date, '+0 days')),
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

INSERT INTO bills (id, membership_id, contribution_month, due_date, recorded_at, note,
                   jkk_employer, jkk_worker, jkm_employer, jkm_worker,
                   jht_employer, jht_worker, jp_employer, jp_worker, worker_payer_code)
SELECT id, membership_id, contribution_month, due_date, recorded_at, note,
       jkk_employer, jkk_worker, jkm_employer, jkm_worker,
       jht_employer, jht_worker, jp_employer, jp_worker, worker_payer_code
FROM temp.compact_bills ORDER BY id;

-- ---- bill_adjustments -------------------------------------------------------------------------

CREATE TABLE bill_adjustments (
    id INTEGER PRIMARY KEY CHECK (id > 0),   -- the view's column lines have the negative ids
    bill_id INTEGER NOT NULL REFERENCES bills (id),
    program_code TEXT NOT NULL REFERENCES programs (code),
    payer_code TEXT NOT NULL REFERENCES payers (code),
    kind TEXT NOT NULL DEFAULT 'dues' CHECK (kind IN ('dues', 'late_penalty')),
    amount INTEGER NOT NULL,                                   -- rupiah
    -- The line this one reverses (bill_lines.id: an adjustment's id, or a column line's negative
    -- one), on the same bill: bill_adjustments_check_on_insert checks it, as no foreign key can.
    reverses_id INTEGER,
    recorded_at INTEGER NOT NULL DEFAULT (CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER))
        CONSTRAINT recorded_at_must_be_milliseconds_since_1970
        CHECK (recorded_at BETWEEN 0 AND 253402300799999),
    note TEXT,
    CONSTRAINT negative_amount_only_on_reversing_rows
        CHECK (amount >= 0 OR reverses_id IS NOT NULL)
) STRICT;
CREATE INDEX bill_adjustments_bill_id ON bill_adjustments (bill_id);
-- A line is reversed at most once; rows that reverse nothing (most) are not indexed.
CREATE UNIQUE INDEX bill_adjustments_reverses_id ON bill_adjustments (reverses_id) WHERE reverses_id IS NOT NULL;

INSERT INTO bill_adjustments (id, bill_id, program_code, payer_code, kind, amount, reverses_id, recorded_at, note)
SELECT id, bill_id, program_code, payer_code, kind, amount, reverses_id, recorded_at, note
FROM temp.compact_adjustments ORDER BY id;

DROP TABLE temp.compact_adjustments;
DROP TABLE temp.compact_bills;
DROP TABLE temp.compact_column_lines;

-- ---- bill_lines, the view ---------------------------------------------------------------------

CREATE VIEW bill_lines (id, bill_id, program_code, payer_code, kind, amount, reverses_id, recorded_at, note) AS
SELECT -(id * 8 + 0), id, 'JKK', 'employer', 'dues', jkk_employer, NULL, recorded_at, NULL FROM bills WHERE jkk_employer IS NOT NULL
UNION ALL
SELECT -(id * 8 + 1), id, 'JKK', worker_payer_code, 'dues', jkk_worker, NULL, recorded_at, NULL FROM bills WHERE jkk_worker IS NOT NULL
UNION ALL
SELECT -(id * 8 + 2), id, 'JKM', 'employer', 'dues', jkm_employer, NULL, recorded_at, NULL FROM bills WHERE jkm_employer IS NOT NULL
UNION ALL
SELECT -(id * 8 + 3), id, 'JKM', worker_payer_code, 'dues', jkm_worker, NULL, recorded_at, NULL FROM bills WHERE jkm_worker IS NOT NULL
UNION ALL
SELECT -(id * 8 + 4), id, 'JHT', 'employer', 'dues', jht_employer, NULL, recorded_at, NULL FROM bills WHERE jht_employer IS NOT NULL
UNION ALL
SELECT -(id * 8 + 5), id, 'JHT', worker_payer_code, 'dues', jht_worker, NULL, recorded_at, NULL FROM bills WHERE jht_worker IS NOT NULL
UNION ALL
SELECT -(id * 8 + 6), id, 'JP', 'employer', 'dues', jp_employer, NULL, recorded_at, NULL FROM bills WHERE jp_employer IS NOT NULL
UNION ALL
SELECT -(id * 8 + 7), id, 'JP', worker_payer_code, 'dues', jp_worker, NULL, recorded_at, NULL FROM bills WHERE jp_worker IS NOT NULL
UNION ALL
SELECT id, bill_id, program_code, payer_code, kind, amount, reverses_id, recorded_at, note FROM bill_adjustments;

-- A line inserted by hand is an adjustment. recorded_at may be given as before, ISO text with
-- milliseconds ('2026-01-05T03:00:00.000Z'), or as INTEGER milliseconds; omitted, now.
CREATE TRIGGER bill_lines_insert INSTEAD OF INSERT ON bill_lines
BEGIN
    SELECT RAISE(ABORT, 'bill_lines.recorded_at must be INTEGER milliseconds since 1970 UTC or UTC text YYYY-MM-DDTHH:MM:SS.SSSZ')
    WHERE typeof(NEW.recorded_at) = 'text'
      AND NEW.recorded_at IS NOT strftime('%Y-%m-%dT%H:%M:%fZ', NEW.recorded_at, '+0 days');
    INSERT INTO bill_adjustments (id, bill_id, program_code, payer_code, kind, amount, reverses_id, recorded_at, note)
    VALUES (NEW.id, NEW.bill_id, NEW.program_code, NEW.payer_code, coalesce(NEW.kind, 'dues'), NEW.amount,
            NEW.reverses_id,
            CASE typeof(NEW.recorded_at)
                WHEN 'null' THEN CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
                WHEN 'text' THEN CAST(round((julianday(NEW.recorded_at) - 2440587.5) * 86400000) AS INTEGER)
                ELSE NEW.recorded_at
            END,
            NEW.note);
END;
CREATE TRIGGER bill_lines_no_update INSTEAD OF UPDATE ON bill_lines
BEGIN
    SELECT RAISE(ABORT, 'the dues ledger is append-only: a bill line cannot be changed; insert a reversing line (reverses_id, negated amount) and a new line');
END;
CREATE TRIGGER bill_lines_no_delete INSTEAD OF DELETE ON bill_lines
BEGIN
    SELECT RAISE(ABORT, 'the dues ledger is append-only: a bill line cannot be deleted; insert a reversing line (reverses_id, negated amount)');
END;

-- ---- consistency of new rows (0007's rules) ---------------------------------------------------

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

-- A reversal names a line of the same bill (read through the view, filtered by the bill: its
-- eight column lines and its adjustments), not itself a reversal, with the same program, payer
-- and kind and exactly the negated amount; and a line is reversed once.
CREATE TRIGGER bill_adjustments_check_on_insert
BEFORE INSERT ON bill_adjustments
BEGIN
    SELECT RAISE(ABORT, 'a bill line''s program must be one of the membership''s programs (membership_programs)')
    WHERE NEW.reverses_id IS NULL
      AND EXISTS (SELECT 1 FROM bills WHERE id = NEW.bill_id)
      AND NOT EXISTS (SELECT 1 FROM bills b
                      JOIN membership_programs mp ON mp.membership_id = b.membership_id
                      WHERE b.id = NEW.bill_id AND mp.program_code = NEW.program_code);
    SELECT RAISE(ABORT, 'this bill line has already been reversed')
    WHERE NEW.reverses_id IS NOT NULL
      AND EXISTS (SELECT 1 FROM bill_adjustments WHERE reverses_id = NEW.reverses_id);
    SELECT RAISE(ABORT, 'a reversing bill line must be on the same bill, for the same program, payer and kind, with exactly the negated amount of the line it reverses, which must not itself be a reversal')
    WHERE NEW.reverses_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM bill_lines o
                      WHERE o.bill_id = NEW.bill_id AND o.id = NEW.reverses_id AND o.reverses_id IS NULL
                        AND o.program_code = NEW.program_code
                        AND o.payer_code = NEW.payer_code AND o.kind = NEW.kind
                        AND o.amount = -NEW.amount);
END;

CREATE TRIGGER payment_allocations_check_on_insert
BEFORE INSERT ON payment_allocations
BEGIN
    SELECT RAISE(ABORT, 'this allocation has already been reversed')
    WHERE NEW.reverses_id IS NOT NULL
      AND EXISTS (SELECT 1 FROM payment_allocations WHERE reverses_id = NEW.reverses_id);
    SELECT RAISE(ABORT, 'a reversing allocation must have the same payment and bill and exactly the negated amount of the allocation it reverses, which must not itself be a reversal')
    WHERE NEW.reverses_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM payment_allocations o
                      WHERE o.id = NEW.reverses_id AND o.reverses_id IS NULL
                        AND o.payment_id = NEW.payment_id AND o.bill_id = NEW.bill_id
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
-- 0016's check, a bill's amount due read from its columns and adjustments.
CREATE TRIGGER memberships_check_on_update
BEFORE UPDATE ON memberships
BEGIN
    SELECT RAISE(ABORT, 'a membership''s worker and segment cannot change: end it and open a new membership')
    WHERE NEW.worker_id IS NOT OLD.worker_id OR NEW.segment_code IS NOT OLD.segment_code;
    SELECT RAISE(ABORT, 'informal (BPU) declared income cannot be checked: no bpu_income_floor in scheme_parameters is in force on the membership start date')
    WHERE NEW.segment_code = 'informal'
      AND (NEW.start_date IS NOT OLD.start_date OR NEW.declared_income IS NOT OLD.declared_income)
      AND NOT EXISTS (SELECT 1 FROM scheme_parameters p
                      WHERE p.code = 'bpu_income_floor'
                        AND p.effective_from <= NEW.start_date
                        AND coalesce(p.effective_to, '9999-12-31') >= NEW.start_date);
    SELECT RAISE(ABORT, 'informal (BPU) declared income is below the Rp1,000,000 floor in force at the membership start (minimum dues Rp16,800; see scheme_parameters bpu_income_floor)')
    WHERE NEW.segment_code = 'informal'
      AND NEW.declared_income < (SELECT p.value FROM scheme_parameters p
                                 WHERE p.code = 'bpu_income_floor'
                                   AND p.effective_from <= NEW.start_date
                                   AND coalesce(p.effective_to, '9999-12-31') >= NEW.start_date);
    SELECT RAISE(ABORT, 'this change of dates would leave a bill of the membership outside its period: cancel that bill first (reverse its lines)')
    WHERE (NEW.start_date IS NOT OLD.start_date OR NEW.end_date IS NOT OLD.end_date)
      AND EXISTS (SELECT 1 FROM bills b
                  WHERE b.membership_id = NEW.id
                    AND (b.contribution_month < substr(NEW.start_date, 1, 7)
                         OR b.contribution_month > substr(coalesce(NEW.end_date, '9999-12-31'), 1, 7))
                    AND (coalesce(b.jkk_employer, 0) + coalesce(b.jkk_worker, 0) + coalesce(b.jkm_employer, 0) + coalesce(b.jkm_worker, 0) + coalesce(b.jht_employer, 0) + coalesce(b.jht_worker, 0) + coalesce(b.jp_employer, 0) + coalesce(b.jp_worker, 0))
                        + (SELECT coalesce(sum(amount), 0) FROM bill_adjustments WHERE bill_id = b.id) <> 0);
    SELECT RAISE(ABORT, 'this worker already has an open membership in this segment: end it (set end_date) before opening another')
    WHERE NEW.end_date IS NULL
      AND EXISTS (SELECT 1 FROM memberships m
                  WHERE m.worker_id = NEW.worker_id AND m.segment_code = NEW.segment_code
                    AND m.end_date IS NULL AND m.id <> NEW.id);
    SELECT RAISE(ABORT, 'this membership period overlaps another membership of the same worker in the same segment')
    WHERE EXISTS (SELECT 1 FROM memberships m
                  WHERE m.worker_id = NEW.worker_id AND m.segment_code = NEW.segment_code
                    AND m.id <> NEW.id
                    AND m.start_date <= coalesce(NEW.end_date, '9999-12-31')
                    AND coalesce(m.end_date, '9999-12-31') >= NEW.start_date);
END;

-- ---- append-only (0007) ----------------------------------------------------------------------

CREATE TRIGGER bills_no_replace BEFORE INSERT ON bills
BEGIN
    SELECT RAISE(ABORT, 'the dues ledger is append-only: a bill with this id already exists (INSERT OR REPLACE cannot overwrite it)')
    WHERE EXISTS (SELECT 1 FROM bills WHERE id = NEW.id);
END;
CREATE TRIGGER bill_adjustments_no_replace BEFORE INSERT ON bill_adjustments
BEGIN
    SELECT RAISE(ABORT, 'the dues ledger is append-only: a bill line with this id already exists (INSERT OR REPLACE cannot overwrite it)')
    WHERE EXISTS (SELECT 1 FROM bill_adjustments WHERE id = NEW.id);
END;
CREATE TRIGGER bills_no_update BEFORE UPDATE ON bills
BEGIN
    SELECT RAISE(ABORT, 'the dues ledger is append-only: a bill cannot be changed; correct its lines with reversing bill lines');
END;
CREATE TRIGGER bills_no_delete BEFORE DELETE ON bills
BEGIN
    SELECT RAISE(ABORT, 'the dues ledger is append-only: a bill cannot be deleted; reverse its lines instead');
END;
CREATE TRIGGER bill_adjustments_no_update BEFORE UPDATE ON bill_adjustments
BEGIN
    SELECT RAISE(ABORT, 'the dues ledger is append-only: a bill line cannot be changed; insert a reversing line (reverses_id, negated amount) and a new line');
END;
CREATE TRIGGER bill_adjustments_no_delete BEFORE DELETE ON bill_adjustments
BEGIN
    SELECT RAISE(ABORT, 'the dues ledger is append-only: a bill line cannot be deleted; insert a reversing line (reverses_id, negated amount)');
END;

-- ---- what makes a membership stale (0022) -----------------------------------------------------


CREATE TRIGGER bills_standing_on_insert AFTER INSERT ON bills
BEGIN
    INSERT INTO standing_stale (membership_id, since, from_month)
    VALUES (NEW.membership_id, min(NEW.due_date, NEW.contribution_month || '-01'), NEW.contribution_month)
    ON CONFLICT DO UPDATE SET since = min(since, excluded.since), from_month = min(from_month, excluded.from_month);
END;

CREATE TRIGGER bill_adjustments_standing_on_insert AFTER INSERT ON bill_adjustments
BEGIN
    INSERT INTO standing_stale (membership_id, since, from_month)
    SELECT membership_id, min(due_date, contribution_month || '-01'), contribution_month FROM bills WHERE id = NEW.bill_id
    ON CONFLICT DO UPDATE SET since = min(since, excluded.since), from_month = min(from_month, excluded.from_month);
END;

-- ---- the views of 0022, reading the columns and comparing recorded_at with recorded_before_ms ----


-- A bill's columns are recorded with it: counted when the bill is.
CREATE VIEW bill_balances AS
SELECT b.id AS bill_id,
       b.membership_id,
       b.contribution_month,
       b.due_date,
       (coalesce(b.jkk_employer, 0) + coalesce(b.jkk_worker, 0) + coalesce(b.jkm_employer, 0) + coalesce(b.jkm_worker, 0) + coalesce(b.jht_employer, 0) + coalesce(b.jht_worker, 0) + coalesce(b.jp_employer, 0) + coalesce(b.jp_worker, 0))
       + (SELECT coalesce(sum(l.amount), 0) FROM bill_adjustments l
                  WHERE l.bill_id = b.id AND l.recorded_at < r.recorded_before_ms) AS amount_due,
       (SELECT coalesce(sum(a.amount), 0) FROM payment_allocations a JOIN payments p ON p.id = a.payment_id
         WHERE a.bill_id = b.id AND a.recorded_at < r.recorded_before AND p.paid_at < r.paid_before) AS amount_paid,
       r.as_of
FROM bills b, report_dates r
WHERE b.recorded_at < r.recorded_before_ms;

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
                    AND b.recorded_at < r.recorded_before_ms);

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
