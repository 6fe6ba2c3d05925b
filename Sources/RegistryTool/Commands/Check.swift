import ArgumentParser
import Foundation
import Registry
import SQLiteDB

/// `registry check`: the whole-database consistency check, for cron jobs and after hand edits.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: Localized(en: "Check the database: file, schema, rules, ledger, memberships, identities, report tables.",
                            id: "Memeriksa basis data: berkas, skema, aturan, buku besar, kepesertaan, identitas, tabel laporan.").inToolLanguage,
        discussion: Localized(en: """
            Checks the file (PRAGMA integrity_check) and its references (PRAGMA foreign_key_check); \
            that every table, index, trigger and view is the one the migrations create, and every \
            rule and code row (rates, caps, bands, the segment × program matrix, segments, payers…) \
            the one they insert; that no payment is allocated beyond its amount, none (unless \
            reversed) is left allocated to nothing, and no bill (a construction project's included) \
            is paid beyond what it bills; that no bill that still bills lies outside its membership's \
            period, no bill line is reversed twice or by a line that does not mirror it, every bill's dues lines and due date follow the rules of its month, and every \
            construction project's bill those of its contract value; that informal incomes reach the floor \
            in force at their start; that open memberships hold the programs their segment \
            requires; that every NIK agrees with its worker and every KPJ passes its check digit; \
            and that the report tables follow the ledger. Every check runs: one that cannot run is \
            itself a line. Exits 0 when all is well, 1 with one line per problem (NIKs masked). \
            Each check and an example line: docs/checks.md.
            """, id: """
            Memeriksa berkas (PRAGMA integrity_check) dan rujukannya (PRAGMA foreign_key_check); bahwa \
            setiap tabel, indeks, trigger dan view sama dengan yang dibuat migrasi, dan setiap baris aturan \
            dan kode (tarif, batas atas, rentang, matriks segmen × program, segmen, pembayar…) sama dengan \
            yang dimasukkan migrasi; bahwa tidak ada pembayaran yang dialokasikan melebihi jumlahnya, tidak \
            ada (kecuali yang dibatalkan) yang tidak teralokasi sama sekali, dan tidak ada tagihan (termasuk \
            tagihan proyek konstruksi) yang dibayar melebihi nilainya; bahwa tidak ada tagihan yang masih \
            berlaku di luar masa kepesertaannya, tidak ada rincian tagihan yang dibatalkan dua kali atau oleh \
            rincian yang tidak mencerminkannya, rincian iuran dan tanggal jatuh tempo setiap tagihan \
            mengikuti aturan bulannya, dan tagihan setiap proyek konstruksi mengikuti aturan nilai \
            kontraknya; bahwa penghasilan pekerja bukan penerima upah mencapai batas bawah yang berlaku pada \
            awal kepesertaan; bahwa kepesertaan yang masih berjalan memuat program yang diwajibkan \
            segmennya; bahwa setiap NIK sesuai dengan pekerjanya dan setiap KPJ lolos angka pemeriksanya; \
            dan bahwa tabel laporan mengikuti buku besar. Semua pemeriksaan dijalankan: pemeriksaan yang \
            tidak dapat dijalankan menjadi satu baris tersendiri. Keluar dengan 0 jika semuanya baik, 1 \
            dengan satu baris per masalah (NIK disamarkan). Setiap pemeriksaan dan contoh barisnya: \
            docs/checks.md.
            """).inToolLanguage
    )

    @OptionGroup var database: DatabaseOptions

    @Option(name: .customLong("as-of"), help: ArgumentHelp(Localized(en: "The date required programs are checked at (default: today).",
                                                                     id: "Tanggal pemeriksaan program wajib (bawaan: hari ini).").inToolLanguage, valueName: "date"))
    var asOf: CalendarDate?

    func run() throws {
        let registry = try database.openForReading(refreshingStanding: false)
        let problems = try registry.read { try $0.consistencyProblems(on: asOf ?? JakartaCalendar.today()) }
        for problem in problems { print(problem.description) }
        guard problems.isEmpty else {
            throw ToolFailure(.dataProblems, "check found \(problems.count) problem(s)")
        }
        print("ok: \(ConsistencyProblem.Check.allCases.map(\.rawValue).joined(separator: ", "))")
    }
}
