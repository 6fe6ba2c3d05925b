-- 0006_memberships.sql — memberships (kepesertaan) and their programs
--
-- A membership is one worker in one segment over a period:
--   wage_earner (PU)     needs the employer (pemberi kerja); dues paid by the employer
--   informal (BPU)       declared monthly income; paid by self or a sponsor
--                        (local government, company CSR, other sponsor)
--   construction (JAKON) needs the construction project; paid by the contractor
--   migrant (PMI)        fixed amounts (migrant_fixed_dues)
-- start_date / end_date are inclusive; end_date NULL = open membership.
-- Per worker and segment: at most one open membership, and no two periods
-- overlap (triggers below, with a partial unique index as a backstop).
-- declared_income: BPU declared monthly income, or PU monthly wage, whole
-- rupiah. (A PU wage that changes over time is priced from the bill lines;
-- this column is the wage declared at registration / last update.)

CREATE TABLE memberships (
    id INTEGER PRIMARY KEY,
    worker_id INTEGER NOT NULL REFERENCES workers (id),
    segment_code TEXT NOT NULL REFERENCES segments (code),
    employer_id INTEGER REFERENCES employers (id),
    construction_project_id INTEGER REFERENCES construction_projects (id),
    payer_code TEXT NOT NULL REFERENCES payers (code),
    declared_income INTEGER CHECK (declared_income >= 0),
    start_date TEXT NOT NULL
        CONSTRAINT start_date_must_be_a_real_date_yyyy_mm_dd
        CHECK (start_date IS date(start_date, '+0 days')),
    end_date TEXT
        CONSTRAINT end_date_must_be_a_real_date_yyyy_mm_dd
        CHECK (end_date IS date(end_date, '+0 days')),
    end_reason_code TEXT REFERENCES membership_end_reasons (code),
    registered_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        CHECK (registered_at IS strftime('%Y-%m-%dT%H:%M:%fZ', registered_at, '+0 days')),
    CONSTRAINT membership_end_date_must_not_be_before_start_date
        CHECK (end_date IS NULL OR end_date >= start_date),
    CONSTRAINT end_reason_only_when_membership_has_ended
        CHECK (end_reason_code IS NULL OR end_date IS NOT NULL),
    CONSTRAINT wage_earner_membership_needs_employer
        CHECK (segment_code <> 'wage_earner' OR employer_id IS NOT NULL),
    CONSTRAINT employer_only_on_wage_earner_membership
        CHECK (employer_id IS NULL OR segment_code = 'wage_earner'),
    CONSTRAINT construction_membership_needs_project
        CHECK ((segment_code = 'construction') = (construction_project_id IS NOT NULL)),
    CONSTRAINT wage_earner_and_informal_membership_need_declared_income
        CHECK (segment_code NOT IN ('wage_earner', 'informal') OR declared_income IS NOT NULL),
    CONSTRAINT wage_earner_and_construction_dues_are_paid_by_employer
        CHECK ((segment_code IN ('wage_earner', 'construction')) = (payer_code = 'employer'))
) STRICT;
CREATE INDEX memberships_worker_id ON memberships (worker_id, segment_code, start_date);
CREATE INDEX memberships_segment_code ON memberships (segment_code);
CREATE INDEX memberships_employer_id ON memberships (employer_id);
CREATE INDEX memberships_construction_project_id ON memberships (construction_project_id);
CREATE INDEX memberships_payer_code ON memberships (payer_code);
CREATE INDEX memberships_end_reason_code ON memberships (end_reason_code);
-- Backstop for "one open membership per worker and segment" (the trigger
-- below gives the readable message first).
CREATE UNIQUE INDEX memberships_one_open_per_worker_and_segment
    ON memberships (worker_id, segment_code) WHERE end_date IS NULL;

