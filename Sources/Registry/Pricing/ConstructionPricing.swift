// JAKON (Jasa Konstruksi): dues per project on the contract value, by marginal slices.

extension ContributionRules {
    /// Construction lines, the employer's (contractor's) share: each slice (from, to] of the
    /// contract value at its own `construction_rate_tiers` rate, like income-tax brackets.
    /// The slices are summed exactly (rupiah × ppm) and rounded once per program, half up;
    /// a Rp1,000,000,000 contract owes JKK Rp1,540,000 and JKM Rp210,000.
    func constructionLines(contractValue value: Rupiah, programs: Set<Program>) throws(RegistryError) -> [DuesLine] {
        guard value >= .zero else {
            throw .invalid(field: "contract_value", value: value.description, reason: .mustNotBeNegative)
        }
        var lines: [DuesLine] = []
        for program in Program.inOrder where programs.contains(program) {
            let rule = "construction_rate_tiers construction \(program.rawValue)"
            let tiers = constructionTiers[program.order]
            guard !tiers.isEmpty else { throw missing(rule) }
            var millionths: Int128 = 0
            var reached: Int64 = 0  // the contract value priced so far
            for tier in tiers where reached < value.amount {
                guard tier.from == reached else { throw missing(rule) }  // a gap in the slices
                let top = min(value.amount, tier.to ?? .max)
                millionths += Int128(top - tier.from) * Int128(tier.rate.partsPerMillion)
                reached = top
            }
            guard reached == value.amount else { throw missing(rule) }  // value above the last slice
            var line = DuesLine(
                program: program, share: .employer, amount: Rupiah(roundingMillionths: millionths),
                basis: value, note: "marginal slices of the contract value (construction_rate_tiers)")
            line.apply(relief(.construction, program))
            lines.append(line)
        }
        return lines
    }
}
