-- 0012_arrears_on_spans.sql — what a membership owes, kept on its status spans
--
-- The arrears report of 0011 found the owing memberships through the spans,
-- then summed their overdue bills and derived their status from the ledger,
-- per membership: 9.1 s for 161,110 memberships owing in a register of a
-- million (BENCHMARKS.md, Run 4). What a membership owes at D changes only on
-- the days its status can change (0011's header), so it is kept on the span
-- like the status: a span now also ends where the amount owed, the number of
-- overdue bills or the run of unpaid months changes, and the arrears list is
-- one read of the partial index below.
--
-- The table is rebuilt rather than altered so that `.schema` shows one
-- definition with its constraints. Its rows, and the counts derived from
-- them, are recomputed by the library from the ledger: every membership is
-- listed stale and the next write or `registry refresh` recomputes it.

DROP TABLE membership_status_spans;

CREATE TABLE membership_status_spans (
    membership_id INTEGER NOT NULL,
    from_date TEXT NOT NULL,
    until_date TEXT NOT NULL,
    status TEXT NOT NULL
        CHECK (status IN ('not_started', 'active', 'in_arrears', 'lapsed', 'ended')),
    -- Overdue unsettled bills after the last settled one: the count behind
    -- in_arrears and lapsed (view membership_status, column unpaid_months).
    unpaid_months INTEGER NOT NULL CHECK (unpaid_months >= 0),
    -- 1 while some overdue bill is not settled (whatever the status): the
    -- memberships the arrears report lists. The four columns after it are
    -- the view arrears' columns, 0 or NULL while owes = 0.
    owes INTEGER NOT NULL CHECK (owes IN (0, 1)),
    overdue_bills INTEGER NOT NULL,
    first_unpaid_month TEXT,
    last_unpaid_month TEXT,
    amount_owed INTEGER NOT NULL,   -- rupiah: Σ (due − paid) over those bills
    worker_id INTEGER NOT NULL,
    segment_code TEXT NOT NULL,
    regency_code TEXT NOT NULL,     -- the one counted in participation_changes
    PRIMARY KEY (membership_id, from_date),
    CHECK (from_date < until_date),
    CHECK (CASE owes
               WHEN 1 THEN overdue_bills >= unpaid_months AND overdue_bills > 0 AND amount_owed > 0
                           AND first_unpaid_month <= last_unpaid_month
               ELSE unpaid_months = 0 AND overdue_bills = 0 AND amount_owed = 0
                    AND first_unpaid_month IS NULL AND last_unpaid_month IS NULL
           END)
) STRICT, WITHOUT ROWID;
CREATE INDEX membership_status_spans_worker_id ON membership_status_spans (worker_id);
-- The arrears report: the spans owing on a date, read in index order
-- (those ending after it, then their start), with what they owe, and the
-- segment and regency its filters test before reading the worker. `owes`
-- is in the index although its WHERE fixes it: SQLite counts an index as
-- covering only if it holds every column the query names, and the query
-- must say `owes = 1` to use a partial index; without it each entry cost a
-- lookup in the table (37 ms instead of 3 ms for a date six months back on
-- 100,000 members).
CREATE INDEX membership_status_spans_owing
    ON membership_status_spans (until_date, from_date, membership_id, worker_id, segment_code, regency_code,
                                status, unpaid_months, overdue_bills, first_unpaid_month, last_unpaid_month,
                                amount_owed, owes)
    WHERE owes = 1;

-- Everything derived from the spans is recomputed with them.
DELETE FROM worker_coverage_spans;
DELETE FROM status_count_changes;
DELETE FROM participation_changes;
INSERT OR IGNORE INTO standing_stale (membership_id) SELECT id FROM memberships;
