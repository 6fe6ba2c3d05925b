import Foundation
import Registry
import SQLiteDB
import Testing

/// `registry pay project`, `registry bill` and `worker show` on construction (JAKON) projects:
/// a register with two projects of one contractor (one of them under a name two projects
/// share) and a worker on the first.
@Suite struct PayProjectCommandTests {
    let dir: TemporaryDirectory
    let db: String
    let workerKPJ: String

    init() throws {
        dir = try TemporaryDirectory()
        db = dir.path("projects.sqlite")
        let day = { (text: String) in CalendarDate(iso: text)! }
        let registry = try Registry(path: db)
        workerKPJ = try registry.write(actor: "fixture") { session in
            for (code, name) in [("32", "Jawa Barat"), ("32.14", "Purwakarta"), ("32.14.01", "Purwakarta"),
                                 ("32.14.01.2001", "Desa Satu")] {
                try session.addRegion(try RegionCode(code), name: name)
            }
            let head = try session.addOffice(NewOffice(code: "KP", name: "Kantor Pusat", kind: .headOffice))
            let region = try session.addOffice(NewOffice(code: "KW", name: "Kanwil", kind: .regionalOffice, parent: head.id))
            let branch = try session.addOffice(NewOffice(code: "KC", name: "KCP Purwakarta", kind: .pioneerBranch, parent: region.id))
            let contractor = try session.registerEmployer(NewEmployer(
                npp: try EmployerNumber("NPP-0009"), name: "CV Bangun Desa", sizeClass: .small, riskGroup: .high,
                village: try RegionCode("32.14.01.2001"), branchOffice: branch.id))
            let project = try session.registerProject(NewConstructionProject(
                contractor: contractor.id, name: "Jembatan Desa Satu", contractValue: 1_000_000_000,
                workOrderDate: day("2025-02-20"), startDate: day("2025-03-01"), endDate: day("2025-12-31")))
            for _ in 0..<2 {
                try session.registerProject(NewConstructionProject(
                    contractor: contractor.id, name: "Pasar Desa", contractValue: 250_000_000,
                    workOrderDate: day("2025-04-01"), startDate: day("2025-04-15"), endDate: day("2025-12-31")))
            }
            let worker = try session.register(NewWorker(
                nik: try NIK("3214015505920006"), fullName: "Wati", birthDate: day("1992-05-15"), sex: .female,
                village: try RegionCode("32.14.01.2001"), branchOffice: branch.id))
            try session.enrol(NewMembership(worker: worker.id, segment: .construction, startDate: day("2025-03-01"),
                                            payer: .employer, programs: [.jkk, .jkm], project: project.id))
            return worker.kpj.description
        }
        try registry.close()
    }

    func run(_ arguments: [String]) throws -> ToolResult {
        try Tool.run(arguments + ["--db", db])
    }

    @Test func aContractorPaysTheProjectByNameAndItsWorkerIsActive() throws {
        let wrong = try run(["pay", "project", "Jembatan Desa Satu", "--amount", "1700000", "--receipt", "JK-1"])
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("amount: Rp1.700.000 does not match the Rp1.750.000 owed for construction project 1 (bill of 2025-03, due 2025-03-12)"), "\(wrong.stderr)")

        let before = try run(["worker", "show", workerKPJ, "--as-of", "2025-03-20"])
        #expect(before.stdout.contains("project 1 Jembatan Desa Satu not billed yet"), "\(before.stdout)")

        let paid = try run(["pay", "project", "jembatan desa satu", "--amount", "1750000", "--receipt", "JK-1",
                            "--channel", "bank_transfer", "--paid-at", "2025-03-10T09:00:00+07:00"])
        #expect(paid.status == 0, "\(paid.stderr)")
        #expect(paid.stdout == "recorded JK-1: Rp1.750.000 for construction project 1\n")

        let shown = try run(["worker", "show", workerKPJ])
        #expect(shown.stdout.contains("project bill 2025-03, due 2025-03-12: Rp1.750.000, paid Rp1.750.000, outstanding Rp0"), "\(shown.stdout)")
        #expect(shown.stdout.contains("status on ") && shown.stdout.contains(": active"), "\(shown.stdout)")

        let again = try run(["pay", "project", "1", "--amount", "1750000", "--receipt", "JK-2"])
        #expect(again.status == 1 && again.stderr.contains("construction_project_id: '1' owes nothing: the project's bill (2025-03) is paid"), "\(again.stderr)")
        #expect(try run(["check"]).status == 0)
    }

    @Test func aNameTwoProjectsShareIsRefusedWithTheirIds() throws {
        let result = try run(["pay", "project", "Pasar Desa", "--amount", "525000", "--receipt", "JK-3"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("construction_project: 'Pasar Desa' names 2 projects (ids 2, 3): give the id"), "\(result.stderr)")
        #expect(try run(["pay", "project", "3", "--amount", "525000", "--receipt", "JK-3"]).status == 0)
    }

    /// The monthly run bills the projects whose work order is dated by the month's end, once.
    @Test func theBillingRunBillsNewProjects() throws {
        let march = try run(["bill", "--month", "2025-03"])
        #expect(march.status == 0, "\(march.stderr)")
        #expect(march.stdout == "2025-03: 0 bills issued, total Rp0\n2025-03: 1 construction project bill issued, total Rp1.750.000\n")
        let april = try run(["bill", "--month", "2025-04"])
        #expect(april.stdout == "2025-04: 0 bills issued, total Rp0\n2025-04: 2 construction project bills issued, total Rp1.050.000\n")
        #expect(try run(["bill", "--month", "2025-05"]).stdout == "2025-05: 0 bills issued, total Rp0\n")
    }
}
