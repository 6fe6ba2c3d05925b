-- 0016_rules_append_only.sql — rule rows only grow; an informal income needs a floor in force
--
-- RULE TABLES. Every rate, cap, band and matrix cell is a dated row, and a
-- month is priced with the rows in force on its first day (0004). Until now a
-- rule row could be edited or deleted in the sqlite3 shell, and with it the
-- dues and statuses of months long past: `UPDATE scheme_parameters SET value = 1
-- WHERE code = 'arrears_lapse_months'` rewrote who had lapsed since 2015. Here
-- the seven dated rule tables become append-only, like the ledger (0007):
--
--   * DELETE is refused;
--   * UPDATE is refused, except the one a new regulation needs: closing an
--     open row, i.e. setting effective_to on a row whose effective_to is NULL
--     and changing nothing else. A new rule is then a new dated row, inserted
--     by a migration (the overlap triggers of 0003/0004 refuse a row that
--     overlaps one still in force);
--   * INSERT OR REPLACE on an existing id is refused: REPLACE deletes the old
--     row without firing DELETE triggers (see 0007).
--
-- Nothing in the library writes these tables, and no migration updates or
-- deletes their rows after seeding them. The code tables (segments, programs,
-- payers, ... of 0002/0003/0004) are left writable, so that a migration can
-- still correct a description; `registry check` compares every rule and code
-- row with what the migrations insert (check rule_rows), which also finds a
-- row closed or added by hand.
--
-- INFORMAL INCOME FLOOR. memberships_check_on_insert/update (0006) compared
-- the declared income with the floor in force at the start date. With no
-- bpu_income_floor row in force there (a start before 2015-07-01, the first
-- one), the comparison was NULL and any income passed, Rp1 included. They
-- now refuse such a membership; on update only when the start date or the
-- income changes, so that an older membership can still be ended. The floor
-- amount in their message must follow a migration that changes the floor.
--
-- BILLS INSIDE THE PERIOD. A bill's month must overlap its membership's
-- period (bills_check_on_insert, 0007), and the library refuses to end a
-- membership before a bill that still owes. Moving start_date or end_date in
-- the shell did neither: memberships_check_on_update now refuses a change of
-- dates that leaves outside the period a bill whose lines do not sum to 0 (a
-- cancelled bill, its lines all reversed, may stay).

-- ---- rule tables: append-only ---------------------------------------------

CREATE TRIGGER scheme_parameters_update_only_closes BEFORE UPDATE ON scheme_parameters
BEGIN
    SELECT RAISE(ABORT, 'scheme_parameters: a rule row cannot be changed: rules change only by a new dated row in a migration (the one update allowed closes an open row: effective_to set, nothing else changed)')
    WHERE NOT (OLD.effective_to IS NULL AND NEW.effective_to IS NOT NULL
               AND NEW.id IS OLD.id AND NEW.code IS OLD.code AND NEW.value IS OLD.value
               AND NEW.effective_from IS OLD.effective_from AND NEW.confidence IS OLD.confidence
               AND NEW.note IS OLD.note);
END;
CREATE TRIGGER scheme_parameters_no_delete BEFORE DELETE ON scheme_parameters
BEGIN
    SELECT RAISE(ABORT, 'scheme_parameters: a rule row cannot be deleted: rules change only by a new dated row in a migration (close the old row with effective_to)');
END;
CREATE TRIGGER scheme_parameters_no_replace BEFORE INSERT ON scheme_parameters
BEGIN
    SELECT RAISE(ABORT, 'scheme_parameters: a rule row with this id already exists (INSERT OR REPLACE cannot overwrite it): rules change only by a new dated row in a migration')
    WHERE EXISTS (SELECT 1 FROM scheme_parameters WHERE id = NEW.id);
END;

CREATE TRIGGER contribution_rates_update_only_closes BEFORE UPDATE ON contribution_rates
BEGIN
    SELECT RAISE(ABORT, 'contribution_rates: a rule row cannot be changed: rules change only by a new dated row in a migration (the one update allowed closes an open row: effective_to set, nothing else changed)')
    WHERE NOT (OLD.effective_to IS NULL AND NEW.effective_to IS NOT NULL
               AND NEW.id IS OLD.id AND NEW.segment_code IS OLD.segment_code
               AND NEW.program_code IS OLD.program_code AND NEW.share IS OLD.share
               AND NEW.jkk_risk_group IS OLD.jkk_risk_group AND NEW.rate_ppm IS OLD.rate_ppm
               AND NEW.flat_amount IS OLD.flat_amount AND NEW.effective_from IS OLD.effective_from
               AND NEW.confidence IS OLD.confidence AND NEW.note IS OLD.note);
END;
CREATE TRIGGER contribution_rates_no_delete BEFORE DELETE ON contribution_rates
BEGIN
    SELECT RAISE(ABORT, 'contribution_rates: a rule row cannot be deleted: rules change only by a new dated row in a migration (close the old row with effective_to)');
