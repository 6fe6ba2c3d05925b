-- 0004_rules.sql — contribution rules (iuran) as dated data
--
-- Every rate, cap and amount is a row with effective_from / effective_to
-- (inclusive dates; effective_to NULL = still in force). A new regulation is
-- a new row added by a new migration (close the old row's effective_to
-- first); triggers refuse two rows for the same rule whose periods overlap.
--
-- Units: rates are INTEGER parts per million (ppm): 1% = 10,000 ppm,
-- 0.24% = 2,400 ppm, 0.445% = 4,450 ppm. Rupiah amounts are INTEGER.
-- Pricing convention (implemented in Swift): a contribution month is priced
-- with the rows in force on the FIRST DAY of that month.
--
-- confidence = domain.md mark: H regulation/official letter, M two or more
-- secondary sources, L single secondary source (treat as configuration).
-- Start dates not given in domain.md are ASSUMED: 2015-07-01 (start of the
-- present program set under PP 44/45/46 of 2015) unless stated otherwise.

-- --------------------------------------------------------------------------
-- Scalar parameters: floors, caps, fees, penalties, thresholds.
CREATE TABLE scheme_parameter_codes (
    code TEXT PRIMARY KEY,
    unit TEXT NOT NULL
        CHECK (unit IN ('rupiah', 'ppm', 'months', 'years', 'day_of_month', 'working_days')),
    description TEXT NOT NULL
) STRICT;

INSERT INTO scheme_parameter_codes (code, unit, description) VALUES
    ('bpu_income_floor',              'rupiah', 'Lowest declared monthly income for an informal (BPU) member'),
    ('bpu_due_day_of_month',          'day_of_month', 'BPU dues are due by this day of the contribution month'),
    ('pu_due_day_of_following_month', 'day_of_month', 'PU dues are due by this day of the month after the contribution month'),
    ('jp_wage_cap',                   'rupiah', 'Monthly wage cap for JP (pension) dues; changes every March'),
    ('jkp_wage_cap',                  'rupiah', 'Monthly wage cap for JKP (job-loss) dues'),
    ('jkp_max_age_at_registration',   'years',  'JKP only for members younger than this at registration'),
    ('employer_late_penalty_per_month','ppm',   'Penalty on the amount owed per month of delay, paid by the employer (PU)'),
    ('arrears_lapse_months',          'months', 'More than this many consecutive unpaid months: membership lapses'),
    ('arrears_settlement_months',     'months', 'Arrears may be settled at most this many months after paid protection ends'),
    ('agent_fee',                     'ppm',    'Perisai agent fee as a share of the monthly dues of members they recruit'),
    ('agent_inactivity_months',       'months', 'An agent is dropped after this many months without a new member'),
    ('construction_registration_working_days', 'working_days', 'A construction project registers within this many working days of the work order');

CREATE TABLE scheme_parameters (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL REFERENCES scheme_parameter_codes (code),
    value INTEGER NOT NULL CHECK (value >= 0),
    effective_from TEXT NOT NULL CHECK (effective_from IS date(effective_from, '+0 days')),
    effective_to TEXT CHECK (effective_to IS date(effective_to, '+0 days')),
    confidence TEXT NOT NULL CHECK (confidence IN ('H', 'M', 'L')),
    note TEXT,
    CONSTRAINT effective_to_must_not_be_before_effective_from
        CHECK (effective_to IS NULL OR effective_to >= effective_from)
) STRICT;
CREATE INDEX scheme_parameters_code ON scheme_parameters (code, effective_from);

CREATE TRIGGER scheme_parameters_no_overlap_on_insert
BEFORE INSERT ON scheme_parameters
BEGIN
    SELECT RAISE(ABORT, 'scheme_parameters: this parameter already has a value for part of this period (close the old row with effective_to first)')
    WHERE EXISTS (SELECT 1 FROM scheme_parameters r
                  WHERE r.code = NEW.code
                    AND r.effective_from <= coalesce(NEW.effective_to, '9999-12-31')
                    AND coalesce(r.effective_to, '9999-12-31') >= NEW.effective_from);
END;

