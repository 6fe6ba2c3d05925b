import Foundation
import SQLiteDB

/// One worker in one segment over a period (kepesertaan), with the programs they joined.
public struct Membership: Sendable, Hashable, Identifiable {
    public typealias ID = RecordID<Membership>

    public let id: ID
    public let worker: Worker.ID
    public let segment: Segment
    /// The employer of a wage earner.
    public let employer: Employer.ID?
    /// The project of a construction worker.
    public let project: ConstructionProject.ID?
    /// Who pays: the employer for PU and JAKON; the worker or a sponsor for BPU and PMI.
    public let payer: Payer
    /// Declared monthly income (BPU) or monthly wage (PU), as last declared.
    public let declaredIncome: Rupiah?
    public let startDate: CalendarDate
    /// The last day covered; nil while open.
    public let endDate: CalendarDate?
    public let endReason: EndReason?
    public let programs: Set<Program>

    /// Whether `month` overlaps the membership period.
    public func covers(_ month: ContributionMonth) -> Bool {
        month.lastDay >= startDate && (endDate.map { month.firstDay <= $0 } ?? true)
    }

    init(row: some RowReading, programs: Set<Program>) throws {
        id = try row["id"]
        worker = try row["worker_id"]
        segment = try row["segment_code"]
        employer = try row["employer_id"]
        project = try row["construction_project_id"]
        payer = try row["payer_code"]
        declaredIncome = try row["declared_income"]
        startDate = try row["start_date"]
        endDate = try row["end_date"]
        endReason = try row["end_reason_code"]
        self.programs = programs
    }

    static let columns = """
        id, worker_id, segment_code, employer_id, construction_project_id, payer_code, declared_income,
        start_date, end_date, end_reason_code
        """
}

/// What decides whether a wage earner must join JKP (job-loss insurance): Indonesian
/// citizenship and national health insurance (JKN) enrolment, which the registry does not
/// hold; age at registration (under 54), which it computes from the birth date.
public struct JKPEligibility: Sendable, Hashable {
    public var isIndonesianCitizen: Bool
    public var isEnrolledInNationalHealthInsurance: Bool

    public init(isIndonesianCitizen: Bool, isEnrolledInNationalHealthInsurance: Bool) {
        self.isIndonesianCitizen = isIndonesianCitizen
        self.isEnrolledInNationalHealthInsurance = isEnrolledInNationalHealthInsurance
    }
}

/// A membership to open.
public struct NewMembership: Sendable, Hashable {
    public var worker: Worker.ID
    public var segment: Segment
    public var startDate: CalendarDate
    /// Set for a placement abroad (PMI), whose dues are priced on its length.
    public var endDate: CalendarDate?
    public var payer: Payer
    public var programs: Set<Program>
    /// BPU declared monthly income, or PU monthly wage.
    public var declaredIncome: Rupiah?
    public var employer: Employer.ID?
    public var project: ConstructionProject.ID?
    /// Needed for a wage earner whenever JKP could apply; nil means "not known", so JKP is
    /// neither required nor allowed.
    public var jkp: JKPEligibility?

    public init(
        worker: Worker.ID, segment: Segment, startDate: CalendarDate, endDate: CalendarDate? = nil,
        payer: Payer, programs: Set<Program>, declaredIncome: Rupiah? = nil,
        employer: Employer.ID? = nil, project: ConstructionProject.ID? = nil, jkp: JKPEligibility? = nil
    ) {
        self.worker = worker
        self.segment = segment
        self.startDate = startDate
        self.endDate = endDate
        self.payer = payer
        self.programs = programs
        self.declaredIncome = declaredIncome
        self.employer = employer
        self.project = project
        self.jkp = jkp
    }

    /// An informal (BPU) membership: JKK and JKM, JHT if chosen.
    public static func informal(
        worker: Worker.ID, declaredIncome: Rupiah, startDate: CalendarDate, payer: Payer = .self, withJHT: Bool = false
    ) -> NewMembership {
        NewMembership(worker: worker, segment: .informal, startDate: startDate, payer: payer,
                      programs: withJHT ? [.jkk, .jkm, .jht] : [.jkk, .jkm], declaredIncome: declaredIncome)
    }

    /// A wage-earner (PU) membership with its employer.
    public static func wageEarner(
        worker: Worker.ID, employer: Employer.ID, wage: Rupiah, startDate: CalendarDate,
        programs: Set<Program>, jkp: JKPEligibility? = nil
    ) -> NewMembership {
        NewMembership(worker: worker, segment: .wageEarner, startDate: startDate, payer: .employer,
                      programs: programs, declaredIncome: wage, employer: employer, jkp: jkp)
    }
}
