import SQLiteDB

/// Perisai agents: registration, recruits, fees, and who has gone quiet.
extension RegistrySession {
    /// Registers an agent with the villages they serve, in one savepoint.
    @discardableResult
    public func registerAgent(_ agent: NewAgent) throws -> Agent {
        let name = try Validation.name(agent.fullName, field: "full_name")
        let phone = try Validation.phone(agent.phone)
        guard agent.nik != nil || phone != nil else {
            throw RegistryError.invalid(field: "nik", value: "", reason: .agentNeedsNIKOrPhone)
        }
        if let nik = agent.nik, try exists("SELECT 1 FROM agents WHERE nik = ?", nik) {
            throw RegistryError.duplicate(field: "nik", value: nik.masked, existing: .anotherAgent)
        }
        _ = try requireBranch(agent.branchOffice, field: "branch_office_id")
        for village in agent.villages { try requireRegion(village, field: "village_code", level: .village) }
        return try db.savepoint {
            try db.execute(
                "INSERT INTO agents (full_name, nik, phone, branch_office_id, active_from) VALUES (?, ?, ?, ?, ?)",
                name, agent.nik, phone, agent.branchOffice, agent.activeFrom)
            let id = Agent.ID(db.lastInsertedRowID)
            for village in Set(agent.villages) {
                try db.execute("INSERT INTO agent_villages (agent_id, village_code) VALUES (?, ?)", id, village)
            }
            return try self.agent(id)!
        }
    }

    public func agent(_ id: Agent.ID) throws -> Agent? {
        try db.fetchOne("SELECT \(Agent.columns) FROM agents WHERE id = ?", id).map(Agent.init(row:))
    }

    /// Ends an agent's service on `date` (inclusive).
    public func retireAgent(_ id: Agent.ID, on date: CalendarDate) throws {
        guard let agent = try agent(id) else { throw RegistryError.notFound(field: "agent_id", value: id.description) }
        guard date >= agent.activeFrom else {
            throw RegistryError.invalid(field: "active_to", value: date.isoString, reason: .beforeAgentStarted(start: agent.activeFrom))
        }
        try db.execute("UPDATE agents SET active_to = ? WHERE id = ?", date, id)
    }

    /// The workers an agent signed up, in order of registration.
    public func recruits(of agent: Agent.ID) throws -> [Worker] {
        try db.fetchAll(
            "SELECT \(Worker.columns) FROM workers WHERE registered_by_agent_id = ? ORDER BY registered_at, id", agent)
            .map(Worker.init(row:))
    }

    /// The agent's fee for `month`: the `agent_fee` rate in force on the month's first day,
    /// applied to the dues paid so far for that contribution month on the recruits'
    /// memberships (allocations net of reversals), rounded half up once on the total.
    public func agentFee(_ agent: Agent.ID, for month: ContributionMonth) throws -> AgentFee {
        guard try self.agent(agent) != nil else { throw RegistryError.notFound(field: "agent_id", value: agent.description) }
        let rate = try parameter("agent_fee", on: month.firstDay).map { Rate(partsPerMillion: $0) }
        guard let rate else { throw RegistryError.noRuleInForce(rule: "scheme_parameters agent_fee", date: month.firstDay.isoString) }
        let row = try db.fetchOne("""
            SELECT count(DISTINCT m.worker_id) AS recruits, coalesce(sum(a.amount), 0) AS dues
            FROM workers w
            JOIN memberships m ON m.worker_id = w.id
            JOIN bills b ON b.membership_id = m.id AND b.contribution_month = ?
            JOIN payment_allocations a ON a.bill_id = b.id
            WHERE w.registered_by_agent_id = ?
            """, month, agent)!
        let dues: Rupiah = try row["dues"]
        return AgentFee(agent: agent, month: month, payingRecruits: try row["recruits"], dues: dues, rate: rate,
                        fee: dues.applying(rate))
    }

    /// Agents serving on `date` who have signed nobody up in the last `agent_inactivity_months`
    /// months (3): their last recruit (or, with none, their start) is before that window.
    public func inactiveAgents(on date: CalendarDate) throws -> [Agent] {
        guard let months = try parameter("agent_inactivity_months", on: date) else {
            throw RegistryError.noRuleInForce(rule: "scheme_parameters agent_inactivity_months", date: date.isoString)
        }
        let windowStart = Self.date(date, minusMonths: Int(months))
        // registered_at is a UTC timestamp: +7 hours gives the registration's date in Jakarta.
        return try db.fetchAll("""
            SELECT \(Agent.columns) FROM agents a
            WHERE a.active_from <= ?1 AND (a.active_to IS NULL OR a.active_to >= ?1)
              AND coalesce((SELECT max(date(w.registered_at, '+7 hours')) FROM workers w
                            WHERE w.registered_by_agent_id = a.id AND date(w.registered_at, '+7 hours') <= ?1),
                           a.active_from) < ?2
            ORDER BY a.id
            """, date, windowStart).map(Agent.init(row:))
    }

    /// `date` moved back `months` calendar months, clamped to the month's last day.
    static func date(_ date: CalendarDate, minusMonths months: Int) -> CalendarDate {
        ContributionMonth(containing: date).adding(months: -months).day(date.day)
    }

    /// A `scheme_parameters` value in force on `date`.
    func parameter(_ code: String, on date: CalendarDate) throws -> Int64? {
        try remembered(\.parameters, .init(code: code, date: date)) {
            try db.fetchValue(Int64?.self, """
                SELECT value FROM scheme_parameters
                WHERE code = ? AND effective_from <= ?2 AND coalesce(effective_to, '9999-12-31') >= ?2
                """, code, date) ?? nil
        }
    }
}
