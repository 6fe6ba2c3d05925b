import ArgumentParser
import Foundation
import Registry
import SQLiteDB

/// `registry pay employer NPP --month YYYY-MM …`
struct PayEmployer: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "employer",
        abstract: "An employer's payment of its wage earners' bills for one month, late penalty included."
    )

    @Argument(help: ArgumentHelp("The employer's registration number (NPP).", valueName: "npp"))
    var npp: String

    @Option(help: ArgumentHelp("The contribution month paid, YYYY-MM.", valueName: "month"))
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
