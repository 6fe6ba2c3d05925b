// Counts and sums over the tables a workload wrote: two contenders that stored the same rows
// have the same summary. Timestamps the registry takes from the machine clock (memberships'
// registered_at at import, audit_log.changed_at) are left out; lengths stand in for them.

struct DatabaseSummary: Equatable, CustomStringConvertible {
    var values: [(String, Int64)]

    static func == (lhs: DatabaseSummary, rhs: DatabaseSummary) -> Bool {
        lhs.values.map(\.0) == rhs.values.map(\.0) && lhs.values.map(\.1) == rhs.values.map(\.1)
    }

    var description: String { values.map { "\($0.0)=\($0.1)" }.joined(separator: " ") }

    /// The first differing entry, for the error message.
    func difference(from other: DatabaseSummary) -> String {
        for (mine, theirs) in zip(values, other.values) where mine != theirs {
            return "\(mine.0): \(mine.1) vs \(theirs.1)"
        }
        return "different entries"
    }

    static let importQueries: [(String, String)] = [
        ("workers", "SELECT count(*), sum(id), sum(CAST(substr(nik, 7, 6) AS INTEGER)), sum(CAST(substr(kpj, 1, 10) AS INTEGER)), "
            + "sum(length(full_name)), sum(branch_office_id), sum(CAST(strftime('%s', registered_at) AS INTEGER)) FROM workers"),
        ("memberships", "SELECT count(*), sum(worker_id), sum(declared_income), sum(coalesce(employer_id, 0)), "
            + "sum(CAST(strftime('%s', start_date) AS INTEGER)) FROM memberships"),
        ("membership_programs", "SELECT count(*), sum(membership_id), sum(length(program_code)) FROM membership_programs"),
        ("audit_log", "SELECT count(*), sum(length(new_values)), sum(length(actor)) FROM audit_log"),
    ]

    /// ``importQueries`` without the audit rows' actor, which the library load names itself.
    static let importQueriesActorAside: [(String, String)] = importQueries.map { table, sql in
        (table, table == "audit_log" ? "SELECT count(*), sum(length(new_values)) FROM audit_log" : sql)
    }

    static let ledgerQueries: [(String, String)] = [
        // A bill's due date is derived (0028): its month is what is stored.
        ("bills", "SELECT count(*), sum(membership_id), sum(CAST(replace(contribution_month, '-', '') AS INTEGER)), "
            + "sum(recorded_at / 1000) FROM bills"),
        // Every line, the bills' dues columns among them (0026: bill_lines is a view).
        ("bill_lines", "SELECT count(*), sum(bill_id), sum(amount), sum(length(program_code) * length(payer_code)), "
            + "sum(recorded_at / 1000) FROM bill_lines"),
        ("payments", "SELECT count(*), sum(amount), sum(coalesce(employer_id, 0)), sum(coalesce(months_covered, 0)), "
            + "sum(length(receipt_number)), sum(paid_at / 1000) FROM payments"),
        ("payment_allocations", "SELECT count(*), sum(payment_id), sum(bill_id), sum(amount), "
            + "sum(recorded_at / 1000) FROM payment_allocations"),
    ]

    static func read(_ path: String, _ queries: [(String, String)]) throws -> DatabaseSummary {
        let db = try RawDB(path, cacheKiB: 65_536)
        var values: [(String, Int64)] = []
        for (table, sql) in queries {
            let statement = try db.prepare(sql)
            guard try statement.step() else { throw RawError(description: "summary of \(table): no row") }
            for column in 0..<statement.columnCount {
                values.append(("\(table)[\(column)]", statement.int(column)))
            }
        }
        return DatabaseSummary(values: values)
    }

    /// Throws unless `path` summarises like `expected`.
    static func verify(_ path: String, _ queries: [(String, String)], equals expected: DatabaseSummary, _ who: String) throws {
        let summary = try read(path, queries)
        guard summary == expected else {
            throw RawError(description: "\(who) stored different rows than the warm-up: \(summary.difference(from: expected))")
        }
    }
}