END;
CREATE TRIGGER contribution_rates_no_replace BEFORE INSERT ON contribution_rates
BEGIN
    SELECT RAISE(ABORT, 'contribution_rates: a rule row with this id already exists (INSERT OR REPLACE cannot overwrite it): rules change only by a new dated row in a migration')
    WHERE EXISTS (SELECT 1 FROM contribution_rates WHERE id = NEW.id);
END;

CREATE TRIGGER bpu_income_bands_update_only_closes BEFORE UPDATE ON bpu_income_bands
BEGIN
    SELECT RAISE(ABORT, 'bpu_income_bands: a rule row cannot be changed: rules change only by a new dated row in a migration (the one update allowed closes an open row: effective_to set, nothing else changed)')
    WHERE NOT (OLD.effective_to IS NULL AND NEW.effective_to IS NOT NULL
               AND NEW.id IS OLD.id AND NEW.lower_income IS OLD.lower_income
               AND NEW.upper_income IS OLD.upper_income AND NEW.nominal_income IS OLD.nominal_income
               AND NEW.effective_from IS OLD.effective_from AND NEW.confidence IS OLD.confidence);
END;
CREATE TRIGGER bpu_income_bands_no_delete BEFORE DELETE ON bpu_income_bands
BEGIN
    SELECT RAISE(ABORT, 'bpu_income_bands: a rule row cannot be deleted: rules change only by a new dated row in a migration (close the old row with effective_to)');
END;
CREATE TRIGGER bpu_income_bands_no_replace BEFORE INSERT ON bpu_income_bands
BEGIN
    SELECT RAISE(ABORT, 'bpu_income_bands: a rule row with this id already exists (INSERT OR REPLACE cannot overwrite it): rules change only by a new dated row in a migration')
    WHERE EXISTS (SELECT 1 FROM bpu_income_bands WHERE id = NEW.id);
END;

CREATE TRIGGER construction_rate_tiers_update_only_closes BEFORE UPDATE ON construction_rate_tiers
BEGIN
    SELECT RAISE(ABORT, 'construction_rate_tiers: a rule row cannot be changed: rules change only by a new dated row in a migration (the one update allowed closes an open row: effective_to set, nothing else changed)')
    WHERE NOT (OLD.effective_to IS NULL AND NEW.effective_to IS NOT NULL
               AND NEW.id IS OLD.id AND NEW.program_code IS OLD.program_code
               AND NEW.from_value IS OLD.from_value AND NEW.to_value IS OLD.to_value
               AND NEW.rate_ppm IS OLD.rate_ppm AND NEW.effective_from IS OLD.effective_from
               AND NEW.confidence IS OLD.confidence);
END;
CREATE TRIGGER construction_rate_tiers_no_delete BEFORE DELETE ON construction_rate_tiers
BEGIN
    SELECT RAISE(ABORT, 'construction_rate_tiers: a rule row cannot be deleted: rules change only by a new dated row in a migration (close the old row with effective_to)');
END;
CREATE TRIGGER construction_rate_tiers_no_replace BEFORE INSERT ON construction_rate_tiers
BEGIN
    SELECT RAISE(ABORT, 'construction_rate_tiers: a rule row with this id already exists (INSERT OR REPLACE cannot overwrite it): rules change only by a new dated row in a migration')
    WHERE EXISTS (SELECT 1 FROM construction_rate_tiers WHERE id = NEW.id);
END;

CREATE TRIGGER migrant_fixed_dues_update_only_closes BEFORE UPDATE ON migrant_fixed_dues
BEGIN
    SELECT RAISE(ABORT, 'migrant_fixed_dues: a rule row cannot be changed: rules change only by a new dated row in a migration (the one update allowed closes an open row: effective_to set, nothing else changed)')
    WHERE NOT (OLD.effective_to IS NULL AND NEW.effective_to IS NOT NULL
               AND NEW.id IS OLD.id AND NEW.kind IS OLD.kind
               AND NEW.placement_months IS OLD.placement_months AND NEW.amount IS OLD.amount
               AND NEW.effective_from IS OLD.effective_from AND NEW.confidence IS OLD.confidence);
END;
CREATE TRIGGER migrant_fixed_dues_no_delete BEFORE DELETE ON migrant_fixed_dues
BEGIN
    SELECT RAISE(ABORT, 'migrant_fixed_dues: a rule row cannot be deleted: rules change only by a new dated row in a migration (close the old row with effective_to)');
END;
CREATE TRIGGER migrant_fixed_dues_no_replace BEFORE INSERT ON migrant_fixed_dues
BEGIN
    SELECT RAISE(ABORT, 'migrant_fixed_dues: a rule row with this id already exists (INSERT OR REPLACE cannot overwrite it): rules change only by a new dated row in a migration')
    WHERE EXISTS (SELECT 1 FROM migrant_fixed_dues WHERE id = NEW.id);
END;

CREATE TRIGGER dues_reliefs_update_only_closes BEFORE UPDATE ON dues_reliefs
BEGIN
    SELECT RAISE(ABORT, 'dues_reliefs: a rule row cannot be changed: rules change only by a new dated row in a migration (the one update allowed closes an open row: effective_to set, nothing else changed)')
    WHERE NOT (OLD.effective_to IS NULL AND NEW.effective_to IS NOT NULL
               AND NEW.id IS OLD.id AND NEW.segment_code IS OLD.segment_code
               AND NEW.program_code IS OLD.program_code AND NEW.applies_to IS OLD.applies_to
               AND NEW.charged_ppm IS OLD.charged_ppm AND NEW.effective_from IS OLD.effective_from
               AND NEW.confidence IS OLD.confidence AND NEW.note IS OLD.note);
