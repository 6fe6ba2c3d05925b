import ArgumentParser
import Registry
import SQLiteDB

/// The options every report takes.
struct ReportOptions: ParsableArguments {
    @OptionGroup var database: DatabaseOptions

    @Option(name: .customLong("as-of"), help: ArgumentHelp(Localized(en: "The report date, YYYY-MM-DD (default: today in Jakarta).",
                                                                     id: "Tanggal laporan, YYYY-MM-DD (bawaan: hari ini di Jakarta).").inToolLanguage, valueName: "date"))
    var asOf: CalendarDate?

    @Option(help: ArgumentHelp(Localized(en: "Only this office (by code, e.g. KC-PWK) and what it oversees.",
                                         id: "Hanya kantor ini (menurut kode, mis. KC-PWK) dan yang dibawahinya.").inToolLanguage, valueName: "code"))
    var office: String?

    @Option(help: ArgumentHelp(Localized(en: "Only this province, regency, district or village, e.g. 32.14.",
                                         id: "Hanya provinsi, kabupaten/kota, kecamatan atau desa ini, mis. 32.14.").inToolLanguage, valueName: "code"))
    var region: String?

    @Option(help: ArgumentHelp(Localized(en: "Only this segment: PU, BPU, JAKON or PMI.",
                                         id: "Hanya segmen ini: PU, BPU, JAKON atau PMI.").inToolLanguage, valueName: "segment"))
    var segment: Segment?

    @Option(help: ArgumentHelp(Localized(en: "Output format; svg and html (a chart) for coverage and achievement.",
                            id: "Format keluaran; svg dan html (grafik) untuk cakupan dan capaian.").inToolLanguage))
    var format: ReportFormat = .table

    @Option(help: ArgumentHelp(
        Localized(en: "Read the register from its Litestream replica (a directory, sftp://… or s3://…) instead of --db; stderr says how current it is.",
                  id: "Baca register dari replika Litestream-nya (direktori, sftp://… atau s3://…), bukan dari --db; stderr menyebut seberapa mutakhir replika itu.").inToolLanguage,
        valueName: "replica"))
    var replica: String?

    /// The register to report on: `--db`, or the replica named by `--replica` (which never
    /// refreshes anything: a replica is read-only).
    func openForReading() throws -> Registry {
        guard let replica else { return try database.openForReading() }
        guard database.db == nil else { throw ToolFailure(.usage, "give --db or --replica, not both") }
        return try ReplicaRegister.open(try ReplicaLocation(replica, option: "--replica"))
    }

    var date: CalendarDate { asOf ?? JakartaCalendar.today() }

    /// `--region` parsed; a malformed code is a usage error.
    func regionCode() throws -> RegionCode? {
        guard let region else { return nil }
        do {
            return try RegionCode(region, field: "--region")
        } catch {
            throw ToolFailure(.usage, error.description)
        }
    }

    /// `--office` looked up; an unknown code is a usage error.
    func officeRecord(in session: RegistrySession) throws -> Office? {
        guard let office else { return nil }
        guard let found = try session.office(code: office) else {
            throw ToolFailure(.usage, "--office: no office with code \(office)")
        }
        return found
    }

    /// Refuses a filter the report cannot honour, rather than printing unfiltered figures.
    func refuse(_ options: KeyPath<ReportOptions, String?>, named name: String, by report: String) throws {
        if self[keyPath: options] != nil {
            throw ToolFailure(.usage, "report \(report) does not take \(name)")
        }
    }

    /// Refuses `--format svg` and `html` for a report that draws no chart, before any work.
    func refuseChartFormats(by report: String) throws {
        if format.textFormat == nil {
            throw ToolFailure(.usage, """
                report \(report) draws no chart: --format \(format.rawValue) is for 'report coverage' and \
                'report achievement'; use table, csv or json
                """)
        }
    }

    /// Prints the report, masked (reports have no `--unmasked`).
    func print(_ table: TextTable) throws {
        guard let textFormat = format.textFormat else { throw ToolFailure(.usage, "--format \(format.rawValue) is not a text format") }
        StandardOutput.write(table.rendered(as: textFormat))
    }
}

/// Report cells: ratios from exact basis points, money as whole rupiah.
enum Cell {
    static func percent(_ basisPoints: Int?) -> String? {
        guard let basisPoints else { return nil }
        let sign = basisPoints < 0 ? "-" : ""
        let magnitude = abs(basisPoints)
        return "\(sign)\(magnitude / 100)." + String(format: "%02d", magnitude % 100)
    }

    static func number(_ value: some BinaryInteger) -> String { String(value) }

    static func money(_ value: Rupiah) -> String { String(value.amount) }
}
