// PMI (Pekerja Migran Indonesia): one fixed amount for JKK and JKM together, per period,
// divided between the two programs by a rule row.

extension ContributionRules {
    /// A JKK line and a JKM line (those of the two in `programs`), the worker's share, dividing
    /// the fixed amount of the period (`migrant_fixed_dues`): the before-placement amount, or
    /// that of the shortest listed placement at least as long as the placement; past the
    /// longest listed, its amount plus `each_month_beyond` per extra month.
    ///
    /// The regulation (Permenaker 4/2023 art. 18, the amounts of `migrant_fixed_dues`, H) fixes
    /// one amount for the JKK and JKM programs together and does not say how much of it is
    /// which; no source at hand does. The registry keeps dues per program (a bill line per
    /// program; checks and reports by program), so the amount is divided by the
    /// `migrant_dues_split` row in force, a convention kept as data (confidence L, its source
    /// says why): JKM gets `amount × jkm_parts / (jkk_parts + jkm_parts)` rounded half up, JKK
    /// the rest, so the two lines always add up to the amount exactly. When the official
    /// division is known it becomes a new row, and bills already issued keep the division they
    /// were priced with. Each program's relief in force, if any, then applies to its own line.
    ///
    /// JHT, optional for migrant workers, is refused (`noRuleInForce`): its amount is one the
    /// member chooses (Rp50,000 to Rp600,000 a month, by press reports), which neither the
    /// rule tables nor the membership hold, so it cannot be priced; JP and JKP likewise.
    func migrantLines(_ period: MigrantPeriod, programs: Set<Program>) throws(RegistryError) -> [DuesLine] {
        for program in [Program.jht, .jp, .jkp] where programs.contains(program) {
            throw missing("migrant_fixed_dues migrant \(program.rawValue)")
        }
        let joint = [Program.jkk, .jkm].filter { programs.contains($0) }
        guard !joint.isEmpty else { return [] }
        let amount = try migrantAmount(period)
        guard let split = migrantDues.split else { throw missing("migrant_dues_split migrant") }
        let jkm = Self.part(of: amount, parts: split.jkmParts, outOf: split.jkkParts + split.jkmParts)
        let note = "part of the fixed JKK+JKM amount \(amount), divided JKK \(split.jkkParts) : JKM \(split.jkmParts) (migrant_dues_split)"
        return joint.map { program in
            var line = DuesLine(program: program, share: .worker, amount: program == .jkm ? jkm : amount - jkm,
                                basis: amount, note: note)
            line.apply(relief(.migrant, program))
            return line
        }
    }

    /// `amount × parts / total`, rounded half up to the rupiah (amounts are never negative here).
    static func part(of amount: Rupiah, parts: Int64, outOf total: Int64) -> Rupiah {
        let doubled = Int128(amount.amount) * Int128(parts) * 2
        return Rupiah(Int64((doubled + Int128(total)) / (Int128(total) * 2)))
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
                throw .invalid(field: "placement_months", value: String(months), reason: .mustBeAtLeastOne)
            }
            if let listed = migrantDues.placements.first(where: { $0.months >= months }) { return listed.amount }
            guard let longest = migrantDues.placements.last else { throw missing("migrant_fixed_dues migrant placement") }
            guard let eachMonth = migrantDues.eachMonthBeyond else {
                throw missing("migrant_fixed_dues migrant each_month_beyond")
            }
            let (extra, overflow) = eachMonth.amount.multipliedReportingOverflow(by: Int64(months - longest.months))
            guard !overflow, extra <= Int64.max - longest.amount.amount else {
                throw .invalid(field: "placement_months", value: String(months), reason: .tooLongToPrice)
            }
            return longest.amount + Rupiah(extra)
        }
    }
}
