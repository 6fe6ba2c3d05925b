import Foundation
import SQLiteDB
import Testing

/// `registry eligibility NIK|KPJ --program P --on DATE`: the verdict and its reasons, exit 0
/// only when eligible, every answer audited under --actor.
@Suite struct EligibilityCommandTests {
    let dir: TemporaryDirectory
    let db: String
    let registry: SmallRegistry

    init() throws {
        dir = try TemporaryDirectory()
        db = dir.path("small.sqlite")
        registry = try SmallRegistry(at: db)
    }

    @Test func theVerdictTheReasonsAndTheExitStatus() throws {
        // Budi (BPU) paid January to March on time; April to June are owed.
        let march = try Tool.run(["eligibility", registry.budiKPJ, "--program", "jkk", "--on", "2025-03-20", "--db", db, "--actor", "claims:dewi"])
        #expect(march.status == 0, "\(march.stderr)")
        #expect(march.stdout.hasPrefix("Budi Santoso (KPJ \(registry.budiKPJ), NIK 3214********0001): JKK on 2025-03-20: eligible\n"))
        #expect(march.stdout.contains("the dues of 2025-03 (Rp21.800, due 2025-03-15) were paid by their due date"))

        let june = try Tool.run(["eligibility", SmallRegistry.budiNIK, "--program", "JKM", "--on", "2025-06-20", "--db", db, "--actor", "claims:dewi"])
        #expect(june.status == 1)
        #expect(june.stdout.contains("JKM on 2025-06-20: not eligible"))
        #expect(june.stdout.contains("the dues of 2025-06 (Rp21.800, due 2025-06-15) were not paid by 2025-06-20"))
        #expect(june.stderr == "registry: JKM on 2025-06-20: not_eligible\n")
        #expect(!(june.stdout + june.stderr).contains(SmallRegistry.budiNIK), "the NIK given is masked")

        let json = try Tool.run(["eligibility", registry.budiKPJ, "--program", "JKK", "--on", "2025-03-20", "--format", "json", "--db", db])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["verdict"] as? String == "eligible")
        #expect((object["checks"] as? [[String: Any]])?.map { $0["rule"] as? String } == ["membership_in_force", "dues_paid_on_time"])

        let audit = try Connection(.file(db), mode: .readOnly)
        #expect(try audit.fetchValues(String.self, "SELECT asked_by || ' ' || verdict FROM eligibility_answers ORDER BY id")
                == ["claims:dewi eligible", "claims:dewi not_eligible", "registry-cli eligible"])
    }

    @Test func badArgumentsAreUsageErrors() throws {
        let unknown = try Tool.run(["eligibility", registry.budiKPJ, "--program", "XYZ", "--on", "2025-03-20", "--db", db])
        #expect(unknown.status == 2, "\(unknown.stderr)")
        let neither = try Tool.run(["eligibility", "12345", "--program", "JKK", "--on", "2025-03-20", "--db", db])
        #expect(neither.status == 2 && neither.stderr.contains("is neither a NIK (16 digits) nor a KPJ (11 digits)"))
        let nobody = try Tool.run(["eligibility", "10000000091", "--program", "JKK", "--on", "2025-03-20", "--db", db])
        #expect(nobody.status == 1 && nobody.stderr.contains("kpj: nothing is registered under '10000000091'"), "\(nobody.stderr)")
        #expect(try Connection(.file(db), mode: .readOnly).fetchValue(Int.self, "SELECT count(*) FROM eligibility_answers") == 0)
    }
}
