-- 0007_dues_ledger.sql — dues (iuran) ledger: bills, bill lines, payments,
-- allocations of payments to bills
--
-- APPEND-ONLY. No ledger row is ever updated or deleted (triggers refuse it).
-- A mistake is corrected by a REVERSING row: reverses_id points at the
-- original row and the amount is exactly the original's amount negated; then
-- a new correct row is added. Negative amounts exist only on reversing rows.
-- A row can be reversed once, and a reversing row cannot itself be reversed.
--
--   bills               one per membership and contribution month ('YYYY-MM'),
--                       with its due date (computed in Swift from
--                       scheme_parameters: BPU by the 15th of the month, PU by
--                       the 15th of the following month)
--   bill_lines          the amounts of a bill, one per program × payer × kind
--                       (kind 'dues' or 'late_penalty'); amount due on a bill
--                       = SUM(bill_lines.amount). A bill whose lines are all
--                       reversed owes 0 and counts as "no bill".
--   payments            money received, with a unique receipt number
--   payment_allocations how much of a payment settles which bill; amount paid
--                       on a bill = SUM(payment_allocations.amount)
-- recorded_at (UTC timestamp) on each row lets the Swift layer replay the
-- ledger as it stood at any date.

CREATE TABLE bills (
    id INTEGER PRIMARY KEY,
    membership_id INTEGER NOT NULL REFERENCES memberships (id),
    contribution_month TEXT NOT NULL
        CONSTRAINT contribution_month_must_be_yyyy_mm
        CHECK (contribution_month || '-01' IS date(contribution_month || '-01', '+0 days')),
    due_date TEXT NOT NULL
        CONSTRAINT due_date_must_be_a_real_date_yyyy_mm_dd
        CHECK (due_date IS date(due_date, '+0 days')),
    recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        CHECK (recorded_at IS strftime('%Y-%m-%dT%H:%M:%fZ', recorded_at, '+0 days')),
    note TEXT,
    CONSTRAINT one_bill_per_membership_and_month UNIQUE (membership_id, contribution_month)
) STRICT;
-- (membership_id, contribution_month) is indexed by the UNIQUE constraint.

CREATE TABLE bill_lines (
    id INTEGER PRIMARY KEY,
    bill_id INTEGER NOT NULL REFERENCES bills (id),
    program_code TEXT NOT NULL REFERENCES programs (code),
    payer_code TEXT NOT NULL REFERENCES payers (code),
    kind TEXT NOT NULL DEFAULT 'dues' CHECK (kind IN ('dues', 'late_penalty')),
    amount INTEGER NOT NULL,                                   -- rupiah
    reverses_id INTEGER UNIQUE REFERENCES bill_lines (id),
    recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        CHECK (recorded_at IS strftime('%Y-%m-%dT%H:%M:%fZ', recorded_at, '+0 days')),
    note TEXT,
    CONSTRAINT negative_amount_only_on_reversing_rows
        CHECK (amount >= 0 OR reverses_id IS NOT NULL)
) STRICT;
CREATE INDEX bill_lines_bill_id ON bill_lines (bill_id);
CREATE INDEX bill_lines_program_code ON bill_lines (program_code);
CREATE INDEX bill_lines_payer_code ON bill_lines (payer_code);

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
    reverses_id INTEGER UNIQUE REFERENCES payments (id),
    recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        CHECK (recorded_at IS strftime('%Y-%m-%dT%H:%M:%fZ', recorded_at, '+0 days')),
    note TEXT,
    CONSTRAINT negative_amount_only_on_reversing_rows
        CHECK (amount >= 0 OR reverses_id IS NOT NULL),
    CONSTRAINT employer_only_on_payments_by_an_employer
        CHECK (employer_id IS NULL OR payer_code = 'employer')
) STRICT;
CREATE INDEX payments_payer_code ON payments (payer_code);
CREATE INDEX payments_employer_id ON payments (employer_id);
CREATE INDEX payments_channel_code ON payments (channel_code);
CREATE INDEX payments_paid_at ON payments (paid_at);