CREATE TRIGGER memberships_check_on_insert
BEFORE INSERT ON memberships
BEGIN
    -- BPU income floor: the floor is data (scheme_parameters
    -- 'bpu_income_floor'); the amount in the message must be updated by the
    -- migration that changes the floor.
    SELECT RAISE(ABORT, 'informal (BPU) declared income is below the Rp1,000,000 floor in force at the membership start (minimum dues Rp16,800; see scheme_parameters bpu_income_floor)')
    WHERE NEW.segment_code = 'informal'
      AND NEW.declared_income < (SELECT p.value FROM scheme_parameters p
                                 WHERE p.code = 'bpu_income_floor'
                                   AND p.effective_from <= NEW.start_date
                                   AND coalesce(p.effective_to, '9999-12-31') >= NEW.start_date);
    SELECT RAISE(ABORT, 'this worker already has an open membership in this segment: end it (set end_date) before opening another')
    WHERE NEW.end_date IS NULL
      AND EXISTS (SELECT 1 FROM memberships m
                  WHERE m.worker_id = NEW.worker_id AND m.segment_code = NEW.segment_code
                    AND m.end_date IS NULL);
    SELECT RAISE(ABORT, 'this membership period overlaps another membership of the same worker in the same segment')
    WHERE EXISTS (SELECT 1 FROM memberships m
                  WHERE m.worker_id = NEW.worker_id AND m.segment_code = NEW.segment_code
                    AND m.start_date <= coalesce(NEW.end_date, '9999-12-31')
                    AND coalesce(m.end_date, '9999-12-31') >= NEW.start_date);
END;

CREATE TRIGGER memberships_check_on_update
BEFORE UPDATE ON memberships
BEGIN
    SELECT RAISE(ABORT, 'a membership''s worker and segment cannot change: end it and open a new membership')
    WHERE NEW.worker_id IS NOT OLD.worker_id OR NEW.segment_code IS NOT OLD.segment_code;
    SELECT RAISE(ABORT, 'informal (BPU) declared income is below the Rp1,000,000 floor in force at the membership start (minimum dues Rp16,800; see scheme_parameters bpu_income_floor)')
    WHERE NEW.segment_code = 'informal'
      AND NEW.declared_income < (SELECT p.value FROM scheme_parameters p
                                 WHERE p.code = 'bpu_income_floor'
                                   AND p.effective_from <= NEW.start_date
                                   AND coalesce(p.effective_to, '9999-12-31') >= NEW.start_date);
    SELECT RAISE(ABORT, 'this worker already has an open membership in this segment: end it (set end_date) before opening another')
    WHERE NEW.end_date IS NULL
      AND EXISTS (SELECT 1 FROM memberships m
                  WHERE m.worker_id = NEW.worker_id AND m.segment_code = NEW.segment_code
                    AND m.end_date IS NULL AND m.id <> NEW.id);
    SELECT RAISE(ABORT, 'this membership period overlaps another membership of the same worker in the same segment')
    WHERE EXISTS (SELECT 1 FROM memberships m
                  WHERE m.worker_id = NEW.worker_id AND m.segment_code = NEW.segment_code
                    AND m.id <> NEW.id
                    AND m.start_date <= coalesce(NEW.end_date, '9999-12-31')
                    AND coalesce(m.end_date, '9999-12-31') >= NEW.start_date);
END;

-- Programs chosen for a membership. A program is accepted when some
-- segment_programs row that is required / conditional / optional for the
-- membership's segment (and, for PU, the employer's current size class) is in
-- force during part of the membership period. Completeness (every required
-- program present) is checked in Swift. Rows are inserted or deleted, never
-- updated.
CREATE TABLE membership_programs (
    membership_id INTEGER NOT NULL REFERENCES memberships (id) ON DELETE CASCADE,
    program_code TEXT NOT NULL REFERENCES programs (code),
    PRIMARY KEY (membership_id, program_code)
) STRICT, WITHOUT ROWID;
CREATE INDEX membership_programs_program_code ON membership_programs (program_code);

CREATE TRIGGER membership_programs_check_on_insert
BEFORE INSERT ON membership_programs
BEGIN
    SELECT RAISE(ABORT, 'this program is not allowed for the membership''s segment (e.g. JP or JKP for informal/BPU, JHT for construction/JAKON; for wage earners/PU it depends on the employer size class): see segment_programs')
    WHERE EXISTS (SELECT 1 FROM memberships WHERE id = NEW.membership_id)
      AND NOT EXISTS (
        SELECT 1
        FROM memberships m
        LEFT JOIN employers e ON e.id = m.employer_id
        JOIN segment_programs sp
          ON sp.segment_code = m.segment_code
         AND sp.program_code = NEW.program_code
         AND sp.employer_size_class IS (CASE WHEN m.segment_code = 'wage_earner' THEN e.size_class END)
         AND sp.requirement <> 'not_allowed'
         AND sp.effective_from <= coalesce(m.end_date, '9999-12-31')
         AND coalesce(sp.effective_to, '9999-12-31') >= m.start_date
        WHERE m.id = NEW.membership_id);
END;

CREATE TRIGGER membership_programs_no_update
BEFORE UPDATE ON membership_programs
BEGIN
    SELECT RAISE(ABORT, 'membership_programs rows cannot be updated: delete the row and insert the new program');
END;
