import ArgumentParser
import Registry
import SQLiteDB

/// `registry report arrears`: who owes what, NIKs masked.
struct ArrearsReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arrears",
        abstract: Localized(en: "Memberships owing dues, with the months and amount owed (NIKs masked).",
                            id: "Kepesertaan yang menunggak iuran, dengan bulan dan jumlah tunggakannya (NIK disamarkan).").inToolLanguage,
        discussion: Localized(en: """
            A month is owed from its due date whether or not a billing run billed it (wage \
            earners and informal workers); unbilled months are priced by the rules of their \
            month. --as-known-on D lists what the register said on D (only rows recorded by \
            the end of D, Jakarta time), for an audit; it reads the whole ledger and does not page.

            --region keeps workers resident in that area; --office keeps workers whose file that \
            branch holds (or, for a regional office, its branches).

            --page-size N prints at most N memberships, in the order of the index of owing spans \
            (not by membership), and on stderr the --after value that gives the next page \
            ("next page: --after …"); nothing when it was the last. A page reads only what it \
            prints, so a national list can be walked page by page in flat memory. A cursor \
            belongs to its --as-of date.
            """, id: """
            Iuran suatu bulan terutang sejak tanggal jatuh temponya, sudah ditagih atau belum (pekerja \
            penerima upah dan bukan penerima upah); bulan yang belum ditagih dihitung menurut aturan \
            bulannya. --as-known-on D menampilkan isi register pada D (hanya baris yang dicatat sampai akhir \
            D, waktu Jakarta), untuk audit; opsi ini membaca seluruh buku besar dan tidak berhalaman.

            --region hanya menampilkan pekerja yang berdomisili di wilayah itu; --office hanya menampilkan \
            pekerja yang berkasnya dipegang kantor cabang itu (atau, untuk kantor wilayah, kantor-kantor \
            cabangnya).

            --page-size N mencetak paling banyak N kepesertaan, menurut urutan indeks rentang tunggakan \
            (bukan menurut kepesertaan), dan di stderr nilai --after untuk halaman berikutnya ("next page: \
            --after …"); tidak ada jika itu halaman terakhir. Satu halaman hanya membaca yang dicetaknya, \
            sehingga daftar nasional dapat ditelusuri halaman demi halaman dengan memori tetap. Kursor \
            berlaku untuk tanggal --as-of-nya.
            """).inToolLanguage
    )

    @OptionGroup var options: ReportOptions

    @Option(help: ArgumentHelp(Localized(en: "Print at most N memberships, then the --after value of the next page.",
                                         id: "Cetak paling banyak N kepesertaan, lalu nilai --after untuk halaman berikutnya.").inToolLanguage, valueName: "n"))
    var pageSize: Int?

    @Option(help: ArgumentHelp(Localized(en: "Start after this cursor, printed by the previous page.",
                                         id: "Mulai sesudah kursor ini, yang dicetak halaman sebelumnya.").inToolLanguage, valueName: "cursor"))
    var after: String?

    @OptionGroup var recordedTime: RecordedTimeOption
    private var asKnownOn: CalendarDate? { recordedTime.asKnownOn }

    func validate() throws {
        if let pageSize, pageSize < 1 { throw UsageText.atLeastOne(["option": "--page-size", "value": String(pageSize)]) }
        if after != nil, pageSize == nil { throw UsageText.afterNeedsPageSize() }
        if asKnownOn != nil, pageSize != nil { throw UsageText.knownOnTakesNoPageSize() }
        if let after, ArrearsCursor(after) == nil {
            throw UsageText.notACursor(["value": after])
        }
    }

    func run() throws {
        try options.refuseChartFormats(by: "arrears")
        let registry = try options.openForReading()
        let region = try options.regionCode()
        var table = TextTable([
            .init(name: "kpj"), .init(name: "nik"), .init(name: "name"), .init(name: "segment"), .init(name: "status"),
            .init(name: "unpaid_months", numeric: true), .init(name: "unbilled_months", numeric: true),
            .init(name: "first_unpaid"), .init(name: "last_unpaid"), .init(name: "amount_owed", numeric: true),
        ])
        try registry.read { session in
            let filter = ArrearsFilter(segment: options.segment, region: region, office: try options.officeRecord(in: session)?.id)
            var total = Rupiah.zero
            let entries: [ArrearsEntry]
            if let asKnownOn {
                entries = try session.arrears(on: options.date, asKnownOn: asKnownOn, filter: filter)
            } else if let pageSize {
                let page = try session.arrears(on: options.date, filter: filter, pageSize: pageSize, after: after.flatMap(ArrearsCursor.init))
                entries = page.entries
                if let next = page.next { StandardError.writeLine("next page: --after \(next)") }
            } else {
                entries = try session.arrears(on: options.date, filter: filter)
            }
            for entry in entries {
                total += entry.amountOwed
                table.append([entry.kpj, entry.maskedNIK, entry.fullName, entry.segment.shortCode, entry.status.rawValue,
                              String(entry.unpaidMonths), String(entry.unbilledMonths), entry.firstUnpaidMonth.description,
                              entry.lastUnpaidMonth.description, Cell.money(entry.amountOwed)])
            }
            if options.format == .table {
                let label = pageSize == nil ? "total" : "page total"
                table.append([label, nil, "\(table.rows.count) membership(s)", nil, nil, nil, nil, nil, nil, Cell.money(total)])
            }
        }
        try options.print(table)
    }
}
