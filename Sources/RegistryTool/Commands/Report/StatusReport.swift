import ArgumentParser
import Registry
import SQLiteDB

/// `registry report status`: memberships by status and segment.
struct StatusReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: Localized(en: "Memberships by segment and status: active, in arrears, lapsed, ended, not started.",
                            id: "Kepesertaan menurut segmen dan status: aktif, menunggak, nonaktif, berakhir, belum mulai.").inToolLanguage,
        discussion: Localized(en: """
            Status is derived from the facts on --as-of (valid time: due dates, the day each \
            payment was made), from everything recorded now. --as-known-on D answers what the \
            register said on D instead (recorded time: only what was recorded by the end of D, \
            Jakarta time), as an audit asks; it reads the whole ledger. Counts cover the whole \
            registry; --segment keeps one segment.
            """, id: """
            Status diturunkan dari fakta pada --as-of (waktu berlaku: tanggal jatuh tempo, hari setiap \
            pembayaran dilakukan), dari semua yang tercatat sekarang. --as-known-on D justru menjawab isi \
            register pada D (waktu pencatatan: hanya yang dicatat sampai akhir D, waktu Jakarta), \
            sebagaimana diminta audit; opsi ini membaca seluruh buku besar. Hitungannya mencakup seluruh \
            register; --segment hanya menampilkan satu segmen.
            """).inToolLanguage
    )

    @OptionGroup var options: ReportOptions

    @OptionGroup var recordedTime: RecordedTimeOption
    private var asKnownOn: CalendarDate? { recordedTime.asKnownOn }

    func run() throws {
        try options.refuseChartFormats(by: "status")
        try options.refuse(\.region, named: "--region", by: "status")
        try options.refuse(\.office, named: "--office", by: "status")
        let registry = try options.openForReading()
        try options.print(try registry.read {
            try Self.table(in: $0, on: options.date, asKnownOn: asKnownOn, segment: options.segment)
        })
    }

    static func table(in session: RegistrySession, on date: CalendarDate, asKnownOn: CalendarDate? = nil, segment: Segment?) throws -> TextTable {
        var table = TextTable([
            .init(name: "segment"), .init(name: "memberships", numeric: true), .init(name: "active", numeric: true),
            .init(name: "in_arrears", numeric: true), .init(name: "lapsed", numeric: true),
            .init(name: "ended", numeric: true), .init(name: "not_started", numeric: true),
            .init(name: "participating", numeric: true),
        ])
        let counts = try asKnownOn.map { try session.statusCounts(on: date, asKnownOn: $0) } ?? session.statusCounts(on: date)
        for row in counts where segment.map({ $0 == row.segment }) ?? true {
            table.append([row.segment.shortCode, String(row.memberships), String(row.active), String(row.inArrears),
                          String(row.lapsed), String(row.ended), String(row.notStarted), String(row.participating)])
        }
        return table
    }
}
