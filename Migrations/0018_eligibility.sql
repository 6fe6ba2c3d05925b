-- Eligibility on an incident date: "was this worker protected by program P on day D?"
-- (an accident for JKK, a death for JKM, a job loss for JKP, a JHT claim).
--
-- The rules the answer applies are dated data with their source, like the pricing rules: a
-- new regulation is a new row in a new migration, and an incident is judged by the rules in
-- force on its day. Confidence as in the pricing rules: H read in regulation text, M two or
-- more secondary sources agree, L one secondary source or an assumption of this register.
--
-- Every answer is kept in eligibility_answers (who asked, when, about which worker, program
-- and day, and what was answered, with the reasons). It holds the worker's id, never the NIK:
-- the register already has the NIK once, in workers.

CREATE TABLE eligibility_rule_codes (
    code TEXT PRIMARY KEY,
    unit TEXT NOT NULL CHECK (unit IN ('flag', 'months', 'days', 'years')),
    description TEXT NOT NULL
) STRICT;

INSERT INTO eligibility_rule_codes (code, unit, description) VALUES
    ('protection_starts_on_payment', 'flag',
     '1: before its first dues fall due, a membership protects only once they are paid; 0: from its start'),
    ('min_paid_months', 'months',
     'contribution months that must be paid within the window before the incident'),
    ('paid_months_window', 'months',
     'the window, in contribution months up to the incident, in which min_paid_months are counted'),
    ('min_consecutive_paid_months', 'months',
     'contribution months up to the incident that must all be paid, one after the other'),
    ('claim_age', 'years',
     'age at which the savings may be claimed whatever the membership'),
    ('claim_waiting_days_after_end', 'days',
     'days after the last membership with the program ended before the savings may be claimed');

