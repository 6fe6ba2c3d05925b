import ArgumentParser
import Registry

/// `registry report …`: the standing reports, at any date.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: Localized(en: "Print a report: coverage, achievement, status, arrears or agents.",
                            id: "Mencetak laporan: cakupan, capaian, status, tunggakan atau agen.").inToolLanguage,
        discussion: Localized(en: """
            Every report is computed at --as-of (default: today in Jakarta) from the ledger as it \
            stood that day: rows recorded later are left out, so a past report reads the same \
            tomorrow. Output is an aligned table, or CSV or JSON with --format.
            """, id: """
            Setiap laporan dihitung per --as-of (bawaan: hari ini di Jakarta) dari buku besar sebagaimana \
            adanya pada hari itu: baris yang dicatat kemudian tidak diikutkan, sehingga laporan masa lalu \
            tetap sama besok. Keluarannya tabel rata, atau CSV atau JSON dengan --format.
            """).inToolLanguage,
        subcommands: [CoverageReport.self, AchievementReport.self, StatusReport.self, ArrearsReport.self, AgentsReport.self]
    )
}
