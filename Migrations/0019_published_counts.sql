-- 0019_published_counts.sql — participant counts as published, beside the computed ones
--
-- Coverage is computed from the members in the register (0010, 0011): a region whose members
-- are not migrated yet has none, and its coverage reads 0%. Its office still publishes
-- figures, and so do the head office and BPS: "Bantul, February 2023: 115,463 covered";
-- "national, January 2018: 45M registered, 20.4M active". This table keeps such figures as
-- published, with their date and source, so a region can report from them. Reports show them
-- beside the computed figures, each named as what it is, never one in place of the other.
--
-- A ROW is one published figure:
--   area          exactly one of office_id (head office = national, regional office, branch),
--                 province_code, regency_code: the areas coverage and targets are reported
--                 for. Districts and villages have no labour force (0008) to set a count
--                 against, so no row is for one.
--   segment_code  the segment counted; NULL = all segments (a BPU-only figure is never shown
--                 as an all-segment one).
--   measure       'registered': registered participants (peserta terdaftar), compared with
--                 the computed participants (membership active, in arrears or lapsed);
--                 'active': active participants (peserta aktif), compared with the computed
--                 active participants. Fixed by the two figures the register computes, so a
--                 CHECK rather than a code table.
--   as_of         the date the figure describes (not the date it was published).
--   head_count    the figure; NULL only in a withdrawal (below).
--   source        who published it and where: required, a figure without one cannot be
--                 checked ('BPJS Ketenagakerjaan Bantul, press release 2023-03-14').
--   recorded_at, recorded_by   when and by whom it was typed in. The library writes the audit
--                 actor of the write (Registry.write(actor:)); a shell user writes a name.
--
-- CORRECTIONS ARE NEW ROWS (append-only, like the ledger of 0007 and the rules of 0016). A
-- figure is a fact about what was published, and reports printed from it were handed out: an
-- UPDATE would make yesterday's report impossible to reproduce or explain, where an audit
-- trail would only say that it changed. So UPDATE and DELETE are refused, and a correction
-- is a row that supersedes the wrong one (supersedes_id):
--   * with a head_count: the corrected figure (a count, a date or a source typed wrongly);
--     it keeps the area, segment and measure of the figure it corrects;
--   * with head_count NULL: a withdrawal (the figure was never published, or was typed under
--     the wrong area); it keeps the date too. A withdrawal is itself corrected by superseding
--     it with a figure.
-- A row is superseded at most once, so corrections form a chain; the current figure of a
-- chain is the row nothing supersedes. A correction applies to every report date, earlier
-- ones included: it fixes what was typed, not what was published.
-- At most one current figure per area, segment, measure and date: a second one for the same
-- day must supersede the first, so a file loaded twice is refused rather than counted twice.
--
-- The triggers check the area, the segment and the superseded row themselves, so that they
-- hold in a shell session that did not turn on PRAGMA foreign_keys (the foreign keys still
-- serve `registry check` and refuse deleting a region or office a figure names).
--
-- Reports (the view coverage_published below, and RegistrySession.coverageWithPublished)
-- take, for a date D, the latest current figure dated on or before D, and the coverage it
-- implies: head_count / the area's labour force on the figure's own date (the latest
-- labour-force year up to the year of as_of, summed over the area's regencies; a province's
-- own row when it has one), as coverage(of:on:) would give it on that date.

