import SQLiteDB

/// Chooses an area's rows in the attached central register (`centre`) and copies them into
/// `main`, parents first, inside the caller's transaction.
struct AreaSelection {
    let db: Connection
    let area: ExtractArea

    func copyRows() throws {
        try chooseWorkers()
        try chooseLedger()
        try chooseReferencedRows()
        // Regions above the village, offices and their regencies are few and go whole: a
        // worker may carry a NIK from anywhere, and the office tree needs its parents.
        for table in ["provinces", "regencies", "districts"] { try copy(table, where: "1") }
        try copy("villages", where: "code IN (SELECT code FROM temp.x_villages)")
        try copy("offices", where: "1", orderBy: "CASE kind WHEN 'head_office' THEN 0 WHEN 'regional_office' THEN 1 ELSE 2 END, id")
        try copy("branch_regencies", where: "1")
        try copy("employers", where: "id IN (SELECT id FROM temp.x_employers)")
        try copy("construction_projects", where: "id IN (SELECT id FROM temp.x_projects)")
        try copy("agents", where: "id IN (SELECT id FROM temp.x_agents)")
        try copy("agent_villages", where: "agent_id IN (SELECT id FROM temp.x_agents) AND village_code IN (SELECT code FROM temp.x_villages)")
        try copy("workers", where: "id IN (SELECT id FROM temp.x_workers)")
        // A membership ended after bills for later months were issued keeps them, cancelled (their
        // lines reversed); the bills' insert trigger, which compares a new bill with its
        // membership's period, would refuse them once the membership is there with its end. They
        // are copied before their membership, with the foreign keys checked at the commit.
        try db.execute("PRAGMA defer_foreign_keys = ON")
        try copy("bills", where: "id IN (SELECT id FROM temp.x_bills) AND \(Self.outsideItsPeriod)")
        try copy("memberships", where: "id IN (SELECT id FROM temp.x_memberships)")
        try copy("membership_programs", where: "membership_id IN (SELECT id FROM temp.x_memberships)")
        try copy("bills", where: "id IN (SELECT id FROM temp.x_bills) AND NOT \(Self.outsideItsPeriod)")
        try copy("bill_adjustments", where: "bill_id IN (SELECT id FROM temp.x_bills)")
        try copy("project_bills", where: "construction_project_id IN (SELECT id FROM temp.x_projects)")
        try copy("project_bill_lines", where: "project_bill_id IN (SELECT id FROM main.project_bills)")
        try copy("payments", where: "id IN (SELECT id FROM temp.x_payments)")
        try copy("payment_allocations", where: "bill_id IN (SELECT id FROM temp.x_bills)")
        try copy("project_payment_allocations", where: "project_bill_id IN (SELECT id FROM main.project_bills)")
        try recordPartialPayments()
        try copy("labour_force", where: "1")
        try copy("targets", where: "1")
        for table in ["x_workers", "x_memberships", "x_bills", "x_payments", "x_employers", "x_projects", "x_agents", "x_villages"] {
            try db.execute("DROP TABLE temp.\(table)")
        }
    }

