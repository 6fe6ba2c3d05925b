-- 0003_reference_data.sql — small reference tables (codes used everywhere)

-- Membership segments (segmen kepesertaan).
CREATE TABLE segments (
    code TEXT PRIMARY KEY,
    short_code TEXT NOT NULL UNIQUE,      -- the Indonesian abbreviation
    description TEXT NOT NULL
) STRICT;

INSERT INTO segments (code, short_code, description) VALUES
    ('wage_earner',  'PU',    'Wage earner working for an employer (Penerima Upah)'),
    ('informal',     'BPU',   'Non-wage / informal / self-employed worker (Bukan Penerima Upah)'),
    ('construction', 'JAKON', 'Construction project worker (Jasa Konstruksi)'),
    ('migrant',      'PMI',   'Migrant worker placed abroad (Pekerja Migran Indonesia)');

-- Programs (program jaminan sosial ketenagakerjaan).
CREATE TABLE programs (
    code TEXT PRIMARY KEY CHECK (code GLOB '[A-Z]*'),
    description TEXT NOT NULL
) STRICT;

INSERT INTO programs (code, description) VALUES
    ('JKK', 'Work-accident insurance (Jaminan Kecelakaan Kerja)'),
    ('JKM', 'Death benefit (Jaminan Kematian)'),
    ('JHT', 'Old-age savings (Jaminan Hari Tua)'),
    ('JP',  'Pension (Jaminan Pensiun)'),
    ('JKP', 'Job-loss insurance (Jaminan Kehilangan Pekerjaan)');

-- Who pays a membership's dues, and who pays a bill line.
CREATE TABLE payers (
    code TEXT PRIMARY KEY,
    description TEXT NOT NULL
) STRICT;

INSERT INTO payers (code, description) VALUES
    ('self',               'The worker pays (or, for wage earners, the worker share deducted from wages)'),
    ('employer',           'The employer (pemberi kerja) or construction contractor'),
    ('local_government',   'A local government sponsors the dues (pemerintah daerah, e.g. for vulnerable workers)'),
    ('company_csr',        'A company sponsors the dues from its CSR budget'),
    ('other_sponsor',      'Another sponsor (foundation, village fund, placement agency, ...)'),
    ('central_government', 'Central government (JKP funding); never billed to members or employers');

-- Employer size class (skala usaha); decides which PU programs are required.
CREATE TABLE employer_size_classes (
    code TEXT PRIMARY KEY,
    rank INTEGER NOT NULL UNIQUE,
    description TEXT NOT NULL
) STRICT;

INSERT INTO employer_size_classes (code, rank, description) VALUES
    ('micro',  1, 'Micro enterprise (usaha mikro)'),
    ('small',  2, 'Small enterprise (usaha kecil)'),
    ('medium', 3, 'Medium enterprise (usaha menengah)'),
    ('large',  4, 'Large enterprise (usaha besar)');

-- JKK risk group of an employer's work environment (kelompok tingkat risiko).
CREATE TABLE jkk_risk_groups (
    code TEXT PRIMARY KEY,
    rank INTEGER NOT NULL UNIQUE,
    description TEXT NOT NULL
) STRICT;

INSERT INTO jkk_risk_groups (code, rank, description) VALUES
    ('very_low',  1, 'Very low risk (tingkat risiko sangat rendah)'),
    ('low',       2, 'Low risk (rendah)'),
    ('medium',    3, 'Medium risk (sedang)'),
    ('high',      4, 'High risk (tinggi)'),
    ('very_high', 5, 'Very high risk (sangat tinggi)');

-- Payment channels (saluran pembayaran).
CREATE TABLE payment_channels (
    code TEXT PRIMARY KEY,
    description TEXT NOT NULL
) STRICT;

INSERT INTO payment_channels (code, description) VALUES
    ('bank_transfer',   'Bank transfer / virtual account'),
    ('bank_counter',    'Bank teller counter'),
    ('branch_counter',  'Counter at a branch office'),
    ('retail_outlet',   'Retail outlet / post office'),
    ('e_wallet',        'E-wallet or mobile app'),
    ('agent',           'Collected by a Perisai agent'),
    ('auto_debit',      'Automatic debit'),
    ('other',           'Other channel');

