import Foundation
import Registry
import SQLiteDB

/// The small register that imported rows are validated against, built once per process in a
/// temporary directory (removed at exit) through the library, with a fixed clock.
///
/// - Regions: Jawa Barat › Purwakarta › district Purwakarta › villages 32.14.01.2001 and
///   .2002; DI Yogyakarta › Bantul › Srandakan › Poncosari 34.02.01.2001.
/// - Offices: `KP` › `KW-JABAR` › `KC-PWK` (serves 32.14) and `KC-BTL` (serves 34.02).
/// - Employers: `NPP-0001` (garments) and `NPP-0002`, contractor of the project `Jembatan Cikao`.
/// - Workers: Budi (``budiNIK``, KPJ ``budiKPJ``), informal (BPU) member since 2025-01-01 on a
///   declared income of Rp1.500.000; Siti (``sitiNIK``, KPJ ``sitiKPJ``), no membership yet.
public final class FuzzRegister: Sendable {
    public static let budiNIK = "3214011203850001"
    public static let sitiNIK = "3214015507900002"
    public static let budiKPJ = KPJ(serial: 1_000_000_000)
    public static let sitiKPJ = KPJ(serial: 1_000_000_001)
    /// The registry's "now": 2025-06-30, 10:00 in Jakarta, after every payment the seeds date in
    /// June (a payment dated later than now is refused).
    public static let now = JakartaCalendar.startOfDay(CalendarDate(year: 2025, month: 6, day: 30)!).addingTimeInterval(10 * 3600)

    public let registry: Registry
    /// Rows in the tables an import writes (and the audit log), as built: a dry run must leave it.
    public let fingerprint: String

    /// The register of this process, built on first use.
    public static func shared() throws -> FuzzRegister {
        try lock.withLock {
            if let built { return built }
            let register = try FuzzRegister()
            built = register
            return register
        }
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var built: FuzzRegister?

    private init() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("registry-fuzz-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        removeAtExit = directory.path
        atexit { if let path = removeAtExit { try? FileManager.default.removeItem(atPath: path) } }

        let now = Self.now
        registry = try Registry(path: directory.appendingPathComponent("register.sqlite").path, clock: { now })
        try registry.write(actor: "fuzz") { session in
            for (code, name) in [
                ("32", "Jawa Barat"), ("32.14", "Purwakarta"), ("32.14.01", "Purwakarta"),
                ("32.14.01.2001", "Ciseureuh"), ("32.14.01.2002", "Desa Dua"),
                ("34", "DI Yogyakarta"), ("34.02", "Bantul"), ("34.02.01", "Srandakan"), ("34.02.01.2001", "Poncosari"),
            ] {
                try session.addRegion(try RegionCode(code), name: name)
            }
            let date = { (text: String) in CalendarDate(iso: text)! }
            let head = try session.addOffice(NewOffice(code: "KP", name: "Kantor Pusat", kind: .headOffice))
            let region = try session.addOffice(NewOffice(code: "KW-JABAR", name: "Kanwil Jawa Barat", kind: .regionalOffice, parent: head.id))
            let purwakarta = try session.addOffice(NewOffice(code: "KC-PWK", name: "KCP Purwakarta", kind: .pioneerBranch,
                                                             parent: region.id, village: try RegionCode("32.14.01.2001")))
            let bantul = try session.addOffice(NewOffice(code: "KC-BTL", name: "KC Bantul", kind: .branch, parent: region.id))
            try session.assign(regency: try RegionCode("32.14"), to: purwakarta.id, from: date("2015-01-01"))
            try session.assign(regency: try RegionCode("34.02"), to: bantul.id, from: date("2015-01-01"))
            _ = try session.registerEmployer(NewEmployer(
                npp: try EmployerNumber("NPP-0001"), name: "PT Garmen Sejahtera", sizeClass: .medium, riskGroup: .low,
                village: try RegionCode("32.14.01.2001"), branchOffice: purwakarta.id))
            let contractor = try session.registerEmployer(NewEmployer(
                npp: try EmployerNumber("NPP-0002"), name: "PT Bangun Jaya", sizeClass: .large, riskGroup: .high,
                village: try RegionCode("32.14.01.2002"), branchOffice: purwakarta.id))
            _ = try session.registerProject(NewConstructionProject(
                contractor: contractor.id, name: "Jembatan Cikao", contractValue: 2_000_000_000, workOrderDate: date("2025-01-02"),
                startDate: date("2025-02-01"), endDate: date("2025-12-31"), site: try RegionCode("32.14.01.2002")))
            try session.recordLabourForce(year: 2024, area: try RegionCode("32.14"), employed: 480_000, unemployed: 31_870)
            let budi = try session.register(NewWorker(
                nik: try NIK(Self.budiNIK), fullName: "Budi Santoso", birthDate: date("1985-03-12"), sex: .male,
                village: try RegionCode("32.14.01.2001"), occupation: "petani", branchOffice: purwakarta.id, kpj: Self.budiKPJ))
            _ = try session.register(NewWorker(
                nik: try NIK(Self.sitiNIK), fullName: "Siti Rahayu", birthDate: date("1990-07-15"), sex: .female,
                village: try RegionCode("32.14.01.2002"), branchOffice: purwakarta.id, kpj: Self.sitiKPJ))
            _ = try session.enrol(.informal(worker: budi.id, declaredIncome: 1_500_000, startDate: date("2025-01-01")))
        }
        fingerprint = try Self.fingerprint(of: registry)
    }

    /// Row counts of every table an import writes, and of the audit log.
    public static func fingerprint(of registry: Registry) throws -> String {
        let tables = ["provinces", "regencies", "districts", "villages", "offices", "branch_regencies", "employers",
                      "construction_projects", "workers", "memberships", "membership_programs", "bills", "payments",
                      "payment_allocations", "labour_force", "targets", "audit_log"]
        // Table names are fixed here, never input: only values are ever bound.
        let sql = "SELECT " + tables.map { "(SELECT count(*) FROM \($0))" }.joined(separator: " || ',' || ")
        return try registry.pool.read { db in try db.fetchValue(String.self, sql) ?? "" }
    }
}

/// Where ``FuzzRegister`` lives, for the `atexit` handler (a C function cannot capture it).
nonisolated(unsafe) private var removeAtExit: String?
