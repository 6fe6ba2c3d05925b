import SQLiteDB

extension ContributionRules {
    /// Reads every rule row in force on `date` (`effective_from <= date <= effective_to`, an
    /// open `effective_to` never ending), once, so that pricing needs no more SQL.
    ///
    /// To price a contribution month, pass its first day (``ContributionMonth/firstDay``).
    public static func load(on date: CalendarDate, from db: Connection) throws -> ContributionRules {
        var rules = ContributionRules(date: date)

        try db.forEach("""
            SELECT code, value FROM scheme_parameters
            WHERE ?1 BETWEEN effective_from AND coalesce(effective_to, '9999-12-31')
            """, date
        ) { row in
            rules.parameters[try row.get(0, as: String.self)] = try row.get(1, as: Int64.self)
        }
        rules.bpuIncomeFloor = rules.parameters[ParameterCode.bpuIncomeFloor].map { Rupiah($0) }
        rules.jpWageCap = rules.parameters[ParameterCode.jpWageCap].map { Rupiah($0) }
        rules.jkpWageCap = rules.parameters[ParameterCode.jkpWageCap].map { Rupiah($0) }

        try db.forEach("""
            SELECT id, segment_code, program_code, share, jkk_risk_group, rate_ppm, flat_amount
            FROM contribution_rates
            WHERE ?1 BETWEEN effective_from AND coalesce(effective_to, '9999-12-31')
            """, date
        ) { row in
            let charge: Charge
            if let ppm = try row.get("rate_ppm", as: Int64?.self) {
                charge = .percentage(Rate(partsPerMillion: ppm))
            } else if let flat = try row.get("flat_amount", as: Int64?.self) {
                charge = .flat(Rupiah(flat))
            } else {
                throw RegistryError.invalid(
                    field: "contribution_rates", value: String(try row.get("id", as: Int64.self)),
                    reason: .neitherRateNorFlat)
            }
            let segment = try row.get("segment_code", as: Segment.self)
            let program = try row.get("program_code", as: Program.self)
            rules.rates[segment, program].append(RateRow(
                share: try row.get("share", as: DuesShare.self),
                riskGroup: try row.get("jkk_risk_group", as: RiskGroup?.self),
                charge: charge))
        }
        // One share after another; within a share, a risk group's own row before a row for all.
        for segment in Segment.allCases {
            for program in Program.inOrder {
                rules.rates[segment, program].sort {
                    ($0.share.order, $0.riskGroup == nil ? 1 : 0) < ($1.share.order, $1.riskGroup == nil ? 1 : 0)
                }
            }
        }

        try db.forEach("""
            SELECT segment_code, program_code, applies_to, charged_ppm, note FROM dues_reliefs
            WHERE ?1 BETWEEN effective_from AND coalesce(effective_to, '9999-12-31')
            """, date
        ) { row in
            let segment = try row.get("segment_code", as: Segment.self)
            let program = try row.get("program_code", as: Program.self)
            rules.reliefs[segment, program].append(ReliefRow(
                scope: try row.get("applies_to", as: ReliefScope.self),
                charged: Rate(partsPerMillion: try row.get("charged_ppm", as: Int64.self)),
                note: try row.get("note", as: String?.self)))
        }

        try db.forEach("""
            SELECT program_code, from_value, to_value, rate_ppm FROM construction_rate_tiers
            WHERE ?1 BETWEEN effective_from AND coalesce(effective_to, '9999-12-31')
            ORDER BY from_value
            """, date
        ) { row in
            let program = try row.get("program_code", as: Program.self)
            rules.constructionTiers[program.order].append(ConstructionTier(
                from: try row.get("from_value", as: Int64.self),
                to: try row.get("to_value", as: Int64?.self),
                rate: Rate(partsPerMillion: try row.get("rate_ppm", as: Int64.self))))
        }

        try db.forEach("""
            SELECT lower_income, upper_income, nominal_income FROM bpu_income_bands
            WHERE ?1 BETWEEN effective_from AND coalesce(effective_to, '9999-12-31')
            ORDER BY lower_income
            """, date
        ) { row in
            rules.incomeBands.append(IncomeBand(
                lower: try row.get("lower_income", as: Rupiah.self),
                upper: try row.get("upper_income", as: Rupiah?.self),
                nominal: try row.get("nominal_income", as: Rupiah.self)))
        }

        try db.forEach("""
            SELECT kind, placement_months, amount FROM migrant_fixed_dues
            WHERE ?1 BETWEEN effective_from AND coalesce(effective_to, '9999-12-31')
            ORDER BY placement_months
            """, date
        ) { row in
            let amount = try row.get("amount", as: Rupiah.self)
            switch try row.get("kind", as: String.self) {
            case "before_placement":
                rules.migrantDues.beforePlacement = amount
            case "each_month_beyond":
                rules.migrantDues.eachMonthBeyond = amount
            case "placement":
                rules.migrantDues.placements.append(.init(
                    months: Int(try row.get("placement_months", as: Int64.self)), amount: amount))
            case let kind:
                throw RegistryError.invalid(field: "migrant_fixed_dues.kind", value: kind, reason: .notAKnownKind)
            }
        }

        if let row = try db.fetchOne("""
            SELECT jkk_parts, jkm_parts FROM migrant_dues_split
            WHERE ?1 BETWEEN effective_from AND coalesce(effective_to, '9999-12-31')
            """, date) {
            rules.migrantDues.split = .init(jkkParts: try row.get("jkk_parts"), jkmParts: try row.get("jkm_parts"))
        }
        return rules
    }
}
