-- 0011_standing.sql — standing: each membership's status over time, and the
-- counts the reports read, kept up to date with the ledger
--
-- The status of a membership at a date D is derived from the ledger as it
-- stood on D (0010_views.sql, view membership_status). Deriving it for every
-- member on every report reads the whole ledger: minutes at national scale.
-- Yet the status only changes on a few days: the start, the day after the end,
-- the day after a bill's due date, the day a ledger row was recorded, the day a
-- lapse rule starts or stops. So the library keeps, derived from the ledger and
-- in the same transaction as every change to it (never by a batch job):
--
--   membership_status_spans   each membership's status as a function of D:
--                             one row per run of days with one status (and
--                             one answer to "does it owe an overdue bill?")
--   worker_coverage_spans     per worker (and per worker and segment), the
--                             runs of days the worker participates (a
--                             membership active, in arrears or lapsed) and
--                             is active
--   status_count_changes      per segment and status: how many memberships
--                             enter (+) or leave (-) that status on each day
--   participation_changes     per segment ('all' = workers, each once) and
--                             regency: the same for participants and active
--                             participants, and first-ever joins
--   dues_received             rupiah allocated to bills, per segment, regency
--                             of residence and UTC day of payment (kept by the
--                             trigger below)
--
-- A count at D is the sum of the changes on days <= D: a few thousand rows,
-- whatever the number of members.
--
-- Spans run from from_date (inclusive) to until_date (exclusive); the first
-- span starts at '0000-01-01' and the last ends at '9999-12-31'. A regency is
-- 'PP.KK', the first five characters of the worker's village code.
--
-- Who keeps them. Triggers below list in standing_stale every membership whose
-- ledger, dates or worker's residence changed, whoever wrote the change (the
-- library or an UPDATE typed in the sqlite3 shell). The library recomputes the
-- stale memberships (Sources/Registry/Standing) before it commits each write,
-- and before a report when it finds the list non-empty. So after SQL typed by
-- hand the tables above are out of date until the next library write or
-- `registry refresh`; the views of 0010 always answer from the ledger itself.

CREATE TABLE standing_stale (
    membership_id INTEGER PRIMARY KEY
) STRICT;

CREATE TABLE membership_status_spans (
    membership_id INTEGER NOT NULL,
    from_date TEXT NOT NULL,
    until_date TEXT NOT NULL,
    status TEXT NOT NULL
        CHECK (status IN ('not_started', 'active', 'in_arrears', 'lapsed', 'ended')),
    -- 1 while some overdue bill is not settled (whatever the status): the
    -- memberships the arrears report lists.
    owes INTEGER NOT NULL CHECK (owes IN (0, 1)),
    worker_id INTEGER NOT NULL,
    segment_code TEXT NOT NULL,
    regency_code TEXT NOT NULL,     -- the one counted in participation_changes
    PRIMARY KEY (membership_id, from_date),
    CHECK (from_date < until_date)
) STRICT, WITHOUT ROWID;
CREATE INDEX membership_status_spans_worker_id ON membership_status_spans (worker_id);
-- The arrears report: memberships owing on a date.
CREATE INDEX membership_status_spans_owing
    ON membership_status_spans (until_date, from_date, membership_id)
    WHERE owes = 1;

CREATE TABLE worker_coverage_spans (
    worker_id INTEGER NOT NULL,
    segment_code TEXT NOT NULL,     -- a segment, or 'all'
    kind TEXT NOT NULL CHECK (kind IN ('participant', 'active')),
    from_date TEXT NOT NULL,
    until_date TEXT NOT NULL,
    -- Participant spans only: the end of the worker's previous participant
    -- span in this segment, NULL for the first (a first-ever join).
    previous_until TEXT,
    regency_code TEXT NOT NULL,
    PRIMARY KEY (worker_id, segment_code, kind, from_date),
    CHECK (from_date < until_date)
) STRICT, WITHOUT ROWID;
-- Head counts over a period need the re-joins: participant spans that are
-- not a worker's first.
CREATE INDEX worker_coverage_spans_rejoins
    ON worker_coverage_spans (segment_code, regency_code, from_date, previous_until)
    WHERE kind = 'participant' AND previous_until IS NOT NULL;

CREATE TABLE status_count_changes (
    segment_code TEXT NOT NULL,
    status TEXT NOT NULL,
    day TEXT NOT NULL,
    change INTEGER NOT NULL,
    PRIMARY KEY (segment_code, status, day)
) STRICT, WITHOUT ROWID;

CREATE TABLE participation_changes (
    segment_code TEXT NOT NULL,     -- a segment, or 'all'
    regency_code TEXT NOT NULL,
    day TEXT NOT NULL,
    participants INTEGER NOT NULL,
    active_participants INTEGER NOT NULL,
    first_joins INTEGER NOT NULL,   -- participant spans with no previous one
    PRIMARY KEY (segment_code, regency_code, day)
) STRICT, WITHOUT ROWID;

CREATE TABLE dues_received (
    segment_code TEXT NOT NULL,
    regency_code TEXT NOT NULL,
    paid_on TEXT NOT NULL,          -- substr(payments.paid_at, 1, 10)
    amount INTEGER NOT NULL,
    PRIMARY KEY (segment_code, regency_code, paid_on)
) STRICT, WITHOUT ROWID;
CREATE INDEX dues_received_regency_code ON dues_received (regency_code, paid_on);