CREATE TABLE published_counts (
    id INTEGER PRIMARY KEY,
    office_id INTEGER REFERENCES offices (id),
    province_code TEXT REFERENCES provinces (code),
    regency_code TEXT REFERENCES regencies (code),
    segment_code TEXT REFERENCES segments (code),              -- NULL = all segments
    measure TEXT NOT NULL
        CONSTRAINT published_measure_must_be_registered_or_active
        CHECK (measure IN ('registered', 'active')),
    as_of TEXT NOT NULL CHECK (as_of IS date(as_of, '+0 days')),
    head_count INTEGER
        CONSTRAINT published_head_count_must_not_be_negative
        CHECK (head_count >= 0),
    source TEXT NOT NULL
        CONSTRAINT published_count_needs_a_source
        CHECK (length(trim(source)) > 0),
    supersedes_id INTEGER UNIQUE REFERENCES published_counts (id),
    recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        CHECK (recorded_at IS strftime('%Y-%m-%dT%H:%M:%fZ', recorded_at, '+0 days')),
    recorded_by TEXT NOT NULL
        CONSTRAINT published_count_needs_who_recorded_it
        CHECK (length(trim(recorded_by)) > 0),
    CONSTRAINT published_count_is_for_exactly_one_office_or_province_or_regency
        CHECK ((office_id IS NOT NULL) + (province_code IS NOT NULL) + (regency_code IS NOT NULL) = 1),
    CONSTRAINT only_a_correction_may_withdraw_a_published_count
        CHECK (head_count IS NOT NULL OR supersedes_id IS NOT NULL)
) STRICT;
-- The lookups (an area's figures by date) lead with the area; each also serves its foreign
-- key, as does the UNIQUE index of supersedes_id.
CREATE INDEX published_counts_office ON published_counts (office_id, measure, as_of);
CREATE INDEX published_counts_province ON published_counts (province_code, measure, as_of);
CREATE INDEX published_counts_regency ON published_counts (regency_code, measure, as_of);
CREATE INDEX published_counts_segment ON published_counts (segment_code);

CREATE TRIGGER published_counts_check_on_insert
BEFORE INSERT ON published_counts
BEGIN
    SELECT RAISE(ABORT, 'published_counts: a row with this id already exists (INSERT OR REPLACE cannot overwrite it): published figures are corrected by a new row that supersedes the old one (supersedes_id)')
    WHERE EXISTS (SELECT 1 FROM published_counts WHERE id = NEW.id);
    SELECT RAISE(ABORT, 'published_counts: province_code names no province of the provinces table')
    WHERE NEW.province_code IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM provinces WHERE code = NEW.province_code);
    SELECT RAISE(ABORT, 'published_counts: regency_code names no regency or city of the regencies table')
    WHERE NEW.regency_code IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM regencies WHERE code = NEW.regency_code);
    SELECT RAISE(ABORT, 'published_counts: office_id names no office of the offices table')
    WHERE NEW.office_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM offices WHERE id = NEW.office_id);
    SELECT RAISE(ABORT, 'published_counts: segment_code names no segment of the segments table (NULL counts all segments)')
    WHERE NEW.segment_code IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM segments WHERE code = NEW.segment_code);
    SELECT RAISE(ABORT, 'published_counts: supersedes_id names no row of published_counts')
    WHERE NEW.supersedes_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM published_counts WHERE id = NEW.supersedes_id);
    SELECT RAISE(ABORT, 'published_counts: the row named by supersedes_id is already superseded: correct the row that superseded it')
    WHERE NEW.supersedes_id IS NOT NULL
      AND EXISTS (SELECT 1 FROM published_counts WHERE supersedes_id = NEW.supersedes_id);
    SELECT RAISE(ABORT, 'published_counts: a correction keeps the area, segment and measure of the figure it supersedes (to change them, withdraw the figure and record a new one)')
    WHERE NEW.supersedes_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM published_counts p
                      WHERE p.id = NEW.supersedes_id
                        AND p.office_id IS NEW.office_id AND p.province_code IS NEW.province_code
                        AND p.regency_code IS NEW.regency_code AND p.segment_code IS NEW.segment_code
                        AND p.measure = NEW.measure);
    SELECT RAISE(ABORT, 'published_counts: a withdrawal (head_count NULL) supersedes a figure, not another withdrawal, and keeps its date (as_of)')
    WHERE NEW.head_count IS NULL AND NEW.supersedes_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM published_counts p
                      WHERE p.id = NEW.supersedes_id AND p.head_count IS NOT NULL AND p.as_of = NEW.as_of);
    SELECT RAISE(ABORT, 'published_counts: a current figure of this area, segment and measure is already recorded for this date: supersede it (supersedes_id) to correct it')
    WHERE NEW.head_count IS NOT NULL
      AND EXISTS (SELECT 1 FROM published_counts p
                  WHERE p.office_id IS NEW.office_id AND p.province_code IS NEW.province_code
                    AND p.regency_code IS NEW.regency_code AND p.segment_code IS NEW.segment_code
                    AND p.measure = NEW.measure AND p.as_of = NEW.as_of
                    AND p.head_count IS NOT NULL
                    AND p.id IS NOT NEW.supersedes_id
                    AND NOT EXISTS (SELECT 1 FROM published_counts s WHERE s.supersedes_id = p.id));
