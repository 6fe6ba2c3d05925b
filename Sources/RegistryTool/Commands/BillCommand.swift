import ArgumentParser
import Foundation
import Registry

/// `registry bill --month YYYY-MM`: the monthly billing run.
struct BillCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bill",
        abstract: "Issue a month's bills to every wage-earner (PU) and informal (BPU) membership, and bill new construction projects.",
        discussion: """
            Every membership that covers part of the month and has no bill for it gets one, priced \
            by the rules in force that month and due on the 15th of the next. Memberships are billed \
            --page-size at a time, each page committed on its own: if the run stops, run it again \
            and it bills the rest (a membership billed already is skipped). Then every construction \
            (JAKON) project whose work order is dated by the month's end and that has no bill gets \
            its one bill, for the whole project, on its contract value (in one transaction). A \
            migrant worker (PMI) has one bill, for the placement, issued when it is paid. Prints the \
            bills issued and their total, and a second line when projects were billed.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("The contribution month.", valueName: "YYYY-MM"))
    var month: ContributionMonth

    @Option(help: ArgumentHelp("Memberships per transaction.", valueName: "n"))
    var pageSize = 10_000

    @Option(help: ArgumentHelp("Who runs it, for the audit log.", valueName: "name"))
    var actor: String = "registry bill"

    func validate() throws {
        guard pageSize > 0 else { throw ValidationError("--page-size must be at least 1, not \(pageSize)") }
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