CREATE TRIGGER scheme_parameters_no_overlap_on_update
BEFORE UPDATE ON scheme_parameters
BEGIN
    SELECT RAISE(ABORT, 'scheme_parameters: this parameter already has a value for part of this period (close the old row with effective_to first)')
    WHERE EXISTS (SELECT 1 FROM scheme_parameters r
                  WHERE r.code = NEW.code AND r.id <> NEW.id
                    AND r.effective_from <= coalesce(NEW.effective_to, '9999-12-31')
                    AND coalesce(r.effective_to, '9999-12-31') >= NEW.effective_from);
END;

INSERT INTO scheme_parameters (code, value, effective_from, effective_to, confidence, note) VALUES
    -- BPU income floor Rp1,000,000, so minimum dues Rp10,000 + Rp6,800 = Rp16,800 (M).
    -- If this changes, also update the message of trigger
    -- memberships_check_on_insert/update (0006), which names the amount.
    ('bpu_income_floor', 1000000, '2015-07-01', NULL, 'M', 'minimum BPU dues Rp16,800; start date assumed'),
    ('bpu_due_day_of_month', 15, '2015-07-01', NULL, 'M', 'start date assumed'),
    ('pu_due_day_of_following_month', 15, '2015-07-01', NULL, 'M', 'start date assumed'),
    -- JP wage cap, from March each year (H overall; 2019, 2021 and 2026 figures M).
    ('jp_wage_cap',  8512400, '2019-03-01', '2020-02-29', 'M', NULL),
    ('jp_wage_cap',  8939700, '2020-03-01', '2021-02-28', 'H', NULL),
    ('jp_wage_cap',  8754600, '2021-03-01', '2022-02-28', 'M', NULL),
    ('jp_wage_cap',  9077600, '2022-03-01', '2023-02-28', 'H', NULL),
    ('jp_wage_cap',  9559600, '2023-03-01', '2024-02-29', 'H', NULL),
    ('jp_wage_cap', 10042300, '2024-03-01', '2025-02-28', 'H', NULL),
    ('jp_wage_cap', 10547400, '2025-03-01', '2026-02-28', 'H', NULL),
    ('jp_wage_cap', 11086300, '2026-03-01', NULL,         'M', NULL),
    -- JKP wage base capped at Rp5,000,000 (domain.md: H/M, stored as M);
    -- start 2021-02-02 (PP 37/2021) is an assumption.
    ('jkp_wage_cap', 5000000, '2021-02-02', NULL, 'M', 'start date assumed (PP 37/2021)'),
    ('jkp_max_age_at_registration', 54, '2021-02-02', NULL, 'H', 'start date assumed'),
    -- Employer late penalty 2% per month of delay = 20,000 ppm (M).
    ('employer_late_penalty_per_month', 20000, '2015-07-01', NULL, 'M', 'start date assumed'),
    -- More than 3 consecutive unpaid months: membership ends (H, internal guideline).
    ('arrears_lapse_months', 3, '2015-07-01', NULL, 'H', 'start date assumed'),
    ('arrears_settlement_months', 3, '2015-07-01', NULL, 'H', 'start date assumed'),
    -- Perisai agents, launched 2018: fee 7.5% = 75,000 ppm (M, 2018).
    ('agent_fee', 75000, '2018-01-01', NULL, 'M', 'launched 2018; exact start date assumed'),
    ('agent_inactivity_months', 3, '2018-01-01', NULL, 'M', 'start date assumed'),
    ('construction_registration_working_days', 14, '2015-07-01', NULL, 'H', 'start date assumed');