END;

CREATE TRIGGER published_counts_no_update BEFORE UPDATE ON published_counts
BEGIN
    SELECT RAISE(ABORT, 'published_counts is append-only: a published figure cannot be changed; record a correction that supersedes it (supersedes_id)');
END;
CREATE TRIGGER published_counts_no_delete BEFORE DELETE ON published_counts
BEGIN
    SELECT RAISE(ABORT, 'published_counts is append-only: a published figure cannot be deleted; record a withdrawal that supersedes it (supersedes_id, head_count NULL)');
END;

-- Audited like workers, memberships, employers and agents (0009): who recorded the figure,
-- from the actor of the write transaction. Updates and deletes are refused above.
CREATE TRIGGER published_counts_audit_insert AFTER INSERT ON published_counts
BEGIN
    INSERT INTO audit_log (table_name, row_key, operation, old_values, new_values, actor)
    VALUES ('published_counts', NEW.id, 'INSERT', NULL,
            json_object('id', NEW.id, 'office_id', NEW.office_id, 'province_code', NEW.province_code,
                        'regency_code', NEW.regency_code, 'segment_code', NEW.segment_code,
                        'measure', NEW.measure, 'as_of', NEW.as_of, 'head_count', NEW.head_count,
                        'source', NEW.source, 'supersedes_id', NEW.supersedes_id,
                        'recorded_at', NEW.recorded_at, 'recorded_by', NEW.recorded_by),
            (SELECT actor FROM audit_context WHERE id = 1));
END;

