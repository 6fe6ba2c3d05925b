/// The tables whose rows only migrations write, which `registry check` compares row by row with
/// what the migrations insert (check `rule_rows`).
///
/// Nothing in the library inserts, updates or deletes them: a new regulation is a new dated row
/// in a new migration. So any difference from a freshly migrated database was typed by hand.
///
/// Not listed, though migrations create them: the region and office tables (imported through
/// the library), `audit_context` (its one row is the actor the library sets inside each write
/// transaction) and `schema_migrations` (the migrator's history, compared by the `schema` check).
enum RuleTables {
    /// The dated rule tables (`effective_from`/`effective_to`): append-only since 0016 (0017 and
    /// 0018 for the tables they add), where an update may only close an open row.
    static let dated = [
        "scheme_parameters", "contribution_rates", "bpu_income_bands", "construction_rate_tiers",
        "migrant_fixed_dues", "dues_reliefs", "segment_programs", "migrant_dues_split",
        "eligibility_rules",
    ]

    /// The code tables the rules and the register refer to. Left writable by the schema, so a
    /// migration can correct a description; edits by hand are found by the comparison.
    static let codes = [
        "office_kinds", "segments", "programs", "payers", "employer_size_classes", "jkk_risk_groups",
        "payment_channels", "membership_end_reasons", "scheme_parameter_codes", "eligibility_rule_codes",
    ]

    static var all: [String] { dated + codes }
}
