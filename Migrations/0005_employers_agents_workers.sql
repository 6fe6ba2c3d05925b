-- 0005_employers_agents_workers.sql — employers, construction projects,
-- Perisai agents and workers (peserta)

-- Employers (pemberi kerja / perusahaan), identified by their registration
-- number NPP (Nomor Pendaftaran Perusahaan): format unknown, kept opaque.
CREATE TABLE employers (
    id INTEGER PRIMARY KEY,
    npp TEXT NOT NULL UNIQUE CHECK (length(trim(npp)) > 0),
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    size_class TEXT NOT NULL REFERENCES employer_size_classes (code),
    jkk_risk_group TEXT NOT NULL REFERENCES jkk_risk_groups (code),
    -- Labour-intensive industry (industri padat karya): eligible for the
    -- 2025 JKK relief (dues_reliefs.applies_to = 'labour_intensive_employers').
    labour_intensive INTEGER NOT NULL DEFAULT 0 CHECK (labour_intensive IN (0, 1)),
    village_code TEXT NOT NULL REFERENCES villages (code),
    branch_office_id INTEGER NOT NULL REFERENCES offices (id),
    registered_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        CHECK (registered_at IS strftime('%Y-%m-%dT%H:%M:%fZ', registered_at, '+0 days'))
) STRICT;
CREATE INDEX employers_size_class ON employers (size_class);
CREATE INDEX employers_jkk_risk_group ON employers (jkk_risk_group);
CREATE INDEX employers_village_code ON employers (village_code);
CREATE INDEX employers_branch_office_id ON employers (branch_office_id);

CREATE TRIGGER employers_branch_must_be_branch_on_insert
BEFORE INSERT ON employers
BEGIN
    SELECT RAISE(ABORT, 'employers: branch_office_id must be a branch or pioneer branch (Kantor Cabang / Kantor Cabang Perintis)')
    WHERE (SELECT kind FROM offices WHERE id = NEW.branch_office_id) NOT IN ('branch', 'pioneer_branch');
END;

CREATE TRIGGER employers_branch_must_be_branch_on_update
BEFORE UPDATE OF branch_office_id ON employers
BEGIN
    SELECT RAISE(ABORT, 'employers: branch_office_id must be a branch or pioneer branch (Kantor Cabang / Kantor Cabang Perintis)')
    WHERE (SELECT kind FROM offices WHERE id = NEW.branch_office_id) NOT IN ('branch', 'pioneer_branch');
END;

-- Construction projects (proyek Jasa Konstruksi, JAKON). The contractor is an
-- employer; dues are computed on the contract value (construction_rate_tiers).
-- Projects must register within 14 working days of the work order (checked
-- in Swift: working days need a holiday calendar).
CREATE TABLE construction_projects (
    id INTEGER PRIMARY KEY,
    contractor_employer_id INTEGER NOT NULL REFERENCES employers (id),
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    contract_value INTEGER NOT NULL CHECK (contract_value >= 0),     -- rupiah
    work_order_date TEXT NOT NULL CHECK (work_order_date IS date(work_order_date, '+0 days')),
    start_date TEXT NOT NULL CHECK (start_date IS date(start_date, '+0 days')),
    end_date TEXT NOT NULL CHECK (end_date IS date(end_date, '+0 days')),
    village_code TEXT REFERENCES villages (code),                    -- site, optional
    registered_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        CHECK (registered_at IS strftime('%Y-%m-%dT%H:%M:%fZ', registered_at, '+0 days')),
    CONSTRAINT project_end_date_must_not_be_before_start_date CHECK (end_date >= start_date)
) STRICT;
CREATE INDEX construction_projects_contractor_employer_id ON construction_projects (contractor_employer_id);
CREATE INDEX construction_projects_village_code ON construction_projects (village_code);

-- Perisai agents (Penggerak Jaminan Sosial Indonesia): community agents who
-- sign up informal workers in villages with a phone app. Identified by name
-- plus NIK or phone (at least one). Fee and inactivity rules: scheme_parameters.
CREATE TABLE agents (
    id INTEGER PRIMARY KEY,
    full_name TEXT NOT NULL CHECK (length(trim(full_name)) > 0),
    nik TEXT UNIQUE
        CONSTRAINT agent_nik_must_be_16_digits
        CHECK (nik IS NULL OR (length(nik) = 16 AND nik NOT GLOB '*[^0-9]*')),
    phone TEXT
        CONSTRAINT agent_phone_must_be_digits_with_optional_plus
        CHECK (phone IS NULL OR (phone GLOB '[+0-9]*' AND substr(phone, 2) NOT GLOB '*[^0-9]*'
                                 AND length(phone) BETWEEN 8 AND 16)),
    branch_office_id INTEGER NOT NULL REFERENCES offices (id),
    active_from TEXT NOT NULL CHECK (active_from IS date(active_from, '+0 days')),
    active_to TEXT CHECK (active_to IS date(active_to, '+0 days')),        -- NULL = still active
    CONSTRAINT agent_needs_nik_or_phone CHECK (nik IS NOT NULL OR phone IS NOT NULL),
    CONSTRAINT agent_active_to_must_not_be_before_active_from
        CHECK (active_to IS NULL OR active_to >= active_from)
) STRICT;
CREATE INDEX agents_branch_office_id ON agents (branch_office_id);

