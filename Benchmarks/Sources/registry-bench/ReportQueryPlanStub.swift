// TEMPORARY: remove when the library provides reportQueryPlans
//
// The library will provide this type and method (same signatures); until then the reports
// workload compiles against this stub, which has no plans to give.
import Registry
import SQLiteDB

public struct ReportQueryPlan: Sendable {
    public var report: String
    public var lines: [String]
    public var usesIndex: Bool
}

extension RegistrySession {
    public func reportQueryPlans(on date: CalendarDate) throws -> [ReportQueryPlan] { [] }
}
