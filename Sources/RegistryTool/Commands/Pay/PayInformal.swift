import ArgumentParser
import Foundation
import Registry
import SQLiteDB

/// `registry pay informal KPJ --months N …`
struct PayInformal: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "informal",
        abstract: "An informal worker's (BPU) payment for 1, 3, 6 or 12 months, oldest unpaid months first."
    )

    @Argument(help: ArgumentHelp("The worker's KPJ card number.", valueName: "kpj"))
    var kpj: String

    @Option(help: "Months paid: 1, 3, 6 or 12.")
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
