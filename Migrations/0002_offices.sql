-- 0002_offices.sql — office hierarchy and the regencies each branch serves
--
-- Head office (Kantor Pusat) → regional offices (Kantor Wilayah, 11 of them,
-- e.g. Banten; Central Java & Yogyakarta) → branch offices of two kinds:
-- full branches (Kantor Cabang) and smaller pioneer branches (Kantor Cabang
-- Perintis). A branch serves a set of regencies/cities over time.

CREATE TABLE office_kinds (
    code TEXT PRIMARY KEY,
    description TEXT NOT NULL
) STRICT;

INSERT INTO office_kinds (code, description) VALUES
    ('head_office',     'Head office (Kantor Pusat)'),
    ('regional_office', 'Regional office (Kantor Wilayah)'),
    ('branch',          'Full branch office (Kantor Cabang)'),
    ('pioneer_branch',  'Pioneer branch office (Kantor Cabang Perintis)');

CREATE TABLE offices (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE CHECK (length(trim(code)) > 0),   -- internal office code
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    kind TEXT NOT NULL REFERENCES office_kinds (code),
    -- head office: NULL; regional office: the head office;
    -- branch / pioneer branch: its regional office (checked by triggers).
    parent_office_id INTEGER REFERENCES offices (id),
    village_code TEXT REFERENCES villages (code)                 -- address, optional
) STRICT;
CREATE INDEX offices_kind ON offices (kind);
CREATE INDEX offices_parent_office_id ON offices (parent_office_id);
CREATE INDEX offices_village_code ON offices (village_code);
CREATE UNIQUE INDEX offices_only_one_head_office ON offices (kind) WHERE kind = 'head_office';

-- The parent's kind is compared with IS, not =: with a NULL parent_office_id the
-- subquery is NULL, "= 'head_office'" would be NULL, NOT (... OR NULL) is NULL,
-- and a regional office or branch without a parent would slip through.
CREATE TRIGGER offices_check_parent_on_insert
BEFORE INSERT ON offices
BEGIN
    SELECT RAISE(ABORT, 'office hierarchy: the head office has no parent; a regional office (Kantor Wilayah) must belong to the head office; a branch or pioneer branch (Kantor Cabang / Perintis) must belong to a regional office')
    WHERE NOT (
        (NEW.kind = 'head_office' AND NEW.parent_office_id IS NULL)
     OR (NEW.kind = 'regional_office'
         AND (SELECT kind FROM offices WHERE id = NEW.parent_office_id) IS 'head_office')
     OR (NEW.kind IN ('branch', 'pioneer_branch')
         AND (SELECT kind FROM offices WHERE id = NEW.parent_office_id) IS 'regional_office'));
END;

CREATE TRIGGER offices_check_parent_on_update
BEFORE UPDATE OF kind, parent_office_id ON offices
BEGIN
    SELECT RAISE(ABORT, 'office hierarchy: the head office has no parent; a regional office (Kantor Wilayah) must belong to the head office; a branch or pioneer branch (Kantor Cabang / Perintis) must belong to a regional office')
    WHERE NOT (
        (NEW.kind = 'head_office' AND NEW.parent_office_id IS NULL)
     OR (NEW.kind = 'regional_office'
         AND (SELECT kind FROM offices WHERE id = NEW.parent_office_id) IS 'head_office')
     OR (NEW.kind IN ('branch', 'pioneer_branch')
         AND (SELECT kind FROM offices WHERE id = NEW.parent_office_id) IS 'regional_office'));
    SELECT RAISE(ABORT, 'office hierarchy: an office that still has child offices cannot change kind')
    WHERE NEW.kind <> OLD.kind AND EXISTS (SELECT 1 FROM offices WHERE parent_office_id = NEW.id);
END;

-- Which branch serves which regency/city, over time. At any date a regency is
-- served by at most one branch, so coverage figures roll up without double
-- counting a regency's labour force.
CREATE TABLE branch_regencies (
    id INTEGER PRIMARY KEY,
    branch_office_id INTEGER NOT NULL REFERENCES offices (id),
    regency_code TEXT NOT NULL REFERENCES regencies (code),
    effective_from TEXT NOT NULL CHECK (effective_from IS date(effective_from, '+0 days')),
    effective_to TEXT CHECK (effective_to IS date(effective_to, '+0 days')),  -- NULL = open
    CONSTRAINT effective_to_must_not_be_before_effective_from
        CHECK (effective_to IS NULL OR effective_to >= effective_from)
) STRICT;
CREATE INDEX branch_regencies_branch_office_id ON branch_regencies (branch_office_id);
CREATE INDEX branch_regencies_regency_code ON branch_regencies (regency_code, effective_from);

CREATE TRIGGER branch_regencies_check_on_insert
BEFORE INSERT ON branch_regencies
BEGIN
    SELECT RAISE(ABORT, 'branch_regencies: the serving office must be a branch or pioneer branch (Kantor Cabang / Kantor Cabang Perintis)')
    WHERE (SELECT kind FROM offices WHERE id = NEW.branch_office_id) NOT IN ('branch', 'pioneer_branch');
    SELECT RAISE(ABORT, 'branch_regencies: this regency is already served by a branch during an overlapping period (one branch per regency at a time)')
    WHERE EXISTS (SELECT 1 FROM branch_regencies b
                  WHERE b.regency_code = NEW.regency_code
                    AND b.effective_from <= coalesce(NEW.effective_to, '9999-12-31')
                    AND coalesce(b.effective_to, '9999-12-31') >= NEW.effective_from);
END;

CREATE TRIGGER branch_regencies_check_on_update
BEFORE UPDATE ON branch_regencies
BEGIN
    SELECT RAISE(ABORT, 'branch_regencies: the serving office must be a branch or pioneer branch (Kantor Cabang / Kantor Cabang Perintis)')
    WHERE (SELECT kind FROM offices WHERE id = NEW.branch_office_id) NOT IN ('branch', 'pioneer_branch');
    SELECT RAISE(ABORT, 'branch_regencies: this regency is already served by a branch during an overlapping period (one branch per regency at a time)')
    WHERE EXISTS (SELECT 1 FROM branch_regencies b
                  WHERE b.regency_code = NEW.regency_code AND b.id <> NEW.id
                    AND b.effective_from <= coalesce(NEW.effective_to, '9999-12-31')
                    AND coalesce(b.effective_to, '9999-12-31') >= NEW.effective_from);
END;