CREATE TABLE payment_allocations (
    id INTEGER PRIMARY KEY,
    payment_id INTEGER NOT NULL REFERENCES payments (id),
    bill_id INTEGER NOT NULL REFERENCES bills (id),
    amount INTEGER NOT NULL,                                  -- rupiah
    reverses_id INTEGER UNIQUE REFERENCES payment_allocations (id),
    recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        CHECK (recorded_at IS strftime('%Y-%m-%dT%H:%M:%fZ', recorded_at, '+0 days')),
    CONSTRAINT negative_amount_only_on_reversing_rows
        CHECK (amount >= 0 OR reverses_id IS NOT NULL)
) STRICT;
CREATE INDEX payment_allocations_payment_id ON payment_allocations (payment_id);
CREATE INDEX payment_allocations_bill_id ON payment_allocations (bill_id);

-- ---- consistency of new rows -------------------------------------------

CREATE TRIGGER bills_check_on_insert
BEFORE INSERT ON bills
BEGIN
    SELECT RAISE(ABORT, 'the contribution month of this bill lies outside the membership period')
    WHERE EXISTS (SELECT 1 FROM memberships m
                  WHERE m.id = NEW.membership_id
                    AND (NEW.contribution_month || '-01' > coalesce(m.end_date, '9999-12-31')
                         OR date(NEW.contribution_month || '-01', '+1 month', '-1 day') < m.start_date));
END;

CREATE TRIGGER bill_lines_check_on_insert
BEFORE INSERT ON bill_lines
BEGIN
    SELECT RAISE(ABORT, 'a bill line''s program must be one of the membership''s programs (membership_programs)')
    WHERE NEW.reverses_id IS NULL
      AND EXISTS (SELECT 1 FROM bills WHERE id = NEW.bill_id)
      AND NOT EXISTS (SELECT 1 FROM bills b
                      JOIN membership_programs mp ON mp.membership_id = b.membership_id
                      WHERE b.id = NEW.bill_id AND mp.program_code = NEW.program_code);
    SELECT RAISE(ABORT, 'this bill line has already been reversed')
    WHERE NEW.reverses_id IS NOT NULL
      AND EXISTS (SELECT 1 FROM bill_lines WHERE reverses_id = NEW.reverses_id);
    SELECT RAISE(ABORT, 'a reversing bill line must be on the same bill, for the same program, payer and kind, with exactly the negated amount of the line it reverses, which must not itself be a reversal')
    WHERE NEW.reverses_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM bill_lines o
                      WHERE o.id = NEW.reverses_id AND o.reverses_id IS NULL
                        AND o.bill_id = NEW.bill_id AND o.program_code = NEW.program_code
                        AND o.payer_code = NEW.payer_code AND o.kind = NEW.kind
                        AND o.amount = -NEW.amount);
END;

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
      AND (SELECT coalesce(sum(amount), 0) FROM payment_allocations WHERE payment_id = NEW.payment_id)
          + NEW.amount > (SELECT sum(amount) FROM payments            -- net of a reversal, so a
                          WHERE id = NEW.payment_id                     -- bounced payment has
                             OR reverses_id = NEW.payment_id);          -- nothing left to allocate
    SELECT RAISE(ABORT, 'allocations would exceed the amount billed: a bill cannot be paid for more than the sum of its lines')
    WHERE NEW.amount > 0
      AND EXISTS (SELECT 1 FROM bills WHERE id = NEW.bill_id)
      AND (SELECT coalesce(sum(amount), 0) FROM payment_allocations WHERE bill_id = NEW.bill_id)
          + NEW.amount > (SELECT coalesce(sum(amount), 0) FROM bill_lines WHERE bill_id = NEW.bill_id);
END;

