import ArgumentParser

/// `registry report …`: the standing reports, at any date.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a report: coverage, achievement, status, arrears or agents.",
        discussion: """
            Every report is computed at --as-of (default: today in Jakarta) from the ledger as it \
            stood that day: rows recorded later are left out, so a past report reads the same \
            tomorrow. Output is an aligned table, or CSV or JSON with --format.
            """,
        subcommands: [CoverageReport.self, AchievementReport.self, StatusReport.self, ArrearsReport.self, AgentsReport.self]
    )
}
