import ArgumentParser
import Foundation
import Registry
import SQLiteDB

/// `registry pay informal KPJ --months N …`
struct PayInformal: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "informal",
        abstract: Localized(en: "An informal worker's (BPU) payment for 1, 3, 6 or 12 months, oldest unpaid months first.",
                            id: "Pembayaran pekerja bukan penerima upah (BPU) untuk 1, 3, 6 atau 12 bulan, mulai dari bulan belum dibayar yang paling lama.").inToolLanguage
    )

    @Argument(help: ArgumentHelp(Localized(en: "The worker's KPJ card number.", id: "Nomor kartu KPJ pekerja.").inToolLanguage, valueName: "kpj"))
    var kpj: String

    @Option(help: ArgumentHelp(Localized(en: "Months paid: 1, 3, 6 or 12.", id: "Jumlah bulan yang dibayar: 1, 3, 6 atau 12.").inToolLanguage))
    var months: Int

    @OptionGroup var payment: PaymentOptions

    func run() throws {
        let registry = try payment.database.openExisting()
        let kpj = try KPJ(kpj)
        let paidAt = try payment.paidAtDate()
        let recorded = try registry.write(actor: payment.actor) { session in
            guard let worker = try session.worker(kpj: kpj) else { throw RegistryError.notFound(field: "kpj", value: kpj.description) }
            let paidOn = paidAt.map(JakartaCalendar.date(at:)) ?? session.today
            let informal = try session.memberships(of: worker.id).filter { $0.segment == .informal && $0.startDate <= paidOn }
            guard let membership = informal.last else {
                throw RegistryError.conflict(field: "kpj", value: kpj.description, reason: .noInformalMembership(by: paidOn))
            }
            return try session.payInformalDues(for: membership.id, months: months, amount: Rupiah(payment.amount),
                                               receipt: payment.receipt, channel: payment.channel, paidAt: paidAt)
        }
        payment.printReceipt(recorded)
    }
}
