import SQLiteDB

// The rule rows a ContributionRules holds, already filtered to its date and indexed so that
// pricing is array look-ups and arithmetic, never SQL.

/// How a `contribution_rates` row charges: a rate on the basis, or a flat monthly amount.
enum Charge: Sendable {
    case percentage(Rate)
    case flat(Rupiah)
}

/// A `contribution_rates` row in force.
struct RateRow: Sendable {
    var share: DuesShare
    /// Only for PU JKK; nil = every risk group.
    var riskGroup: RiskGroup?
    var charge: Charge
}

/// Who a `dues_reliefs` row covers (its `applies_to` column).
enum ReliefScope: String, Sendable, Hashable, DatabaseValueConvertible {
    case all
    case labourIntensiveEmployers = "labour_intensive_employers"
}

/// A `dues_reliefs` row in force: its program is charged at `charged` of the normal amount.
struct ReliefRow: Sendable {
    var scope: ReliefScope
    var charged: Rate
    var note: String?
}

/// A `construction_rate_tiers` row in force: the slice (from, to] of a contract value.
struct ConstructionTier: Sendable {
    var from: Int64
    /// nil = no upper edge.
    var to: Int64?
    var rate: Rate
}

/// A `bpu_income_bands` row in force: incomes from `lower` to `upper` (inclusive) are priced
/// as `nominal`.
struct IncomeBand: Sendable {
    var lower: Rupiah
    /// nil = no upper limit.
    var upper: Rupiah?
    var nominal: Rupiah
}

/// The `migrant_fixed_dues` rows in force.
struct MigrantFixedDues: Sendable {
    struct Placement: Sendable {
        var months: Int
        var amount: Rupiah
    }

    /// The `migrant_dues_split` row in force: how the joint amount divides between JKK and JKM.
    struct Split: Sendable {
        var jkkParts: Int64
        var jkmParts: Int64
    }

    var beforePlacement: Rupiah?
    /// Sorted by months.
    var placements: [Placement] = []
    var eachMonthBeyond: Rupiah?
    var split: Split?
}

/// A table indexed by segment × program, as a flat array.
struct SegmentProgramTable<Element: Sendable>: Sendable {
    private var storage: [[Element]] = Array(repeating: [], count: 4 * 5)

    private static func slot(_ segment: Segment, _ program: Program) -> Int {
        let segmentOrder = switch segment {
        case .wageEarner: 0
        case .informal: 1
        case .construction: 2
        case .migrant: 3
        }
        return segmentOrder * 5 + program.order
    }

    subscript(segment: Segment, program: Program) -> [Element] {
        get { storage[Self.slot(segment, program)] }
        set { storage[Self.slot(segment, program)] = newValue }
    }
}

/// The `scheme_parameters` codes pricing reads (the table's own names).
enum ParameterCode {
    static let bpuIncomeFloor = "bpu_income_floor"
    static let jpWageCap = "jp_wage_cap"
    static let jkpWageCap = "jkp_wage_cap"
}
