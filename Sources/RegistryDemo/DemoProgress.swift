import Registry
import SQLiteDB

/// How far the build has got, for a progress bar: ``step`` of ``steps``, with what is being done.
public struct DemoProgress: Sendable, Hashable, CustomStringConvertible {
    public enum Phase: Sendable, Hashable {
        /// Regions, offices, employers, agents, labour force and targets.
        case organisation
        /// Writing one month of the history: registrations, bills, payments, endings.
        case month(ContributionMonth)
        /// Checks and counts after the last month.
        case finishing
    }

    public let phase: Phase
    /// 1-based; equals ``steps`` on the last report.
    public let step: Int
    public let steps: Int

    public var fraction: Double { steps == 0 ? 1 : Double(step) / Double(steps) }

    public var description: String {
        switch phase {
        case .organisation: "organisation (\(step)/\(steps))"
        case .month(let month): "month \(month) (\(step)/\(steps))"
        case .finishing: "finishing (\(step)/\(steps))"
        }
    }
}