CREATE TRIGGER agents_branch_must_be_branch_on_insert
BEFORE INSERT ON agents
BEGIN
    SELECT RAISE(ABORT, 'agents: branch_office_id must be a branch or pioneer branch (Kantor Cabang / Kantor Cabang Perintis)')
    WHERE (SELECT kind FROM offices WHERE id = NEW.branch_office_id) NOT IN ('branch', 'pioneer_branch');
END;

CREATE TRIGGER agents_branch_must_be_branch_on_update
BEFORE UPDATE OF branch_office_id ON agents
BEGIN
    SELECT RAISE(ABORT, 'agents: branch_office_id must be a branch or pioneer branch (Kantor Cabang / Kantor Cabang Perintis)')
    WHERE (SELECT kind FROM offices WHERE id = NEW.branch_office_id) NOT IN ('branch', 'pioneer_branch');
END;

-- Villages (desa/kelurahan) an agent serves.
CREATE TABLE agent_villages (
    agent_id INTEGER NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    village_code TEXT NOT NULL REFERENCES villages (code),
    PRIMARY KEY (agent_id, village_code)
) STRICT, WITHOUT ROWID;
CREATE INDEX agent_villages_village_code ON agent_villages (village_code);

-- Workers (tenaga kerja / peserta).
--   nik   Nomor Induk Kependudukan, 16 digits PPKKCC DDMMYY SSSS (district of
--         first registration, birth date with day + 40 for women, serial).
--         Only the format is a constraint here. Whether the NIK's date part
--         matches birth_date and sex is NOT a constraint: the registry must
--         still be able to record members whose civil-registry data is
--         inconsistent (that is a reason for inactive status, and legacy
--         data has such rows). The view worker_identity_issues (0010) lists
--         them; the Swift layer warns at registration.
--   kpj   membership card number (Kartu Peserta Jamsostek), 11 digits, issued
--         by the registry itself.
CREATE TABLE workers (
    id INTEGER PRIMARY KEY,
    nik TEXT NOT NULL UNIQUE
        CONSTRAINT nik_must_be_16_digits
        CHECK (length(nik) = 16 AND nik NOT GLOB '*[^0-9]*'),
    full_name TEXT NOT NULL CHECK (length(trim(full_name)) > 0),
    birth_date TEXT NOT NULL
        CONSTRAINT birth_date_must_be_a_real_date_yyyy_mm_dd
        CHECK (birth_date IS date(birth_date, '+0 days')),
    sex TEXT NOT NULL CHECK (sex IN ('male', 'female')),
    village_code TEXT NOT NULL REFERENCES villages (code),     -- residence
    occupation TEXT,
    phone TEXT
        CONSTRAINT worker_phone_must_be_digits_with_optional_plus
        CHECK (phone IS NULL OR (phone GLOB '[+0-9]*' AND substr(phone, 2) NOT GLOB '*[^0-9]*'
                                 AND length(phone) BETWEEN 8 AND 16)),
    kpj TEXT NOT NULL UNIQUE
        CONSTRAINT kpj_must_be_11_digits
        CHECK (length(kpj) = 11 AND kpj NOT GLOB '*[^0-9]*'),
    registered_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        CONSTRAINT registered_at_must_be_utc_timestamp_with_milliseconds
        CHECK (registered_at IS strftime('%Y-%m-%dT%H:%M:%fZ', registered_at, '+0 days')),
    registered_by_agent_id INTEGER REFERENCES agents (id),     -- NULL = not via an agent
    branch_office_id INTEGER NOT NULL REFERENCES offices (id)
) STRICT;
CREATE INDEX workers_village_code ON workers (village_code);
CREATE INDEX workers_registered_by_agent_id ON workers (registered_by_agent_id);
CREATE INDEX workers_branch_office_id ON workers (branch_office_id);

CREATE TRIGGER workers_check_on_insert
BEFORE INSERT ON workers
BEGIN
    SELECT RAISE(ABORT, 'workers: branch_office_id must be a branch or pioneer branch (Kantor Cabang / Kantor Cabang Perintis)')
    WHERE (SELECT kind FROM offices WHERE id = NEW.branch_office_id) NOT IN ('branch', 'pioneer_branch');
    SELECT RAISE(ABORT, 'workers: the registering Perisai agent was not active on the registration date')
    WHERE NEW.registered_by_agent_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM agents a
                      WHERE a.id = NEW.registered_by_agent_id
                        AND a.active_from <= substr(NEW.registered_at, 1, 10)
                        AND coalesce(a.active_to, '9999-12-31') >= substr(NEW.registered_at, 1, 10));
END;

CREATE TRIGGER workers_check_on_update
BEFORE UPDATE OF branch_office_id, registered_by_agent_id, registered_at ON workers
BEGIN
    SELECT RAISE(ABORT, 'workers: branch_office_id must be a branch or pioneer branch (Kantor Cabang / Kantor Cabang Perintis)')
    WHERE (SELECT kind FROM offices WHERE id = NEW.branch_office_id) NOT IN ('branch', 'pioneer_branch');
    SELECT RAISE(ABORT, 'workers: the registering Perisai agent was not active on the registration date')
    WHERE NEW.registered_by_agent_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM agents a
                      WHERE a.id = NEW.registered_by_agent_id
                        AND a.active_from <= substr(NEW.registered_at, 1, 10)
                        AND coalesce(a.active_to, '9999-12-31') >= substr(NEW.registered_at, 1, 10));
END;
