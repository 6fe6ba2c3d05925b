-- 0020_project_dues.sql — construction (JAKON) dues billed per project, and each worker's
-- status following them
--
-- A construction project (proyek Jasa Konstruksi) pays its workers' JKK and JKM dues once,
-- for the whole project, on its contract value (construction_rate_tiers, 0004): the
-- contractor registers the project and pays, and every worker on it is covered. Until now
-- the register priced those dues but billed nothing, so a JAKON member could never be in
-- arrears. Here a project has ONE bill, and every membership of the project reads it.
--
-- THE PROJECT LEDGER. Three tables beside the membership ledger of 0007, with its rules:
--   project_bills                one per project (UNIQUE), with its contribution month
--                                (the month of the project's start) and due date;
--   project_bill_lines           its amounts, one per program × kind (the contractor pays:
--                                payer_code 'employer'), corrected by reversing lines;
--   project_payment_allocations  how much of a payment (payments, 0007) settles it.
-- Append-only like 0007 (no UPDATE, DELETE or REPLACE; corrections by reversing rows), and a
-- payment's allocations to project bills count in its running total (payment_allocation_totals,
-- 0013) with those to membership bills, so a payment is never allocated twice over.
-- Why not rows of `bills`: a bill belongs to one membership (membership_id NOT NULL, and
-- everything that reads bills joins its membership), while a project's bill belongs to every
-- worker of the project, present and future; copying it onto each worker would bill the
-- contractor once per worker.
--
-- DUE DATE (scheme_parameters construction_dues_working_days_after_work_order, 14, M).
-- Permenaker 44/2015 art. 3(3)-(4): a project registers within 14 working days of its work
-- order (Surat Perintah Kerja), and its participation certificate is issued once its first
-- dues are paid in full; so the dues are due by that deadline. Working days are Monday to
-- Friday: public holidays are not in the register, so a deadline spanning one falls a day
-- or more before the legal one. The library computes the date when it bills a project; the
-- bill keeps it.
--
-- STATUS. The definition of 0010 is unchanged; only the bills it counts grow: a
-- membership's bills are its own and, for a construction membership, its project's bill.
-- So a project unpaid after its due date puts every one of its workers in arrears with one
-- unpaid bill, and paying it makes them all active again. The lapse rule (more than
-- arrears_lapse_months consecutive unpaid monthly bills) counts bills, and a project has one:
-- a JAKON member is in arrears, never lapsed, until the contractor pays or the membership
-- ends. The arrears view lists the project's outstanding amount on each of its workers (what
-- reinstates that worker); summing amount_owed over workers counts a project once per worker.
-- Bills on a construction membership itself (only SQL typed by hand wrote them: the library
-- refused to bill a construction membership) still count for that membership, as before.
--
-- STANDING. A project's bill, line or allocation marks every membership of the project stale
-- from the day it was recorded (the triggers below, as 0014's for membership bills), also
-- for SQL typed by hand; moving a membership to another project recomputes it whole.
--
-- DUES RECEIVED (dues_received, target_achievement): a project's payment is not a worker's,
-- and neither counts it yet: both attribute dues to the regency a worker lives in.

-- ---- the due-date rule -----------------------------------------------------

INSERT INTO scheme_parameter_codes (code, unit, description) VALUES
    ('construction_dues_working_days_after_work_order', 'working_days',
     'A construction project''s dues are due this many working days (Monday to Friday) after its work order');
INSERT INTO scheme_parameters (code, value, effective_from, effective_to, confidence, note) VALUES
    ('construction_dues_working_days_after_work_order', 14, '2015-07-01', NULL, 'M',
     'Permenaker 44/2015 art. 3(3)-(4): registration within 14 working days of the work order, certificate once the first dues are paid; public holidays not counted (not in the register); start date assumed');

-- ---- the project ledger ----------------------------------------------------

CREATE TABLE project_bills (
    id INTEGER PRIMARY KEY,
    construction_project_id INTEGER NOT NULL UNIQUE REFERENCES construction_projects (id),
    contribution_month TEXT NOT NULL
        CONSTRAINT contribution_month_must_be_yyyy_mm
        CHECK (contribution_month || '-01' IS date(contribution_month || '-01', '+0 days')),
    due_date TEXT NOT NULL
        CONSTRAINT due_date_must_be_a_real_date_yyyy_mm_dd
        CHECK (due_date IS date(due_date, '+0 days')),
    recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        CHECK (recorded_at IS strftime('%Y-%m-%dT%H:%M:%fZ', recorded_at, '+0 days')),
    note TEXT
) STRICT;
-- construction_project_id is indexed by its UNIQUE constraint.

CREATE TABLE project_bill_lines (
    id INTEGER PRIMARY KEY,
    project_bill_id INTEGER NOT NULL REFERENCES project_bills (id),
    program_code TEXT NOT NULL REFERENCES programs (code),
    payer_code TEXT NOT NULL REFERENCES payers (code)
        CONSTRAINT project_dues_are_paid_by_the_contractor CHECK (payer_code = 'employer'),
    kind TEXT NOT NULL DEFAULT 'dues' CHECK (kind IN ('dues', 'late_penalty')),
    amount INTEGER NOT NULL,                                   -- rupiah
    reverses_id INTEGER UNIQUE REFERENCES project_bill_lines (id),
    recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        CHECK (recorded_at IS strftime('%Y-%m-%dT%H:%M:%fZ', recorded_at, '+0 days')),
    note TEXT,
    CONSTRAINT negative_amount_only_on_reversing_rows
        CHECK (amount >= 0 OR reverses_id IS NOT NULL)
) STRICT;
CREATE INDEX project_bill_lines_project_bill_id ON project_bill_lines (project_bill_id);
CREATE INDEX project_bill_lines_program_code ON project_bill_lines (program_code);
CREATE INDEX project_bill_lines_payer_code ON project_bill_lines (payer_code);

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
CREATE INDEX project_payment_allocations_payment_id ON project_payment_allocations (payment_id);
CREATE INDEX project_payment_allocations_project_bill_id ON project_payment_allocations (project_bill_id);

-- ---- consistency of new rows (as 0007 and 0013 for membership bills) --------

CREATE TRIGGER project_bill_lines_check_on_insert
BEFORE INSERT ON project_bill_lines
BEGIN
    SELECT RAISE(ABORT, 'a project bill line''s program must be one construction (JAKON) allows (JKK, JKM): see segment_programs')
    WHERE NEW.reverses_id IS NULL
      AND NOT EXISTS (SELECT 1 FROM segment_programs
                      WHERE segment_code = 'construction' AND program_code = NEW.program_code
                        AND requirement <> 'not_allowed');
    SELECT RAISE(ABORT, 'this project bill line has already been reversed')
    WHERE NEW.reverses_id IS NOT NULL
      AND EXISTS (SELECT 1 FROM project_bill_lines WHERE reverses_id = NEW.reverses_id);
    SELECT RAISE(ABORT, 'a reversing project bill line must be on the same bill, for the same program, payer and kind, with exactly the negated amount of the line it reverses, which must not itself be a reversal')
    WHERE NEW.reverses_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM project_bill_lines o
                      WHERE o.id = NEW.reverses_id AND o.reverses_id IS NULL
                        AND o.project_bill_id = NEW.project_bill_id AND o.program_code = NEW.program_code
                        AND o.payer_code = NEW.payer_code AND o.kind = NEW.kind
                        AND o.amount = -NEW.amount);
