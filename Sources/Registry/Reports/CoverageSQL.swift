/// SQL fragments for coverage, shared by the area, regency and office reports. Each gives the
/// figures of a view of `0010_views.sql` with the date bound (``ReportDate``) and the
/// memberships optionally restricted to one segment (`:segment`, NULL = all), read from the
/// standing tables of `0011_standing.sql` rather than from the whole ledger; the recorded-time
/// reports put their own counts in their place (``boundParticipation``).
enum CoverageSQL {
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

    /// Participants and active participants per regency at `:as_of`, counting memberships of
    /// `:segment` (NULL = all, each worker once): the sums of `participation_changes` up to the
    /// date (`0011_standing.sql`), which equal the view `worker_participation` summed per
    /// regency. A few rows per regency and day, whatever the number of members.
    static let regencyParticipation = """
        regency_participation AS (
            SELECT regency_code, sum(participants) AS participants,
                   sum(active_participants) AS active_participants
            FROM participation_changes
            WHERE segment_code = coalesce(:segment, 'all') AND day <= :as_of
            GROUP BY regency_code)
        """

    /// Participants and active participants per regency as counted by a pass over the register
    /// (``RegistrySession/knownParticipation(on:asKnownOn:segment:regencies:)``), bound as one
    /// JSON object `:participation` (`{"32.14": [participants, active], …}`): a few hundred
    /// regencies, whatever the number of members, so the office roll-ups below sum it with the
    /// same SQL as the standing tables' figures.
    static let boundParticipation = """
        regency_participation AS (
            SELECT key AS regency_code, json_extract(value, '$[0]') AS participants,
                   json_extract(value, '$[1]') AS active_participants
            FROM json_each(:participation))
        """

    /// Participation and labour force per regency, ending in `regency_coverage` (view
    /// `coverage_by_regency`, without the percentages, which Swift derives exactly).
    static let regencyCoverage = regencyCoverage(participation: regencyParticipation)

    /// ``regencyCoverage`` with `participation`, a CTE named `regency_participation` giving
    /// `regency_code, participants, active_participants`.
    static func regencyCoverage(participation: String) -> String {
        """
        \(participation),
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
    }

    /// ``regencyCoverage`` summed per branch over the regencies it serves at the date, ending
    /// in `branch_coverage` (view `coverage_by_branch`).
    static let branchCoverage = branchCoverage(participation: regencyParticipation)

    /// ``branchCoverage`` with `participation`, as ``regencyCoverage(participation:)``.
    static func branchCoverage(participation: String) -> String {
        """
        \(regencyCoverage(participation: participation)),
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
    }

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
}
