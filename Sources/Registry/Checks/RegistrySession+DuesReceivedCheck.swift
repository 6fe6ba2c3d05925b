import SQLiteDB

/// The `dues_received` check: the summary the dues targets read, against the ledger it sums.
extension RegistrySession {
    /// Every (segment, regency, Jakarta day) whose row of `dues_received` differs from the
    /// allocations it sums, recomputed here with the rules of the triggers that keep it: an
    /// allocation to a membership bill counts in its membership's segment and the regency its
    /// worker lives in; since 0031 an allocation to a project bill counts as construction in the
    /// project's regency (`project_dues_regencies`: the site, else the contractor's). Only a row
    /// of the table edited by hand, or a trigger dropped, makes them differ. A row of 0 and no
    /// row are the same sum.
    func wrongDuesReceived() throws -> [ConsistencyProblem] {
        // 0029 made paid_at integer milliseconds; a register not yet upgraded (the schema check
        // says so) still holds ISO text, whose Jakarta day is the same.
        let paidOn = """
            CASE typeof(p.paid_at) WHEN 'integer' THEN date(p.paid_at / 1000, 'unixepoch', '+7 hours')
                                   ELSE date(p.paid_at, '+7 hours') END
            """
        let projectDues = try exists("SELECT 1 FROM sqlite_schema WHERE type = 'view' AND name = ?", "project_dues_regencies") ? """
            UNION ALL
            SELECT 'construction', r.regency_code, \(paidOn), 0, sum(a.amount)
            FROM project_payment_allocations a
            JOIN project_bills b ON b.id = a.project_bill_id
            JOIN project_dues_regencies r ON r.construction_project_id = b.construction_project_id
            JOIN payments p ON p.id = a.payment_id
            GROUP BY 1, 2, 3
            """ : ""
        return try db.fetchAll("""
            SELECT segment_code, regency_code, paid_on, sum(stored) AS stored, sum(summed) AS summed
            FROM (SELECT segment_code, regency_code, paid_on, amount AS stored, 0 AS summed FROM dues_received
                  UNION ALL
                  SELECT m.segment_code, substr(w.village_code, 1, 5), \(paidOn), 0, sum(a.amount)
                  FROM payment_allocations a
                  JOIN bills b ON b.id = a.bill_id
                  JOIN memberships m ON m.id = b.membership_id
                  JOIN workers w ON w.id = m.worker_id
                  JOIN payments p ON p.id = a.payment_id
                  GROUP BY 1, 2, 3
                  \(projectDues))
            GROUP BY 1, 2, 3
            HAVING sum(stored) <> sum(summed)
            ORDER BY 1, 2, 3
            """).map { row in
            let key = "\(try row.get("segment_code", as: String.self)) \(try row.get("regency_code", as: String.self)) \(try row.get("paid_on", as: String.self))"
            return ConsistencyProblem(
                check: .duesReceived, subject: "dues_received \(key)",
                detail: "says \(Rupiah(try row.get("stored", as: Int64.self))), the allocations paid that day sum to \(Rupiah(try row.get("summed", as: Int64.self)))")
        }
    }
}
