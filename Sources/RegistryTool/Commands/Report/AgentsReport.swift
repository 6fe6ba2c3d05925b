import ArgumentParser
import Registry
import SQLiteDB

/// `registry report agents`: Perisai agents, their recruits and fees.
struct AgentsReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agents",
        abstract: Localized(en: "Perisai agents: recruits, last recruit, this month's fee, and who is idle.",
                            id: "Agen Perisai: rekrutan, rekrutan terakhir, imbalan bulan ini, dan siapa yang menganggur.").inToolLanguage,
        discussion: Localized(en: """
            The fee is the agent-fee rate (7.5%) of the dues paid so far for the month of --as-of \
            on the recruits' memberships. 'idle' marks a serving agent with no recruit in the last \
            three months, due to be dropped. --office keeps the agents of that branch.
            """, id: """
            Imbalannya adalah tarif imbalan agen (7,5%) dari iuran yang sudah dibayar untuk bulan --as-of \
            atas kepesertaan rekrutannya. 'idle' menandai agen aktif yang tidak merekrut siapa pun dalam \
            tiga bulan terakhir, yang akan diberhentikan. --office hanya menampilkan agen kantor cabang itu.
            """).inToolLanguage
    )

    @OptionGroup var options: ReportOptions

    func run() throws {
        try options.refuseChartFormats(by: "agents")
        try options.refuse(\.region, named: "--region", by: "agents")
        if options.segment != nil { throw ToolFailure(.usage, "report agents does not take --segment (agents recruit informal workers)") }
        let registry = try options.openForReading()
        var table = TextTable([
            .init(name: "agent", numeric: true), .init(name: "name"), .init(name: "branch"), .init(name: "state"),
            .init(name: "recruits", numeric: true), .init(name: "last_recruit"), .init(name: "fee_month"),
            .init(name: "dues_paid", numeric: true), .init(name: "fee", numeric: true),
        ])
        try registry.read { session in
            let office = try options.officeRecord(in: session)
            for row in try session.agentActivity(on: options.date) where office.map({ $0.code == row.branchCode }) ?? true {
                let state = row.isServing ? (row.isIdle ? "idle" : "active")
                    : options.date < row.agent.activeFrom ? "not_started" : "retired"
                table.append([String(row.agent.id.rawValue), row.agent.fullName, row.branchCode, state, String(row.recruits),
                              row.lastRecruitDate?.isoString, row.fee.month.description, Cell.money(row.fee.dues),
                              Cell.money(row.fee.fee)])
            }
        }
        try options.print(table)
    }
}
