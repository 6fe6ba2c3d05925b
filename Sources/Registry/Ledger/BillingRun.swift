/// What ``RegistrySession/issueBills(for:)`` did.
public struct BillingRun: Sendable, Hashable {
    public let month: ContributionMonth
    /// Bills issued (memberships already billed for the month are skipped).
    public let bills: Int
    /// The total billed, government-funded JKP excluded.
    public let total: Rupiah
}
