import Foundation
import Registry
import SQLiteDB
import Testing

/// A central register (``SmallRegistry``) and helpers for offline work on its extracts, all at
/// 2025-06-20 by a fixed clock.
struct SyncFixture {
    static let now = JakartaCalendar.startOfDay(CalendarDate(iso: "2025-06-20")!).addingTimeInterval(3 * 3600)
    let directory: TemporaryDirectory
    let centrePath: String

    init() throws {
        directory = try TemporaryDirectory()
        centrePath = directory.path("centre.sqlite")
        _ = try SmallRegistry(at: centrePath)
    }

    func open(_ path: String) throws -> Registry {
        try Registry(path: path, clock: { Self.now })
    }

    var centre: Registry { get throws { try open(centrePath) } }

    func extract(_ area: ExtractArea, named name: String) throws -> String {
        let path = directory.path(name)
        _ = try centre.extract(area, to: path)
        return path
    }

    static func day(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

    /// Registers a man born 1990-01-01 in Purwakarta (NIK 321401010190`serial`), enrols him
    /// informal from June 2025 and pays 3 months; returns the amount paid.
    @discardableResult
    static func enrolAndPay(on registry: Registry, serial: String, name: String, receipt: String) throws -> Rupiah {
        try registry.write(actor: "test") { session in
            let branch = try #require(try session.office(code: "KC-PWK"))
            let worker = try session.register(NewWorker(
                nik: try NIK("321401010190" + serial), fullName: name, birthDate: day("1990-01-01"), sex: .male,
                village: try RegionCode("32.14.01.2001"), occupation: "fisher", branchOffice: branch.id))
            let membership = try session.enrol(.informal(worker: worker.id, declaredIncome: 1_000_000, startDate: day("2025-06-01")))
            let amount = try session.amountOwed(for: membership.id, months: 3)
            try session.payInformalDues(for: membership.id, months: 3, amount: amount, receipt: receipt, channel: .agent)
            return amount
        }
    }

    /// Pays `months` of the informal membership of the worker with `nik`.
    @discardableResult
    static func pay(on registry: Registry, nik: String, months: Int, receipt: String) throws -> Rupiah {
        try registry.write(actor: "test") { session in
            let worker = try #require(try session.worker(nik: try NIK(nik)))
            let membership = try #require(try session.memberships(of: worker.id).first { $0.segment == .informal })
            let amount = try session.amountOwed(for: membership.id, months: months)
            try session.payInformalDues(for: membership.id, months: months, amount: amount, receipt: receipt, channel: .agent)
            return amount
        }
    }

    /// Counts and sums that doing the same work centrally must give.
    static func ledgerTotals(_ registry: Registry) throws -> [Int64] {
        try registry.read { session in
            let db = session.connection
            return try [
                "SELECT count(*) FROM workers", "SELECT count(*) FROM memberships", "SELECT count(*) FROM membership_programs",
                "SELECT count(*) FROM bills", "SELECT count(*) FROM bill_lines", "SELECT coalesce(sum(amount), 0) FROM bill_lines",
                "SELECT count(*) FROM payments", "SELECT coalesce(sum(amount), 0) FROM payments",
                "SELECT count(*) FROM payment_allocations", "SELECT coalesce(sum(amount), 0) FROM payment_allocations",
                "SELECT coalesce(sum(allocated), 0) FROM payment_allocation_totals",
                "SELECT count(*) FROM membership_status_spans",
            ].map { try db.fetchValue(Int64.self, $0) ?? -1 }
        }
    }

    static func problems(_ registry: Registry) throws -> [String] {
        try registry.read { try $0.consistencyProblems(on: day("2025-06-20")).map { "\($0)" } }
    }
}