END;

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

-- One running total per payment, over both kinds of allocation.
CREATE TRIGGER project_payment_allocations_totals_on_insert
AFTER INSERT ON project_payment_allocations
BEGIN
    INSERT INTO payment_allocation_totals (payment_id, allocated) VALUES (NEW.payment_id, NEW.amount)
    ON CONFLICT (payment_id) DO UPDATE SET allocated = allocated + excluded.allocated;
END;

-- A bounced payment has its allocations reversed first (0007), project ones included.
CREATE TRIGGER payments_check_project_allocations_on_insert
BEFORE INSERT ON payments
WHEN NEW.reverses_id IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a payment with allocations cannot be reversed: reverse its allocations first')
    WHERE (SELECT coalesce(sum(amount), 0) FROM project_payment_allocations WHERE payment_id = NEW.reverses_id) > 0;
END;

-- ---- append-only (as 0007) ---------------------------------------------------

CREATE TRIGGER project_bills_no_replace BEFORE INSERT ON project_bills
BEGIN
    SELECT RAISE(ABORT, 'the dues ledger is append-only: a project bill with this id already exists (INSERT OR REPLACE cannot overwrite it)')
    WHERE EXISTS (SELECT 1 FROM project_bills WHERE id = NEW.id);
END;
CREATE TRIGGER project_bill_lines_no_replace BEFORE INSERT ON project_bill_lines
BEGIN
    SELECT RAISE(ABORT, 'the dues ledger is append-only: a project bill line with this id already exists (INSERT OR REPLACE cannot overwrite it)')
    WHERE EXISTS (SELECT 1 FROM project_bill_lines WHERE id = NEW.id);
