-- 0017_migrant_dues_split.sql — how a migrant worker's (PMI) fixed JKK+JKM amount is
-- divided between the two programs
--
-- The regulation fixes one amount for the JKK and JKM programs of a migrant worker together
-- (Permenaker 4/2023 art. 18; the amounts of migrant_fixed_dues, 0004, H) and does not say
-- how much of it is which; no source at hand does. The registry keeps dues per program (a
-- bill line per program, checks and reports by program), so it divides the amount by the
-- row in force here, a convention kept as data:
--   JKM = amount × jkm_parts / (jkk_parts + jkm_parts), rounded half up to the rupiah,
--   JKK = amount − JKM,
-- so the two lines always add up to the fixed amount exactly. When the official division is
-- known, close this row (effective_to) and add that one by a migration: bills already issued
-- keep the division they were priced with (each line's note names it).
-- Same conventions as 0004: inclusive dates, effective_to NULL = still in force, no two rows
-- in force on one day, confidence H / M / L as in domain.md.
CREATE TABLE migrant_dues_split (
    id INTEGER PRIMARY KEY,
    jkk_parts INTEGER NOT NULL CHECK (jkk_parts BETWEEN 0 AND 1000000),
    jkm_parts INTEGER NOT NULL CHECK (jkm_parts BETWEEN 0 AND 1000000),
    effective_from TEXT NOT NULL CHECK (effective_from IS date(effective_from, '+0 days')),
    effective_to TEXT CHECK (effective_to IS date(effective_to, '+0 days')),
    confidence TEXT NOT NULL CHECK (confidence IN ('H', 'M', 'L')),
    source TEXT NOT NULL CHECK (length(trim(source)) > 0),
    CONSTRAINT split_needs_at_least_one_part
        CHECK (jkk_parts + jkm_parts > 0),
    CONSTRAINT effective_to_must_not_be_before_effective_from
        CHECK (effective_to IS NULL OR effective_to >= effective_from)
) STRICT;

CREATE TRIGGER migrant_dues_split_no_overlap_on_insert
BEFORE INSERT ON migrant_dues_split
BEGIN
    SELECT RAISE(ABORT, 'migrant_dues_split: a division of the migrant JKK+JKM amount already covers part of this period (close the old row with effective_to first)')
    WHERE EXISTS (SELECT 1 FROM migrant_dues_split r
                  WHERE r.effective_from <= coalesce(NEW.effective_to, '9999-12-31')
                    AND coalesce(r.effective_to, '9999-12-31') >= NEW.effective_from);
END;

CREATE TRIGGER migrant_dues_split_no_overlap_on_update
BEFORE UPDATE ON migrant_dues_split
BEGIN
    SELECT RAISE(ABORT, 'migrant_dues_split: a division of the migrant JKK+JKM amount already covers part of this period (close the old row with effective_to first)')
    WHERE EXISTS (SELECT 1 FROM migrant_dues_split r
                  WHERE r.id <> NEW.id
                    AND r.effective_from <= coalesce(NEW.effective_to, '9999-12-31')
                    AND coalesce(r.effective_to, '9999-12-31') >= NEW.effective_from);
END;

-- From the start of migrant_fixed_dues, so every placement the registry can price divides the
-- same way. Convention, confidence L: the proportion of JKK to JKM in the smallest monthly
-- dues of the other segment paying fixed, non-wage amounts, informal (BPU) members:
-- JKK 1% of the Rp1,000,000 income floor = Rp10,000 against JKM Rp6,800 (domain.md, H / M).
-- A 12-month placement's Rp189,000 is then JKK Rp112,500 + JKM Rp76,500.
INSERT INTO migrant_dues_split (jkk_parts, jkm_parts, effective_from, effective_to, confidence, source) VALUES
    (10000, 6800, '2015-07-01', NULL, 'L',
     'convention: the regulation (Permenaker 4/2023 art. 18) gives one amount for JKK and JKM together; divided as the minimum BPU dues divide, JKK Rp10,000 : JKM Rp6,800');

-- Append-only like every dated rule table (0016): the one update allowed closes an open row.
CREATE TRIGGER migrant_dues_split_update_only_closes BEFORE UPDATE ON migrant_dues_split
BEGIN
    SELECT RAISE(ABORT, 'migrant_dues_split: a rule row cannot be changed: rules change only by a new dated row in a migration (the one update allowed closes an open row: effective_to set, nothing else changed)')
    WHERE NOT (OLD.effective_to IS NULL AND NEW.effective_to IS NOT NULL
               AND NEW.id IS OLD.id AND NEW.jkk_parts IS OLD.jkk_parts AND NEW.jkm_parts IS OLD.jkm_parts
               AND NEW.effective_from IS OLD.effective_from AND NEW.confidence IS OLD.confidence
               AND NEW.source IS OLD.source);
END;
CREATE TRIGGER migrant_dues_split_no_delete BEFORE DELETE ON migrant_dues_split
BEGIN
    SELECT RAISE(ABORT, 'migrant_dues_split: a rule row cannot be deleted: rules change only by a new dated row in a migration (close the old row with effective_to)');
END;
CREATE TRIGGER migrant_dues_split_no_replace BEFORE INSERT ON migrant_dues_split
BEGIN
    SELECT RAISE(ABORT, 'migrant_dues_split: a rule row with this id already exists (INSERT OR REPLACE cannot overwrite it): rules change only by a new dated row in a migration')
    WHERE EXISTS (SELECT 1 FROM migrant_dues_split WHERE id = NEW.id);
END;
