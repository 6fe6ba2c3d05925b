// The base register every size starts from: RegistryDemo's regions, offices, employers,
// labour force and targets, with the fewest demo workers it allows. Built once per run; the
// generated members are added to copies of it.
import Foundation
import Registry
import RegistryDemo
import SQLiteDB

/// The highest id of each table the workloads write, read from a file: ranges of new rows
/// (what an import or a ledger month added) are the ids between two of these. Allocations have
/// no id of their own (0027): `allocations` counts them, and a month's are those of its payments.
struct TableMaxima: Equatable {
    var workers: Int64 = 0
    var memberships: Int64 = 0
    var bills: Int64 = 0
    /// `bill_adjustments` (0026: a bill's billing-run lines are its columns).
    var billLines: Int64 = 0
    var payments: Int64 = 0
    var allocations: Int64 = 0

    static func read(_ db: RawDB) throws -> TableMaxima {
        func max(_ table: String) throws -> Int64 { try db.integer("SELECT coalesce(max(id), 0) FROM \(table)") }
        return TableMaxima(
            workers: try max("workers"), memberships: try max("memberships"), bills: try max("bills"),
            billLines: try max("bill_adjustments"), payments: try max("payments"),
            allocations: try db.integer("SELECT count(*) FROM payment_allocations"))
    }
}

struct BaseRegister {
    struct Village {
        var code: String
        /// Index into ``BaseRegister/districtDigits``.
        var district: Int
        var regency: String
    }

    struct Employer {
        var id: Int64
        var npp: String
        /// The programs its wage earners must have (segment_programs: required ones only, so
        /// JKP, which is conditional, is left out with its eligibility unknown).
        var programs: String
    }

    let path: String
    var villages: [Village] = []
    /// District codes without dots (`321401`): the first six digits of a NIK.
    var districtDigits: [String] = []
    /// The branch serving each regency when the ledger starts.
    var branchOfRegency: [String: String] = [:]
    var fallbackBranch = ""
    var employers: [Employer] = []
    /// NIKs of the demo workers, which generated members must not reuse.
    var existingNIKs: Set<String> = []
    var firstFreeKPJSerial: Int64 = KPJ.serials.lowerBound
    var maxima = TableMaxima()

    static let demoOptions = DemoOptions(workers: DemoOptions.minimumWorkers, seed: 2026,
                                         throughMonth: BenchCalendar.baseThroughMonth, months: 12)
    static var demoDescription: String {
        "\(demoOptions.workers) workers, \(demoOptions.months) months through \(demoOptions.throughMonth)"
    }

    /// Builds the base register at `path` (removing an old one) and reads what generation needs.
    /// The ledger is opened at the ledger workload's first month here, before the members are
    /// imported, as a register taking over from an older system would: the import's own
    /// standing refresh then computes each membership once with it. Opened after the import
    /// instead, it would mark every membership stale and recompute them all in a second pass.
    static func build(at path: String) throws -> BaseRegister {
        DatabaseFiles.remove(path)
        try DemoRegistry.build(at: path, options: demoOptions) { Log.step("  base register: \($0)") }
        try BenchLedgerOpening.ensure(path, cacheKiB: 65_536)
        try DatabaseFiles.checkpoint(path)
        return try load(path)
    }

    static func load(_ path: String) throws -> BaseRegister {
        var base = BaseRegister(path: path)
        let db = try RawDB(path, cacheKiB: 2048)
        var districtIndex: [String: Int] = [:]
        try db.forEach("""
            SELECT v.code, v.district_code, d.regency_code
            FROM villages v JOIN districts d ON d.code = v.district_code ORDER BY v.code
            """) { row in
            let district = row.text(1)
            let index = districtIndex[district] ?? {
                base.districtDigits.append(district.filter(\.isNumber))
                districtIndex[district] = base.districtDigits.count - 1
                return base.districtDigits.count - 1
            }()
            base.villages.append(Village(code: row.text(0), district: index, regency: row.text(2)))
        }
        let day = BenchCalendar.ledgerStart.previous.lastDay.isoString
        try db.forEach("""
            SELECT br.regency_code, o.code FROM branch_regencies br JOIN offices o ON o.id = br.branch_office_id
            WHERE br.effective_from <= '\(day)' AND coalesce(br.effective_to, '9999-12-31') >= '\(day)'
            """) { row in base.branchOfRegency[row.text(0)] = row.text(1) }
        base.fallbackBranch = try {
            let statement = try db.prepare("SELECT code FROM offices WHERE kind IN ('branch', 'pioneer_branch') ORDER BY id LIMIT 1")
            guard try statement.step() else { throw RawError(description: "the base register has no branch") }
            return statement.text(0)
        }()
        try db.forEach("""
            SELECT e.id, e.npp,
                   (SELECT group_concat(program_code, ' ') FROM (
                        SELECT sp.program_code FROM segment_programs sp
                        WHERE sp.segment_code = 'wage_earner' AND sp.employer_size_class = e.size_class
                          AND sp.requirement = 'required' AND sp.effective_from <= '\(day)'
                          AND coalesce(sp.effective_to, '9999-12-31') >= '\(day)'
                        ORDER BY sp.id))
            FROM employers e ORDER BY e.id
            """) { row in base.employers.append(Employer(id: row.int(0), npp: row.text(1), programs: row.text(2))) }
        try db.forEach("SELECT nik FROM workers") { base.existingNIKs.insert($0.text(0)) }
        let highest = try db.integer("SELECT coalesce(max(CAST(substr(kpj, 1, 10) AS INTEGER)), 0) FROM workers")
        base.firstFreeKPJSerial = max(highest + 1, KPJ.serials.lowerBound)
        base.maxima = try TableMaxima.read(db)
        guard !base.villages.isEmpty, !base.employers.isEmpty else {
            throw RawError(description: "the base register has no villages or no employers")
        }
        return base
    }
}
