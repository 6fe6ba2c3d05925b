import ArgumentParser
import Foundation
import Registry
import SQLiteDB

/// `registry pay employer NPP --month YYYY-MM …`
struct PayEmployer: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "employer",
        abstract: Localized(en: "An employer's payment of its wage earners' bills for one month, late penalty included.",
                            id: "Pembayaran pemberi kerja atas tagihan pekerja penerima upahnya untuk satu bulan, termasuk denda keterlambatan.").inToolLanguage
    )

    @Argument(help: ArgumentHelp(Localized(en: "The employer's registration number (NPP).",
                                           id: "Nomor pendaftaran perusahaan (NPP).").inToolLanguage, valueName: "npp"))
    var npp: String

    @Option(help: ArgumentHelp(Localized(en: "The contribution month paid, YYYY-MM.",
                                         id: "Bulan iuran yang dibayar, YYYY-MM.").inToolLanguage, valueName: "month"))
    var month: ContributionMonth

    @OptionGroup var payment: PaymentOptions

    func run() throws {
        let registry = try payment.database.openExisting()
        let npp = try EmployerNumber(npp)
        let paidAt = try payment.paidAtDate()
        let recorded = try registry.write(actor: payment.actor) { session in
            guard let employer = try session.employer(npp: npp) else { throw RegistryError.notFound(field: "npp", value: npp.description) }
            return try session.payEmployerDues(employer: employer.id, month: month, amount: Rupiah(payment.amount),
                                               receipt: payment.receipt, channel: payment.channel, paidAt: paidAt)
        }
        payment.printReceipt(recorded)
    }
}
