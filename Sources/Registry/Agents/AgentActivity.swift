import SQLiteDB

/// One agent's standing at a date: recruits, the last one, this month's fee, and whether the
/// agent is due to be dropped for recruiting nobody in the last three months.
public struct AgentActivity: Sendable, Hashable {
    public var agent: Agent
    /// The code of the branch the agent works for.
    public var branchCode: String
    /// Workers the agent signed up on or before the date (Jakarta dates).
    public var recruits: Int
    public var lastRecruitDate: CalendarDate?
    /// Serving on the date (started, not retired).
    public var isServing: Bool
    /// Serving, but with no recruit in the inactivity window (``RegistrySession/inactiveAgents(on:)``).
    public var isIdle: Bool
    /// The fee for the month containing the date, on what has been paid so far.
    public var fee: AgentFee
}

extension RegistrySession {
    /// Every agent's activity at `date`, by agent id.
    public func agentActivity(on date: CalendarDate) throws -> [AgentActivity] {
        let idle = Set(try inactiveAgents(on: date).map(\.id))
        let month = ContributionMonth(containing: date)
        // registered_at is a UTC timestamp: +7 hours gives the registration's date in Jakarta.
        let rows = try db.fetchAll("""
            SELECT a.\(Agent.columns.replacingOccurrences(of: ", ", with: ", a.")), o.code AS branch_code,
                   (SELECT count(*) FROM workers w
                     WHERE w.registered_by_agent_id = a.id AND date(w.registered_at, '+7 hours') <= ?1) AS recruits,
                   (SELECT max(date(w.registered_at, '+7 hours')) FROM workers w
                     WHERE w.registered_by_agent_id = a.id AND date(w.registered_at, '+7 hours') <= ?1) AS last_recruit
            FROM agents a JOIN offices o ON o.id = a.branch_office_id
            ORDER BY a.id
            """, date)
        return try rows.map { row in
            let agent = try Agent(row: row)
            return AgentActivity(
                agent: agent, branchCode: try row["branch_code"], recruits: try row["recruits"],
                lastRecruitDate: try row["last_recruit"], isServing: agent.isActive(on: date),
                isIdle: idle.contains(agent.id), fee: try agentFee(agent.id, for: month))
        }
    }
}