-- Why a membership ended.
CREATE TABLE membership_end_reasons (
    code TEXT PRIMARY KEY,
    description TEXT NOT NULL
) STRICT;

INSERT INTO membership_end_reasons (code, description) VALUES
    ('employment_ended',  'Employment ended (PU)'),
    ('project_ended',     'Construction project ended (JAKON)'),
    ('placement_ended',   'Placement abroad ended (PMI)'),
    ('lapsed',            'More than the allowed consecutive months unpaid'),
    ('withdrawn',         'Member withdrew'),
    ('retired',           'Retirement'),
    ('died',              'Death'),
    ('identity_mismatch', 'Identity does not match the civil registry (Dukcapil)'),
    ('other',             'Other reason');

-- Segment × program matrix (H, domain.md "Membership segments and programs").
-- requirement:
--   required     the membership must include the program
--   conditional  required when the member qualifies (JKP: Indonesian citizen,
--                under 54 at registration, enrolled in national health
--                insurance JKN) — eligibility is checked in Swift
--   optional     the member may add the program
--   not_allowed  the program cannot be part of the membership ("—" cells)
-- For wage earners (PU) the answer depends on the employer size class, so PU
-- rows carry employer_size_class; rows of other segments have it NULL.
-- The database refuses (trigger in 0006) a program that no required /
-- conditional / optional row allows during the membership period; checking
-- that every *required* program is present is done in Swift (the programs are
-- inserted one row at a time after the membership).
CREATE TABLE segment_programs (
    id INTEGER PRIMARY KEY,
    segment_code TEXT NOT NULL REFERENCES segments (code),
    employer_size_class TEXT REFERENCES employer_size_classes (code),
    program_code TEXT NOT NULL REFERENCES programs (code),
    requirement TEXT NOT NULL
        CHECK (requirement IN ('required', 'conditional', 'optional', 'not_allowed')),
    effective_from TEXT NOT NULL CHECK (effective_from IS date(effective_from, '+0 days')),
    effective_to TEXT CHECK (effective_to IS date(effective_to, '+0 days')),
    confidence TEXT NOT NULL CHECK (confidence IN ('H', 'M', 'L')),
    CONSTRAINT employer_size_class_only_and_always_for_wage_earners
        CHECK ((segment_code = 'wage_earner') = (employer_size_class IS NOT NULL)),
    CONSTRAINT effective_to_must_not_be_before_effective_from
        CHECK (effective_to IS NULL OR effective_to >= effective_from)
) STRICT;
CREATE INDEX segment_programs_lookup
    ON segment_programs (segment_code, program_code, employer_size_class, effective_from);
CREATE INDEX segment_programs_employer_size_class ON segment_programs (employer_size_class);
CREATE INDEX segment_programs_program_code ON segment_programs (program_code);

CREATE TRIGGER segment_programs_no_overlap_on_insert
BEFORE INSERT ON segment_programs
BEGIN
    SELECT RAISE(ABORT, 'segment_programs: a rule for this segment, size class and program already covers part of this period (close the old row with effective_to first)')
    WHERE EXISTS (SELECT 1 FROM segment_programs r
                  WHERE r.segment_code = NEW.segment_code AND r.program_code = NEW.program_code
                    AND r.employer_size_class IS NEW.employer_size_class
                    AND r.effective_from <= coalesce(NEW.effective_to, '9999-12-31')
                    AND coalesce(r.effective_to, '9999-12-31') >= NEW.effective_from);
END;

CREATE TRIGGER segment_programs_no_overlap_on_update
BEFORE UPDATE ON segment_programs
BEGIN
    SELECT RAISE(ABORT, 'segment_programs: a rule for this segment, size class and program already covers part of this period (close the old row with effective_to first)')
    WHERE EXISTS (SELECT 1 FROM segment_programs r
                  WHERE r.id <> NEW.id
                    AND r.segment_code = NEW.segment_code AND r.program_code = NEW.program_code
                    AND r.employer_size_class IS NEW.employer_size_class
                    AND r.effective_from <= coalesce(NEW.effective_to, '9999-12-31')
                    AND coalesce(r.effective_to, '9999-12-31') >= NEW.effective_from);