-- --------------------------------------------------------------------------
-- Percentage and flat rates by segment × program × share.
-- share: whose share of the dues this is —
--   employer   paid by the employer (PU)
--   worker     the member's own share (PU: deducted from wages; BPU: paid
--              by the membership's payer, i.e. self or a sponsor)
--   government JKP, funded by central government / recomposition; never
--              billed to employer or worker
-- jkk_risk_group: only for PU JKK (NULL = applies to every risk group).
-- Exactly one of rate_ppm (on declared income / wage) or flat_amount
-- (rupiah per month).
CREATE TABLE contribution_rates (
    id INTEGER PRIMARY KEY,
    segment_code TEXT NOT NULL REFERENCES segments (code),
    program_code TEXT NOT NULL REFERENCES programs (code),
    share TEXT NOT NULL CHECK (share IN ('employer', 'worker', 'government')),
    jkk_risk_group TEXT REFERENCES jkk_risk_groups (code),
    rate_ppm INTEGER CHECK (rate_ppm BETWEEN 0 AND 1000000),
    flat_amount INTEGER CHECK (flat_amount >= 0),
    effective_from TEXT NOT NULL CHECK (effective_from IS date(effective_from, '+0 days')),
    effective_to TEXT CHECK (effective_to IS date(effective_to, '+0 days')),
    confidence TEXT NOT NULL CHECK (confidence IN ('H', 'M', 'L')),
    note TEXT,
    CONSTRAINT exactly_one_of_rate_ppm_or_flat_amount
        CHECK ((rate_ppm IS NULL) <> (flat_amount IS NULL)),
    CONSTRAINT jkk_risk_group_only_for_jkk
        CHECK (jkk_risk_group IS NULL OR program_code = 'JKK'),
    CONSTRAINT effective_to_must_not_be_before_effective_from
        CHECK (effective_to IS NULL OR effective_to >= effective_from)
) STRICT;
CREATE INDEX contribution_rates_lookup
    ON contribution_rates (segment_code, program_code, effective_from);
CREATE INDEX contribution_rates_program_code ON contribution_rates (program_code);
CREATE INDEX contribution_rates_jkk_risk_group ON contribution_rates (jkk_risk_group);

CREATE TRIGGER contribution_rates_no_overlap_on_insert
BEFORE INSERT ON contribution_rates
BEGIN
    SELECT RAISE(ABORT, 'contribution_rates: a rate for this segment, program, share and risk group already covers part of this period (close the old row with effective_to first)')
    WHERE EXISTS (SELECT 1 FROM contribution_rates r
                  WHERE r.segment_code = NEW.segment_code AND r.program_code = NEW.program_code
                    AND r.share = NEW.share AND r.jkk_risk_group IS NEW.jkk_risk_group
                    AND r.effective_from <= coalesce(NEW.effective_to, '9999-12-31')
                    AND coalesce(r.effective_to, '9999-12-31') >= NEW.effective_from);
END;

CREATE TRIGGER contribution_rates_no_overlap_on_update
BEFORE UPDATE ON contribution_rates
BEGIN
    SELECT RAISE(ABORT, 'contribution_rates: a rate for this segment, program, share and risk group already covers part of this period (close the old row with effective_to first)')
    WHERE EXISTS (SELECT 1 FROM contribution_rates r
                  WHERE r.id <> NEW.id
                    AND r.segment_code = NEW.segment_code AND r.program_code = NEW.program_code
                    AND r.share = NEW.share AND r.jkk_risk_group IS NEW.jkk_risk_group
                    AND r.effective_from <= coalesce(NEW.effective_to, '9999-12-31')
                    AND coalesce(r.effective_to, '9999-12-31') >= NEW.effective_from);
END;

INSERT INTO contribution_rates
    (segment_code, program_code, share, jkk_risk_group, rate_ppm, flat_amount,
     effective_from, effective_to, confidence, note)
