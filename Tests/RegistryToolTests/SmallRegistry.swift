import Foundation
import Registry
import SQLiteDB

/// A small registry written through the library with a historical clock, for the tool to
/// report on. At 2025-06-20:
///
/// - Purwakarta (labour force 200): Budi (BPU, recruited by agent Sri, paid Jan–Mar, billed
///   Apr–Jun unpaid: in arrears, 3 months) and Siti (PU at PT Garmen, every month paid on
///   time: active). Coverage 2 ÷ 200 = 1.00%, active 0.50%.
/// - Bantul (labour force 400): Agus (BPU from March, paid 12 months ahead: active), 0.25%.
struct SmallRegistry {
    static let budiNIK = "3214011203850001"
    static let sitiNIK = "3214015507900002"
    static let agusNIK = "3402010101800003"

    /// Where the clock stands, moved by the builder as it writes history.
    final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var instant = Date(timeIntervalSince1970: 0)
        func set(_ date: CalendarDate, hour: Int = 3) {
            lock.withLock { instant = JakartaCalendar.startOfDay(date).addingTimeInterval(TimeInterval(hour * 3600)) }
        }
        var now: Date { lock.withLock { instant } }
    }

    let budiKPJ: String
    let sitiKPJ: String
    let agusKPJ: String

    init(at path: String) throws {
        let clock = Clock()
        clock.set(CalendarDate(iso: "2025-01-05")!)
        let registry = try Registry(path: path, clock: { clock.now })
        let date = { (text: String) in CalendarDate(iso: text)! }
        let month = { (text: String) in ContributionMonth(text)! }

        let (budi, siti, employer) = try registry.write(actor: "fixture") { session in
            for (code, name) in [
                ("32", "Jawa Barat"), ("32.14", "Purwakarta"), ("32.14.01", "Purwakarta"),
                ("32.14.01.2001", "Desa Satu"), ("32.14.01.2002", "Desa Dua"),
                ("34", "DI Yogyakarta"), ("34.02", "Bantul"), ("34.02.01", "Srandakan"), ("34.02.01.2001", "Poncosari"),
            ] {
                try session.addRegion(try RegionCode(code), name: name)
            }
            let head = try session.addOffice(NewOffice(code: "KP", name: "Kantor Pusat", kind: .headOffice))
            let westJava = try session.addOffice(NewOffice(code: "KW-JABAR", name: "Kanwil Jawa Barat", kind: .regionalOffice, parent: head.id))
            let purwakarta = try session.addOffice(NewOffice(code: "KC-PWK", name: "KCP Purwakarta", kind: .pioneerBranch, parent: westJava.id))
            let central = try session.addOffice(NewOffice(code: "KW-JTGDIY", name: "Kanwil Jateng DIY", kind: .regionalOffice, parent: head.id))
            let bantul = try session.addOffice(NewOffice(code: "KC-BTL", name: "KC Bantul", kind: .branch, parent: central.id))
            try session.assign(regency: try RegionCode("32.14"), to: purwakarta.id, from: date("2015-01-01"))
            try session.assign(regency: try RegionCode("34.02"), to: bantul.id, from: date("2015-01-01"))
            try session.recordLabourForce(year: 2024, area: try RegionCode("32.14"), employed: 180, unemployed: 20)
            try session.recordLabourForce(year: 2024, area: try RegionCode("34.02"), employed: 380, unemployed: 20)
            try session.addTarget(NewTarget(area: .office(code: "KC-PWK"), kind: .headCount, value: 4,
                                            periodStart: date("2025-01-01"), periodEnd: date("2025-12-31")))
            try session.addTarget(NewTarget(area: .regency(try RegionCode("34.02")), segment: .informal, kind: .coveragePercentage,
                                            value: 50, periodStart: date("2025-01-01"), periodEnd: date("2025-12-31")))
            let employer = try session.registerEmployer(NewEmployer(
                npp: try EmployerNumber("NPP-0001"), name: "PT Garmen", sizeClass: .medium, riskGroup: .low,
                village: try RegionCode("32.14.01.2001"), branchOffice: purwakarta.id))
            let agent = try session.registerAgent(NewAgent(fullName: "Sri Perisai", phone: "081200000001",
                                                           branchOffice: purwakarta.id, activeFrom: date("2024-01-01")))
            let budi = try session.register(NewWorker(
                nik: try NIK(Self.budiNIK), fullName: "Budi Santoso", birthDate: date("1985-03-12"), sex: .male,
                village: try RegionCode("32.14.01.2001"), occupation: "trader", branchOffice: purwakarta.id, registeredBy: agent.id))
            let siti = try session.register(NewWorker(
                nik: try NIK(Self.sitiNIK), fullName: "Siti Rahayu", birthDate: date("1990-07-15"), sex: .female,
                village: try RegionCode("32.14.01.2002"), branchOffice: purwakarta.id))
            let informal = try session.enrol(.informal(worker: budi.id, declaredIncome: 1_500_000, startDate: date("2025-01-01")))
            try session.payInformalDues(for: informal.id, months: 3, amount: 65_400, receipt: "BPU-0001", channel: .agent)
            try session.enrol(.wageEarner(worker: siti.id, employer: employer.id, wage: 5_000_000, startDate: date("2025-01-01"),
                                          programs: [.jkk, .jkm, .jht, .jp]))
            try session.issueBills(for: month("2025-01"))
            return (budi, siti, employer)
        }
        for text in ["2025-02", "2025-03", "2025-04", "2025-05", "2025-06"] {
            let current = month(text)
            clock.set(current.firstDay)
            _ = try registry.write { try $0.issueBills(for: current) }
            if text == "2025-03" {
                clock.set(date("2025-03-02"))
                try registry.write(actor: "fixture") { session in
                    let branch = try session.office(code: "KC-BTL")!
                    let agus = try session.register(NewWorker(
                        nik: try NIK(Self.agusNIK), fullName: "Agus Wibowo", birthDate: date("1980-01-01"), sex: .male,
                        village: try RegionCode("34.02.01.2001"), occupation: "farmer", branchOffice: branch.id))
                    let membership = try session.enrol(.informal(worker: agus.id, declaredIncome: 1_000_000, startDate: date("2025-03-01")))
                    try session.payInformalDues(for: membership.id, months: 12, amount: 201_600, receipt: "BPU-0002", channel: .eWallet)
                }
            }
            clock.set(current.day(10))
            try registry.write { session in
                let previous = current.adding(months: -1)
                let owed = try session.memberships(of: siti.id).flatMap { try session.bills(of: $0.id) }
                    .filter { $0.month == previous }.map(\.outstanding).sum()
                try session.payEmployerDues(employer: employer.id, month: previous, amount: owed,
                                            receipt: "PU-\(previous)", channel: .bankTransfer)
            }
        }
        (budiKPJ, sitiKPJ) = try registry.read { session in
            (try session.worker(budi.id)!.kpj.description, try session.worker(siti.id)!.kpj.description)
        }
        agusKPJ = try registry.read { try $0.worker(nik: try NIK(Self.agusNIK))!.kpj.description }
    }
}
