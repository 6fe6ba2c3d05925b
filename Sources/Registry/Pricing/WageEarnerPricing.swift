// PU (Penerima Upah): a share of the monthly wage per program, some on a capped wage.

extension ContributionRules {
    /// PU lines on the monthly wage: JKK at the employer's risk-group rate, JKM, JHT on the
    /// full wage; JP on the wage capped at `jp_wage_cap`, JKP (government, not billed) on the
    /// wage capped at `jkp_wage_cap`. Caps are those in force on ``date``, so a February is
    /// priced with the previous March's JP cap. Labour-intensive employers get the reliefs
    /// reserved for them.
    func wageEarnerLines(
        wage: Rupiah, riskGroup: RiskGroup, labourIntensive: Bool, programs: Set<Program>
    ) throws(RegistryError) -> [DuesLine] {
        guard wage >= .zero else {
            throw .invalid(field: "wage", value: wage.description, reason: .mustNotBeNegative)
        }
        var lines: [DuesLine] = []
        for program in Program.inOrder where programs.contains(program) {
            let rows = try rateRows(.wageEarner, program, riskGroup: program == .jkk ? riskGroup : nil)
            var base = wage
            var note: String?
            if let capCode = Self.wageCapCode(for: program) {
                guard let cap = program == .jp ? jpWageCap : jkpWageCap else {
                    throw missing("scheme_parameters \(capCode)")
                }
                if wage > cap {
                    base = cap
                    note = "wage \(wage) capped at \(cap) (\(capCode))"
                }
            }
            lines += rateLines(.wageEarner, program, rows: rows, on: base, labourIntensive: labourIntensive, note: note)
        }
        return lines
    }

    /// The `scheme_parameters` code of the wage cap a program's dues are computed on, if any.
    static func wageCapCode(for program: Program) -> String? {
        switch program {
        case .jp: ParameterCode.jpWageCap
        case .jkp: ParameterCode.jkpWageCap
        case .jkk, .jkm, .jht: nil
        }
    }
}