VALUES
    -- BPU (informal), on the band nominal of declared income (see bpu_income_bands).
    ('informal', 'JKK', 'worker', NULL, 10000, NULL, '2015-07-01', NULL, 'H', 'JKK 1%'),
    ('informal', 'JKM', 'worker', NULL, NULL,  6800, '2015-07-01', NULL, 'H', 'JKM Rp6,800 flat'),
    ('informal', 'JHT', 'worker', NULL, 20000, NULL, '2015-07-01', NULL, 'M', 'JHT 2%, optional'),
    -- PU (wage earners), on monthly wage. JKK by employer risk group (H).
    ('wage_earner', 'JKK', 'employer', 'very_low',   2400, NULL, '2015-07-01', NULL, 'H', '0.24%'),
    ('wage_earner', 'JKK', 'employer', 'low',        5400, NULL, '2015-07-01', NULL, 'H', '0.54%'),
    ('wage_earner', 'JKK', 'employer', 'medium',     8900, NULL, '2015-07-01', NULL, 'H', '0.89%'),
    ('wage_earner', 'JKK', 'employer', 'high',      12700, NULL, '2015-07-01', NULL, 'H', '1.27%'),
    ('wage_earner', 'JKK', 'employer', 'very_high', 17400, NULL, '2015-07-01', NULL, 'H', '1.74%'),
    ('wage_earner', 'JKM', 'employer', NULL,  3000, NULL, '2015-07-01', NULL, 'H', '0.30%'),
    -- JHT 5.7% = 3.7 employer + 2.0 worker, no wage cap (H).
    ('wage_earner', 'JHT', 'employer', NULL, 37000, NULL, '2015-07-01', NULL, 'H', '3.7%'),
    ('wage_earner', 'JHT', 'worker',   NULL, 20000, NULL, '2015-07-01', NULL, 'H', '2.0%'),
    -- JP 3% = 2 employer + 1 worker, on wage capped by jp_wage_cap (H).
    ('wage_earner', 'JP',  'employer', NULL, 20000, NULL, '2015-07-01', NULL, 'H', '2%, wage capped (jp_wage_cap)'),
    ('wage_earner', 'JP',  'worker',   NULL, 10000, NULL, '2015-07-01', NULL, 'H', '1%, wage capped (jp_wage_cap)'),
    -- JKP, on wage capped by jkp_wage_cap; funded by government and recomposed
    -- out of JKK (and JKM before 2025): the employer pays nothing extra (H/M).
    ('wage_earner', 'JKP', 'government', NULL, 4600, NULL, '2021-02-02', '2025-02-06', 'M', '0.46%; start date assumed (PP 37/2021)'),
    ('wage_earner', 'JKP', 'government', NULL, 3600, NULL, '2025-02-07', NULL,         'M', '0.36%');

-- --------------------------------------------------------------------------
-- BPU declared-income bands (L: single secondary source — configuration).
-- Declared income is snapped to its band's nominal value before rates apply:
-- band = the row with lower_income <= income <= coalesce(upper_income, ∞).
-- Reconstruction used here: nominal = lower edge (income rounded down to
-- the ladder); ladder 1.0M (floor); 1.1M–2.7M by Rp200k; 3.2M–8.2M by
-- Rp500k; then 8.7M and Rp1M steps to the top band 20.7M (open-ended, so
-- JKK is at most Rp207,000). The edges near 1.0M and 8.2M are guesses;
-- replace the rows by a migration when the official table is at hand.
CREATE TABLE bpu_income_bands (
    id INTEGER PRIMARY KEY,
    lower_income INTEGER NOT NULL CHECK (lower_income >= 0),
    upper_income INTEGER,                      -- inclusive; NULL = no upper limit
    nominal_income INTEGER NOT NULL CHECK (nominal_income >= 0),
    effective_from TEXT NOT NULL CHECK (effective_from IS date(effective_from, '+0 days')),
    effective_to TEXT CHECK (effective_to IS date(effective_to, '+0 days')),
    confidence TEXT NOT NULL CHECK (confidence IN ('H', 'M', 'L')),
    CONSTRAINT upper_income_must_not_be_below_lower_income
        CHECK (upper_income IS NULL OR upper_income >= lower_income),
    CONSTRAINT effective_to_must_not_be_before_effective_from
        CHECK (effective_to IS NULL OR effective_to >= effective_from)
) STRICT;
CREATE INDEX bpu_income_bands_lookup ON bpu_income_bands (lower_income, effective_from);

CREATE TRIGGER bpu_income_bands_no_overlap_on_insert
BEFORE INSERT ON bpu_income_bands
BEGIN
    SELECT RAISE(ABORT, 'bpu_income_bands: this income range overlaps another band in force during part of this period')
    WHERE EXISTS (SELECT 1 FROM bpu_income_bands r
                  WHERE r.lower_income <= coalesce(NEW.upper_income, 9223372036854775807)
                    AND coalesce(r.upper_income, 9223372036854775807) >= NEW.lower_income
                    AND r.effective_from <= coalesce(NEW.effective_to, '9999-12-31')
                    AND coalesce(r.effective_to, '9999-12-31') >= NEW.effective_from);
