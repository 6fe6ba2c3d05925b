import ArgumentParser
import Foundation
import Registry
import SQLiteDB

/// `registry extract --office KC-PWK -o pwk.sqlite`: an area's register for offline work.
struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: Localized(en: "Write a register file holding one area's work, to enrol and collect dues offline.",
                            id: "Menulis berkas register berisi pekerjaan satu wilayah, untuk mendaftarkan peserta dan memungut iuran secara luring.").inToolLanguage,
        discussion: Localized(en: """
            Give exactly one of --office (an office code; a regional office takes its branches), \
            --region (a region code such as 32.14) or --agent (a Perisai agent's id). The extract \
            holds that area's workers, memberships and their ledger, the employers, projects and \
            agents they refer to, every office, region and rule, and a marker saying what it was \
            taken from and when. Every command works on it (--db EXTRACT). Bring the work back \
            with 'registry sync push' and refresh the extract with 'registry sync pull'.
            """, id: """
            Berikan tepat satu dari --office (kode kantor; kantor wilayah membawa kantor-kantor cabangnya), \
            --region (kode wilayah seperti 32.14) atau --agent (id agen Perisai). Ekstraknya berisi pekerja \
            wilayah itu, kepesertaan dan buku besarnya, pemberi kerja, proyek dan agen yang dirujuknya, \
            semua kantor, wilayah dan aturan, serta penanda asal dan waktu pengambilannya. Semua perintah \
            dapat bekerja padanya (--db EXTRACT). Kirim kembali pekerjaannya dengan 'registry sync push' dan \
            perbarui ekstraknya dengan 'registry sync pull'.
            """).inToolLanguage
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp(Localized(en: "An office code.", id: "Kode kantor.").inToolLanguage, valueName: "code")) var office: String?
    @Option(help: ArgumentHelp(Localized(en: "A region code (province, regency, district or village).",
                                         id: "Kode wilayah (provinsi, kabupaten/kota, kecamatan atau desa).").inToolLanguage, valueName: "code")) var region: String?
    @Option(help: ArgumentHelp(Localized(en: "A Perisai agent's id.", id: "Id agen Perisai.").inToolLanguage, valueName: "id")) var agent: Int64?

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp(Localized(en: "Where to write the extract.",
                                                                           id: "Tempat menulis ekstrak.").inToolLanguage, valueName: "file"))
    var output: String

    @Flag(help: ArgumentHelp(Localized(en: "Write even into a directory every user may write to (such as /tmp).",
                          id: "Tetap tulis meskipun ke direktori yang boleh ditulisi semua pengguna (seperti /tmp).").inToolLanguage))
    var force = false

    func validate() throws {
        let given = [office != nil, region != nil, agent != nil].filter { $0 }.count
        guard given == 1 else { throw UsageText.exactlyOneArea() }
    }

    var area: ExtractArea {
        if let office { return .office(code: office) }
        if let region { return .region(code: region) }
        return .agent(id: agent ?? 0)
    }

    func run() throws {
        let target = try OutputFile(output, role: "the extract", force: force, protecting: [.database(database.path)], neverReplaced: "an extract is never written over another file")
        let registry = try database.openExisting()
        let staged = try target.stageDatabase()
        let summary = try registry.extract(area, to: staged.temporaryPath)
        try staged.publish()
        print("extracted \(area): \(summary.workers) workers, \(summary.memberships) memberships, \(summary.payments) payments to \(output)")
    }
}
