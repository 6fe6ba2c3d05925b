import SQLiteDB

extension RegistrySession {
    /// The rules that price `month`: the rows in force on its first day.
    ///
    /// Load them once per month and reuse them for every membership of that month.
    public func rules(for month: ContributionMonth) throws -> ContributionRules {
        try remembered(\.rules, month.firstDay) { try ContributionRules.load(on: month.firstDay, from: db) }
    }

    /// Prices one contribution month of one membership, with the rules in force on the month's
    /// first day (loaded for this call: to price many memberships, reuse ``rules(for:)``).
    public func quote(_ basis: DuesBasis, programs: Set<Program>, month: ContributionMonth) throws -> DuesQuote {
        try rules(for: month).quote(basis, programs: programs, month: month)
    }
}
