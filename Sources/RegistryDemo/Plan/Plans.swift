import Registry
import SQLiteDB

/// The whole demo decided before anything is written: who exists, when they join and how they
/// behave. Writing then only replays the plan through the domain API, month by month.
///
/// Month numbers are offsets from the first month of the history; -1 means "already there when
/// the register went live" (registered on its first day, with a start date in the past).
struct DemoPlan {
    var employers: [EmployerPlan] = []
    var agents: [AgentPlan] = []
    var projects: [ProjectPlan] = []
    var workers: [WorkerPlan] = []
}

/// How an employer pays its wage earners' monthly bills (due the 15th of the following month).
enum EmployerConduct: Hashable {
    /// Pays on time, between the 3rd and the 14th.
    case punctual
    /// Usually on time; sometimes a few days or a month late, with the 2%-a-month penalty.
    case sometimesLate
    /// Stops paying for `months` months from `month`; then pays every month owed with penalties
    /// (`catchesUp`) or never does.
    case struggling(month: Int, months: Int, catchesUp: Bool)
}

struct EmployerPlan {
    let npp: String
    let name: String
    let sizeClass: EmployerSizeClass
    let industry: Int
    let village: Int
    let joinMonth: Int
    let joinDay: Int
    let conduct: EmployerConduct
    /// How likely a new wage earner is to work here: large employers hire most.
    let hiringWeight: Double

    var riskGroup: RiskGroup { NameData.industries[industry].riskGroup }
    var isLabourIntensive: Bool { NameData.industries[industry].labourIntensive }
    var isContractor: Bool { industry == NameData.constructionIndustry }
}

/// A Perisai agent: serves a few villages of one regency, recruits informal workers there.
struct AgentPlan {
    let name: String
    let phone: String
    let regency: Int
    let villages: [Int]
    let activeFrom: CalendarDate
    let joinMonth: Int
}

struct ProjectPlan {
    let contractor: Int
    let name: String
    let contractValue: Int64
    let workOrder: CalendarDate
    let start: CalendarDate
    let end: CalendarDate
    let site: Int
    /// Registered within 14 working days of the work order (in the history, or at go-live).
    let registeredOn: CalendarDate
}

/// How an informal (BPU) worker pays: 1, 3, 6 or 12 months at a time, by the 15th or later.
enum InformalConduct: Hashable {
    /// Pays whenever the paid months run out.
    case loyal
    /// Now and then skips a month, then pays three to catch up.
    case irregular
    /// Stops paying from `month`: in arrears, then lapsed; the branch ends the membership
    /// (`lapsed`) `endsAfter` months later, if at all.
    case stops(month: Int, endsAfter: Int?)
    /// Leaves the scheme when the paid months run out after `month`: the unpaid bill is
    /// cancelled and the membership ends on the last paid day.
    case withdraws(month: Int)
}

enum WorkerRole {
    case wageEarner(employer: Int, wage: Int64, optionalPrograms: Set<Program>, inJKN: Bool, resigns: CalendarDate?)
    case informal(income: Int64, withJHT: Bool, payer: Payer, agent: Int?, monthsPerPayment: Int, payDay: Int,
                  conduct: InformalConduct)
    case construction(project: Int)
    /// `withJHT`: whether the worker would like JHT, which the library cannot price for
    /// migrant workers and so refuses; the writer enrols the required programs only.
    case migrant(country: String, months: Int, withJHT: Bool, payer: Payer)

    var segment: Segment {
        switch self {
        case .wageEarner: .wageEarner
        case .informal: .informal
        case .construction: .construction
        case .migrant: .migrant
        }
    }
}

struct WorkerPlan {
    let nik: NIK
    let name: String
    let sex: Sex
    let birthDate: CalendarDate
    let village: Int
    let occupation: String
    let phone: String?
    let registeredOn: CalendarDate
    let startDate: CalendarDate
    let role: WorkerRole
}