    private func chooseWorkers() throws {
        for table in ["x_workers", "x_memberships", "x_bills", "x_payments", "x_employers", "x_projects", "x_agents"] {
            try db.execute("CREATE TEMP TABLE \(table) (id INTEGER PRIMARY KEY)")
        }
        try db.execute("CREATE TEMP TABLE x_villages (code TEXT PRIMARY KEY) WITHOUT ROWID")
        try db.execute("CREATE TEMP TABLE x_offices (id INTEGER PRIMARY KEY)")
        defer { try? db.execute("DROP TABLE temp.x_offices") }
        switch area {
        case .office(let code):
            try db.execute(
                """
                WITH RECURSIVE area (id) AS (
                    SELECT id FROM centre.offices WHERE code = ?
                    UNION SELECT o.id FROM centre.offices o JOIN area ON o.parent_office_id = area.id)
                INSERT INTO temp.x_offices SELECT id FROM area
                """, code)
            guard try db.fetchValue(Int.self, "SELECT count(*) FROM temp.x_offices") ?? 0 > 0 else {
                throw RegistryError.notFound(field: "office", value: code)
            }
            try db.execute("INSERT INTO temp.x_workers SELECT id FROM centre.workers WHERE branch_office_id IN (SELECT id FROM temp.x_offices)")
            try db.execute("INSERT INTO temp.x_employers SELECT id FROM centre.employers WHERE branch_office_id IN (SELECT id FROM temp.x_offices)")
            try db.execute("INSERT INTO temp.x_agents SELECT id FROM centre.agents WHERE branch_office_id IN (SELECT id FROM temp.x_offices)")
            try db.execute(
                """
                INSERT OR IGNORE INTO temp.x_villages SELECT v.code FROM centre.villages v
                JOIN centre.branch_regencies br ON substr(v.code, 1, 5) = br.regency_code
                WHERE br.branch_office_id IN (SELECT id FROM temp.x_offices)
                """)
        case .region(let code):
            guard try db.fetchValue(Int.self,
                """
                SELECT (SELECT count(*) FROM centre.provinces WHERE code = ?1) + (SELECT count(*) FROM centre.regencies WHERE code = ?1)
                     + (SELECT count(*) FROM centre.districts WHERE code = ?1) + (SELECT count(*) FROM centre.villages WHERE code = ?1)
                """, code) ?? 0 > 0 else { throw RegistryError.notFound(field: "region", value: code) }
            let inRegion = "(village_code = ?1 OR substr(village_code, 1, length(?1) + 1) = ?1 || '.')"
            try db.execute("INSERT INTO temp.x_workers SELECT id FROM centre.workers WHERE \(inRegion)", code)
            try db.execute("INSERT INTO temp.x_employers SELECT id FROM centre.employers WHERE \(inRegion)", code)
            try db.execute("INSERT OR IGNORE INTO temp.x_agents SELECT agent_id FROM centre.agent_villages WHERE \(inRegion)", code)
            try db.execute("INSERT OR IGNORE INTO temp.x_villages SELECT code FROM centre.villages WHERE code = ?1 OR substr(code, 1, length(?1) + 1) = ?1 || '.'", code)
        case .agent(let id):
            guard try db.fetchValue(Int.self, "SELECT count(*) FROM centre.agents WHERE id = ?", id) ?? 0 > 0 else {
                throw RegistryError.notFound(field: "agent", value: String(id))
            }
            try db.execute("INSERT INTO temp.x_agents VALUES (?)", id)
            try db.execute("INSERT OR IGNORE INTO temp.x_villages SELECT village_code FROM centre.agent_villages WHERE agent_id = ?", id)
            try db.execute(
                """
                INSERT INTO temp.x_workers SELECT id FROM centre.workers
                WHERE registered_by_agent_id = ?1 OR village_code IN (SELECT code FROM temp.x_villages)
                """, id)
        }
    }

    /// Memberships and bills of the chosen workers, the projects of those memberships and of
    /// the area's contractors, and the payments allocated to those bills and projects' bills
    /// (with their reversals). Not the other allocations of those payments: an employer's
    /// payment settles the bills of all its wage earners, wherever they live, and following it
    /// would bring their names, NIKs and ledgers into an extract that has no business with them.
    /// What the payment allocated outside the area is kept as one figure
    /// (``recordPartialPayments()``).
    private func chooseLedger() throws {
        try db.execute("INSERT OR IGNORE INTO temp.x_projects SELECT id FROM centre.construction_projects WHERE contractor_employer_id IN (SELECT id FROM temp.x_employers)")
        try db.execute("INSERT OR IGNORE INTO temp.x_memberships SELECT id FROM centre.memberships WHERE worker_id IN (SELECT id FROM temp.x_workers)")
        try db.execute("INSERT OR IGNORE INTO temp.x_projects SELECT construction_project_id FROM centre.memberships WHERE id IN (SELECT id FROM temp.x_memberships) AND construction_project_id IS NOT NULL")
        try db.execute("INSERT OR IGNORE INTO temp.x_bills SELECT id FROM centre.bills WHERE membership_id IN (SELECT id FROM temp.x_memberships)")
        try db.execute("INSERT OR IGNORE INTO temp.x_payments SELECT payment_id FROM centre.payment_allocations WHERE bill_id IN (SELECT id FROM temp.x_bills)")
        try db.execute(
            """
            INSERT OR IGNORE INTO temp.x_payments SELECT a.payment_id FROM centre.project_payment_allocations a
            JOIN centre.project_bills b ON b.id = a.project_bill_id WHERE b.construction_project_id IN (SELECT id FROM temp.x_projects)
            """)
        // A reversal has no allocations of its own (it reverses its payment's under the
        // payment's id), so one step each way reaches both.
        try db.execute("INSERT OR IGNORE INTO temp.x_payments SELECT reverses_id FROM centre.payments WHERE id IN (SELECT id FROM temp.x_payments) AND reverses_id IS NOT NULL")
        try db.execute("INSERT OR IGNORE INTO temp.x_payments SELECT id FROM centre.payments WHERE reverses_id IN (SELECT id FROM temp.x_payments)")
    }

