-- 0031_project_dues_received.sql — construction (JAKON) dues paid on project bills count in
-- dues_received and in the dues targets
--
-- dues_received (0011; kept since 0029 by payment_allocations_dues_received_on_insert and
-- workers_dues_received_on_move) sums the rupiah allocated to bills per segment, regency and
-- Jakarta day paid, and the library's target achievement reads it for "dues collected"
-- (dues_amount) targets. Only allocations to membership bills fed it: construction dues are
-- paid by the contractor against the project's one bill (project_payment_allocations, 0020),
-- so a construction or all-segment dues target undercounted them, silently. From here on every
-- project allocation counts too; 0020's note that a project's payment counts nowhere is
-- superseded.
--
-- WHICH REGENCY. A project's dues belong to its construction site: the regency (PP.KK, the first
-- five characters) of construction_projects.village_code. The site is optional (0005); without
-- one, the dues count in the regency of the contractor (employers.village_code, never NULL), the
-- employer that registered the project and pays its bill, so the money is counted somewhere
-- rather than dropped. Not a worker's residence, as for membership bills: a project's bill
-- belongs to every worker of the project, present and future (0020), and counting it at each
-- worker's home would count it once per worker, or nowhere while the project has none. So a
-- construction target's head count follows where its workers live (participation_changes),
-- and its dues where the project is built. The view project_dues_regencies gives each
-- project's regency by this rule; the triggers, the backfill, target_achievement and
-- `registry check` all read it (the move triggers apply it to OLD and NEW rows).
--
-- SEGMENT: construction, as the memberships of a project are.
--
-- DAY: the payment's Jakarta day, as 0029 computes it: date(paid_at / 1000, 'unixepoch',
-- '+7 hours'). A reversal of a project allocation (reverses_id, the negated amount, the same
-- payment: 0020's rule) is a row like any other, so the same insert trigger subtracts it on the
-- day the payment counted.
--
-- MOVES. A project's site can be changed (construction_projects has no update guard), and so
-- can its contractor or the contractor's address: the project's allocations move from the
-- regency it had to the one it has, as workers_dues_received_on_move moves a worker's. A row
-- left at 0 stays (as after a worker's move): the sums do not change.
--
-- BACKFILL. The project allocations already stored are summed once into dues_received, added to
-- any construction row there (bills written by hand on a construction membership itself, 0020).
--
-- Recreated here: the view target_achievement (0029's), whose dues CTE now adds the project
-- allocations of the target's regencies (segment NULL or construction); everything else in it is
-- 0029's. dues_received itself is not rebuilt (its paid_on column comment still says UTC text;
-- the Jakarta day is 0022's and 0029's rule).

-- ---- the regency a project's dues count in -----------------------------------------------

CREATE VIEW project_dues_regencies AS
SELECT c.id AS construction_project_id,
       substr(coalesce(c.village_code, e.village_code), 1, 5) AS regency_code
FROM construction_projects c
JOIN employers e ON e.id = c.contractor_employer_id;

-- ---- kept by triggers, whoever writes the row ---------------------------------------------

CREATE TRIGGER project_payment_allocations_dues_received_on_insert AFTER INSERT ON project_payment_allocations
BEGIN
    INSERT INTO dues_received (segment_code, regency_code, paid_on, amount)
    SELECT 'construction', r.regency_code, date(p.paid_at / 1000, 'unixepoch', '+7 hours'), NEW.amount
    FROM project_bills b
    JOIN project_dues_regencies r ON r.construction_project_id = b.construction_project_id
    JOIN payments p ON p.id = NEW.payment_id
    WHERE b.id = NEW.project_bill_id
    ON CONFLICT DO UPDATE SET amount = amount + excluded.amount;
END;

-- The site moved, or (no site) the project changed contractor.
CREATE TRIGGER construction_projects_dues_received_on_move
AFTER UPDATE OF village_code, contractor_employer_id ON construction_projects
WHEN substr(coalesce(OLD.village_code, (SELECT village_code FROM employers WHERE id = OLD.contractor_employer_id)), 1, 5)
     IS NOT substr(coalesce(NEW.village_code, (SELECT village_code FROM employers WHERE id = NEW.contractor_employer_id)), 1, 5)
BEGIN
    INSERT INTO dues_received (segment_code, regency_code, paid_on, amount)
    SELECT 'construction', r.regency_code, date(p.paid_at / 1000, 'unixepoch', '+7 hours'), r.sign * sum(a.amount)
    FROM (SELECT substr(coalesce(OLD.village_code, (SELECT village_code FROM employers WHERE id = OLD.contractor_employer_id)), 1, 5)
                 AS regency_code, -1 AS sign
          UNION ALL
          SELECT substr(coalesce(NEW.village_code, (SELECT village_code FROM employers WHERE id = NEW.contractor_employer_id)), 1, 5), 1) r
    JOIN project_bills b ON b.construction_project_id = NEW.id
    JOIN project_payment_allocations a ON a.project_bill_id = b.id
    JOIN payments p ON p.id = a.payment_id
    WHERE true
    GROUP BY r.regency_code, date(p.paid_at / 1000, 'unixepoch', '+7 hours')
    ON CONFLICT DO UPDATE SET amount = amount + excluded.amount;
END;

-- A contractor moved: its projects without a site count where it is now.
CREATE TRIGGER employers_dues_received_on_move AFTER UPDATE OF village_code ON employers
WHEN substr(OLD.village_code, 1, 5) IS NOT substr(NEW.village_code, 1, 5)
BEGIN
    INSERT INTO dues_received (segment_code, regency_code, paid_on, amount)
    SELECT 'construction', r.regency_code, date(p.paid_at / 1000, 'unixepoch', '+7 hours'), r.sign * sum(a.amount)
    FROM (SELECT substr(OLD.village_code, 1, 5) AS regency_code, -1 AS sign
          UNION ALL SELECT substr(NEW.village_code, 1, 5), 1) r
    JOIN construction_projects c ON c.contractor_employer_id = NEW.id AND c.village_code IS NULL
    JOIN project_bills b ON b.construction_project_id = c.id
    JOIN project_payment_allocations a ON a.project_bill_id = b.id
    JOIN payments p ON p.id = a.payment_id
    WHERE true
    GROUP BY r.regency_code, date(p.paid_at / 1000, 'unixepoch', '+7 hours')
    ON CONFLICT DO UPDATE SET amount = amount + excluded.amount;
END;

-- ---- the project allocations already stored ----------------------------------------------

INSERT INTO dues_received (segment_code, regency_code, paid_on, amount)
SELECT 'construction', r.regency_code, date(p.paid_at / 1000, 'unixepoch', '+7 hours'), sum(a.amount)
FROM project_payment_allocations a
JOIN project_bills b ON b.id = a.project_bill_id
JOIN project_dues_regencies r ON r.construction_project_id = b.construction_project_id
JOIN payments p ON p.id = a.payment_id
WHERE true
GROUP BY 1, 2, 3
ON CONFLICT DO UPDATE SET amount = amount + excluded.amount;

-- ---- target_achievement: the project dues of its regencies ------------------------------

DROP VIEW target_achievement;
CREATE VIEW target_achievement AS
WITH target_regencies AS (
    SELECT t.id AS target_id, rg.code AS regency_code
    FROM targets t
    JOIN regencies rg
      ON rg.code = t.regency_code
      OR rg.province_code = t.province_code
      OR (t.office_id IS NOT NULL AND (
            (SELECT kind FROM offices WHERE id = t.office_id) = 'head_office'
         OR EXISTS (SELECT 1 FROM branch_regencies br
                    JOIN offices b ON b.id = br.branch_office_id
                    WHERE br.regency_code = rg.code
                      AND (b.id = t.office_id OR b.parent_office_id = t.office_id)
                      AND br.effective_from <= t.period_end
                      AND coalesce(br.effective_to, '9999-12-31') >= t.period_end)))
), target_memberships AS (
    SELECT tr.target_id, m.id AS membership_id, m.worker_id
    FROM target_regencies tr
    JOIN targets t ON t.id = tr.target_id
    JOIN workers w
      ON w.village_code > tr.regency_code || '.' AND w.village_code < tr.regency_code || '/'
    JOIN memberships m
      ON m.worker_id = w.id
     AND (t.segment_code IS NULL OR m.segment_code = t.segment_code)
     AND m.start_date <= t.period_end
     AND coalesce(m.end_date, '9999-12-31') >= t.period_start
), head_counts AS (
    SELECT target_id, count(DISTINCT worker_id) AS n FROM target_memberships GROUP BY target_id
), dues AS (
    SELECT x.target_id, sum(x.amount) AS amount
    FROM (
        -- allocations to membership bills, in the regency the worker lives in
        SELECT tr.target_id, a.amount
        FROM target_regencies tr
        JOIN targets t ON t.id = tr.target_id
        JOIN workers w
          ON w.village_code > tr.regency_code || '.' AND w.village_code < tr.regency_code || '/'
        JOIN memberships m
          ON m.worker_id = w.id AND (t.segment_code IS NULL OR m.segment_code = t.segment_code)
        JOIN bills b ON b.membership_id = m.id
        JOIN payment_allocations a ON a.bill_id = b.id
        JOIN payments p ON p.id = a.payment_id
        WHERE date(p.paid_at / 1000, 'unixepoch', '+7 hours') BETWEEN t.period_start AND t.period_end
        UNION ALL
        -- allocations to project bills, in the project's regency (project_dues_regencies)
        SELECT tr.target_id, a.amount
        FROM target_regencies tr
        JOIN targets t ON t.id = tr.target_id
        JOIN project_dues_regencies r ON r.regency_code = tr.regency_code
        JOIN project_bills b ON b.construction_project_id = r.construction_project_id
        JOIN project_payment_allocations a ON a.project_bill_id = b.id
        JOIN payments p ON p.id = a.payment_id
        WHERE (t.segment_code IS NULL OR t.segment_code = 'construction')
          AND date(p.paid_at / 1000, 'unixepoch', '+7 hours') BETWEEN t.period_start AND t.period_end
    ) x
    GROUP BY x.target_id
), labour AS (
    SELECT tr.target_id,
           sum((SELECT lf.employed + lf.unemployed FROM labour_force lf
                WHERE lf.regency_code = tr.regency_code
                  AND lf.year <= CAST(strftime('%Y', t.period_end) AS INTEGER)
                ORDER BY lf.year DESC LIMIT 1)) AS labour_force
    FROM target_regencies tr JOIN targets t ON t.id = tr.target_id
    GROUP BY tr.target_id
), actuals AS (
    SELECT t.id AS target_id,
           CASE t.kind
               WHEN 'head_count' THEN coalesce(h.n, 0)
               WHEN 'dues_amount' THEN coalesce(d.amount, 0)
               WHEN 'coverage_percentage'
                   THEN CAST(round(10000.0 * coalesce(h.n, 0) / nullif(l.labour_force, 0)) AS INTEGER)
           END AS actual_value,
           l.labour_force
    FROM targets t
    LEFT JOIN head_counts h ON h.target_id = t.id
    LEFT JOIN dues d ON d.target_id = t.id
    LEFT JOIN labour l ON l.target_id = t.id
)
SELECT t.id AS target_id,
       CASE WHEN t.office_id IS NOT NULL THEN 'office'
            WHEN t.province_code IS NOT NULL THEN 'province'
            ELSE 'regency' END AS area_kind,
       coalesce(CAST(t.office_id AS TEXT), t.province_code, t.regency_code) AS area_key,
       coalesce(o.name, pv.name, rg.name) AS area_name,
       t.segment_code, t.kind, t.period_start, t.period_end,
       t.target_value, a.actual_value, a.labour_force,
       round(100.0 * a.actual_value / nullif(t.target_value, 0), 2) AS achievement_pct
FROM targets t
JOIN actuals a ON a.target_id = t.id
LEFT JOIN offices o ON o.id = t.office_id
LEFT JOIN provinces pv ON pv.code = t.province_code
LEFT JOIN regencies rg ON rg.code = t.regency_code;