END;

-- Seed. Matrix content: H (domain.md). Start dates are NOT in domain.md
-- (assumption, treat as L): 2015-07-01 = start of the present program set
-- (JP began then, PP 44/45/46 of 2015); JKP rows from 2021-02-02 (PP 37/2021).
-- A membership that began before a row's start is still accepted when the
-- row is in force during part of the membership period (see 0006).
INSERT INTO segment_programs
    (segment_code, employer_size_class, program_code, requirement, effective_from, confidence)
VALUES
    -- PU, large and medium employers
    ('wage_earner', 'large',  'JKK', 'required', '2015-07-01', 'H'),
    ('wage_earner', 'large',  'JKM', 'required', '2015-07-01', 'H'),
    ('wage_earner', 'large',  'JHT', 'required', '2015-07-01', 'H'),
    ('wage_earner', 'large',  'JP',  'required', '2015-07-01', 'H'),
    ('wage_earner', 'large',  'JKP', 'conditional', '2021-02-02', 'H'),
    ('wage_earner', 'medium', 'JKK', 'required', '2015-07-01', 'H'),
    ('wage_earner', 'medium', 'JKM', 'required', '2015-07-01', 'H'),
    ('wage_earner', 'medium', 'JHT', 'required', '2015-07-01', 'H'),
    ('wage_earner', 'medium', 'JP',  'required', '2015-07-01', 'H'),
    ('wage_earner', 'medium', 'JKP', 'conditional', '2021-02-02', 'H'),
    -- PU, small employers: JP optional
    ('wage_earner', 'small',  'JKK', 'required', '2015-07-01', 'H'),
    ('wage_earner', 'small',  'JKM', 'required', '2015-07-01', 'H'),
    ('wage_earner', 'small',  'JHT', 'required', '2015-07-01', 'H'),
    ('wage_earner', 'small',  'JP',  'optional', '2015-07-01', 'H'),
    ('wage_earner', 'small',  'JKP', 'conditional', '2021-02-02', 'H'),
    -- PU, micro employers: JHT and JP optional
    ('wage_earner', 'micro',  'JKK', 'required', '2015-07-01', 'H'),
    ('wage_earner', 'micro',  'JKM', 'required', '2015-07-01', 'H'),
    ('wage_earner', 'micro',  'JHT', 'optional', '2015-07-01', 'H'),
    ('wage_earner', 'micro',  'JP',  'optional', '2015-07-01', 'H'),
    ('wage_earner', 'micro',  'JKP', 'conditional', '2021-02-02', 'H'),
    -- BPU (informal)
    ('informal', NULL, 'JKK', 'required',    '2015-07-01', 'H'),
    ('informal', NULL, 'JKM', 'required',    '2015-07-01', 'H'),
    ('informal', NULL, 'JHT', 'optional',    '2015-07-01', 'H'),
    ('informal', NULL, 'JP',  'not_allowed', '2015-07-01', 'H'),
    ('informal', NULL, 'JKP', 'not_allowed', '2015-07-01', 'H'),
    -- JAKON (construction)
    ('construction', NULL, 'JKK', 'required',    '2015-07-01', 'H'),
    ('construction', NULL, 'JKM', 'required',    '2015-07-01', 'H'),
    ('construction', NULL, 'JHT', 'not_allowed', '2015-07-01', 'H'),
    ('construction', NULL, 'JP',  'not_allowed', '2015-07-01', 'H'),
    ('construction', NULL, 'JKP', 'not_allowed', '2015-07-01', 'H'),
    -- PMI (migrant)
    ('migrant', NULL, 'JKK', 'required',    '2015-07-01', 'H'),
    ('migrant', NULL, 'JKM', 'required',    '2015-07-01', 'H'),
    ('migrant', NULL, 'JHT', 'optional',    '2015-07-01', 'H'),
    ('migrant', NULL, 'JP',  'not_allowed', '2015-07-01', 'H'),
    ('migrant', NULL, 'JKP', 'not_allowed', '2015-07-01', 'H');