CREATE TABLE eligibility_rules (
    id INTEGER PRIMARY KEY,
    program_code TEXT NOT NULL REFERENCES programs (code),
    segment_code TEXT REFERENCES segments (code),            -- NULL: every segment
    code TEXT NOT NULL REFERENCES eligibility_rule_codes (code),
    value INTEGER NOT NULL CHECK (value >= 0),
    effective_from TEXT NOT NULL CHECK (effective_from IS date(effective_from, '+0 days')),
    effective_to TEXT CHECK (effective_to IS date(effective_to, '+0 days')),
    confidence TEXT NOT NULL CHECK (confidence IN ('H', 'M', 'L')),
    source TEXT NOT NULL CHECK (length(trim(source)) > 0),
    CONSTRAINT effective_to_must_not_be_before_effective_from
        CHECK (effective_to IS NULL OR effective_to >= effective_from)
) STRICT;
-- The lookup (program and code by equality, then the period); the other two serve foreign
-- keys, as every foreign key here leads an index (a parent row's delete looks it up).
CREATE INDEX eligibility_rules_lookup ON eligibility_rules (program_code, code, effective_from);
CREATE INDEX eligibility_rules_code ON eligibility_rules (code);
CREATE INDEX eligibility_rules_segment ON eligibility_rules (segment_code);

CREATE TRIGGER eligibility_rules_no_overlap
BEFORE INSERT ON eligibility_rules
BEGIN
    SELECT RAISE(ABORT, 'eligibility_rules: a rule for this program, segment and code already covers part of this period')
    WHERE EXISTS (SELECT 1 FROM eligibility_rules r
                  WHERE r.program_code = NEW.program_code AND r.code = NEW.code
                    AND r.segment_code IS NEW.segment_code
                    AND r.effective_from <= coalesce(NEW.effective_to, '9999-12-31')
                    AND coalesce(r.effective_to, '9999-12-31') >= NEW.effective_from);
END;

-- Append-only like the pricing rules (0016): an UPDATE or DELETE would change the answers
-- about incidents already judged. The one update allowed closes an open row (effective_to
-- set, nothing else changed), as a migration adding the next rule does; INSERT OR REPLACE on
-- an existing id is refused, as REPLACE deletes without firing DELETE triggers.
CREATE TRIGGER eligibility_rules_update_only_closes BEFORE UPDATE ON eligibility_rules
BEGIN
    SELECT RAISE(ABORT, 'eligibility_rules: a rule row cannot be changed: rules change only by a new dated row in a migration (the one update allowed closes an open row: effective_to set, nothing else changed)')
    WHERE NOT (OLD.effective_to IS NULL AND NEW.effective_to IS NOT NULL
               AND NEW.id IS OLD.id AND NEW.program_code IS OLD.program_code AND NEW.segment_code IS OLD.segment_code
               AND NEW.code IS OLD.code AND NEW.value IS OLD.value AND NEW.effective_from IS OLD.effective_from
               AND NEW.confidence IS OLD.confidence AND NEW.source IS OLD.source);
END;
CREATE TRIGGER eligibility_rules_no_delete BEFORE DELETE ON eligibility_rules
BEGIN
    SELECT RAISE(ABORT, 'eligibility_rules: a rule row cannot be deleted: rules change only by a new dated row in a migration (close the old row with effective_to)');
END;
CREATE TRIGGER eligibility_rules_no_replace BEFORE INSERT ON eligibility_rules
BEGIN
    SELECT RAISE(ABORT, 'eligibility_rules: a rule row with this id already exists (INSERT OR REPLACE cannot overwrite it): rules change only by a new dated row in a migration')
    WHERE EXISTS (SELECT 1 FROM eligibility_rules WHERE id = NEW.id);
END;

INSERT INTO eligibility_rules (program_code, segment_code, code, value, effective_from, effective_to, confidence, source) VALUES
    -- An informal (BPU) or migrant member is protected for the months paid: a new member whose
    -- first month is not yet due is not protected until that month is paid. A wage earner is
    -- protected from the start; the employer owes the dues.
    ('JKK', 'informal',    'protection_starts_on_payment', 1, '2015-07-01', NULL, 'M', 'BPJS Ketenagakerjaan BPU guidance: protection follows paid months; start date assumed'),
    ('JKM', 'informal',    'protection_starts_on_payment', 1, '2015-07-01', NULL, 'M', 'BPJS Ketenagakerjaan BPU guidance: protection follows paid months; start date assumed'),
    ('JKK', 'migrant',     'protection_starts_on_payment', 1, '2017-11-22', NULL, 'L', 'UU 18/2017 on PMI protection: dues paid before placement; start date assumed'),
    ('JKM', 'migrant',     'protection_starts_on_payment', 1, '2017-11-22', NULL, 'L', 'UU 18/2017 on PMI protection: dues paid before placement; start date assumed'),
    -- JKP (job-loss insurance), PP 37/2021: at least 12 months of dues within the 24 months before
    -- the job loss, of which the last 6 paid one after the other.
    ('JKP', NULL, 'min_paid_months',             12, '2021-02-02', NULL, 'M', 'PP 37/2021 on JKP, art. 19'),
    ('JKP', NULL, 'paid_months_window',          24, '2021-02-02', NULL, 'M', 'PP 37/2021 on JKP, art. 19'),
    ('JKP', NULL, 'min_consecutive_paid_months',  6, '2021-02-02', NULL, 'M', 'PP 37/2021 on JKP, art. 19'),
    -- JHT (old-age savings): claimable at 56, or one month after the membership ended.
    ('JHT', NULL, 'claim_age',                   56, '2015-07-01', NULL, 'M', 'PP 46/2015 on JHT, amended by PP 60/2015; Permenaker 4/2022'),
    ('JHT', NULL, 'claim_waiting_days_after_end', 30, '2022-05-04', NULL, 'M', 'Permenaker 4/2022 on JHT claims: one month after the end of employment');

-- Every answer given, with who asked: the audit a claims decision needs.
CREATE TABLE eligibility_answers (
    id INTEGER PRIMARY KEY,
    worker_id INTEGER NOT NULL REFERENCES workers (id),
    program_code TEXT NOT NULL REFERENCES programs (code),
    incident_date TEXT NOT NULL CHECK (incident_date IS date(incident_date, '+0 days')),
    membership_id INTEGER REFERENCES memberships (id),       -- the membership judged, if any
    verdict TEXT NOT NULL CHECK (verdict IN ('eligible', 'not_eligible', 'undetermined')),
    reasons TEXT NOT NULL CHECK (json_valid(reasons)),        -- JSON array of {rule, outcome, detail}
    asked_by TEXT NOT NULL CHECK (length(trim(asked_by)) > 0),
    asked_at TEXT NOT NULL
        CHECK (asked_at IS strftime('%Y-%m-%dT%H:%M:%fZ', asked_at, '+0 days'))
) STRICT;
CREATE INDEX eligibility_answers_worker ON eligibility_answers (worker_id, incident_date);
CREATE INDEX eligibility_answers_membership ON eligibility_answers (membership_id);
CREATE INDEX eligibility_answers_program ON eligibility_answers (program_code, incident_date);

CREATE TRIGGER eligibility_answers_no_update BEFORE UPDATE ON eligibility_answers
BEGIN
    SELECT RAISE(ABORT, 'eligibility_answers is an audit trail: an answer cannot be changed');
END;
CREATE TRIGGER eligibility_answers_no_delete BEFORE DELETE ON eligibility_answers
BEGIN
    SELECT RAISE(ABORT, 'eligibility_answers is an audit trail: an answer cannot be deleted');
END;
CREATE TRIGGER eligibility_answers_no_replace BEFORE INSERT ON eligibility_answers
BEGIN
    SELECT RAISE(ABORT, 'eligibility_answers is an audit trail: an answer with this id already exists (INSERT OR REPLACE cannot overwrite it)')
    WHERE EXISTS (SELECT 1 FROM eligibility_answers WHERE id = NEW.id);
END;
