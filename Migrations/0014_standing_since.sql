-- 0014_standing_since.sql — recompute a membership's standing from the day it changed
--
-- Until now every stale membership was recomputed from its whole ledger, and its
-- status spans deleted and written again, however little had changed. A month of
-- billing and payments touches every membership, so a month cost more the longer the
-- register's history: at 1,000,000 members, 82 s in the first month and 239-271 s in
-- months 7 to 9 (BENCHMARKS.md, Run 6). A register with ten years of history would read
-- 120 bills per member every month to price one.
--
-- Two facts make most of that work unnecessary:
--
--   * A new ledger row (bill, bill line, allocation) changes the status only on and
--     after the UTC day it is recorded: the status at D reads only rows recorded on or
--     before D. So the stale list now says from which day to recompute (since), and
--     the spans before that day are kept as they are.
--   * Once every bill before some month is settled, those bills no longer affect the
--     status (a settled bill only ends a run of unpaid months, and there is no unpaid
--     month before them to end). standing_horizons keeps that month per membership,
--     and the recomputation reads only the bills from it on.
--
-- What is recomputed whole, as before: a membership whose dates, worker or segment
-- changed, whose worker moved regency, every membership when the lapse rule changes,
-- and a membership whose change reaches behind its horizon (a reversal of an old
-- payment, a penalty on an old bill, a row recorded with an earlier date than the
-- settled bills' own). The stale list marks those with since and from_month NULL.

-- since: the earliest UTC day (YYYY-MM-DD) of a ledger row added since the last
-- refresh; from_month: the earliest contribution month those rows belong to. Both
-- NULL: recompute the membership whole. (min() of NULL and anything is NULL, so a
-- whole recomputation, once asked for, is never narrowed by a later ledger row.)
ALTER TABLE standing_stale ADD COLUMN since TEXT;
ALTER TABLE standing_stale ADD COLUMN from_month TEXT;

-- Every bill of the membership for a month before settled_before_month is settled
-- (its allocations reach the sum of its lines), and has been on every day from
-- settled_since on: every row of those bills was recorded by then. Derived data,
-- written by the library's refresh; `registry check` verifies it (check
-- standing_horizons). A membership without a row has no settled months yet.
CREATE TABLE standing_horizons (
    membership_id INTEGER PRIMARY KEY,      -- derived, like the spans: no foreign key
    settled_before_month TEXT NOT NULL,     -- YYYY-MM
    settled_since TEXT NOT NULL             -- YYYY-MM-DD (UTC)
) STRICT;

-- The refresh reads a worker's spans through the worker's memberships (one range
-- of the primary key each), so the index on worker_id has no reader left; it cost
-- an index write for every span written and deleted.
DROP INDEX membership_status_spans_worker_id;

-- ---- the triggers of 0011, now saying from when --------------------------
-- SQLite cannot alter a trigger: each is dropped and created again. The dues part
-- of the two triggers that also kept dues_received is unchanged; it is now its own
-- trigger, so that the stale part reads alone.

DROP TRIGGER memberships_standing_on_insert;
DROP TRIGGER memberships_standing_on_update;
DROP TRIGGER memberships_standing_on_delete;
DROP TRIGGER bills_standing_on_insert;
DROP TRIGGER bill_lines_standing_on_insert;
DROP TRIGGER payment_allocations_standing_on_insert;
DROP TRIGGER workers_standing_on_move;
DROP TRIGGER scheme_parameters_standing_on_insert;
DROP TRIGGER scheme_parameters_standing_on_update;
DROP TRIGGER scheme_parameters_standing_on_delete;

-- Whole recomputations.
CREATE TRIGGER memberships_standing_on_insert AFTER INSERT ON memberships
BEGIN
    INSERT INTO standing_stale (membership_id) VALUES (NEW.id)
    ON CONFLICT DO UPDATE SET since = NULL, from_month = NULL;
END;
CREATE TRIGGER memberships_standing_on_update
AFTER UPDATE OF worker_id, segment_code, start_date, end_date ON memberships
BEGIN
    INSERT INTO standing_stale (membership_id) VALUES (NEW.id)
    ON CONFLICT DO UPDATE SET since = NULL, from_month = NULL;
    INSERT INTO standing_stale (membership_id) VALUES (OLD.id)
    ON CONFLICT DO UPDATE SET since = NULL, from_month = NULL;
