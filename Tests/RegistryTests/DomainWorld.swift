import Foundation
import Registry
import SQLiteDB

/// A clock the tests move by hand, so rows carry the dates a scenario needs.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ date: CalendarDate, hour: Int = 3) {
        current = JakartaCalendar.startOfDay(date).addingTimeInterval(TimeInterval(hour * 3600))
    }

    var now: Date { lock.withLock { current } }

    /// Moves to `date`, 10:00 in Jakarta.
    func set(_ date: CalendarDate) {
        lock.withLock { current = JakartaCalendar.startOfDay(date).addingTimeInterval(10 * 3600) }
    }

    var read: @Sendable () -> Date { { self.now } }
}

func day(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }
func nik(_ text: String) -> NIK { try! NIK(text) }

/// A small registry built through the domain API: Jawa Barat (Purwakarta) and DI Yogyakarta
/// (Bantul), the office chain head office → Jawa Barat → pioneer branch Purwakarta, an employer
/// and an agent. Every test gets its own in-memory database.
struct DomainWorld {
    let session: RegistrySession
    let clock: TestClock
    let headOffice: Office
    let regionalOffice: Office
    let branch: Office
    let employer: Employer
    let agent: Agent

    static let village = try! RegionCode("32.14.01.2001")
    static let otherVillage = try! RegionCode("32.14.01.2002")
    static let bantulVillage = try! RegionCode("34.02.01.2001")

    /// `migrations`: the ones to apply, to build a register as an older version kept it (nil:
    /// every migration).
    init(today: CalendarDate = day("2025-01-02"), migrations: [Migration]? = nil) throws {
        clock = TestClock(today)
        let db = try Connection(.memory)
        if let migrations { try Migrator(migrations: migrations).migrate(db) } else { try RegistrySchema.migrate(db) }
        session = RegistrySession(db, clock: clock.read)
        for (code, name) in [
            ("32", "Jawa Barat"), ("32.14", "Purwakarta"), ("32.14.01", "Purwakarta"),
            ("32.14.01.2001", "Desa Satu"), ("32.14.01.2002", "Desa Dua"),
            ("34", "DI Yogyakarta"), ("34.02", "Bantul"), ("34.02.01", "Srandakan"), ("34.02.01.2001", "Poncosari"),
        ] {
            try session.addRegion(try RegionCode(code), name: name)
        }
        headOffice = try session.addOffice(NewOffice(code: "KP", name: "Kantor Pusat", kind: .headOffice))
        regionalOffice = try session.addOffice(NewOffice(code: "KW-JABAR", name: "Kantor Wilayah Jawa Barat",
                                                         kind: .regionalOffice, parent: headOffice.id))
        branch = try session.addOffice(NewOffice(code: "KC-PWK", name: "Kantor Cabang Perintis Purwakarta",
                                                 kind: .pioneerBranch, parent: regionalOffice.id))
        try session.assign(regency: try RegionCode("32.14"), to: branch.id, from: day("2015-01-01"))
        employer = try session.registerEmployer(NewEmployer(
            npp: try EmployerNumber("NPP-0001"), name: "PT Garmen Sejahtera", sizeClass: .medium, riskGroup: .low,
            village: Self.village, branchOffice: branch.id))
        agent = try session.registerAgent(NewAgent(
            fullName: "Sri Perisai", phone: "081200000001", branchOffice: branch.id, activeFrom: day("2018-03-01"),
            villages: [Self.village]))
    }

    var db: Connection { session.connection }

    /// A valid new worker in Purwakarta: NIK district 32.14.01, date part matching `birth` and `sex`.
    func newWorker(serial: Int, name: String = "Budi Santoso", birth: String = "1985-03-12", sex: Sex = .male,
                   agent: Agent.ID? = nil) -> NewWorker {
        let date = day(birth)
        let dd = date.day + (sex == .female ? 40 : 0)
        let digits = String(format: "321401%02d%02d%02d%04d", dd, date.month, date.year % 100, serial)
        return NewWorker(nik: nik(digits), fullName: name, birthDate: date, sex: sex, village: Self.village,
                         branchOffice: branch.id, registeredBy: agent)
    }

    func register(serial: Int, name: String = "Budi Santoso", birth: String = "1985-03-12", sex: Sex = .male) throws -> Worker {
        try session.register(newWorker(serial: serial, name: name, birth: birth, sex: sex))
    }
}

/// A file-backed ``Registry`` (for what a bare session cannot show: transactions, batches, the
/// audit actor) with Purwakarta's regions down to one village, the office chain head office →
/// regional office → pioneer branch, and an employer.
struct FileWorld {
    let registry: Registry
    let branch: Office.ID
    let employer: Employer.ID
    static let village = try! RegionCode("32.14.01.2001")

    init(at path: String, clock: TestClock) throws {
        registry = try Registry(path: path, clock: clock.read)
        (branch, employer) = try registry.write(actor: "setup") { session in
            for (code, name) in [("32", "Jawa Barat"), ("32.14", "Purwakarta"), ("32.14.01", "Purwakarta"), ("32.14.01.2001", "Desa Satu")] {
                try session.addRegion(try RegionCode(code), name: name)
            }
            let head = try session.addOffice(NewOffice(code: "KP", name: "Kantor Pusat", kind: .headOffice))
            let region = try session.addOffice(NewOffice(code: "KW", name: "Kanwil", kind: .regionalOffice, parent: head.id))
            let branch = try session.addOffice(NewOffice(code: "KC", name: "KCP", kind: .pioneerBranch, parent: region.id))
            let employer = try session.registerEmployer(NewEmployer(
                npp: try EmployerNumber("NPP-0001"), name: "PT Garmen", sizeClass: .medium, riskGroup: .low,
                village: Self.village, branchOffice: branch.id))
            return (branch.id, employer.id)
        }
    }
}