END;

CREATE TRIGGER bpu_income_bands_no_overlap_on_update
BEFORE UPDATE ON bpu_income_bands
BEGIN
    SELECT RAISE(ABORT, 'bpu_income_bands: this income range overlaps another band in force during part of this period')
    WHERE EXISTS (SELECT 1 FROM bpu_income_bands r
                  WHERE r.id <> NEW.id
                    AND r.lower_income <= coalesce(NEW.upper_income, 9223372036854775807)
                    AND coalesce(r.upper_income, 9223372036854775807) >= NEW.lower_income
                    AND r.effective_from <= coalesce(NEW.effective_to, '9999-12-31')
                    AND coalesce(r.effective_to, '9999-12-31') >= NEW.effective_from);
END;

INSERT INTO bpu_income_bands
    (lower_income, upper_income, nominal_income, effective_from, effective_to, confidence)
WITH RECURSIVE ladder (nominal) AS (
    SELECT 1000000
    UNION ALL
    SELECT CASE
               WHEN nominal = 1000000 THEN 1100000
               WHEN nominal < 2700000 THEN nominal + 200000
               WHEN nominal < 8700000 THEN nominal + 500000
               ELSE nominal + 1000000
           END
    FROM ladder WHERE nominal < 20700000
)
SELECT nominal,
       lead(nominal) OVER (ORDER BY nominal) - 1,   -- NULL for the top band
       nominal, '2015-07-01', NULL, 'L'
FROM ladder ORDER BY nominal;

-- --------------------------------------------------------------------------
-- Construction (JAKON) dues on contract value, by marginal slices like income
-- tax brackets: each slice (from_value, to_value] of the contract value is
-- charged at its own rate. JKK H, JKM M.
-- Check: a Rp1,000,000,000 contract owes JKK Rp1,540,000 and JKM Rp210,000.
CREATE TABLE construction_rate_tiers (
    id INTEGER PRIMARY KEY,
    program_code TEXT NOT NULL REFERENCES programs (code),
    from_value INTEGER NOT NULL CHECK (from_value >= 0),   -- exclusive lower edge
    to_value INTEGER,                                      -- inclusive upper edge; NULL = above
    rate_ppm INTEGER NOT NULL CHECK (rate_ppm BETWEEN 0 AND 1000000),
    effective_from TEXT NOT NULL CHECK (effective_from IS date(effective_from, '+0 days')),
    effective_to TEXT CHECK (effective_to IS date(effective_to, '+0 days')),
    confidence TEXT NOT NULL CHECK (confidence IN ('H', 'M', 'L')),
    CONSTRAINT to_value_must_be_above_from_value
        CHECK (to_value IS NULL OR to_value > from_value),
    CONSTRAINT effective_to_must_not_be_before_effective_from
        CHECK (effective_to IS NULL OR effective_to >= effective_from)
) STRICT;
CREATE INDEX construction_rate_tiers_lookup
    ON construction_rate_tiers (program_code, effective_from, from_value);

CREATE TRIGGER construction_rate_tiers_no_overlap_on_insert
BEFORE INSERT ON construction_rate_tiers
BEGIN
    SELECT RAISE(ABORT, 'construction_rate_tiers: this contract-value slice overlaps another slice of the same program in force during part of this period')
    WHERE EXISTS (SELECT 1 FROM construction_rate_tiers r
                  WHERE r.program_code = NEW.program_code
                    AND r.from_value < coalesce(NEW.to_value, 9223372036854775807)
                    AND coalesce(r.to_value, 9223372036854775807) > NEW.from_value
                    AND r.effective_from <= coalesce(NEW.effective_to, '9999-12-31')
                    AND coalesce(r.effective_to, '9999-12-31') >= NEW.effective_from);
END;

CREATE TRIGGER construction_rate_tiers_no_overlap_on_update
BEFORE UPDATE ON construction_rate_tiers
BEGIN
    SELECT RAISE(ABORT, 'construction_rate_tiers: this contract-value slice overlaps another slice of the same program in force during part of this period')
    WHERE EXISTS (SELECT 1 FROM construction_rate_tiers r
                  WHERE r.id <> NEW.id AND r.program_code = NEW.program_code
                    AND r.from_value < coalesce(NEW.to_value, 9223372036854775807)
                    AND coalesce(r.to_value, 9223372036854775807) > NEW.from_value
                    AND r.effective_from <= coalesce(NEW.effective_to, '9999-12-31')
                    AND coalesce(r.effective_to, '9999-12-31') >= NEW.effective_from);