END;
CREATE TRIGGER dues_reliefs_no_delete BEFORE DELETE ON dues_reliefs
BEGIN
    SELECT RAISE(ABORT, 'dues_reliefs: a rule row cannot be deleted: rules change only by a new dated row in a migration (close the old row with effective_to)');
END;
CREATE TRIGGER dues_reliefs_no_replace BEFORE INSERT ON dues_reliefs
BEGIN
    SELECT RAISE(ABORT, 'dues_reliefs: a rule row with this id already exists (INSERT OR REPLACE cannot overwrite it): rules change only by a new dated row in a migration')
    WHERE EXISTS (SELECT 1 FROM dues_reliefs WHERE id = NEW.id);
END;

CREATE TRIGGER segment_programs_update_only_closes BEFORE UPDATE ON segment_programs
BEGIN
    SELECT RAISE(ABORT, 'segment_programs: a rule row cannot be changed: rules change only by a new dated row in a migration (the one update allowed closes an open row: effective_to set, nothing else changed)')
    WHERE NOT (OLD.effective_to IS NULL AND NEW.effective_to IS NOT NULL
               AND NEW.id IS OLD.id AND NEW.segment_code IS OLD.segment_code
               AND NEW.employer_size_class IS OLD.employer_size_class
               AND NEW.program_code IS OLD.program_code AND NEW.requirement IS OLD.requirement
               AND NEW.effective_from IS OLD.effective_from AND NEW.confidence IS OLD.confidence);
END;
CREATE TRIGGER segment_programs_no_delete BEFORE DELETE ON segment_programs
BEGIN
    SELECT RAISE(ABORT, 'segment_programs: a rule row cannot be deleted: rules change only by a new dated row in a migration (close the old row with effective_to)');
END;
CREATE TRIGGER segment_programs_no_replace BEFORE INSERT ON segment_programs
BEGIN
    SELECT RAISE(ABORT, 'segment_programs: a rule row with this id already exists (INSERT OR REPLACE cannot overwrite it): rules change only by a new dated row in a migration')
    WHERE EXISTS (SELECT 1 FROM segment_programs WHERE id = NEW.id);
END;

-- ---- memberships: 0006's checks, with the floor in force and the bills ----

DROP TRIGGER memberships_check_on_insert;
DROP TRIGGER memberships_check_on_update;

CREATE TRIGGER memberships_check_on_insert
BEFORE INSERT ON memberships
BEGIN
    SELECT RAISE(ABORT, 'informal (BPU) declared income cannot be checked: no bpu_income_floor in scheme_parameters is in force on the membership start date')
    WHERE NEW.segment_code = 'informal'
      AND NOT EXISTS (SELECT 1 FROM scheme_parameters p
                      WHERE p.code = 'bpu_income_floor'
                        AND p.effective_from <= NEW.start_date
                        AND coalesce(p.effective_to, '9999-12-31') >= NEW.start_date);
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
    SELECT RAISE(ABORT, 'informal (BPU) declared income cannot be checked: no bpu_income_floor in scheme_parameters is in force on the membership start date')
    WHERE NEW.segment_code = 'informal'
      AND (NEW.start_date IS NOT OLD.start_date OR NEW.declared_income IS NOT OLD.declared_income)
      AND NOT EXISTS (SELECT 1 FROM scheme_parameters p
                      WHERE p.code = 'bpu_income_floor'
                        AND p.effective_from <= NEW.start_date
                        AND coalesce(p.effective_to, '9999-12-31') >= NEW.start_date);
    SELECT RAISE(ABORT, 'informal (BPU) declared income is below the Rp1,000,000 floor in force at the membership start (minimum dues Rp16,800; see scheme_parameters bpu_income_floor)')
    WHERE NEW.segment_code = 'informal'
      AND NEW.declared_income < (SELECT p.value FROM scheme_parameters p
                                 WHERE p.code = 'bpu_income_floor'
                                   AND p.effective_from <= NEW.start_date
                                   AND coalesce(p.effective_to, '9999-12-31') >= NEW.start_date);
    SELECT RAISE(ABORT, 'this change of dates would leave a bill of the membership outside its period: cancel that bill first (reverse its lines)')
    WHERE (NEW.start_date IS NOT OLD.start_date OR NEW.end_date IS NOT OLD.end_date)
      AND EXISTS (SELECT 1 FROM bills b
                  WHERE b.membership_id = NEW.id
                    AND (b.contribution_month < substr(NEW.start_date, 1, 7)
                         OR b.contribution_month > substr(coalesce(NEW.end_date, '9999-12-31'), 1, 7))
                    AND (SELECT coalesce(sum(amount), 0) FROM bill_lines WHERE bill_id = b.id) <> 0);
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
