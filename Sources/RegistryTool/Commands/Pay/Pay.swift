import ArgumentParser
import Foundation
import Registry
import SQLiteDB

/// `registry pay …`: record a payment at the counter.
struct Pay: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: Localized(en: "Record a payment of dues.", id: "Mencatat pembayaran iuran.").inToolLanguage,
        discussion: Localized(en: """
            The amount must be exactly what is owed; when it is not, nothing is stored and the \
            error says how much is owed and for which months (exit 1).
            """, id: """
            Jumlahnya harus persis sama dengan yang terutang; jika tidak, tidak ada yang disimpan dan pesan \
            galatnya menyebut berapa yang terutang dan untuk bulan apa saja (keluar 1).
            """).inToolLanguage,
        subcommands: [PayInformal.self, PayEmployer.self, PayProject.self]
    )
}

/// Options every payment takes.
struct PaymentOptions: ParsableArguments {
    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp(Localized(en: "The amount paid, in whole rupiah.",
                                         id: "Jumlah yang dibayar, dalam rupiah bulat.").inToolLanguage, valueName: "rupiah"))
    var amount: Int64

    @Option(help: ArgumentHelp(Localized(en: "The receipt number; unique.", id: "Nomor kuitansi; harus unik.").inToolLanguage, valueName: "text"))
    var receipt: String

    @Option(help: ArgumentHelp(Localized(en: "How it was paid.", id: "Cara pembayarannya.").inToolLanguage))
    var channel: PaymentChannel = .branchCounter

    @Option(name: .customLong("paid-at"), help: ArgumentHelp(Localized(en: "When it was paid, ISO 8601 (default: now).",
                                                                       id: "Waktu pembayaran, ISO 8601 (bawaan: sekarang).").inToolLanguage, valueName: "timestamp"))
    var paidAt: String?

    @Option(help: ArgumentHelp(Localized(en: "Who records it, for the audit log.",
                                         id: "Siapa yang mencatatnya, untuk log audit.").inToolLanguage, valueName: "name"))
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
