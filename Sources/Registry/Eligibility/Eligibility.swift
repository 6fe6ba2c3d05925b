import Foundation
import SQLiteDB

/// The answer to "was this worker protected by this program on this day?" (kelayakan klaim),
/// asked when an incident happens: an accident (JKK), a death (JKM), a job loss (JKP), a claim
/// of old-age savings (JHT).
///
/// It is judged by valid time: what was true on the incident's day given everything the
/// register knows now (due dates, the day each payment was made), whatever day the rows were
/// recorded. Each rule applied is listed in ``checks`` with its outcome and the facts behind it.
public struct Eligibility: Sendable, Hashable {
    public enum Verdict: String, Sendable, Hashable, Codable {
        /// Every rule is met.
        case eligible
        /// A rule is not met.
        case notEligible = "not_eligible"
        /// No rule is broken, but one could not be judged from what the register holds.
        case undetermined
    }

    public let worker: Worker.ID
    public let program: Program
    /// The incident's day (a Jakarta day).
    public let date: CalendarDate
    public let verdict: Verdict
    /// The membership the answer is about: the one that protects, else the closest to it;
    /// nil when no membership with the program had started by the date.
    public let membership: Membership.ID?
    /// Every rule applied, in order.
    public let checks: [EligibilityCheck]
    /// The row of `eligibility_answers` that records this answer.
    public let answerID: Int64

    public var isEligible: Bool { verdict == .eligible }
}

/// One rule of an ``Eligibility`` answer, with what the register says about it.
public struct EligibilityCheck: Sendable, Hashable, Codable {
    public enum Outcome: String, Sendable, Hashable, Codable {
        case met
        case notMet = "not_met"
        /// The register does not hold what the rule needs.
        case notChecked = "not_checked"
    }

    /// What is checked: `membership_in_force`, `dues_paid_on_time`, `contribution_period`,
    /// `savings_paid`, `claim_condition`.
    public let rule: String
    public let outcome: Outcome
    /// The facts, as a sentence: months, amounts, dates (never a NIK).
    public let detail: String
    /// Where the rule comes from (a regulation, an assumption), when it is a rule row.
    public let source: String?

    public init(rule: String, outcome: Outcome, detail: String, source: String? = nil) {
        self.rule = rule
        self.outcome = outcome
        self.detail = detail
        self.source = source
    }
}

extension Eligibility.Verdict {
    /// All met: eligible; any not met: not eligible; else undetermined.
    init(_ checks: [EligibilityCheck]) {
        if checks.contains(where: { $0.outcome == .notMet }) {
            self = .notEligible
        } else if checks.contains(where: { $0.outcome == .notChecked }) {
            self = .undetermined
        } else {
            self = .eligible
        }
    }

    /// Which of two judged memberships answers: eligible first, then undetermined.
    var rank: Int {
        switch self {
        case .eligible: 0
        case .undetermined: 1
        case .notEligible: 2
        }
    }
}
