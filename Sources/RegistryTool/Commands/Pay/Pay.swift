import ArgumentParser
import Foundation
import Registry
import SQLiteDB

/// `registry pay …`: record a payment at the counter.
struct Pay: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record a payment of dues.",
        discussion: """
            The amount must be exactly what is owed; when it is not, nothing is stored and the \
            error says how much is owed and for which months (exit 1).
            """,
        subcommands: [PayInformal.self, PayEmployer.self, PayProject.self]
    )
}

/// Options every payment takes.
struct PaymentOptions: ParsableArguments {
    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("The amount paid, in whole rupiah.", valueName: "rupiah"))
    var amount: Int64

    @Option(help: ArgumentHelp("The receipt number; unique.", valueName: "text"))
    var receipt: String

    @Option(help: "How it was paid.")
    var channel: PaymentChannel = .branchCounter

    @Option(name: .customLong("paid-at"), help: ArgumentHelp("When it was paid, ISO 8601 (default: now).", valueName: "timestamp"))
    var paidAt: String?

    @Option(help: ArgumentHelp("Who records it, for the audit log.", valueName: "name"))
    var actor: String = "registry-cli"

    func paidAtDate() throws -> Date? {
        guard let paidAt else { return nil }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: paidAt) { return date }
        formatter.formatOptions.insert(.withFractionalSeconds)
        if let date = formatter.date(from: paidAt) { return date }
        throw ToolFailure(.usage, "--paid-at: '\(paidAt)' is not an ISO 8601 timestamp such as 2025-03-10T09:30:00+07:00")
    }

    func printReceipt(_ payment: Payment) {
        print("recorded \(payment.receiptNumber): \(payment.amount) for "
              + payment.allocations.map { "\($0.month)" }.joined(separator: ", "))
    }
}
