// BPU (Bukan Penerima Upah): dues on declared income, snapped to its band.

extension ContributionRules {
    /// BPU lines: the declared income must reach `bpu_income_floor`; it is then snapped to its
    /// band's nominal income (`bpu_income_bands`), on which the `informal` rates apply (JKK 1%,
    /// JKM flat, JHT 2% when chosen). All lines are the worker's share.
    func informalLines(declaredIncome income: Rupiah, programs: Set<Program>) throws(RegistryError) -> [DuesLine] {
        guard income >= .zero else {
            throw .invalid(field: "declared_income", value: income.description, reason: .mustNotBeNegative)
        }
        guard let floor = bpuIncomeFloor else { throw missing("scheme_parameters \(ParameterCode.bpuIncomeFloor)") }
        guard income >= floor else {
            let dues = try requiredInformalDues(on: income)
            let minimumDues = try requiredInformalDues(on: floor)
            throw .incomeBelowFloor(declared: income, floor: floor, dues: dues, minimumDues: minimumDues)
        }
        guard let nominal = bandNominal(forDeclaredIncome: income) else { throw missing("bpu_income_bands") }
        var lines: [DuesLine] = []
        for program in Program.inOrder where programs.contains(program) {
            let rows = try rateRows(.informal, program)
            lines += rateLines(.informal, program, rows: rows, on: nominal)
        }
        return lines
    }

    /// JKK + JKM, the programs every BPU member has, on `income` as given (no band): the `dues`
    /// the floor error carries and, on the floor itself, the minimum dues it quotes (reliefs
    /// included, so the figures are those of the month).
    func requiredInformalDues(on income: Rupiah) throws(RegistryError) -> Rupiah {
        var total = Rupiah.zero
        for program in [Program.jkk, .jkm] {
            for line in rateLines(.informal, program, rows: try rateRows(.informal, program), on: income) {
                total += line.amount
            }
        }
        return total
    }
}
