import Foundation

/// An informal worker's (BPU) payment for 1, 3, 6 or 12 months: one item of
/// ``RegistrySession/payInformalDues(_:)``, the arguments of
/// ``RegistrySession/payInformalDues(for:months:amount:receipt:channel:paidAt:)``.
public struct InformalPayment: Sendable, Hashable {
    /// The informal membership paid for.
    public var membership: Membership.ID
    /// 1, 3, 6 or 12: the oldest unpaid months (see ``RegistrySession/payInformalDues(_:)``).
    public var months: Int
    /// Exactly what those months owe.
    public var amount: Rupiah
    /// Unique across every payment, at most 64 characters (trimmed).
    public var receipt: String
    public var channel: PaymentChannel
    /// When the money was paid; nil for now, by the session's clock. Never in the future.
    public var paidAt: Date?

    public init(membership: Membership.ID, months: Int, amount: Rupiah, receipt: String,
                channel: PaymentChannel, paidAt: Date? = nil) {
        self.membership = membership
        self.months = months
        self.amount = amount
        self.receipt = receipt
        self.channel = channel
        self.paidAt = paidAt
    }
}
