// TEMPORARY: replaced by the pricing branch. Same API as agreed.
import SQLiteDB
public enum DuesShare: String, Sendable, Hashable, CaseIterable, Codable { case employer, worker, government }
public enum DuesBasis: Sendable, Hashable {
    case informal(declaredIncome: Rupiah)
    case wageEarner(wage: Rupiah, riskGroup: RiskGroup, labourIntensive: Bool)
    case construction(contractValue: Rupiah)
    case migrant(MigrantPeriod)
}
public enum MigrantPeriod: Sendable, Hashable { case beforePlacement; case placement(months: Int) }
public struct DuesLine: Sendable, Hashable { public var program: Program; public var share: DuesShare; public var amount: Rupiah; public var note: String? }
public struct DuesQuote: Sendable, Hashable {
    public var month: ContributionMonth
    public var lines: [DuesLine]
    public var billable: [DuesLine]
    public var total: Rupiah
}
public struct ContributionRules: Sendable {
    public let date: CalendarDate
    public static func load(on date: CalendarDate, from db: Connection) throws -> ContributionRules { fatalError() }
    public func quote(_ basis: DuesBasis, programs: Set<Program>, month: ContributionMonth) throws(RegistryError) -> DuesQuote { fatalError() }
    public func parameter(_ code: String) -> Int64? { fatalError() }
}
