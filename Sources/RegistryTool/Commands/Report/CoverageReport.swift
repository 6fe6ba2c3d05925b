import ArgumentParser
import Registry
import SQLiteDB

/// `registry report coverage`: participants against the labour force, at a date or month by
/// month, as a table, CSV, JSON, or a chart (SVG, or an HTML page with its data table).
struct CoverageReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: Localized(en: "Coverage (participants ÷ labour force) by regency, branch or regional office.",
                            id: "Cakupan (peserta ÷ angkatan kerja) per kabupaten/kota, kantor cabang atau kantor wilayah.").inToolLanguage,
        discussion: Localized(en: """
            Rows are regencies and cities (--by regency, the default), branches (--by branch) or \
            regional offices (--by regional). --region keeps the areas inside that code and adds \
            a total row for it; --office keeps the rows under that office and adds its total. \
            Participants are workers resident in the area with a membership that is active, in \
            arrears or lapsed; 'active' counts active memberships only.

            Over time: --from DATE (or --months N) gives the report at monthly points up to \
            --as-of, each on the day of the month of --as-of, with a date column; at most \
            {points} points.

            Charts: --format svg draws coverage against each area's coverage target as bars (over \
            time: one line per row, at most {series}, targets dashed); --format \
            html is a standalone page with the chart beside its data table, no scripts. -o FILE \
            writes the report to a new owner-only file (never the database, never through a \
            symbolic link; --force replaces one).

            --published adds, beside these computed figures, the latest published figure of each \
            row's area (of the segment, or of all segments) dated on or before the report date: \
            registered and active participants as a branch, the head office or BPS published them \
            (registry import published-counts), each with the coverage it implies against the area's \
            labour force on its own date, its date and its source. The columns are there, empty, for \
            areas without one. Without --published, a note on stderr says when rows have one. It goes \
            with a report at one date in table, csv or json.

            --as-known-on D gives the report as the register said it on D (recorded time: only \
            the memberships registered and the payments and bills recorded by the end of D, \
            Jakarta time), as an audit asks; without it, the figures come from everything \
            recorded now (valid time). It reads the whole ledger, so it gives the report at one \
            date: not with --from, --months or --published.
            """, id: """
            Barisnya kabupaten dan kota (--by regency, bawaan), kantor cabang (--by branch) atau \
            kantor wilayah (--by regional). --region hanya menampilkan wilayah di dalam kode itu dan \
            menambahkan baris totalnya; --office hanya menampilkan baris di bawah kantor itu dan \
            menambahkan totalnya. Peserta adalah pekerja yang berdomisili di wilayah itu dengan \
            kepesertaan yang aktif, menunggak atau nonaktif; 'active' hanya menghitung kepesertaan aktif.

            Dari waktu ke waktu: --from DATE (atau --months N) memberikan laporan pada titik bulanan \
            sampai --as-of, masing-masing pada tanggal yang sama dengan --as-of, dengan kolom tanggal; \
            paling banyak {points} titik.

            Grafik: --format svg menggambar cakupan terhadap target cakupan setiap wilayah sebagai \
            batang (dari waktu ke waktu: satu garis per baris, paling banyak {series}, target putus-putus); \
            --format html adalah halaman mandiri dengan grafik di samping tabel datanya, tanpa skrip. \
            -o FILE menulis laporan ke berkas baru yang hanya untuk pemilik (tidak pernah basis data, \
            tidak pernah lewat tautan simbolik; --force mengganti yang sudah ada).

            --published menambahkan, di samping angka hasil hitungan ini, angka terbitan terbaru \
            untuk wilayah setiap baris (untuk segmen itu, atau semua segmen) yang bertanggal paling \
            lambat tanggal laporan: peserta terdaftar dan aktif sebagaimana diterbitkan kantor cabang, \
            kantor pusat atau BPS (registry import published-counts), masing-masing dengan cakupan \
            yang dihasilkannya terhadap angkatan kerja wilayah itu pada tanggalnya sendiri, tanggalnya \
            dan sumbernya. Kolomnya tetap ada, kosong, untuk wilayah yang tidak punya angka terbitan. \
            Tanpa --published, catatan di stderr menyebut jika ada baris yang punya angka terbitan. \
            Opsi ini untuk laporan pada satu tanggal dalam format table, csv atau json.

            --as-known-on D memberikan laporan menurut isi register pada D (waktu pencatatan: hanya \
            kepesertaan yang didaftarkan serta pembayaran dan tagihan yang dicatat sampai akhir D, \
            waktu Jakarta), sebagaimana diminta audit; tanpa opsi ini, angkanya berasal dari semua \
            yang tercatat sekarang (waktu berlaku). Opsi ini membaca seluruh buku besar, sehingga \
            memberikan laporan pada satu tanggal: tidak bersama --from, --months atau --published.
            """).text(in: ToolLanguage.current, ["points": String(MonthlyPoints.maximum), "series": String(LineChart.maximumSeries)])
    )

    enum Grouping: String, ExpressibleByArgument, CaseIterable {
        case regency, branch, regional
    }

    @OptionGroup var options: ReportOptions

    @Option(help: ArgumentHelp(Localized(en: "What each row is.", id: "Isi setiap baris.").inToolLanguage))
    var by: Grouping = .regency

    @Option(help: ArgumentHelp(Localized(en: "Coverage over time: monthly points from this date up to --as-of.",
                                         id: "Cakupan dari waktu ke waktu: titik bulanan dari tanggal ini sampai --as-of.").inToolLanguage, valueName: "date"))
    var from: CalendarDate?

    @Option(help: ArgumentHelp(Localized(en: "Coverage over time: the last N monthly points up to --as-of.",
                                         id: "Cakupan dari waktu ke waktu: N titik bulanan terakhir sampai --as-of.").inToolLanguage, valueName: "n"))
    var months: Int?

    @Flag(help: ArgumentHelp(Localized(en: "Add the latest published figures (registered, active) beside the computed ones.",
                          id: "Tambahkan angka terbitan terbaru (terdaftar, aktif) di samping angka hasil hitungan.").inToolLanguage))
    var published = false

    @OptionGroup var destination: ReportDestination

    @OptionGroup var recordedTime: RecordedTimeOption
    private var asKnownOn: CalendarDate? { recordedTime.asKnownOn }

    func validate() throws {
        // A pass over the ledger per date: one date only, and no published figures, which are
        // read as recorded now.
        if asKnownOn != nil {
            if from != nil { throw UsageText.knownOnAtOneDate(["option": "--from"]) }
            if months != nil { throw UsageText.knownOnAtOneDate(["option": "--months"]) }
            if published { throw UsageText.knownOnTakesNoPublished() }
        }
        if published, from != nil || months != nil || options.format.textFormat == nil {
            throw UsageText.publishedAtOneDate()
        }
        if from != nil, months != nil {
            throw UsageText.fromOrMonths()
        }
        if let months, !(1...MonthlyPoints.maximum).contains(months) {
            throw UsageText.monthsRange(["maximum": String(MonthlyPoints.maximum), "value": String(months)])
        }
        if let from {
            let date = options.date
            guard from <= date else {
                throw UsageText.fromAfterDate(["from": from.description, "date": date.description])
            }
            let count = MonthlyPoints.dates(from: from, through: date).count
            if count > MonthlyPoints.maximum {
                throw UsageText.tooManyMonthlyPoints(["from": from.description, "count": String(count), "date": date.description,
                                                      "maximum": String(MonthlyPoints.maximum)])
            }
        }
    }

    /// The dates of a report over time; nil for a report at one date.
    var points: [CalendarDate]? {
        if let from { return MonthlyPoints.dates(from: from, through: options.date) }
        if let months { return MonthlyPoints.dates(count: months, through: options.date) }
        return nil
    }

    func run() throws {
        let file = try destination.file(database: options.database)
        let registry = try options.openForReading()
        let region = try options.regionCode()
        if region != nil, by != .regency {
            throw ToolFailure(.usage, "report coverage --by \(by.rawValue) does not take --region; use --office")
        }
        var unshown = 0
        let text = try registry.read { session in
            let selection = CoverageSelection(by: by, segment: options.segment, region: region,
                                              office: try options.officeRecord(in: session), knownOn: asKnownOn)
            if let points {
                return try CoverageTimeline(selection, dates: points, in: session).rendered(as: options.format, in: session)
            }
            let rows = try selection.rows(in: session, on: options.date)
            guard let textFormat = options.format.textFormat else {
                return CoverageCharts(selection, date: options.date, rows: rows, targets: try CoverageTargets(in: session))
                    .rendered(as: options.format)
            }
            var table = CoverageSelection.table(extraColumns: published ? PublishedColumns.columns : [])
            // As known on a past day there is no note: the published figures are not of that register.
            let figures = asKnownOn == nil
                ? PublishedColumns(try session.publishedCoverage(on: options.date, segment: options.segment)) : nil
            for row in rows {
                if !published, figures?.has(row.area) == true { unshown += 1 }
                CoverageSelection.append(row, to: &table, extra: published ? figures?.cells(for: row.area) ?? [] : [])
            }
            return table.rendered(as: textFormat)
        }
        try destination.write(text, to: file)
        switch unshown {
        case 0: break
        case 1: StandardError.writeLine("note: 1 row has a published figure; --published shows it beside the computed one")
        case let rows: StandardError.writeLine("note: \(rows) rows have a published figure; --published shows them beside the computed ones")
        }
    }

    /// The report's rows as a table (the demo prints it too).
    static func table(in session: RegistrySession, on date: CalendarDate, by: Grouping, segment: Segment?,
                      region: RegionCode?, office: Office?) throws -> TextTable {
        var table = CoverageSelection.table()
        for row in try CoverageSelection(by: by, segment: segment, region: region, office: office).rows(in: session, on: date) {
            CoverageSelection.append(row, to: &table)
        }
        return table
    }
}
