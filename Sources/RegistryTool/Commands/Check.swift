import ArgumentParser
import Foundation
import Registry
import SQLiteDB

/// `registry check`: the whole-database consistency check, for cron jobs and after hand edits.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the database: integrity, foreign keys, ledger consistency, programs, NIKs.",
        discussion: """
            Checks the file (PRAGMA integrity_check), references (PRAGMA foreign_key_check), that \
            no payment is allocated beyond its amount and no bill beyond what it bills, that every \
            bill's dues lines and due date follow the rules of its month, that open memberships \
            hold the programs their segment requires, and that every NIK agrees with its worker. \
            Exits 0 when all is well, 1 with one line per problem (NIKs masked).
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
