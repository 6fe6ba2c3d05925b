import ArgumentParser
import Foundation
import Registry

/// `registry bill --month YYYY-MM`: the monthly billing run.
struct BillCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bill",
        abstract: Localized(en: "Issue a month's bills to every wage-earner (PU) and informal (BPU) membership, and bill new construction projects.",
                            id: "Menerbitkan tagihan satu bulan untuk setiap kepesertaan penerima upah (PU) dan bukan penerima upah (BPU), dan menagih proyek konstruksi baru.").inToolLanguage,
        discussion: Localized(en: """
            Every membership that covers part of the month and has no bill for it gets one, priced \
            by the rules in force that month and due on the 15th of the next. Memberships are billed \
            --page-size at a time, each page committed on its own: if the run stops, run it again \
            and it bills the rest (a membership billed already is skipped). Then every construction \
            (JAKON) project whose work order is dated by the month's end and that has no bill gets \
            its one bill, for the whole project, on its contract value (in one transaction). A \
            migrant worker (PMI) has one bill, for the placement, issued when it is paid. Prints the \
            bills issued and their total, and a second line when projects were billed.
            """, id: """
            Setiap kepesertaan yang mencakup sebagian bulan itu dan belum punya tagihannya mendapat satu, \
            dihitung menurut aturan yang berlaku bulan itu dan jatuh tempo tanggal 15 bulan berikutnya. \
            Kepesertaan ditagih sebanyak --page-size sekaligus, setiap halaman disimpan sendiri: jika proses \
            berhenti, jalankan lagi dan sisanya akan ditagih (kepesertaan yang sudah ditagih dilewati). Lalu \
            setiap proyek konstruksi (JAKON) yang surat perintah kerjanya bertanggal paling lambat akhir \
            bulan dan belum punya tagihan mendapat satu tagihan, untuk seluruh proyek, atas nilai kontraknya \
            (dalam satu transaksi). Pekerja migran (PMI) punya satu tagihan, untuk penempatannya, yang \
            diterbitkan saat dibayar. Mencetak jumlah tagihan yang diterbitkan dan totalnya, serta baris \
            kedua jika ada proyek yang ditagih.
            """).inToolLanguage
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp(Localized(en: "The contribution month.", id: "Bulan iuran.").inToolLanguage, valueName: "YYYY-MM"))
    var month: ContributionMonth

    @Option(help: ArgumentHelp(Localized(en: "Memberships per transaction.", id: "Jumlah kepesertaan per transaksi.").inToolLanguage, valueName: "n"))
    var pageSize = 10_000

    @Option(help: ArgumentHelp(Localized(en: "Who runs it, for the audit log.",
                                         id: "Siapa yang menjalankannya, untuk log audit.").inToolLanguage, valueName: "name"))
    var actor: String = "registry bill"

    func validate() throws {
        guard pageSize > 0 else { throw UsageText.atLeastOne(["option": "--page-size", "value": String(pageSize)]) }
    }

    func run() throws {
        let registry = try database.openExisting()
        let progress = ProgressBar("billing \(month)", total: nil)
        let run = try registry.issueBills(for: month, pageSize: pageSize, actor: actor) {
            progress.update($0.bills, detail: "\($0.bills.formatted()) bills")
        }
        progress.finish(run.bills, detail: "\(run.bills.formatted()) bills")
        print("\(month): \(run.bills) bill\(run.bills == 1 ? "" : "s") issued, total \(run.total)")
        let projects = try registry.write(actor: actor) { try $0.issueProjectBills(through: month.lastDay) }
        if projects.bills > 0 {
            print("\(month): \(projects.bills) construction project bill\(projects.bills == 1 ? "" : "s") issued, total \(projects.total)")
        }
    }
}