END;
CREATE TRIGGER project_payment_allocations_no_replace BEFORE INSERT ON project_payment_allocations
BEGIN
    SELECT RAISE(ABORT, 'the dues ledger is append-only: a project allocation with this id already exists (INSERT OR REPLACE cannot overwrite it)')
    WHERE EXISTS (SELECT 1 FROM project_payment_allocations WHERE id = NEW.id);
END;
CREATE TRIGGER project_bills_no_update BEFORE UPDATE ON project_bills
BEGIN
    SELECT RAISE(ABORT, 'the dues ledger is append-only: a project bill cannot be changed; correct its lines with reversing lines');
END;
CREATE TRIGGER project_bills_no_delete BEFORE DELETE ON project_bills
BEGIN
    SELECT RAISE(ABORT, 'the dues ledger is append-only: a project bill cannot be deleted; reverse its lines instead');
END;
CREATE TRIGGER project_bill_lines_no_update BEFORE UPDATE ON project_bill_lines
BEGIN
    SELECT RAISE(ABORT, 'the dues ledger is append-only: a project bill line cannot be changed; insert a reversing line (reverses_id, negated amount) and a new line');
END;
CREATE TRIGGER project_bill_lines_no_delete BEFORE DELETE ON project_bill_lines
BEGIN
    SELECT RAISE(ABORT, 'the dues ledger is append-only: a project bill line cannot be deleted; insert a reversing line (reverses_id, negated amount)');
END;
CREATE TRIGGER project_payment_allocations_no_update BEFORE UPDATE ON project_payment_allocations
BEGIN
    SELECT RAISE(ABORT, 'the dues ledger is append-only: a project allocation cannot be changed; insert a reversing allocation (reverses_id, negated amount) and a new one');
END;
CREATE TRIGGER project_payment_allocations_no_delete BEFORE DELETE ON project_payment_allocations
BEGIN
    SELECT RAISE(ABORT, 'the dues ledger is append-only: a project allocation cannot be deleted; insert a reversing allocation (reverses_id, negated amount)');
END;

-- ---- standing: every membership of the project, from the day recorded ------

CREATE TRIGGER project_bills_standing_on_insert AFTER INSERT ON project_bills
BEGIN
    INSERT INTO standing_stale (membership_id, since, from_month)
    SELECT id, substr(NEW.recorded_at, 1, 10), NEW.contribution_month
    FROM memberships WHERE construction_project_id = NEW.construction_project_id
    ON CONFLICT DO UPDATE SET since = min(since, excluded.since), from_month = min(from_month, excluded.from_month);
END;
CREATE TRIGGER project_bill_lines_standing_on_insert AFTER INSERT ON project_bill_lines
BEGIN
    INSERT INTO standing_stale (membership_id, since, from_month)
    SELECT m.id, substr(NEW.recorded_at, 1, 10), b.contribution_month
    FROM project_bills b JOIN memberships m ON m.construction_project_id = b.construction_project_id
    WHERE b.id = NEW.project_bill_id
    ON CONFLICT DO UPDATE SET since = min(since, excluded.since), from_month = min(from_month, excluded.from_month);
END;
CREATE TRIGGER project_payment_allocations_standing_on_insert AFTER INSERT ON project_payment_allocations
BEGIN
    INSERT INTO standing_stale (membership_id, since, from_month)
    SELECT m.id, substr(NEW.recorded_at, 1, 10), b.contribution_month
    FROM project_bills b JOIN memberships m ON m.construction_project_id = b.construction_project_id
    WHERE b.id = NEW.project_bill_id
    ON CONFLICT DO UPDATE SET since = min(since, excluded.since), from_month = min(from_month, excluded.from_month);
END;
-- A membership moved to another project reads another bill: recomputed whole.
CREATE TRIGGER memberships_standing_on_project_change
AFTER UPDATE OF construction_project_id ON memberships
WHEN NEW.construction_project_id IS NOT OLD.construction_project_id
BEGIN
    INSERT INTO standing_stale (membership_id) VALUES (NEW.id)
    ON CONFLICT DO UPDATE SET since = NULL, from_month = NULL;
END;

-- ---- views: a membership's bills include its project's ---------------------
-- Same columns as before; only membership_status and arrears read the project bills.

-- Amount due and paid per project bill, as the ledger stood at report_as_of (as bill_balances).
CREATE VIEW project_bill_balances AS
SELECT b.id AS project_bill_id,
       b.construction_project_id,
       b.contribution_month,
       b.due_date,
       (SELECT coalesce(sum(l.amount), 0) FROM project_bill_lines l
         WHERE l.project_bill_id = b.id
           AND l.recorded_at < (SELECT date(as_of, '+1 day') FROM report_as_of)) AS amount_due,
       (SELECT coalesce(sum(a.amount), 0) FROM project_payment_allocations a
         WHERE a.project_bill_id = b.id
           AND a.recorded_at < (SELECT date(as_of, '+1 day') FROM report_as_of)) AS amount_paid,
       (SELECT as_of FROM report_as_of) AS as_of