END;

INSERT INTO construction_rate_tiers
    (program_code, from_value, to_value, rate_ppm, effective_from, confidence)
VALUES
    ('JKK',             0,   100000000, 2100, '2015-07-01', 'H'),   -- first Rp100M: 0.21%
    ('JKK',     100000000,   500000000, 1700, '2015-07-01', 'H'),   -- 100M–500M: 0.17%
    ('JKK',     500000000,  1000000000, 1300, '2015-07-01', 'H'),   -- 500M–1B: 0.13%
    ('JKK',    1000000000,  5000000000, 1100, '2015-07-01', 'H'),   -- 1B–5B: 0.11%
    ('JKK',    5000000000,        NULL,  900, '2015-07-01', 'H'),   -- above 5B: 0.09%
    ('JKM',             0,   100000000,  300, '2015-07-01', 'M'),   -- 0.03%
    ('JKM',     100000000,   500000000,  200, '2015-07-01', 'M'),   -- 0.02%
    ('JKM',     500000000,  1000000000,  200, '2015-07-01', 'M'),   -- 0.02%
    ('JKM',    1000000000,  5000000000,  100, '2015-07-01', 'M'),   -- 0.01%
    ('JKM',    5000000000,        NULL,  100, '2015-07-01', 'M');   -- 0.01%

-- --------------------------------------------------------------------------
-- Migrant workers (PMI): fixed JKK+JKM amounts (H), one amount covering both
-- programs together.
--   before_placement      before departure (sebelum penempatan)
--   placement             for a placement of placement_months months
--   each_month_beyond     each month beyond the longest placement listed
CREATE TABLE migrant_fixed_dues (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('before_placement', 'placement', 'each_month_beyond')),
    placement_months INTEGER CHECK (placement_months > 0),
    amount INTEGER NOT NULL CHECK (amount >= 0),
    effective_from TEXT NOT NULL CHECK (effective_from IS date(effective_from, '+0 days')),
    effective_to TEXT CHECK (effective_to IS date(effective_to, '+0 days')),
    confidence TEXT NOT NULL CHECK (confidence IN ('H', 'M', 'L')),
    CONSTRAINT placement_months_only_and_always_for_placement
        CHECK ((kind = 'placement') = (placement_months IS NOT NULL)),
    CONSTRAINT effective_to_must_not_be_before_effective_from
        CHECK (effective_to IS NULL OR effective_to >= effective_from)
) STRICT;
CREATE INDEX migrant_fixed_dues_lookup ON migrant_fixed_dues (kind, placement_months, effective_from);

CREATE TRIGGER migrant_fixed_dues_no_overlap_on_insert
BEFORE INSERT ON migrant_fixed_dues
BEGIN
    SELECT RAISE(ABORT, 'migrant_fixed_dues: an amount for this kind and placement length already covers part of this period')
    WHERE EXISTS (SELECT 1 FROM migrant_fixed_dues r
                  WHERE r.kind = NEW.kind AND r.placement_months IS NEW.placement_months
                    AND r.effective_from <= coalesce(NEW.effective_to, '9999-12-31')
                    AND coalesce(r.effective_to, '9999-12-31') >= NEW.effective_from);
END;

CREATE TRIGGER migrant_fixed_dues_no_overlap_on_update
BEFORE UPDATE ON migrant_fixed_dues
BEGIN
    SELECT RAISE(ABORT, 'migrant_fixed_dues: an amount for this kind and placement length already covers part of this period')
    WHERE EXISTS (SELECT 1 FROM migrant_fixed_dues r
                  WHERE r.id <> NEW.id AND r.kind = NEW.kind AND r.placement_months IS NEW.placement_months
                    AND r.effective_from <= coalesce(NEW.effective_to, '9999-12-31')
                    AND coalesce(r.effective_to, '9999-12-31') >= NEW.effective_from);
