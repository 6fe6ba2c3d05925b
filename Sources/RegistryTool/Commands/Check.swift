import ArgumentParser
import Foundation
import Registry
import SQLiteDB

/// `registry check`: the whole-database consistency check, for cron jobs and after hand edits.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the database: file, schema, rules, ledger, memberships, identities, report tables.",
        discussion: """
            Checks the file (PRAGMA integrity_check) and its references (PRAGMA foreign_key_check); \
            that every table, index, trigger and view is the one the migrations create, and every \
            rule and code row (rates, caps, bands, the segment × program matrix, segments, payers…) \
            the one they insert; that no payment is allocated beyond its amount, none (unless \
            reversed) is left allocated to nothing, and no bill (a construction project's included) \
            is paid beyond what it bills; that no bill that still bills lies outside its membership's \
            period, every bill's dues lines and due date follow the rules of its month, and every \
            construction project's bill those of its contract value; that informal incomes reach the floor \
            in force at their start; that open memberships hold the programs their segment \
            requires; that every NIK agrees with its worker and every KPJ passes its check digit; \
            and that the report tables follow the ledger. Every check runs: one that cannot run is \
            itself a line. Exits 0 when all is well, 1 with one line per problem (NIKs masked). \
            Each check and an example line: docs/checks.md.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The date required programs are checked at (default: today).", valueName: "date"))
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