-- ---- append-only ---------------------------------------------------------
-- UPDATE and DELETE are refused below. INSERT OR REPLACE (and REPLACE INTO)
-- would otherwise overwrite a row in place: the conflicting row is deleted
-- WITHOUT firing DELETE triggers (unless PRAGMA recursive_triggers is on, which
-- the library does not set and a shell user would not think of), and the
-- foreign keys still hold because the new row reuses the id. So a new row's id
-- must be new. (A plain INSERT with an existing id now gets this message
-- instead of "UNIQUE constraint failed: ….id".) REPLACE on the other unique
-- keys deletes the old row under a new id, which the foreign keys of its bill
-- lines / allocations / reversals refuse; only a row nothing refers to yet
-- (a bill without lines, a payment without allocations) could still be
-- replaced through receipt_number or (membership_id, contribution_month).

CREATE TRIGGER bills_no_replace BEFORE INSERT ON bills
BEGIN
    SELECT RAISE(ABORT, 'the dues ledger is append-only: a bill with this id already exists (INSERT OR REPLACE cannot overwrite it)')
    WHERE EXISTS (SELECT 1 FROM bills WHERE id = NEW.id);
END;
CREATE TRIGGER bill_lines_no_replace BEFORE INSERT ON bill_lines
BEGIN
    SELECT RAISE(ABORT, 'the dues ledger is append-only: a bill line with this id already exists (INSERT OR REPLACE cannot overwrite it)')
    WHERE EXISTS (SELECT 1 FROM bill_lines WHERE id = NEW.id);
END;
CREATE TRIGGER payments_no_replace BEFORE INSERT ON payments
BEGIN
    SELECT RAISE(ABORT, 'the dues ledger is append-only: a payment with this id already exists (INSERT OR REPLACE cannot overwrite it)')
    WHERE EXISTS (SELECT 1 FROM payments WHERE id = NEW.id);
END;
CREATE TRIGGER payment_allocations_no_replace BEFORE INSERT ON payment_allocations
BEGIN
    SELECT RAISE(ABORT, 'the dues ledger is append-only: an allocation with this id already exists (INSERT OR REPLACE cannot overwrite it)')
    WHERE EXISTS (SELECT 1 FROM payment_allocations WHERE id = NEW.id);
END;

CREATE TRIGGER bills_no_update BEFORE UPDATE ON bills
BEGIN
    SELECT RAISE(ABORT, 'the dues ledger is append-only: a bill cannot be changed; correct its lines with reversing bill lines');
END;
CREATE TRIGGER bills_no_delete BEFORE DELETE ON bills
BEGIN
    SELECT RAISE(ABORT, 'the dues ledger is append-only: a bill cannot be deleted; reverse its lines instead');
END;
CREATE TRIGGER bill_lines_no_update BEFORE UPDATE ON bill_lines
BEGIN
    SELECT RAISE(ABORT, 'the dues ledger is append-only: a bill line cannot be changed; insert a reversing line (reverses_id, negated amount) and a new line');
END;
CREATE TRIGGER bill_lines_no_delete BEFORE DELETE ON bill_lines
BEGIN
    SELECT RAISE(ABORT, 'the dues ledger is append-only: a bill line cannot be deleted; insert a reversing line (reverses_id, negated amount)');
END;
CREATE TRIGGER payments_no_update BEFORE UPDATE ON payments
BEGIN
    SELECT RAISE(ABORT, 'the dues ledger is append-only: a payment cannot be changed; insert a reversing payment (reverses_id, negated amount) and a new one');
END;
CREATE TRIGGER payments_no_delete BEFORE DELETE ON payments
BEGIN
    SELECT RAISE(ABORT, 'the dues ledger is append-only: a payment cannot be deleted; insert a reversing payment (reverses_id, negated amount)');
END;
CREATE TRIGGER payment_allocations_no_update BEFORE UPDATE ON payment_allocations
BEGIN
    SELECT RAISE(ABORT, 'the dues ledger is append-only: an allocation cannot be changed; insert a reversing allocation (reverses_id, negated amount) and a new one');
END;
CREATE TRIGGER payment_allocations_no_delete BEFORE DELETE ON payment_allocations
BEGIN
    SELECT RAISE(ABORT, 'the dues ledger is append-only: an allocation cannot be deleted; insert a reversing allocation (reverses_id, negated amount)');
END;
