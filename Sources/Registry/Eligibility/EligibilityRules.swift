import SQLiteDB

/// The rows of `eligibility_rules` in force on a day for one program (and segment), by code.
struct EligibilityRules {
    struct Rule {
        var value: Int64
        var source: String
        var confidence: String

        /// `source (confidence M)`, for an answer's reasons.
        var citation: String { "\(source) (confidence \(confidence))" }
    }

    private var rules: [String: Rule] = [:]

    subscript(code: String) -> Rule? { rules[code] }

    /// The rules for `program` in force on `date`; a row for `segment` wins over one for every
    /// segment (NULL).
    static func load(_ program: Program, segment: Segment?, on date: CalendarDate, from db: Connection) throws -> EligibilityRules {
        var loaded = EligibilityRules()
        try db.forEach("""
            SELECT code, value, source, confidence FROM eligibility_rules
            WHERE program_code = ?1 AND (segment_code IS NULL OR segment_code = ?2)
              AND effective_from <= ?3 AND coalesce(effective_to, '9999-12-31') >= ?3
            ORDER BY segment_code IS NOT NULL
            """, program, segment, date) { row in
            loaded.rules[try row.get("code")] = Rule(
                value: try row.get("value"), source: try row.get("source"), confidence: try row.get("confidence"))
        }
        return loaded
    }
}