-- ---- what makes a membership stale ---------------------------------------

CREATE TRIGGER memberships_standing_on_insert AFTER INSERT ON memberships
BEGIN
    INSERT OR IGNORE INTO standing_stale (membership_id) VALUES (NEW.id);
END;
CREATE TRIGGER memberships_standing_on_update
AFTER UPDATE OF worker_id, segment_code, start_date, end_date ON memberships
BEGIN
    INSERT OR IGNORE INTO standing_stale (membership_id) VALUES (NEW.id);
    INSERT OR IGNORE INTO standing_stale (membership_id) VALUES (OLD.id);
END;
CREATE TRIGGER memberships_standing_on_delete AFTER DELETE ON memberships
BEGIN
    INSERT OR IGNORE INTO standing_stale (membership_id) VALUES (OLD.id);
END;
CREATE TRIGGER bills_standing_on_insert AFTER INSERT ON bills
BEGIN
    INSERT OR IGNORE INTO standing_stale (membership_id) VALUES (NEW.membership_id);
END;
CREATE TRIGGER bill_lines_standing_on_insert AFTER INSERT ON bill_lines
BEGIN
    INSERT OR IGNORE INTO standing_stale (membership_id)
    SELECT membership_id FROM bills WHERE id = NEW.bill_id;
END;
CREATE TRIGGER payment_allocations_standing_on_insert AFTER INSERT ON payment_allocations
BEGIN
    INSERT OR IGNORE INTO standing_stale (membership_id)
    SELECT membership_id FROM bills WHERE id = NEW.bill_id;
    INSERT INTO dues_received (segment_code, regency_code, paid_on, amount)
    SELECT m.segment_code, substr(w.village_code, 1, 5), substr(p.paid_at, 1, 10), NEW.amount
    FROM bills b
    JOIN memberships m ON m.id = b.membership_id
    JOIN workers w ON w.id = m.worker_id
    JOIN payments p ON p.id = NEW.payment_id
    WHERE b.id = NEW.bill_id
    ON CONFLICT DO UPDATE SET amount = amount + excluded.amount;
END;
-- A move to another regency moves the worker's counts and dues with it.
CREATE TRIGGER workers_standing_on_move AFTER UPDATE OF village_code ON workers
WHEN substr(OLD.village_code, 1, 5) IS NOT substr(NEW.village_code, 1, 5)
BEGIN
    INSERT OR IGNORE INTO standing_stale (membership_id)
    SELECT id FROM memberships WHERE worker_id = NEW.id;
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
-- The lapse threshold is part of every status.
CREATE TRIGGER scheme_parameters_standing_on_insert AFTER INSERT ON scheme_parameters
WHEN NEW.code = 'arrears_lapse_months'
BEGIN
    INSERT OR IGNORE INTO standing_stale (membership_id) SELECT id FROM memberships;
END;
CREATE TRIGGER scheme_parameters_standing_on_update AFTER UPDATE ON scheme_parameters
WHEN NEW.code = 'arrears_lapse_months' OR OLD.code = 'arrears_lapse_months'
BEGIN
    INSERT OR IGNORE INTO standing_stale (membership_id) SELECT id FROM memberships;
END;
CREATE TRIGGER scheme_parameters_standing_on_delete AFTER DELETE ON scheme_parameters
WHEN OLD.code = 'arrears_lapse_months'
BEGIN
    INSERT OR IGNORE INTO standing_stale (membership_id) SELECT id FROM memberships;
END;

-- ---- target achievement: dues received in the period ---------------------
-- The view of 0010 counted only memberships running in the period, which
-- left out arrears paid after a membership ended.
DROP VIEW target_achievement;
-- Target achievement. Area of a target: a regency; a province (its
-- regencies); a branch (regencies it serves at period_end); a regional
-- office (regencies its branches serve at period_end); the head office
-- (everywhere). Segment NULL = all segments. Actual value by kind:
--   head_count           distinct workers resident in the area with a
--                        membership (of the segment) whose period overlaps
--                        [period_start, period_end]
--   dues_amount          rupiah allocated to bills of memberships (of the
--                        segment) of workers resident in the area, from
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
    -- Since 0011: every allocation paid in the period to a membership (of the
    -- segment) of a worker resident in the area, whether or not the membership
    -- still ran in the period (arrears paid after it ended count).
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
    WHERE substr(p.paid_at, 1, 10) BETWEEN t.period_start AND t.period_end
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

-- A register migrated from an earlier version: everything is to be computed,
-- and the dues received so far are summed once.
INSERT INTO standing_stale (membership_id) SELECT id FROM memberships;
INSERT INTO dues_received (segment_code, regency_code, paid_on, amount)
SELECT m.segment_code, substr(w.village_code, 1, 5), substr(p.paid_at, 1, 10), sum(a.amount)
FROM payment_allocations a
JOIN bills b ON b.id = a.bill_id
JOIN memberships m ON m.id = b.membership_id
JOIN workers w ON w.id = m.worker_id
JOIN payments p ON p.id = a.payment_id
GROUP BY 1, 2, 3;