END;
CREATE TRIGGER memberships_standing_on_delete AFTER DELETE ON memberships
BEGIN
    INSERT INTO standing_stale (membership_id) VALUES (OLD.id)
    ON CONFLICT DO UPDATE SET since = NULL, from_month = NULL;
END;
CREATE TRIGGER workers_standing_on_move AFTER UPDATE OF village_code ON workers
WHEN substr(OLD.village_code, 1, 5) IS NOT substr(NEW.village_code, 1, 5)
BEGIN
    INSERT INTO standing_stale (membership_id)
    SELECT id FROM memberships WHERE worker_id = NEW.id
    ON CONFLICT DO UPDATE SET since = NULL, from_month = NULL;
END;
CREATE TRIGGER scheme_parameters_standing_on_insert AFTER INSERT ON scheme_parameters
WHEN NEW.code = 'arrears_lapse_months'
BEGIN
    INSERT INTO standing_stale (membership_id) SELECT id FROM memberships WHERE true
    ON CONFLICT DO UPDATE SET since = NULL, from_month = NULL;
END;
CREATE TRIGGER scheme_parameters_standing_on_update AFTER UPDATE ON scheme_parameters
WHEN NEW.code = 'arrears_lapse_months' OR OLD.code = 'arrears_lapse_months'
BEGIN
    INSERT INTO standing_stale (membership_id) SELECT id FROM memberships WHERE true
    ON CONFLICT DO UPDATE SET since = NULL, from_month = NULL;
END;
CREATE TRIGGER scheme_parameters_standing_on_delete AFTER DELETE ON scheme_parameters
WHEN OLD.code = 'arrears_lapse_months'
BEGIN
    INSERT INTO standing_stale (membership_id) SELECT id FROM memberships WHERE true
    ON CONFLICT DO UPDATE SET since = NULL, from_month = NULL;
END;

-- New ledger rows: from the day they were recorded, and their bill's month.
CREATE TRIGGER bills_standing_on_insert AFTER INSERT ON bills
BEGIN
    INSERT INTO standing_stale (membership_id, since, from_month)
    VALUES (NEW.membership_id, substr(NEW.recorded_at, 1, 10), NEW.contribution_month)
    ON CONFLICT DO UPDATE SET since = min(since, excluded.since), from_month = min(from_month, excluded.from_month);
END;
CREATE TRIGGER bill_lines_standing_on_insert AFTER INSERT ON bill_lines
BEGIN
    INSERT INTO standing_stale (membership_id, since, from_month)
    SELECT membership_id, substr(NEW.recorded_at, 1, 10), contribution_month FROM bills WHERE id = NEW.bill_id
    ON CONFLICT DO UPDATE SET since = min(since, excluded.since), from_month = min(from_month, excluded.from_month);
END;
CREATE TRIGGER payment_allocations_standing_on_insert AFTER INSERT ON payment_allocations
BEGIN
    INSERT INTO standing_stale (membership_id, since, from_month)
    SELECT membership_id, substr(NEW.recorded_at, 1, 10), contribution_month FROM bills WHERE id = NEW.bill_id
    ON CONFLICT DO UPDATE SET since = min(since, excluded.since), from_month = min(from_month, excluded.from_month);
END;

-- dues_received, as kept by 0011 (unchanged).
CREATE TRIGGER payment_allocations_dues_received_on_insert AFTER INSERT ON payment_allocations
BEGIN
    INSERT INTO dues_received (segment_code, regency_code, paid_on, amount)
    SELECT m.segment_code, substr(w.village_code, 1, 5), substr(p.paid_at, 1, 10), NEW.amount
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
    SELECT m.segment_code, r.regency_code, substr(p.paid_at, 1, 10), r.sign * sum(a.amount)
    FROM (SELECT substr(OLD.village_code, 1, 5) AS regency_code, -1 AS sign
          UNION ALL SELECT substr(NEW.village_code, 1, 5), 1) r
    JOIN memberships m ON m.worker_id = NEW.id
    JOIN bills b ON b.membership_id = m.id
    JOIN payment_allocations a ON a.bill_id = b.id
    JOIN payments p ON p.id = a.payment_id
    WHERE true
    GROUP BY m.segment_code, r.regency_code, substr(p.paid_at, 1, 10)
    ON CONFLICT DO UPDATE SET amount = amount + excluded.amount;
END;
