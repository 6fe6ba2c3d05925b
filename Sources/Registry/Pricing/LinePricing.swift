// What every segment's pricing shares: finding the rate rows and reliefs in force, turning a
// rate row into a line, and naming a missing rule.

extension ContributionRules {
    /// `RegistryError.noRuleInForce` for `rule` (`<table> <segment> <program>`) on ``date``.
    func missing(_ rule: String) -> RegistryError {
        .noRuleInForce(rule: rule, date: date.isoString)
    }

    /// The `contribution_rates` rows that price `program` for `segment`: one per share, the
    /// risk group's own row before one for every risk group.
    ///
    /// - Throws: `noRuleInForce` when there is none.
    func rateRows(_ segment: Segment, _ program: Program, riskGroup: RiskGroup? = nil) throws(RegistryError) -> [RateRow] {
        var chosen: [RateRow] = []
        for row in rates[segment, program] {
            if let rowGroup = row.riskGroup, rowGroup != riskGroup { continue }
            if chosen.last?.share == row.share { continue }
            chosen.append(row)
        }
        guard !chosen.isEmpty else {
            let group = riskGroup.map { " \($0.rawValue)" } ?? ""
            throw missing("contribution_rates \(segment.rawValue) \(program.rawValue)\(group)")
        }
        return chosen
    }

    /// The relief in force for `program` of `segment`, if any: among the rows covering the
    /// member (`all`, or `labour_intensive_employers` when the employer is one), the one that
    /// charges least. Each row gives a share of the *normal* amount, so reliefs never compound.
    func relief(_ segment: Segment, _ program: Program, labourIntensive: Bool = false) -> ReliefRow? {
        var best: ReliefRow?
        for row in reliefs[segment, program] {
            guard row.scope == .all || (row.scope == .labourIntensiveEmployers && labourIntensive) else { continue }
            if best.map({ row.charged < $0.charged }) ?? true { best = row }
        }
        return best
    }

    /// One line per rate row: `base × rate` (or the flat amount), rounded half up, then the
    /// relief in force, if any, on that rounded amount.
    func rateLines(
        _ segment: Segment, _ program: Program, rows: [RateRow], on base: Rupiah,
        labourIntensive: Bool = false, note: String? = nil
    ) -> [DuesLine] {
        let relief = relief(segment, program, labourIntensive: labourIntensive)
        return rows.map { row in
            var line = switch row.charge {
            case .percentage(let rate):
                DuesLine(program: program, share: row.share, amount: base.applying(rate), basis: base, rate: rate, note: note)
            case .flat(let amount):
                DuesLine(program: program, share: row.share, amount: amount, note: note)
            }
            line.apply(relief)
            if row.share == .government { line.addNote("funded by central government, not billed") }
            return line
        }
    }
}

extension DuesLine {
    /// Charges `relief.charged` of the amount, rounded half up, and says so in the note.
    mutating func apply(_ relief: ReliefRow?) {
        guard let relief, relief.charged != .whole else { return }
        let normal = amount
        amount = normal.applying(relief.charged)
        addNote("relief: \(relief.charged) of the normal \(normal)" + (relief.note.map { " (\($0))" } ?? ""))
    }

    mutating func addNote(_ text: String) {
        note = note.map { "\($0); \(text)" } ?? text
    }
}
