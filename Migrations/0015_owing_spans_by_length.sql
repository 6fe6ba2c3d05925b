-- 0015_owing_spans_by_length.sql — the arrears at a past date read only the spans that can hold it
--
-- The arrears list at a date D reads the owing status spans with
-- from_date <= D < until_date. 0012's index ordered them by until_date, so
-- D far in the past also walked every owing span that ended after D, most of
-- them starting after D too: at 1,000,000 members after twelve months, the
-- list six months back walked 3.2 million index entries for 278,540 rows and
-- took 1,169 ms (BENCHMARKS.md, Run 7). Today's list walks little else, since
-- few spans end in the future.
--
-- A span of at most L days that holds D started in (D - L, D]. So the owing
-- spans are indexed by length class first, and each class is read only over
-- that window of start dates:
--
--   length_class 0    open spans (until_date 9999-12-31): every one that
--                     started by D holds it;
--   length_class k    closed spans of at most 2^k days, k from 3 to 14
--                     (8 days to about 45 years); a span of class k is
--                     longer than 2^(k-1) days (k > 3), so one that started
--                     in the window (D - 2^k, D] holds D with a good chance:
--                     the entries read are of the order of the rows listed;
--   length_class 15   closed spans longer than 2^14 days: the not-started
--                     span of a membership (from 0000-01-01) that owes, which
--                     is rare; read whole.
--
-- After the start comes the worker: the spans that hold a past date mostly
-- started on the same few days (the days bills fell due), so the list meets
-- them in worker order and looks the workers up in a few passes over the
-- workers table. In the order of the span's end, the same list made one pass
-- per end date and cost twice as much per worker (1M members, 12 months:
-- 0.72 s against 0.34-0.43 s for the SQL alone, six months back).
--
-- The class is a generated column: it is computed from the span's dates, so
-- no writer (the library or SQL typed by hand) can store a wrong one. It is
-- VIRTUAL (ALTER TABLE cannot add a STORED column); the index keeps its value.
-- Lengths are in days between the two dates (julianday), so a span from
-- 2026-01-16 to 2026-02-16 is 31 days, class 5.

ALTER TABLE membership_status_spans ADD COLUMN length_class INTEGER
    GENERATED ALWAYS AS (CASE
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
    END) VIRTUAL;

-- Same columns as 0012's index, in a new order: the list reads what is owed,
-- the segment and the regency from the index alone (`owes` included for the
-- reason 0012 gives).
DROP INDEX membership_status_spans_owing;
CREATE INDEX membership_status_spans_owing_by_length
    ON membership_status_spans (length_class, from_date, worker_id, until_date, membership_id, segment_code,
                                regency_code, status, unpaid_months, overdue_bills, first_unpaid_month,
                                last_unpaid_month, amount_owed, owes)
    WHERE owes = 1;