    /// For each chosen payment with allocations outside the area, the sum of those
    /// (`sync_extract_partial_payments`), and the centre's running total in place of the one the
    /// extract's own allocations made: the over-allocation guard then refuses offline what the
    /// centre would, and `registry check` on the extract adds the figure to the allocations it
    /// sums. Runs after the allocations are copied (their trigger writes the extract's totals).
    private func recordPartialPayments() throws {
        try db.execute(
            """
            INSERT INTO main.sync_extract_partial_payments (payment_id, allocated_centrally)
            SELECT payment_id, sum(amount) FROM (
                SELECT a.payment_id, a.amount FROM centre.payment_allocations a
                WHERE a.payment_id IN (SELECT id FROM temp.x_payments) AND a.bill_id NOT IN (SELECT id FROM temp.x_bills)
                UNION ALL
                SELECT a.payment_id, a.amount FROM centre.project_payment_allocations a
                JOIN centre.project_bills b ON b.id = a.project_bill_id
                WHERE a.payment_id IN (SELECT id FROM temp.x_payments) AND b.construction_project_id NOT IN (SELECT id FROM temp.x_projects))
            GROUP BY payment_id ORDER BY payment_id
            """)
        try db.execute(
            """
            UPDATE main.payment_allocation_totals
            SET allocated = (SELECT c.allocated FROM centre.payment_allocation_totals c WHERE c.payment_id = payment_allocation_totals.payment_id)
            WHERE payment_id IN (SELECT payment_id FROM main.sync_extract_partial_payments)
              AND payment_id IN (SELECT payment_id FROM centre.payment_allocation_totals)
            """)
    }

    /// Employers, projects, agents and villages the chosen rows refer to.
    private func chooseReferencedRows() throws {
        try db.execute("INSERT OR IGNORE INTO temp.x_employers SELECT employer_id FROM centre.memberships WHERE id IN (SELECT id FROM temp.x_memberships) AND employer_id IS NOT NULL")
        try db.execute("INSERT OR IGNORE INTO temp.x_employers SELECT employer_id FROM centre.payments WHERE id IN (SELECT id FROM temp.x_payments) AND employer_id IS NOT NULL")
        try db.execute("INSERT OR IGNORE INTO temp.x_employers SELECT contractor_employer_id FROM centre.construction_projects WHERE id IN (SELECT id FROM temp.x_projects)")
        try db.execute("INSERT OR IGNORE INTO temp.x_agents SELECT registered_by_agent_id FROM centre.workers WHERE id IN (SELECT id FROM temp.x_workers) AND registered_by_agent_id IS NOT NULL")
        for (table, set) in [("workers", "x_workers"), ("employers", "x_employers"), ("construction_projects", "x_projects")] {
            try db.execute("INSERT OR IGNORE INTO temp.x_villages SELECT village_code FROM centre.\(table) WHERE id IN (SELECT id FROM temp.\(set)) AND village_code IS NOT NULL")
        }
        try db.execute("INSERT OR IGNORE INTO temp.x_villages SELECT village_code FROM centre.offices WHERE village_code IS NOT NULL")
    }

    /// A central bill (its columns unqualified) for a month outside its membership's period: the
    /// condition of `bills_check_on_insert`.
    private static let outsideItsPeriod = """
        EXISTS (SELECT 1 FROM centre.memberships m WHERE m.id = membership_id
                AND (contribution_month || '-01' > coalesce(m.end_date, '9999-12-31')
                     OR date(contribution_month || '-01', '+1 month', '-1 day') < m.start_date))
        """

    /// Copies the rows of `table` chosen by `condition` (SQL over the central table), naming
    /// the stored columns (generated ones are computed again on insert).
    private func copy(_ table: String, where condition: String, orderBy: String? = nil) throws {
        let columns = try db.fetchValues(String.self, "SELECT name FROM pragma_table_xinfo(?, 'centre') WHERE hidden = 0 ORDER BY cid", table)
        let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        // In key order: an allocation's reversal (0027) comes after the allocation, whose row the
        // trigger checking it reads.
        let key = try db.fetchValues(String.self, "SELECT name FROM pragma_table_info(?, 'centre') WHERE pk > 0 ORDER BY pk", table)
        let order = orderBy ?? (key.isEmpty ? "1" : key.map { "\"\($0)\"" }.joined(separator: ", "))
        try db.execute("INSERT INTO main.\(table) (\(list)) SELECT \(list) FROM centre.\(table) WHERE \(condition) ORDER BY \(order)")
    }
}
