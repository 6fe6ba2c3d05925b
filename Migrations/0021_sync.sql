-- 0021_sync.sql — offline work: area extracts and the changesets pushed back
--
-- An extract (registry extract) is a register file holding one area's rows, worked on
-- where there is no network, and synced back with SQLite session changesets. In the
-- extract, sync_extract holds its one marker row: what it was taken from and when, and
-- the image of the file as extracted (baseline), against which `sqlite3session_diff`
-- finds what was done since. A central register has no marker row; it logs each
-- changeset it applied (sync_pushes) and which central id each row made offline got
-- (sync_id_map), so that pushing again stores nothing twice.

CREATE TABLE sync_extract (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    extract_id TEXT NOT NULL CHECK (length(extract_id) = 36),      -- a UUID, new at each extract or pull
    area_kind TEXT NOT NULL CHECK (area_kind IN ('office', 'region', 'agent')),
    area_code TEXT NOT NULL CHECK (length(trim(area_code)) > 0),
    source_path TEXT NOT NULL,
    extracted_at TEXT NOT NULL
        CHECK (extracted_at IS strftime('%Y-%m-%dT%H:%M:%fZ', extracted_at, '+0 days')),
    baseline BLOB NOT NULL                                          -- the file as extracted
) STRICT;

CREATE TABLE sync_pushes (
    changeset_sha256 TEXT PRIMARY KEY CHECK (length(changeset_sha256) = 64),
    extract_id TEXT NOT NULL,
    area_kind TEXT NOT NULL,
    area_code TEXT NOT NULL,
    pushed_at TEXT NOT NULL
        CHECK (pushed_at IS strftime('%Y-%m-%dT%H:%M:%fZ', pushed_at, '+0 days')),
    applied INTEGER NOT NULL CHECK (applied >= 0),
    rejected INTEGER NOT NULL CHECK (rejected >= 0)
) STRICT;

CREATE TABLE sync_id_map (
    extract_id TEXT NOT NULL,
    table_name TEXT NOT NULL,
    local_id INTEGER NOT NULL,
    central_id INTEGER NOT NULL,
    PRIMARY KEY (extract_id, table_name, local_id)
) STRICT, WITHOUT ROWID;
