import Foundation
import Registry
import SQLiteDB
import Testing

/// A directory for one test's register, removed when the test ends.
final class RegisterDirectory {
    let url: URL

    init(_ name: String) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// The region and office chain a worker needs (Purwakarta), in a registry opened on a file.
func addPurwakarta(_ session: RegistrySession) throws -> Office.ID {
    for (code, name) in [("32", "Jawa Barat"), ("32.14", "Purwakarta"), ("32.14.01", "Purwakarta"),
                         ("32.14.01.2001", "Desa Satu")] {
        try session.addRegion(try RegionCode(code), name: name)
    }
    let head = try session.addOffice(NewOffice(code: "KP", name: "Kantor Pusat", kind: .headOffice))
    let region = try session.addOffice(NewOffice(code: "KW-JABAR", name: "Kanwil Jawa Barat", kind: .regionalOffice, parent: head.id))
    return try session.addOffice(NewOffice(code: "KC-PWK", name: "KCP Purwakarta", kind: .pioneerBranch, parent: region.id)).id
}

/// A new worker in Purwakarta, born 1985-03-12, NIK serial `serial`.
func purwakartaWorker(serial: Int, branch: Office.ID) -> NewWorker {
    NewWorker(nik: nik(String(format: "3214011203850%03d", serial)), fullName: "Budi \(serial)", birthDate: day("1985-03-12"),
              sex: .male, village: try! RegionCode("32.14.01.2001"), branchOffice: branch)
}

@Suite struct RegistryClockTests {
    @Test func theSystemClockReadsTheComputersTime() {
        let before = Date()
        let now = RegistryClock.system.now()
        #expect(now >= before && now <= Date())
    }

    @Test func aFixedClockStampsEveryRowWithItsInstant() throws {
        let directory = try RegisterDirectory("clock")
        let registry = try Registry(path: directory.path("r.sqlite"), clock: .fixed(day("2025-03-04"), hour: 10))
        let worker = try registry.write { session in
            try session.register(purwakartaWorker(serial: 1, branch: try addPurwakarta(session)))
        }
        let instant = JakartaCalendar.startOfDay(day("2025-03-04")).addingTimeInterval(10 * 3600)
        #expect(worker.registeredAt == instant)
        #expect(try registry.read { $0.today } == day("2025-03-04"))
        #expect(RegistryClock.fixed(instant).now() == instant)
        try registry.close()
    }

    /// History written under a settable clock: each row carries the time the clock stood at,
    /// and a payment may not be dated after it (the control that the clock is the one read).
    @Test func aSettableClockWritesHistory() throws {
        let directory = try RegisterDirectory("clock")
        let clock = RegistryClock.Settable(day("2025-01-02"))
        let registry = try Registry(path: directory.path("r.sqlite"), clock: clock.clock)
        let membership = try registry.write { session in
            let worker = try session.register(purwakartaWorker(serial: 1, branch: try addPurwakarta(session)))
            return try session.enrol(.informal(worker: worker.id, declaredIncome: 1_000_000, startDate: day("2025-01-01")))
        }
        clock.set(day("2025-02-10"), hour: 14, minute: 30)
        let tenth = JakartaCalendar.startOfDay(day("2025-02-10")).addingTimeInterval(14.5 * 3600)
        #expect(clock.now == tenth)
        let later = tenth.addingTimeInterval(3600)
        let refused = registryError {
            try registry.write { session in
                _ = try session.payInformalDues(for: membership.id, months: 1, amount: 16_800, receipt: "R-1",
                                                channel: .eWallet, paidAt: later)
            }
        }
        #expect(refused?.field == "paid_at", "a payment an hour after the clock's now is in the future")
        clock.advance(by: 3600)
        #expect(clock.now == later)
        let payment = try registry.write { session in
            try session.payInformalDues(for: membership.id, months: 1, amount: 16_800, receipt: "R-1",
                                        channel: .eWallet, paidAt: later)
        }
        #expect(payment.paidAt == later)
        let recorded = try registry.pool.read { db in
            try db.fetchValue(UnixMilliseconds.self, "SELECT recorded_at FROM payments WHERE receipt_number = 'R-1'")
        }
        #expect(recorded == UnixMilliseconds(later))   // milliseconds since 0027
        try registry.close()
    }

    @Test func theClosureFormStillTakesAClosure() throws {
        let directory = try RegisterDirectory("clock")
        let instant = JakartaCalendar.startOfDay(day("2024-12-31"))
        let registry = try Registry(path: directory.path("r.sqlite"), clock: { instant })
        #expect(registry.clock() == instant)
        let session = RegistrySession(try Connection(.memory), clock: .fixed(instant))
        #expect(session.clock() == instant && session.today == day("2024-12-31"))
        try registry.close()
    }
}
