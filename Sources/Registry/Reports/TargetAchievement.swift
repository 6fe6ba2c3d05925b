import SQLiteDB

/// Progress towards a target: a row of the view `target_achievement`.
///
/// Achievement is actual ÷ target, as exact basis points (``achievementBasisPoints``: 19685 =
/// 196.85%, rounded half up) and as a percentage for display.
public struct TargetAchievement: Sendable, Hashable {
    /// `targets.id`.
    public var targetID: Int64
    /// The office (by code), province or regency the target is set for.
    public var area: CoverageArea
    /// The office's, province's or regency's name.
    public var areaName: String
    /// The segment counted; nil = all segments.
    public var segment: Segment?
    public var kind: TargetKind
    public var periodStart: CalendarDate
    public var periodEnd: CalendarDate
    /// Participants, rupiah, or basis points of coverage, by ``kind``.
    public var targetValue: Int64
    /// In the unit of ``targetValue``. Nil only for a coverage target whose area has no
    /// labour-force figure (the view's NULL): there is no coverage to compare.
    public var actualValue: Int64?
    /// The area's labour force: each regency's latest figure for a year up to the year of
    /// ``periodEnd``, summed (the regency figures even for a province target, as in the view).
    public var labourForce: Int64?
    /// actual × 10,000 ÷ target, rounded half up; nil when the target is 0 or actual is nil.
    public var achievementBasisPoints: Int?
    /// ``achievementBasisPoints`` as a percentage, e.g. 196.85.
    public var percentage: Double?
}

extension RegistrySession {
    /// Achievement of every target (`date` nil), or of the targets whose period contains
    /// `date`, by target id: the rows of the view `target_achievement`.
    ///
    /// A dues target sums `dues_received`: a membership's dues in the regency its worker lives
    /// in, a construction (JAKON) project's dues (paid by the contractor on the project's bill)
    /// as construction in the regency of the project's site, or of its contractor when it has
    /// none (0031): a project's bill belongs to all its workers, so it cannot follow any one of
    /// them. A construction or all-segment target counts both.
    ///
    /// The view does not read `report_as_of`: a target's actual value depends on its period
    /// alone (memberships overlapping the period, dues allocated from payments whose `paid_at`
    /// falls in it, labour force for the year of the period's end), not on an evaluation date,
    /// and the ledger is not replayed. This gives the view's figures, from the standing tables
    /// (`0011_standing.sql`), so `date` only selects targets; it does not move the figures. (For "covered at a date", use ``coverage(of:on:segment:)``.)
    public func targetAchievements(on date: CalendarDate? = nil) throws -> [TargetAchievement] {
        try requireCurrentStanding()
        let parameters: [String: DatabaseValue] = [":on": date.map { .text($0.isoString) } ?? .null]
        return try reportRows(Self.targetAchievementsSQL, parameters) { row in
            let areaKind: String = try row.get(1)
            let key: String = try row.get(2)
            let area: CoverageArea = switch areaKind {
            case "office": .office(code: key)
            case "province": .province(try RegionCode(key, field: "targets.province_code"))
            default: .regency(try RegionCode(key, field: "targets.regency_code"))
            }
            let kind: TargetKind = try row.get(5)
            let targetValue: Int64 = try row.get(8)
            let headCount: Int64 = try row.get(9)
            let labourForce: Int64? = try row.get(11)
            // The view's actual_value, in integers: its coverage is
            // CAST(round(10000.0 * head count / labour force) AS INTEGER), half away from zero.
            let actualValue: Int64? = switch kind {
            case .headCount: headCount
            case .duesAmount: try row.get(10)
            case .coveragePercentage: BasisPoints.ratio(headCount, of: labourForce).map(Int64.init)
            }
            let basisPoints = actualValue.flatMap { BasisPoints.ratio($0, of: targetValue) }
            return TargetAchievement(
                targetID: try row.get(0), area: area, areaName: try row.get(3), segment: try row.get(4),
                kind: kind, periodStart: try row.get(6), periodEnd: try row.get(7),
                targetValue: targetValue, actualValue: actualValue, labourForce: labourForce,
                achievementBasisPoints: basisPoints, percentage: BasisPoints.percentage(basisPoints))
        }
    }

