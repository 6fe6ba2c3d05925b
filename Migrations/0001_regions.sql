-- 0001_regions.sql — administrative regions (Kemendagri codes)
--
-- ==========================================================================
-- HOW TO RUN THESE FILES BY HAND
--   sqlite3 registry.db
--   sqlite> PRAGMA foreign_keys = ON;   -- REQUIRED in every shell session:
--                                       -- SQLite does not enforce foreign
--                                       -- keys unless this is on (the Swift
--                                       -- library turns it on itself).
--   sqlite> .read Migrations/0001_regions.sql   (then 0002, 0003, ... in order)
-- Each file runs inside one transaction when the Swift migrator applies it,
-- so files contain no BEGIN/COMMIT/PRAGMA. The migrator records applied files
-- in its own table schema_migrations.
--
-- CONVENTIONS USED BY EVERY FILE (the Swift wrapper relies on them)
--   * Tables are STRICT; surrogate keys are `id INTEGER PRIMARY KEY`, except
--     natural keys (region codes, reference-table codes).
--   * Calendar date: TEXT 'YYYY-MM-DD', checked with
--         x IS date(x, '+0 days')
--     (plain date(x) returns '2026-02-30' unchanged; the '+0 days' modifier
--     normalises it to '2026-03-02', so impossible dates fail the check).
--   * Timestamp: TEXT 'YYYY-MM-DDTHH:MM:SS.SSSZ' (UTC, milliseconds), checked
--     with  x IS strftime('%Y-%m-%dT%H:%M:%fZ', x, '+0 days')
--     (again '+0 days' is needed, or '2024-02-30T…' and 'T24:00' pass).
--   * Contribution month: TEXT 'YYYY-MM'.
--   * Money: INTEGER whole rupiah (never REAL); STRICT refuses fractions.
--   * Rates: INTEGER parts per million (ppm): 1% = 10,000 ppm,
--     0.24% = 2,400 ppm, Rp-flat amounts are separate INTEGER rupiah columns.
--     Coverage percentages in targets are basis points (1% = 100 bp).
--   * Booleans: INTEGER CHECK (x IN (0, 1)).
--   * Lists of values that may grow (payers, channels, …) are reference
--     tables, not CHECK lists: SQLite cannot alter a CHECK without rebuilding
--     the table. Values fixed by definition (sex, requirement kind) are CHECKs.
--   * Every foreign-key column has an index.
--   * Constraint names read as the rule, because SQLite reports them:
--     "CHECK constraint failed: regency_code_must_start_with_province_code".
-- ==========================================================================
--
-- Region codes (kode wilayah Kemendagri): PP.KK.CC.DDDD
--   province  (provinsi)                'PP'             e.g. '32' Jawa Barat
--   regency/city (kabupaten/kota)       'PP.KK'          e.g. '32.14' Purwakarta
--       KK 01–69 = kabupaten (regency), 71–99 = kota (city)
--   district  (kecamatan)               'PP.KK.CC'
--   village   (desa/kelurahan)          'PP.KK.CC.DDDD'
--       DDDD starting with 1 = kelurahan (urban), with 2 = desa (rural)
-- Each code must start with its parent's code (checked below), so the parent
-- column is redundant with the code but keeps joins and FKs plain.

CREATE TABLE provinces (
    code TEXT PRIMARY KEY
        CONSTRAINT province_code_must_be_PP
        CHECK (code GLOB '[0-9][0-9]' AND code <> '00'),
    name TEXT NOT NULL CHECK (length(trim(name)) > 0)
) STRICT;

CREATE TABLE regencies (           -- kabupaten / kota
    code TEXT PRIMARY KEY
        CONSTRAINT regency_code_must_be_PP_KK_with_KK_01_to_69_or_71_to_99
        CHECK (code GLOB '[0-9][0-9].[0-9][0-9]'
               AND (substr(code, 4, 2) BETWEEN '01' AND '69'
                    OR substr(code, 4, 2) BETWEEN '71' AND '99')),
    province_code TEXT NOT NULL REFERENCES provinces (code),
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    -- 'regency' (kabupaten) or 'city' (kota), derived from the code.
    kind TEXT NOT NULL GENERATED ALWAYS AS
        (CASE WHEN substr(code, 4, 2) >= '71' THEN 'city' ELSE 'regency' END) VIRTUAL,
    CONSTRAINT regency_code_must_start_with_province_code
        CHECK (substr(code, 1, 2) = province_code)
) STRICT;
CREATE INDEX regencies_province_code ON regencies (province_code);

CREATE TABLE districts (            -- kecamatan
    code TEXT PRIMARY KEY
        CONSTRAINT district_code_must_be_PP_KK_CC
        CHECK (code GLOB '[0-9][0-9].[0-9][0-9].[0-9][0-9]' AND substr(code, 7, 2) <> '00'),
    regency_code TEXT NOT NULL REFERENCES regencies (code),
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    CONSTRAINT district_code_must_start_with_regency_code
        CHECK (substr(code, 1, 5) = regency_code)
) STRICT;
CREATE INDEX districts_regency_code ON districts (regency_code);

CREATE TABLE villages (             -- desa (rural) / kelurahan (urban)
    code TEXT PRIMARY KEY
        CONSTRAINT village_code_must_be_PP_KK_CC_DDDD_starting_1_or_2
        CHECK (code GLOB '[0-9][0-9].[0-9][0-9].[0-9][0-9].[12][0-9][0-9][0-9]'
               AND substr(code, 10, 4) NOT IN ('1000', '2000')),
    district_code TEXT NOT NULL REFERENCES districts (code),
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    -- 'urban' (kelurahan, code 1xxx) or 'rural' (desa, code 2xxx).
    kind TEXT NOT NULL GENERATED ALWAYS AS
        (CASE substr(code, 10, 1) WHEN '1' THEN 'urban' ELSE 'rural' END) VIRTUAL,
    CONSTRAINT village_code_must_start_with_district_code
        CHECK (substr(code, 1, 8) = district_code)
) STRICT;
CREATE INDEX villages_district_code ON villages (district_code);
