import Foundation
import SQLiteDB

/// A participant count as published (by a branch or the head office in the press, by BPS),
/// kept beside the counts the register computes from its members: a row of `published_counts`
/// (`0019_published_counts.sql`).
///
/// Published figures let an area whose members are not in the register yet still report, and
/// let an analyst set the register against what was announced. They are never mixed with the
/// computed figures: reports name each as what it is (``CoverageWithPublished``).
///
/// Figures are append-only. A correction or a withdrawal is a new row that supersedes the
/// wrong one (``supersedes``), so every report once printed can be explained; the *current*
/// figure of a chain is the one nothing supersedes (``supersededBy`` nil).
public struct PublishedCount: Sendable, Hashable, Identifiable {
    public typealias ID = RecordID<PublishedCount>

    /// What a published figure counts, and which computed figure it stands beside.
    public enum Measure: String, Sendable, Hashable, CaseIterable, Codable, DatabaseValueConvertible, CustomStringConvertible {
        /// Registered participants (peserta terdaftar): compared with the computed
        /// ``Coverage/participants`` (membership active, in arrears or lapsed).
        case registered
        /// Active participants (peserta aktif): compared with ``Coverage/activeParticipants``.
        case active

        public var description: String {
            switch self {
            case .registered: "registered participants"
            case .active: "active participants"
            }
        }
    }

    public let id: ID
    /// A province, a regency or city, or an office (the head office for a national figure).
    public let area: CoverageArea
    /// The segment counted; nil = all segments.
    public let segment: Segment?
    public let measure: Measure
    /// The day the figure describes (not the day it was published).
    public let asOf: CalendarDate
    /// The figure; nil for a withdrawal (``isWithdrawal``).
    public let headCount: Int64?
    /// Who published it, and where.
    public let source: String
    /// The figure this row corrects or withdraws.
    public let supersedes: ID?
    /// The row that corrected or withdrew this one; nil while it stands.
    public let supersededBy: ID?
    public let recordedAt: Date
    /// The audit actor of the write that recorded it.
    public let recordedBy: String

    /// A row that takes back the figure it supersedes, and puts none in its place.
    public var isWithdrawal: Bool { headCount == nil }
    /// Not superseded: the figure reports use (unless it is a withdrawal).
    public var isCurrent: Bool { supersededBy == nil }
}

/// A published figure to record. The area is a province, a regency or an office by code, as for
/// targets; districts and villages have no labour force to set a count against.
public struct NewPublishedCount: Sendable, Hashable {
    public var area: CoverageArea
    /// nil: all segments.
    public var segment: Segment?
    public var measure: PublishedCount.Measure
    public var asOf: CalendarDate
    public var headCount: Int64
    /// Required: a figure whose origin is unknown cannot be checked.
    public var source: String

    public init(area: CoverageArea, segment: Segment? = nil, measure: PublishedCount.Measure, asOf: CalendarDate,
                headCount: Int64, source: String) {
        self.area = area
        self.segment = segment
        self.measure = measure
        self.asOf = asOf
        self.headCount = headCount
        self.source = source
    }
}
