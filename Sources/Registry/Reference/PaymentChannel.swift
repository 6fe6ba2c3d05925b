import SQLiteDB

/// How a payment reached the scheme (saluran pembayaran).
public enum PaymentChannel: String, Sendable, Hashable, CaseIterable, Codable, DatabaseValueConvertible {
    case bankTransfer = "bank_transfer"
    case bankCounter = "bank_counter"
    case branchCounter = "branch_counter"
    case retailOutlet = "retail_outlet"
    case eWallet = "e_wallet"
    /// Collected by a Perisai agent.
    case agent
    case autoDebit = "auto_debit"
    case other
}
