import Registry
import SQLiteDB

/// What the generator wrote, counted from the database when it finished.
public struct DemoSummary: Sendable, Hashable {
    public var options: DemoOptions
    /// A good date for the report: the 20th of the last month, where the history stops.
    public var asOf: CalendarDate
    public var firstMonth: ContributionMonth
    public var throughMonth: ContributionMonth

    public var provinces: Int
    public var regencies: Int
    public var districts: Int
    public var villages: Int
    public var offices: Int
    public var branches: Int
    public var employers: Int
    public var constructionProjects: Int
    public var agents: Int
    public var workers: Int
    /// Memberships per segment (a worker who changed employer has two).
    public var membershipsBySegment: [Segment: Int]
    public var memberships: Int
    public var bills: Int
    public var billLines: Int
    public var payments: Int
    public var labourForceRows: Int
    public var targets: Int
    /// Wall-clock seconds the build took (the only figure that differs between two builds).
    public var seconds: Double
}
