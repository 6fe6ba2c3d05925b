-- 0025_report_dates_milliseconds.sql — the recorded-time cut-off as INTEGER milliseconds too
--
-- The compact ledger (docs/ledger-design.md) stamps its rows with INTEGER milliseconds since
-- 1970 UTC instead of 24-character ISO text. SQLite orders every INTEGER before every TEXT, so
-- comparing such a column with `recorded_before` would count every row whatever the date,
-- without an error. The views compare it with `recorded_before_ms`, the same instant (the end
-- of the known-on Jakarta day, or the end of 9999-12-31) as an integer.

DROP VIEW report_dates;
CREATE VIEW report_dates AS
SELECT d.as_of,
       strftime('%Y-%m-%dT%H:%M:%fZ', d.as_of, '+1 day', '-7 hours') AS paid_before,
       k.known_on,
       CASE WHEN k.known_on >= '9999-12-31' THEN '9999-12-31T23:59:59.999Z'
            ELSE strftime('%Y-%m-%dT%H:%M:%fZ', k.known_on, '+1 day', '-7 hours') END AS recorded_before,
       CASE WHEN k.known_on >= '9999-12-31' THEN 253402300799999
            ELSE CAST(round((julianday(k.known_on, '+1 day', '-7 hours') - 2440587.5) * 86400000) AS INTEGER)
       END AS recorded_before_ms
FROM report_as_of d, report_known_on k;
