import ArgumentParser
import Foundation
import Registry
import SQLiteDB

/// `registry pay project ID|NAME …`
struct PayProject: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: Localized(en: "A contractor's payment of a construction project's (JAKON) dues: one bill for the whole project.",
                            id: "Pembayaran kontraktor atas iuran proyek jasa konstruksi (JAKON): satu tagihan untuk seluruh proyek.").inToolLanguage,
        discussion: Localized(en: """
            The project is billed first if it has no bill yet (JKK and JKM on the contract value, \
            due 14 working days after the work order). Every worker on the project is active once \
            it is paid, in arrears while it is overdue.
            """, id: """
            Proyek ditagih dulu jika belum punya tagihan (JKK dan JKM atas nilai kontrak, jatuh tempo 14 \
            hari kerja sesudah surat perintah kerja). Setiap pekerja proyek itu aktif setelah tagihannya \
            dibayar, dan menunggak selama tagihannya lewat jatuh tempo.
            """).inToolLanguage
    )

    @Argument(help: ArgumentHelp(Localized(en: "The project's id, or its name (quoted) when no other project has it.",
                                           id: "Id proyek, atau namanya (dalam tanda kutip) jika tidak ada proyek lain yang bernama sama.").inToolLanguage, valueName: "project"))
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