-- Published figures beside the computed ones, at report_as_of (0010): per area, segment and
-- measure, the latest current figure dated on or before the date, with
--   published_*   the figure, its date and source; labour_force and labour_force_year of
--                 the area on the figure's date; published_coverage_pct = head_count /
--                 labour_force × 100, 2 decimals
--   computed_*    what the register computes for the same area, segment and measure at
--                 report_as_of, from the report tables (participation_changes, 0011, as the
--                 library's reports), against the labour force of the report date
-- An area with no members has computed_count 0 and still its published figure.
CREATE VIEW coverage_published AS
WITH figures AS (
    SELECT p.* FROM published_counts p
    WHERE p.head_count IS NOT NULL
      AND p.as_of <= (SELECT as_of FROM report_as_of)
      AND NOT EXISTS (SELECT 1 FROM published_counts s WHERE s.supersedes_id = p.id)
), latest AS (
    SELECT f.* FROM figures f
    WHERE f.as_of = (SELECT max(g.as_of) FROM figures g
                     WHERE g.office_id IS f.office_id AND g.province_code IS f.province_code
                       AND g.regency_code IS f.regency_code AND g.segment_code IS f.segment_code
                       AND g.measure = f.measure)
), points (figure_id, kind, at) AS (
    -- Each figure is looked at twice: on its own date (the labour force its count implies a
    -- coverage against) and on the report date (what the register computes).
    SELECT id, 'published', as_of FROM latest
    UNION ALL
    SELECT id, 'computed', (SELECT as_of FROM report_as_of) FROM latest
), point_regencies AS (
    -- The area's regencies at that date, as the coverage reports resolve an area.
    SELECT pt.figure_id, pt.kind, pt.at, rg.code AS regency_code
    FROM points pt
    JOIN latest f ON f.id = pt.figure_id
    JOIN regencies rg
      ON rg.code = f.regency_code
      OR rg.province_code = f.province_code
      OR (f.office_id IS NOT NULL AND (
            (SELECT kind FROM offices WHERE id = f.office_id) = 'head_office'
         OR EXISTS (SELECT 1 FROM branch_regencies br
                    JOIN offices b ON b.id = br.branch_office_id
                    WHERE br.regency_code = rg.code
                      AND (b.id = f.office_id OR b.parent_office_id = f.office_id)
                      AND br.effective_from <= pt.at
                      AND coalesce(br.effective_to, '9999-12-31') >= pt.at)))
), regency_labour AS (
    SELECT pr.figure_id, pr.kind, sum(lf.employed + lf.unemployed) AS labour_force, max(lf.year) AS year
    FROM point_regencies pr
    JOIN labour_force lf
      ON lf.regency_code = pr.regency_code
     AND lf.year = (SELECT max(l2.year) FROM labour_force l2
                    WHERE l2.regency_code = pr.regency_code
                      AND l2.year <= CAST(strftime('%Y', pr.at) AS INTEGER))
    GROUP BY pr.figure_id, pr.kind
), province_labour AS (
    SELECT pt.figure_id, pt.kind, lf.employed + lf.unemployed AS labour_force, lf.year
    FROM points pt
    JOIN latest f ON f.id = pt.figure_id
    JOIN labour_force lf
      ON lf.province_code = f.province_code
     AND lf.year = (SELECT max(l2.year) FROM labour_force l2
                    WHERE l2.province_code = f.province_code
                      AND l2.year <= CAST(strftime('%Y', pt.at) AS INTEGER))
), labour AS (
    SELECT pt.figure_id, pt.kind,
           CASE WHEN pl.figure_id IS NOT NULL THEN pl.labour_force ELSE rl.labour_force END AS labour_force,
           CASE WHEN pl.figure_id IS NOT NULL THEN pl.year ELSE rl.year END AS year
    FROM points pt
    LEFT JOIN province_labour pl ON pl.figure_id = pt.figure_id AND pl.kind = pt.kind
    LEFT JOIN regency_labour rl ON rl.figure_id = pt.figure_id AND rl.kind = pt.kind
), computed AS (
    SELECT pr.figure_id,
           sum(CASE f.measure WHEN 'registered' THEN pc.participants ELSE pc.active_participants END) AS n
    FROM point_regencies pr
    JOIN latest f ON f.id = pr.figure_id
    JOIN participation_changes pc
      ON pc.segment_code = coalesce(f.segment_code, 'all')
     AND pc.regency_code = pr.regency_code
     AND pc.day <= pr.at
    WHERE pr.kind = 'computed'
    GROUP BY pr.figure_id
)
SELECT CASE WHEN f.office_id IS NOT NULL THEN 'office'
            WHEN f.province_code IS NOT NULL THEN 'province'
            ELSE 'regency' END AS area_kind,
       coalesce(o.code, f.province_code, f.regency_code) AS area_code,
       coalesce(o.name, pv.name, rg.name) AS area_name,
       f.segment_code,
       f.measure,
       (SELECT as_of FROM report_as_of) AS as_of,
       f.id AS published_count_id,
       f.as_of AS published_as_of,
       f.head_count AS published_count,
       f.source AS published_source,
       pl.year AS published_labour_force_year,
       pl.labour_force AS published_labour_force,
       round(100.0 * f.head_count / nullif(pl.labour_force, 0), 2) AS published_coverage_pct,
       coalesce(c.n, 0) AS computed_count,
       cl.year AS computed_labour_force_year,
       cl.labour_force AS computed_labour_force,
       round(100.0 * coalesce(c.n, 0) / nullif(cl.labour_force, 0), 2) AS computed_coverage_pct
FROM latest f
JOIN labour pl ON pl.figure_id = f.id AND pl.kind = 'published'
JOIN labour cl ON cl.figure_id = f.id AND cl.kind = 'computed'
LEFT JOIN computed c ON c.figure_id = f.id
LEFT JOIN offices o ON o.id = f.office_id
LEFT JOIN provinces pv ON pv.code = f.province_code
LEFT JOIN regencies rg ON rg.code = f.regency_code;
