import ArgumentParser
import Registry
import SQLiteDB

/// `registry report arrears`: who owes what, NIKs masked.
struct ArrearsReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arrears",
        abstract: "Memberships with overdue unpaid bills, with the amount owed (NIKs masked).",
        discussion: """
            --region keeps workers resident in that area; --office keeps workers whose file that \
            branch holds (or, for a regional office, its branches).
            """
    )

    @OptionGroup var options: ReportOptions

    func run() throws {
        let registry = try options.database.openForReading()
        let region = try options.regionCode()
        var table = TextTable([
            .init(name: "kpj"), .init(name: "nik"), .init(name: "name"), .init(name: "segment"), .init(name: "status"),
            .init(name: "unpaid_months", numeric: true), .init(name: "first_unpaid"), .init(name: "last_unpaid"),
            .init(name: "amount_owed", numeric: true),
        ])
        try registry.read { session in
            let filter = ArrearsFilter(segment: options.segment, region: region, office: try options.officeRecord(in: session)?.id)
            var total = Rupiah.zero
            for entry in try session.arrears(on: options.date, filter: filter) {
                total += entry.amountOwed
                table.append([entry.kpj, entry.maskedNIK, entry.fullName, entry.segment.shortCode, entry.status.rawValue,
                              String(entry.unpaidMonths), entry.firstUnpaidMonth.description,
                              entry.lastUnpaidMonth.description, Cell.money(entry.amountOwed)])
            }
            if options.format == .table {
                table.append(["total", nil, "\(table.rows.count) membership(s)", nil, nil, nil, nil, nil, Cell.money(total)])
            }
        }
        options.print(table)
    }
}
