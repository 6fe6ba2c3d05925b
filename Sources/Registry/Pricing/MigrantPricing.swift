// PMI (Pekerja Migran Indonesia): fixed JKK+JKM amounts per period.

extension ContributionRules {
    /// The note on a migrant worker's one line.
    static let migrantNote = "JKK and JKM together (fixed amount)"

    /// One line, program JKK, worker's share, for JKK and JKM together (`migrant_fixed_dues`):
    /// the before-placement amount, or that of the shortest listed placement at least as long
    /// as the placement; past the longest listed, its amount plus `each_month_beyond` per
    /// extra month. Migrant JHT has no rate in the rule tables, so it is not priced (it is
    /// optional and accepted in `programs`); a relief applies when one is in force for migrant
    /// JKK (the fixed amount cannot be split to relieve JKM alone).
    func migrantLines(_ period: MigrantPeriod, programs: Set<Program>) throws(RegistryError) -> [DuesLine] {
        for program in [Program.jp, .jkp] where programs.contains(program) {
            throw missing("migrant_fixed_dues migrant \(program.rawValue)")
        }
        guard programs.contains(.jkk) || programs.contains(.jkm) else { return [] }
        var line = DuesLine(
            program: .jkk, share: .worker, amount: try migrantAmount(period), note: Self.migrantNote)
        line.apply(relief(.migrant, .jkk))
        return [line]
    }

    func migrantAmount(_ period: MigrantPeriod) throws(RegistryError) -> Rupiah {
        switch period {
        case .beforePlacement:
            guard let amount = migrantDues.beforePlacement else {
                throw missing("migrant_fixed_dues migrant before_placement")
            }
            return amount
        case .placement(let months):
            guard months > 0 else {
                throw .invalid(field: "placement_months", value: String(months), reason: "must be at least 1")
            }
            if let listed = migrantDues.placements.first(where: { $0.months >= months }) { return listed.amount }
            guard let longest = migrantDues.placements.last else { throw missing("migrant_fixed_dues migrant placement") }
            guard let eachMonth = migrantDues.eachMonthBeyond else {
                throw missing("migrant_fixed_dues migrant each_month_beyond")
            }
            let (extra, overflow) = eachMonth.amount.multipliedReportingOverflow(by: Int64(months - longest.months))
            guard !overflow, extra <= Int64.max - longest.amount.amount else {
                throw .invalid(field: "placement_months", value: String(months), reason: "is too long to price")
            }
            return longest.amount + Rupiah(extra)
        }
    }
}