    /// The view `target_achievement`, restricted to the targets in force on `:on` (all when
    /// NULL), with the office's code instead of its id as the area key, returning the head
    /// count, dues and labour force from which Swift derives the actual value exactly.
    static let targetAchievementsSQL = """
        WITH selected_targets AS (
            SELECT * FROM targets
            WHERE :on IS NULL OR (period_start <= :on AND period_end >= :on)
        ), target_regencies AS (
            SELECT t.id AS target_id, rg.code AS regency_code
            FROM selected_targets t
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
        ), target_scopes AS (
            SELECT t.id AS target_id, tr.regency_code, coalesce(t.segment_code, 'all') AS scope,
                   t.period_start, t.period_end
            FROM selected_targets t JOIN target_regencies tr ON tr.target_id = t.id
        ), head_counts AS (
            -- Workers participating on the first day, plus those joining later in the period
            -- for the first time, or again after a gap that began before it.
            SELECT ts.target_id,
                   sum((SELECT coalesce(sum(pc.participants), 0) FROM participation_changes pc
                        WHERE pc.segment_code = ts.scope AND pc.regency_code = ts.regency_code
                          AND pc.day <= ts.period_start)
                     + (SELECT coalesce(sum(pc.first_joins), 0) FROM participation_changes pc
                        WHERE pc.segment_code = ts.scope AND pc.regency_code = ts.regency_code
                          AND pc.day > ts.period_start AND pc.day <= ts.period_end)
                     + (SELECT count(*) FROM worker_coverage_spans c
                        WHERE c.kind = 'participant' AND c.previous_until IS NOT NULL
                          AND c.segment_code = ts.scope AND c.regency_code = ts.regency_code
                          AND c.from_date > ts.period_start AND c.from_date <= ts.period_end
                          AND c.previous_until <= ts.period_start)) AS n
            FROM target_scopes ts
            GROUP BY ts.target_id
        ), dues AS (
            SELECT ts.target_id, sum(d.amount) AS amount
            FROM target_scopes ts
            JOIN dues_received d
              ON d.regency_code = ts.regency_code
             AND d.paid_on BETWEEN ts.period_start AND ts.period_end
            WHERE ts.scope IN ('all', d.segment_code)
            GROUP BY ts.target_id
        ), labour AS (
            SELECT tr.target_id,
                   sum((SELECT lf.employed + lf.unemployed FROM labour_force lf
                        WHERE lf.regency_code = tr.regency_code
                          AND lf.year <= CAST(strftime('%Y', t.period_end) AS INTEGER)
                        ORDER BY lf.year DESC LIMIT 1)) AS labour_force
            FROM target_regencies tr JOIN selected_targets t ON t.id = tr.target_id
            GROUP BY tr.target_id
        )
        SELECT t.id,
               CASE WHEN t.office_id IS NOT NULL THEN 'office'
                    WHEN t.province_code IS NOT NULL THEN 'province'
                    ELSE 'regency' END,
               coalesce(o.code, t.province_code, t.regency_code),
               coalesce(o.name, pv.name, rg.name),
               t.segment_code, t.kind, t.period_start, t.period_end, t.target_value,
               coalesce(h.n, 0), coalesce(d.amount, 0), l.labour_force
        FROM selected_targets t
        LEFT JOIN head_counts h ON h.target_id = t.id
        LEFT JOIN dues d ON d.target_id = t.id
        LEFT JOIN labour l ON l.target_id = t.id
        LEFT JOIN offices o ON o.id = t.office_id
        LEFT JOIN provinces pv ON pv.code = t.province_code
        LEFT JOIN regencies rg ON rg.code = t.regency_code
        ORDER BY t.id
        """
}