FROM project_bills b
WHERE b.recorded_at < (SELECT date(as_of, '+1 day') FROM report_as_of);

-- The definition in 0010's header, over a membership's own bills and its project's bill:
-- last_paid_month is the later of the two lookups (each on its index, as before), and the
-- unpaid months are counted over both kinds in one pass, so each membership reads
-- last_paid_month once there.
DROP VIEW membership_status;
CREATE VIEW membership_status AS
WITH base AS (
    SELECT m.id AS membership_id, m.worker_id, m.segment_code, m.start_date, m.end_date,
           m.construction_project_id,
           (SELECT as_of FROM report_as_of) AS as_of,
           nullif(max(
               coalesce((SELECT bb.contribution_month FROM bill_balances bb
                          WHERE bb.membership_id = m.id
                            AND bb.due_date < (SELECT as_of FROM report_as_of)
                            AND bb.amount_due > 0 AND bb.amount_paid >= bb.amount_due
                          ORDER BY bb.contribution_month DESC LIMIT 1), ''),
               coalesce((SELECT pb.contribution_month FROM project_bill_balances pb
                          WHERE pb.construction_project_id = m.construction_project_id
                            AND pb.due_date < (SELECT as_of FROM report_as_of)
                            AND pb.amount_due > 0 AND pb.amount_paid >= pb.amount_due), '')), '') AS last_paid_month,
           coalesce((SELECT p.value FROM scheme_parameters p, report_as_of r
                      WHERE p.code = 'arrears_lapse_months' AND p.effective_from <= r.as_of
                        AND coalesce(p.effective_to, '9999-12-31') >= r.as_of), 3) AS lapse_months
    FROM memberships m
), counted AS (
    SELECT base.*,
           (SELECT count(*)
            FROM (SELECT bb.contribution_month, bb.amount_due, bb.amount_paid FROM bill_balances bb
                   WHERE bb.membership_id = base.membership_id AND bb.due_date < base.as_of
                  UNION ALL
                  SELECT pb.contribution_month, pb.amount_due, pb.amount_paid FROM project_bill_balances pb
                   WHERE pb.construction_project_id = base.construction_project_id AND pb.due_date < base.as_of) x
            WHERE x.contribution_month > coalesce(base.last_paid_month, '')
              AND x.amount_due > 0 AND x.amount_paid < x.amount_due) AS unpaid_months
    FROM base
)
SELECT membership_id, worker_id, segment_code, start_date, end_date, as_of,
       last_paid_month, unpaid_months,
       CASE
           WHEN start_date > as_of THEN 'not_started'
           WHEN end_date IS NOT NULL AND end_date < as_of THEN 'ended'
           ELSE CASE min(unpaid_months, lapse_months + 1)
                    WHEN 0 THEN 'active'
                    WHEN lapse_months + 1 THEN 'lapsed'
                    ELSE 'in_arrears'
                END
       END AS status
FROM counted;

-- Memberships owing money at report_as_of (0010), a project's overdue unsettled bill counted
-- for each membership of the project.
DROP VIEW arrears;
CREATE VIEW arrears AS
SELECT ms.membership_id,
       w.id AS worker_id, w.nik, w.kpj, w.full_name,
       ms.segment_code, ms.status, ms.unpaid_months,
       o.overdue_bills, o.first_unpaid_month, o.last_unpaid_month, o.amount_owed,
       ms.as_of
FROM (SELECT x.membership_id,
             count(*) AS overdue_bills,
             min(x.contribution_month) AS first_unpaid_month,
             max(x.contribution_month) AS last_unpaid_month,
             sum(x.amount_due - x.amount_paid) AS amount_owed
      FROM (SELECT bb.membership_id, bb.contribution_month, bb.amount_due, bb.amount_paid
            FROM bill_balances bb
            WHERE bb.due_date < bb.as_of AND bb.amount_due > bb.amount_paid
            UNION ALL
            SELECT m.id, pb.contribution_month, pb.amount_due, pb.amount_paid
            FROM project_bill_balances pb
            JOIN memberships m ON m.construction_project_id = pb.construction_project_id
            WHERE pb.due_date < pb.as_of AND pb.amount_due > pb.amount_paid) x
      GROUP BY x.membership_id) o
JOIN membership_status ms ON ms.membership_id = o.membership_id
JOIN workers w ON w.id = ms.worker_id;
