/// SQL fragments for coverage, shared by the area, regency and office reports. Each mirrors a
/// view of `0010_views.sql` with the date bound (``ReportDate``) and the memberships optionally
/// restricted to one segment (`:segment`, NULL = all).
enum CoverageSQL {
    /// Per worker with a membership in scope: participant (a membership active, in arrears or
    /// lapsed) and active (an active membership). The view `worker_participation` lists every
    /// worker with EXISTS lookups; grouping the statuses instead evaluates each membership
    /// once, and workers without a membership in scope add nothing to the sums either way.
    static let workerParticipation = """
        worker_participation AS (
            SELECT worker_id,
                   max(status IN ('active', 'in_arrears', 'lapsed')) AS is_participant,
                   max(status = 'active') AS is_active
            FROM membership_status
            GROUP BY worker_id)
        """

    /// Each regency's labour force for the latest year ≤ the date's year (view
    /// `regency_latest_labour_force`).
    static let regencyLabourForce = """
        regency_labour_force AS (
            SELECT lf.regency_code, lf.year, lf.employed + lf.unemployed AS labour_force
            FROM labour_force lf
            WHERE lf.regency_code IS NOT NULL
              AND lf.year = (SELECT max(l2.year) FROM labour_force l2
                             WHERE l2.regency_code = lf.regency_code AND l2.year <= :year))
        """

    /// Status, participation and labour force per regency, ending in `regency_coverage`
    /// (view `coverage_by_regency`, without the percentages, which Swift derives exactly).
    static let regencyCoverage = """
        \(MembershipStatusSQL.commonTableExpressions(over: MembershipStatusSQL.membershipsOfSegment)),
        \(workerParticipation),
        regency_participation AS (
            SELECT substr(w.village_code, 1, 5) AS regency_code,
                   sum(p.is_participant) AS participants, sum(p.is_active) AS active_participants
            FROM worker_participation p JOIN workers w ON w.id = p.worker_id
            GROUP BY substr(w.village_code, 1, 5)),
        \(regencyLabourForce),
        regency_coverage AS (
            SELECT rg.code AS regency_code, rg.name AS regency_name, rg.province_code,
                   lf.year AS labour_force_year, lf.labour_force,
                   coalesce(p.participants, 0) AS participants,
                   coalesce(p.active_participants, 0) AS active_participants
            FROM regencies rg
            LEFT JOIN regency_labour_force lf ON lf.regency_code = rg.code
            LEFT JOIN regency_participation p ON p.regency_code = rg.code)
        """

    /// ``regencyCoverage`` summed per branch over the regencies it serves at the date, ending
    /// in `branch_coverage` (view `coverage_by_branch`).
    static let branchCoverage = """
        \(regencyCoverage),
        branch_coverage AS (
            SELECT o.id AS office_id, o.code AS office_code, o.name AS office_name, o.kind,
                   o.parent_office_id,
                   count(c.regency_code) AS regencies_served,
                   max(c.labour_force_year) AS labour_force_year,
                   sum(c.labour_force) AS labour_force,
                   coalesce(sum(c.participants), 0) AS participants,
                   coalesce(sum(c.active_participants), 0) AS active_participants
            FROM offices o
            LEFT JOIN branch_regencies br
                   ON br.branch_office_id = o.id
                  AND br.effective_from <= :as_of
                  AND coalesce(br.effective_to, '9999-12-31') >= :as_of
            LEFT JOIN regency_coverage c ON c.regency_code = br.regency_code
            WHERE o.kind IN ('branch', 'pioneer_branch')
            GROUP BY o.id)
        """

    /// The regencies of an area at the date, as `area_regencies (regency_code)`; the area's key
    /// (regency code, province code or office code) is the bound parameter `:area`.
    static func areaRegencies(_ area: CoverageArea) -> String {
        switch area {
        case .regency:
            "area_regencies (regency_code) AS (SELECT code FROM regencies WHERE code = :area)"
        case .province:
            "area_regencies (regency_code) AS (SELECT code FROM regencies WHERE province_code = :area)"
        case .office:
            // Head office: everywhere. Otherwise the regencies served at the date by the office
            // itself (a branch) or by its branches (a regional office). UNION removes duplicates,
            // though a regency has one branch at a time.
            """
            area_regencies (regency_code) AS (
                SELECT rg.code FROM regencies rg
                WHERE EXISTS (SELECT 1 FROM offices o WHERE o.code = :area AND o.kind = 'head_office')
                UNION
                SELECT br.regency_code
                FROM offices o
                JOIN offices b ON b.id = o.id OR b.parent_office_id = o.id
                JOIN branch_regencies br ON br.branch_office_id = b.id
                WHERE o.code = :area
                  AND br.effective_from <= :as_of
                  AND coalesce(br.effective_to, '9999-12-31') >= :as_of)
            """
        }
    }

    /// The memberships (of `:segment`, or all) of workers resident in `area_regencies`: a
    /// `source` for ``MembershipStatusSQL/commonTableExpressions(over:)``. The range on
    /// `village_code` ('PP.KK.' < code < 'PP.KK/') uses the index on workers' villages.
    static let areaMemberships = """
        (SELECT m.* FROM area_regencies ar
         JOIN workers w ON w.village_code > ar.regency_code || '.' AND w.village_code < ar.regency_code || '/'
         JOIN memberships m ON m.worker_id = w.id
         WHERE :segment IS NULL OR m.segment_code = :segment)
        """
}
