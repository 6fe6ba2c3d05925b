-- 0024_sync_baseline_chunks.sql — an extract's baseline kept in chunks
--
-- The baseline (the extract's file as extracted, which `sqlite3session_diff` compares the
-- extract with) was one BLOB in sync_extract.baseline, and SQLite refuses any value longer
-- than 1,000,000,000 bytes (SQLITE_MAX_LENGTH): an area whose file passed that size could not
-- be extracted ("string or blob too big"), as an office of a 1M-member centre with two ledger
-- months. New extracts keep it here, in order, in chunks well under the limit, and leave
-- sync_extract.baseline empty; an extract made before this migration still has it there.
-- (Numbered 0024: 0022 and 0023 were taken by work in progress when this was written.)

CREATE TABLE sync_extract_baseline (
    chunk INTEGER PRIMARY KEY CHECK (chunk >= 0),
    bytes BLOB NOT NULL CHECK (length(bytes) > 0)
) STRICT;
