import ArgumentParser
import Foundation
import Registry
import SQLiteDB

/// `registry pay project ID|NAME …`
struct PayProject: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "A contractor's payment of a construction project's (JAKON) dues: one bill for the whole project.",
        discussion: """
            The project is billed first if it has no bill yet (JKK and JKM on the contract value, \
            due 14 working days after the work order). Every worker on the project is active once \
            it is paid, in arrears while it is overdue.
            """
    )

    @Argument(help: ArgumentHelp("The project's id, or its name (quoted) when no other project has it.", valueName: "project"))
    var project: String

    @OptionGroup var payment: PaymentOptions

    func run() throws {
        let registry = try payment.database.openExisting()
        let paidAt = try payment.paidAtDate()
        let recorded = try registry.write(actor: payment.actor) { session in
            let id = try Self.project(project, in: session)
            return try session.payProjectDues(project: id, amount: Rupiah(payment.amount), receipt: payment.receipt,
                                              channel: payment.channel, paidAt: paidAt)
        }
        print("recorded \(recorded.receiptNumber): \(recorded.amount) for "
              + recorded.projectAllocations.map { "construction project \($0.project)" }.joined(separator: ", "))
    }

    /// The project `key` names: an id (digits), else a name that exactly one project has.
    static func project(_ key: String, in session: RegistrySession) throws -> ConstructionProject.ID {
        if let number = Int64(key), number > 0, let project = try session.project(ConstructionProject.ID(number)) {
            return project.id
        }
        let named = try session.projects(named: key)
        switch named.count {
        case 1:
            return named[0].id
        case 0:
            throw RegistryError.notFound(field: "construction_project", value: key)
        default:
            throw RegistryError.conflict(field: "construction_project", value: key,
                                         reason: .projectNameAmbiguous(ids: named.map(\.id.description)))
        }
    }
}
