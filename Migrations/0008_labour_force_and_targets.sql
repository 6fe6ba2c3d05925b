-- 0008_labour_force_and_targets.sql — labour force (angkatan kerja) and
-- membership targets
--
-- Coverage = participants ÷ labour force of an area, where labour force =
-- employed (bekerja) + unemployed (pengangguran). Figures per year, for a
-- regency/city or for a whole province (exactly one of the two).
-- Example fixtures (domain.md): Bantul regency 2023 labour force 457,718;
-- Central Java province 2021: 17,835,770 employed + 1,128,223 unemployed.

CREATE TABLE labour_force (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
    province_code TEXT REFERENCES provinces (code),
    regency_code TEXT REFERENCES regencies (code),
    employed INTEGER NOT NULL CHECK (employed >= 0),
    unemployed INTEGER NOT NULL CHECK (unemployed >= 0),
    source TEXT,                               -- e.g. 'BPS Sakernas August 2023'
    CONSTRAINT labour_force_is_for_exactly_one_province_or_regency
        CHECK ((province_code IS NULL) <> (regency_code IS NULL))
) STRICT;
CREATE UNIQUE INDEX labour_force_regency_year ON labour_force (regency_code, year);
CREATE UNIQUE INDEX labour_force_province_year ON labour_force (province_code, year);

-- Targets for an office (head office = national, regional office, branch)
-- or a region (province or regency), optionally for one segment (NULL = all
-- segments), over a period, of one kind:
--   head_count           target_value = number of participants
--   dues_amount          target_value = rupiah collected in the period
--   coverage_percentage  target_value = coverage in basis points (40% = 4000)
-- Example (domain.md): Purwakarta regency 2017, informal members target 6,693.
CREATE TABLE targets (
    id INTEGER PRIMARY KEY,
    office_id INTEGER REFERENCES offices (id),
    province_code TEXT REFERENCES provinces (code),
    regency_code TEXT REFERENCES regencies (code),
    segment_code TEXT REFERENCES segments (code),          -- NULL = all segments
    kind TEXT NOT NULL CHECK (kind IN ('head_count', 'dues_amount', 'coverage_percentage')),
    target_value INTEGER NOT NULL CHECK (target_value >= 0),
    period_start TEXT NOT NULL CHECK (period_start IS date(period_start, '+0 days')),
    period_end TEXT NOT NULL CHECK (period_end IS date(period_end, '+0 days')),
    note TEXT,
    CONSTRAINT target_is_for_exactly_one_office_or_province_or_regency
        CHECK ((office_id IS NOT NULL) + (province_code IS NOT NULL) + (regency_code IS NOT NULL) = 1),
    CONSTRAINT target_period_end_must_not_be_before_period_start
        CHECK (period_end >= period_start)
) STRICT;
CREATE INDEX targets_office_id ON targets (office_id);
CREATE INDEX targets_province_code ON targets (province_code);
CREATE INDEX targets_regency_code ON targets (regency_code);
CREATE INDEX targets_segment_code ON targets (segment_code);