END;

INSERT INTO migrant_fixed_dues (kind, placement_months, amount, effective_from, confidence) VALUES
    ('before_placement',  NULL,  37500, '2015-07-01', 'H'),
    ('placement',            6, 108000, '2015-07-01', 'H'),
    ('placement',           12, 189000, '2015-07-01', 'H'),
    ('placement',           24, 332500, '2015-07-01', 'H'),
    ('each_month_beyond', NULL,  13500, '2015-07-01', 'H');

-- --------------------------------------------------------------------------
-- Temporary reliefs: during the period, the dues of a segment's program are
-- charged at charged_ppm of the normal amount (1,000,000 = no relief).
-- applies_to: 'all' members of the segment, or only members whose employer
-- is flagged labour-intensive (employers.labour_intensive = 1).
CREATE TABLE dues_reliefs (
    id INTEGER PRIMARY KEY,
    segment_code TEXT NOT NULL REFERENCES segments (code),
    program_code TEXT NOT NULL REFERENCES programs (code),
    applies_to TEXT NOT NULL CHECK (applies_to IN ('all', 'labour_intensive_employers')),
    charged_ppm INTEGER NOT NULL CHECK (charged_ppm BETWEEN 0 AND 1000000),
    effective_from TEXT NOT NULL CHECK (effective_from IS date(effective_from, '+0 days')),
    effective_to TEXT CHECK (effective_to IS date(effective_to, '+0 days')),
    confidence TEXT NOT NULL CHECK (confidence IN ('H', 'M', 'L')),
    note TEXT,
    CONSTRAINT effective_to_must_not_be_before_effective_from
        CHECK (effective_to IS NULL OR effective_to >= effective_from)
) STRICT;
CREATE INDEX dues_reliefs_lookup ON dues_reliefs (segment_code, program_code, effective_from);
CREATE INDEX dues_reliefs_program_code ON dues_reliefs (program_code);

CREATE TRIGGER dues_reliefs_no_overlap_on_insert
BEFORE INSERT ON dues_reliefs
BEGIN
    SELECT RAISE(ABORT, 'dues_reliefs: a relief for this segment, program and scope already covers part of this period')
    WHERE EXISTS (SELECT 1 FROM dues_reliefs r
                  WHERE r.segment_code = NEW.segment_code AND r.program_code = NEW.program_code
                    AND r.applies_to = NEW.applies_to
                    AND r.effective_from <= coalesce(NEW.effective_to, '9999-12-31')
                    AND coalesce(r.effective_to, '9999-12-31') >= NEW.effective_from);
END;

CREATE TRIGGER dues_reliefs_no_overlap_on_update
BEFORE UPDATE ON dues_reliefs
BEGIN
    SELECT RAISE(ABORT, 'dues_reliefs: a relief for this segment, program and scope already covers part of this period')
    WHERE EXISTS (SELECT 1 FROM dues_reliefs r
                  WHERE r.id <> NEW.id
                    AND r.segment_code = NEW.segment_code AND r.program_code = NEW.program_code
                    AND r.applies_to = NEW.applies_to
                    AND r.effective_from <= coalesce(NEW.effective_to, '9999-12-31')
                    AND coalesce(r.effective_to, '9999-12-31') >= NEW.effective_from);
END;

INSERT INTO dues_reliefs
    (segment_code, program_code, applies_to, charged_ppm, effective_from, effective_to, confidence, note)
VALUES
    -- COVID relief: BPU contributions Aug 2020 – Jan 2021 charged at 1% of
    -- normal JKK/JKM (so BPU JKM was Rp68) (H).
    ('informal', 'JKK', 'all', 10000, '2020-08-01', '2021-01-31', 'H', 'COVID relief: 1% of normal'),
    ('informal', 'JKM', 'all', 10000, '2020-08-01', '2021-01-31', 'H', 'COVID relief: 1% of normal, JKM Rp68'),
    -- 50% JKK relief for labour-intensive industries, Feb 2025 – Jan 2026 (H).
    ('wage_earner', 'JKK', 'labour_intensive_employers', 500000, '2025-02-01', '2026-01-31', 'H', '50% JKK relief');
