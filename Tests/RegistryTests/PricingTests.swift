import Foundation
import Registry
import SQLiteDB
import Testing

// The contribution pricing engine against the seeded rule tables (0004_rules.sql): every worked
// figure of domain.md, as tables of exact rupiah.

/// Rules loaded once per month from one migrated database, shared by the table-driven cases.
final class SeededRules: @unchecked Sendable {
    static let shared = SeededRules()
    private let lock = NSLock()
    private var db: Connection?
    private var loaded: [ContributionMonth: ContributionRules] = [:]

    func rules(_ month: ContributionMonth) throws -> ContributionRules {
        try lock.withLock {
            if let rules = loaded[month] { return rules }
            if db == nil { db = try migratedDatabase() }
            let rules = try ContributionRules.load(on: month.firstDay, from: db!)
            loaded[month] = rules
            return rules
        }
    }
}

/// `YYYY-MM` as a month (the tables are written as text to stay readable).
func month(_ text: String) -> ContributionMonth { ContributionMonth(text)! }

/// Prices `basis` for `text` with the seeded rules.
func quote(_ basis: DuesBasis, _ programs: Set<Program>, _ text: String) throws -> DuesQuote {
    try SeededRules.shared.rules(month(text)).quote(basis, programs: programs, month: month(text))
}

/// The registry error `body` throws, or nil.
func registryError(_ body: () throws -> Void) -> RegistryError? {
    do {
        try body()
    } catch let error as RegistryError {
        return error
    } catch {
        Issue.record("unexpected error \(error)")
    }
    return nil
}

/// A line as the tables write it: program, share, amount (and basis when it matters).
struct Expected: Sendable, CustomStringConvertible {
    var program: Program
    var share: DuesShare
    var amount: Int64
    var basis: Int64?

    init(_ program: Program, _ share: DuesShare, _ amount: Int64, on basis: Int64? = nil) {
        self.program = program
        self.share = share
        self.amount = amount
        self.basis = basis
    }

    var description: String { "\(program) \(share) \(amount)" }
}

/// Checks program, share and amount of every line, in order, and the basis where given.
func expectLines(_ quote: DuesQuote, _ expected: [Expected], sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(quote.lines.map(\.program) == expected.map(\.program), sourceLocation: sourceLocation)
    #expect(quote.lines.map(\.share) == expected.map(\.share), sourceLocation: sourceLocation)
    #expect(quote.lines.map(\.amount) == expected.map { Rupiah($0.amount) }, sourceLocation: sourceLocation)
    for (line, want) in zip(quote.lines, expected) where want.basis != nil {
        #expect(line.basis == want.basis.map { Rupiah($0) }, "\(want)", sourceLocation: sourceLocation)
    }
}

@Suite("Pricing")
struct PricingTests {
    // MARK: BPU

    struct InformalCase: Sendable, CustomStringConvertible {
        var month: String
        var income: Int64
        var programs: Set<Program>
        var lines: [Expected]
        var total: Int64
        var description: String { "\(month) Rp\(income) \(programs.sorted())" }
    }

    static let informalCases: [InformalCase] = [
        // Minimum dues Rp16,800, Rp36,800 with JHT.
        .init(month: "2024-06", income: 1_000_000, programs: [.jkk, .jkm],
              lines: [.init(.jkk, .worker, 10_000, on: 1_000_000), .init(.jkm, .worker, 6_800)], total: 16_800),
        .init(month: "2024-06", income: 1_000_000, programs: [.jkk, .jkm, .jht],
              lines: [.init(.jkk, .worker, 10_000), .init(.jkm, .worker, 6_800), .init(.jht, .worker, 20_000, on: 1_000_000)],
              total: 36_800),
        .init(month: "2018-01", income: 1_000_000, programs: [.jkk, .jkm],
              lines: [.init(.jkk, .worker, 10_000), .init(.jkm, .worker, 6_800)], total: 16_800),
        .init(month: "2025-12", income: 1_000_000, programs: [.jkk, .jkm, .jht],
              lines: [.init(.jkk, .worker, 10_000), .init(.jkm, .worker, 6_800), .init(.jht, .worker, 20_000)], total: 36_800),
        // Snapped to the band's nominal income.
        .init(month: "2024-06", income: 1_050_000, programs: [.jkk, .jkm],
              lines: [.init(.jkk, .worker, 10_000, on: 1_000_000), .init(.jkm, .worker, 6_800)], total: 16_800),
        .init(month: "2024-06", income: 1_100_000, programs: [.jkk, .jkm],
              lines: [.init(.jkk, .worker, 11_000, on: 1_100_000), .init(.jkm, .worker, 6_800)], total: 17_800),
        .init(month: "2024-06", income: 3_199_999, programs: [.jkk, .jkm, .jht],
              lines: [.init(.jkk, .worker, 27_000, on: 2_700_000), .init(.jkm, .worker, 6_800),
                      .init(.jht, .worker, 54_000, on: 2_700_000)], total: 87_800),
        // Top band 20.7M: JKK at most Rp207,000.
        .init(month: "2024-06", income: 50_000_000, programs: [.jkk, .jkm],
              lines: [.init(.jkk, .worker, 207_000, on: 20_700_000), .init(.jkm, .worker, 6_800)], total: 213_800),
        .init(month: "2024-06", income: 20_700_000, programs: [.jkk, .jkm, .jht],
              lines: [.init(.jkk, .worker, 207_000), .init(.jkm, .worker, 6_800), .init(.jht, .worker, 414_000)],
              total: 627_800),
        // COVID relief Aug 2020 – Jan 2021: 1% of normal JKK/JKM (JKM Rp68); JHT unrelieved.
        .init(month: "2020-07", income: 1_000_000, programs: [.jkk, .jkm],
              lines: [.init(.jkk, .worker, 10_000), .init(.jkm, .worker, 6_800)], total: 16_800),
        .init(month: "2020-08", income: 1_000_000, programs: [.jkk, .jkm],
              lines: [.init(.jkk, .worker, 100), .init(.jkm, .worker, 68)], total: 168),
        .init(month: "2020-12", income: 1_000_000, programs: [.jkk, .jkm, .jht],
              lines: [.init(.jkk, .worker, 100), .init(.jkm, .worker, 68), .init(.jht, .worker, 20_000)], total: 20_168),
        .init(month: "2021-01", income: 5_000_000, programs: [.jkk, .jkm],
              lines: [.init(.jkk, .worker, 470, on: 4_700_000), .init(.jkm, .worker, 68)], total: 538),
        .init(month: "2021-02", income: 1_000_000, programs: [.jkk, .jkm],
              lines: [.init(.jkk, .worker, 10_000), .init(.jkm, .worker, 6_800)], total: 16_800),
    ]

    @Test("BPU dues on the band nominal of declared income", arguments: informalCases)
    func informal(_ c: InformalCase) throws {
        let q = try quote(.informal(declaredIncome: Rupiah(c.income)), c.programs, c.month)
        expectLines(q, c.lines)
        #expect(q.billableTotal == Rupiah(c.total))
        #expect(q.billable == q.lines)
        #expect(q.total(for: .worker) == Rupiah(c.total))
        #expect(q.total(for: .employer) == .zero)
        #expect(q.month == month(c.month))
    }

    @Test("BPU JKK line carries its basis and rate; JKM is flat")
    func informalLineDetail() throws {
        let q = try quote(.informal(declaredIncome: 1_050_000), [.jkk, .jkm], "2024-06")
        #expect(q.lines[0] == DuesLine(program: .jkk, share: .worker, amount: 10_000, basis: 1_000_000,
                                       rate: Rate(partsPerMillion: 10_000)))
        #expect(q.lines[1] == DuesLine(program: .jkm, share: .worker, amount: 6_800))
        let covid = try quote(.informal(declaredIncome: 1_000_000), [.jkm], "2020-08")
        #expect(covid.lines[0].note?.contains("1% of the normal Rp6.800") == true)
    }

    struct FloorCase: Sendable, CustomStringConvertible {
        var month: String
        var income: Int64
        var dues: Int64
        var minimum: Int64
        var description: String { "\(month) Rp\(income)" }
    }

    static let floorCases: [FloorCase] = [
        .init(month: "2024-06", income: 900_000, dues: 15_800, minimum: 16_800),
        .init(month: "2024-06", income: 999_999, dues: 16_800, minimum: 16_800),  // 9,999.99 rounds up
        .init(month: "2024-06", income: 999_949, dues: 16_799, minimum: 16_800),
        .init(month: "2024-06", income: 0, dues: 6_800, minimum: 16_800),
        .init(month: "2020-09", income: 900_000, dues: 158, minimum: 168),  // COVID relief applies
    ]

    @Test("BPU income under the floor is refused with the dues it would give", arguments: floorCases)
    func informalBelowFloor(_ c: FloorCase) {
        let error = registryError { _ = try quote(.informal(declaredIncome: Rupiah(c.income)), [.jkk, .jkm, .jht], c.month) }
        #expect(error == .incomeBelowFloor(
            declared: Rupiah(c.income), floor: 1_000_000, dues: Rupiah(c.dues), minimumDues: Rupiah(c.minimum)))
    }

    @Test("The floor error reads as domain.md's example")
    func floorMessage() {
        let error = registryError { _ = try quote(.informal(declaredIncome: 900_000), [.jkk, .jkm], "2024-06") }
        #expect(error?.description == "declared_income: declared income Rp900.000 is below the Rp1.000.000 floor"
            + " for informal workers (the minimum monthly dues, Rp16.800, are those of the floor)")
    }

    /// Rp999.999 gives dues of Rp16.799,99, rounded to Rp16.800: the message used to say "dues
    /// would be Rp16.800, minimum Rp16.800", a refusal for a figure equal to the minimum.
    @Test("The floor error just under the floor quotes no two equal amounts as would-be and minimum")
    func floorMessageJustUnderTheFloor() throws {
        let error = try #require(registryError { _ = try quote(.informal(declaredIncome: 999_999), [.jkk, .jkm], "2024-06") })
        guard case .incomeBelowFloor(_, _, let dues, let minimumDues) = error else {
            Issue.record("\(error)")
            return
        }
        #expect(dues == minimumDues, "the rounding that made the old message contradict itself")
        let message = error.description
        #expect(message.contains("Rp999.999 is below the Rp1.000.000 floor"))
        #expect(!message.contains("would be"), "\(message)")
        #expect(message.components(separatedBy: "Rp16.800").count == 2, "the minimum quoted once: \(message)")
        #expect(message == "declared_income: declared income Rp999.999 is below the Rp1.000.000 floor"
            + " for informal workers (the minimum monthly dues, Rp16.800, are those of the floor)")
    }

    // MARK: PU

    struct RiskCase: Sendable, CustomStringConvertible {
        var group: RiskGroup
        var rate: Rate
        var wage: Int64
        var jkk: Int64
        var description: String { "\(group) \(rate) of Rp\(wage)" }
    }

    static let riskCases: [RiskCase] = [
        .init(group: .veryLow, rate: Rate(percentHundredths: 24), wage: 5_000_000, jkk: 12_000),
        .init(group: .low, rate: Rate(percentHundredths: 54), wage: 5_000_000, jkk: 27_000),
        .init(group: .medium, rate: Rate(percentHundredths: 89), wage: 5_000_000, jkk: 44_500),
        .init(group: .high, rate: Rate(percentHundredths: 127), wage: 5_000_000, jkk: 63_500),
        .init(group: .veryHigh, rate: Rate(percentHundredths: 174), wage: 5_000_000, jkk: 87_000),
        .init(group: .veryLow, rate: Rate(percentHundredths: 24), wage: 3_333_333, jkk: 8_000),   // 7,999.9992
        .init(group: .veryHigh, rate: Rate(percentHundredths: 174), wage: 1_234_567, jkk: 21_481), // 21,481.4658
        .init(group: .medium, rate: Rate(percentHundredths: 89), wage: 50, jkk: 0),                // 0.445
        .init(group: .high, rate: Rate(percentHundredths: 127), wage: 50, jkk: 1),                 // 0.635
    ]

    @Test("PU JKK by risk group, employer's share", arguments: riskCases)
    func wageEarnerRiskGroups(_ c: RiskCase) throws {
        let q = try quote(.wageEarner(wage: Rupiah(c.wage), riskGroup: c.group, labourIntensive: false), [.jkk], "2024-06")
        #expect(q.lines == [DuesLine(program: .jkk, share: .employer, amount: Rupiah(c.jkk), basis: Rupiah(c.wage), rate: c.rate)])
        #expect(q.total(for: .employer) == Rupiah(c.jkk))
    }

    @Test("PU, every program: JKM 0.30, JHT 3.7 + 2.0 uncapped, JP 2 + 1 capped, JKP by government")
    func wageEarnerFullQuote() throws {
        let q = try quote(.wageEarner(wage: 12_000_000, riskGroup: .medium, labourIntensive: false),
                          Set(Program.allCases), "2025-03")
        expectLines(q, [
            .init(.jkk, .employer, 106_800, on: 12_000_000),
            .init(.jkm, .employer, 36_000, on: 12_000_000),
            .init(.jht, .employer, 444_000, on: 12_000_000),
            .init(.jht, .worker, 240_000, on: 12_000_000),
            .init(.jp, .employer, 210_948, on: 10_547_400),
            .init(.jp, .worker, 105_474, on: 10_547_400),
            .init(.jkp, .government, 18_000, on: 5_000_000),
        ])
        #expect(q.billable.map(\.share).contains(.government) == false)
        #expect(q.billable.count == 6)
        #expect(q.billableTotal == 1_143_222)
        #expect(q.total(for: .employer) == 797_748)
        #expect(q.total(for: .worker) == 345_474)
        #expect(q.total(for: .government) == 18_000)
        #expect(q.line(.jp, .worker)?.note?.contains("capped at Rp10.547.400") == true)
        #expect(q.line(.jht, .worker)?.note == nil)
    }

    @Test("PU prices only the programs asked for")
    func wageEarnerSubset() throws {
        let q = try quote(.wageEarner(wage: 4_000_000, riskGroup: .low, labourIntensive: false), [.jkm, .jkk], "2024-06")
        expectLines(q, [.init(.jkk, .employer, 21_600), .init(.jkm, .employer, 12_000)])
        #expect(q.billableTotal == 33_600)
    }

    @Test("JHT 5.7% = 3.7 employer + 2.0 worker, no wage cap", arguments: [
        (Int64(5_000_000), Int64(185_000), Int64(100_000)),
        (50_000_000, 1_850_000, 1_000_000),
        (12_345_678, 456_790, 246_914),  // 456,790.086 and 246,913.56
    ])
    func jht(wage: Int64, employer: Int64, worker: Int64) throws {
        let q = try quote(.wageEarner(wage: Rupiah(wage), riskGroup: .veryLow, labourIntensive: false), [.jht], "2023-07")
        expectLines(q, [.init(.jht, .employer, employer, on: wage), .init(.jht, .worker, worker, on: wage)])
    }

    struct CapCase: Sendable, CustomStringConvertible {
        var month: String
        var cap: Int64
        var employer: Int64
        var worker: Int64
        var description: String { "\(month) cap Rp\(cap)" }
    }

    /// Each year's JP cap in its March, and the preceding February still on the old cap.
    static let capCases: [CapCase] = [
        .init(month: "2019-03", cap: 8_512_400, employer: 170_248, worker: 85_124),
        .init(month: "2020-02", cap: 8_512_400, employer: 170_248, worker: 85_124),
        .init(month: "2020-03", cap: 8_939_700, employer: 178_794, worker: 89_397),
        .init(month: "2021-02", cap: 8_939_700, employer: 178_794, worker: 89_397),
        .init(month: "2021-03", cap: 8_754_600, employer: 175_092, worker: 87_546),
        .init(month: "2022-02", cap: 8_754_600, employer: 175_092, worker: 87_546),
        .init(month: "2022-03", cap: 9_077_600, employer: 181_552, worker: 90_776),
        .init(month: "2023-02", cap: 9_077_600, employer: 181_552, worker: 90_776),
        .init(month: "2023-03", cap: 9_559_600, employer: 191_192, worker: 95_596),
        .init(month: "2024-02", cap: 9_559_600, employer: 191_192, worker: 95_596),
        .init(month: "2024-03", cap: 10_042_300, employer: 200_846, worker: 100_423),
        .init(month: "2025-02", cap: 10_042_300, employer: 200_846, worker: 100_423),
        .init(month: "2025-03", cap: 10_547_400, employer: 210_948, worker: 105_474),
        .init(month: "2026-02", cap: 10_547_400, employer: 210_948, worker: 105_474),
        .init(month: "2026-03", cap: 11_086_300, employer: 221_726, worker: 110_863),
        .init(month: "2030-01", cap: 11_086_300, employer: 221_726, worker: 110_863),
    ]

    @Test("JP 2% + 1% on the wage capped by the cap in force on the month's first day", arguments: capCases)
    func jpCap(_ c: CapCase) throws {
        let q = try quote(.wageEarner(wage: 20_000_000, riskGroup: .medium, labourIntensive: false), [.jp], c.month)
        expectLines(q, [.init(.jp, .employer, c.employer, on: c.cap), .init(.jp, .worker, c.worker, on: c.cap)])
        let rules = try SeededRules.shared.rules(month(c.month))
        #expect(rules.parameter("jp_wage_cap") == c.cap)
    }

    @Test("JP under the cap is on the whole wage")
    func jpUnderCap() throws {
        let q = try quote(.wageEarner(wage: 8_000_000, riskGroup: .medium, labourIntensive: false), [.jp], "2024-03")
        expectLines(q, [.init(.jp, .employer, 160_000, on: 8_000_000), .init(.jp, .worker, 80_000, on: 8_000_000)])
        #expect(q.lines.allSatisfy { $0.note == nil })
    }

    @Test("JP before the first recorded cap (March 2019) has no rule in force")
    func jpBeforeFirstCap() {
        let error = registryError {
            _ = try quote(.wageEarner(wage: 5_000_000, riskGroup: .low, labourIntensive: false), [.jkk, .jp], "2019-02")
        }
        #expect(error == .noRuleInForce(rule: "scheme_parameters jp_wage_cap", date: "2019-02-01"))
    }

    struct JKPCase: Sendable, CustomStringConvertible {
        var month: String
        var wage: Int64
        var rate: Rate
        var basis: Int64
        var amount: Int64
        var description: String { "\(month) Rp\(wage)" }
    }

    static let jkpCases: [JKPCase] = [
        .init(month: "2021-03", wage: 8_000_000, rate: Rate(percentHundredths: 46), basis: 5_000_000, amount: 23_000),
        .init(month: "2025-01", wage: 8_000_000, rate: Rate(percentHundredths: 46), basis: 5_000_000, amount: 23_000),
        // February 2025 is priced on 1 February, before the 0.36% of 7 February.
        .init(month: "2025-02", wage: 8_000_000, rate: Rate(percentHundredths: 46), basis: 5_000_000, amount: 23_000),
        .init(month: "2025-03", wage: 8_000_000, rate: Rate(percentHundredths: 36), basis: 5_000_000, amount: 18_000),
        .init(month: "2025-03", wage: 4_000_000, rate: Rate(percentHundredths: 36), basis: 4_000_000, amount: 14_400),
        .init(month: "2025-01", wage: 3_333_333, rate: Rate(percentHundredths: 46), basis: 3_333_333, amount: 15_333),
    ]

    @Test("JKP: government's share, 0.46% then 0.36%, wage capped at Rp5,000,000, not billed", arguments: jkpCases)
    func jkp(_ c: JKPCase) throws {
        let q = try quote(.wageEarner(wage: Rupiah(c.wage), riskGroup: .veryLow, labourIntensive: false), [.jkp], c.month)
        #expect(q.lines.count == 1)
        #expect(q.lines.first?.program == .jkp)
        #expect(q.lines.first?.share == .government)
        #expect(q.lines.first?.rate == c.rate)
        #expect(q.lines.first?.basis == Rupiah(c.basis))
        #expect(q.lines.first?.amount == Rupiah(c.amount))
        #expect(q.billable.isEmpty)
        #expect(q.billableTotal == .zero)
        #expect(q.total(for: .government) == Rupiah(c.amount))
    }

    struct ReliefCase: Sendable, CustomStringConvertible {
        var month: String
        var labourIntensive: Bool
        var jkk: Int64
        var description: String { "\(month) labour-intensive \(labourIntensive)" }
    }

    /// Medium risk, Rp5,000,000: JKK Rp44,500, halved for labour-intensive employers Feb 2025 – Jan 2026.
    static let reliefCases: [ReliefCase] = [
        .init(month: "2025-01", labourIntensive: true, jkk: 44_500),
        .init(month: "2025-02", labourIntensive: true, jkk: 22_250),
        .init(month: "2025-06", labourIntensive: true, jkk: 22_250),
        .init(month: "2026-01", labourIntensive: true, jkk: 22_250),
        .init(month: "2026-02", labourIntensive: true, jkk: 44_500),
        .init(month: "2025-06", labourIntensive: false, jkk: 44_500),
    ]

    @Test("Labour-intensive employers' JKK relief; JKM untouched", arguments: reliefCases)
    func labourIntensiveRelief(_ c: ReliefCase) throws {
        let q = try quote(.wageEarner(wage: 5_000_000, riskGroup: .medium, labourIntensive: c.labourIntensive),
                          [.jkk, .jkm], c.month)
        expectLines(q, [.init(.jkk, .employer, c.jkk, on: 5_000_000), .init(.jkm, .employer, 15_000)])
    }

    @Test("A relief is applied to the rounded line amount, rounded half up again")
    func reliefRounding() throws {
        // 0.24% of 1,041,667 = 2,500.0008 → 2,500; half → 1,250. 0.24% of 1,045,833 = 2,509.9992 → 2,510 → 1,255.
        let a = try quote(.wageEarner(wage: 1_041_667, riskGroup: .veryLow, labourIntensive: true), [.jkk], "2025-06")
        let b = try quote(.wageEarner(wage: 1_045_833, riskGroup: .veryLow, labourIntensive: true), [.jkk], "2025-06")
        // 1.27% of 1,000,001 = 12,700.0127 → 12,700 → 6,350; of 1,000,040 = 12,700.508 → 12,701 → 6,350.5 → 6,351.
        let c = try quote(.wageEarner(wage: 1_000_040, riskGroup: .high, labourIntensive: true), [.jkk], "2025-06")
        #expect(a.billableTotal == 1_250)
        #expect(b.billableTotal == 1_255)
        #expect(c.billableTotal == 6_351)
        #expect(c.lines[0].note?.contains("50% of the normal Rp12.701") == true)
    }

    // MARK: Construction

    struct ConstructionCase: Sendable, CustomStringConvertible {
        var value: Int64
        var jkk: Int64
        var jkm: Int64
        var description: String { "Rp\(value)" }
    }

    static let constructionCases: [ConstructionCase] = [
        .init(value: 1_000_000_000, jkk: 1_540_000, jkm: 210_000),        // domain.md's check
        .init(value: 6_000_000_000, jkk: 6_840_000, jkm: 710_000),
        .init(value: 100_000_000, jkk: 210_000, jkm: 30_000),
        .init(value: 150_000_000, jkk: 295_000, jkm: 40_000),
        .init(value: 5_000_000_000, jkk: 5_940_000, jkm: 610_000),
        .init(value: 5_000_000_000_000, jkk: 4_501_440_000, jkm: 500_110_000),  // Rp5 trillion
        .init(value: 333, jkk: 1, jkm: 0),                                      // 0.6993 and 0.0999
        .init(value: 100_000_250, jkk: 210_000, jkm: 30_000),                   // 210,000.425 and 30,000.05
        .init(value: 100_002_500, jkk: 210_004, jkm: 30_001),                   // 210,004.25 and 30,000.5
        .init(value: 0, jkk: 0, jkm: 0),
    ]

    @Test("JAKON: marginal slices of the contract value, employer's share, rounded once", arguments: constructionCases)
    func construction(_ c: ConstructionCase) throws {
        let q = try quote(.construction(contractValue: Rupiah(c.value)), [.jkk, .jkm], "2024-06")
        expectLines(q, [.init(.jkk, .employer, c.jkk, on: c.value), .init(.jkm, .employer, c.jkm, on: c.value)])
        #expect(q.billableTotal == Rupiah(c.jkk + c.jkm))
        #expect(q.total(for: .employer) == q.billableTotal)
    }

    @Test("JAKON with a program the tiers do not price has no rule in force")
    func constructionJHT() {
        let error = registryError { _ = try quote(.construction(contractValue: 1_000_000), [.jkk, .jkm, .jht], "2024-06") }
        #expect(error == .noRuleInForce(rule: "construction_rate_tiers construction JHT", date: "2024-06-01"))
    }

    // MARK: Migrant

    /// Period, the fixed JKK+JKM amount (domain.md), and its JKK and JKM parts divided
    /// 10,000 : 6,800 (0017): JKM = amount × 6,800 / 16,800 rounded half up, JKK the rest.
    static let migrantCases: [(MigrantPeriod, Int64, Int64, Int64)] = [
        (.beforePlacement, 37_500, 22_321, 15_179),         // JKM 15,178.57
        (.placement(months: 1), 108_000, 64_286, 43_714),   // JKM 43,714.29
        (.placement(months: 6), 108_000, 64_286, 43_714),
        (.placement(months: 7), 189_000, 112_500, 76_500),  // exact
        (.placement(months: 9), 189_000, 112_500, 76_500),
        (.placement(months: 12), 189_000, 112_500, 76_500),
        (.placement(months: 13), 332_500, 197_917, 134_583), // JKM 134,583.33
        (.placement(months: 24), 332_500, 197_917, 134_583),
        (.placement(months: 25), 346_000, 205_952, 140_048), // JKM 140,047.62
        (.placement(months: 30), 413_500, 246_131, 167_369), // JKM 167,369.05
    ]

    @Test("PMI: the fixed JKK+JKM amount as a JKK line and a JKM line, worker's share", arguments: migrantCases)
    func migrant(_ period: MigrantPeriod, _ amount: Int64, _ jkk: Int64, _ jkm: Int64) throws {
        let q = try quote(.migrant(period), [.jkk, .jkm], "2024-06")
        expectLines(q, [Expected(.jkk, .worker, jkk, on: amount), Expected(.jkm, .worker, jkm, on: amount)])
        #expect(q.billableTotal == Rupiah(amount), "the two parts add up to the fixed amount exactly")
        #expect(q.lines.allSatisfy { $0.note?.contains("migrant_dues_split") == true && $0.rate == nil })
        // One program alone is its own part.
        #expect(try quote(.migrant(period), [.jkm], "2024-06").lines == [q.lines[1]])
        #expect(try quote(.migrant(period), [.jkk], "2024-06").lines == [q.lines[0]])
    }

    @Test("PMI JHT cannot be priced: its amount is the member's choice, which no rule holds")
    func migrantJHT() {
        for period in [MigrantPeriod.beforePlacement, .placement(months: 12)] {
            let error = registryError { _ = try quote(.migrant(period), [.jkk, .jkm, .jht], "2024-06") }
            #expect(error == .noRuleInForce(rule: "migrant_fixed_dues migrant JHT", date: "2024-06-01"))
        }
    }

    @Test("PMI: the division is the rule row in force, and a relief applies to its own program's line")
    func migrantDivisionIsData() throws {
        let db = try migratedDatabase()
        let session = RegistrySession(db)
        let placement = DuesBasis.migrant(.placement(months: 12))
        // A new division from 2030 (halves), and a JKM relief (half) from 2031: rule rows, no code.
        try db.execute("UPDATE migrant_dues_split SET effective_to = ? WHERE effective_from = ?", "2029-12-31", "2015-07-01")
        try db.execute("""
            INSERT INTO migrant_dues_split (jkk_parts, jkm_parts, effective_from, confidence, source) VALUES (?, ?, ?, ?, ?)
            """, Int64(1), Int64(1), "2030-01-01", "L", "test: halves")
        try db.execute("""
            INSERT INTO dues_reliefs (segment_code, program_code, applies_to, charged_ppm, effective_from, confidence)
            VALUES (?, ?, ?, ?, ?, ?)
            """, "migrant", "JKM", "all", Int64(500_000), "2031-01-01", "L")
        for (text, jkk, jkm) in [("2029-12", 112_500, 76_500), ("2030-01", 94_500, 94_500), ("2031-01", 94_500, 47_250)] {
            let q = try session.quote(placement, programs: [.jkk, .jkm], month: month(text))
            #expect(q.lines.map(\.amount) == [Rupiah(Int64(jkk)), Rupiah(Int64(jkm))], "\(text)")
        }
        // With no division in force, the amount cannot be put on per-program lines.
        try db.execute("UPDATE migrant_dues_split SET effective_to = ? WHERE effective_from = ?", "2031-12-31", "2030-01-01")
        #expect(registryError { _ = try session.quote(placement, programs: [.jkk, .jkm], month: month("2032-01")) }
            == .noRuleInForce(rule: "migrant_dues_split migrant", date: "2032-01-01"))
        #expect(try session.quote(placement, programs: [], month: month("2032-01")).lines.isEmpty)
    }

    @Test("PMI placement of less than a month is invalid", arguments: [0, -1, Int.min])
    func migrantInvalid(_ months: Int) {
        let error = registryError { _ = try quote(.migrant(.placement(months: months)), [.jkk, .jkm], "2024-06") }
        #expect(error?.field == "placement_months")
        if case .invalid = error {} else { Issue.record("expected .invalid, got \(String(describing: error))") }
    }

    // MARK: Refusals

    @Test("Negative amounts are invalid", arguments: [
        (DuesBasis.informal(declaredIncome: -1), "declared_income"),
        (.wageEarner(wage: -1, riskGroup: .low, labourIntensive: false), "wage"),
        (.construction(contractValue: -1_000_000), "contract_value"),
    ])
    func negative(_ basis: DuesBasis, _ field: String) {
        let error = registryError { _ = try quote(basis, [.jkk, .jkm], "2024-06") }
        #expect(error == .invalid(field: field, value: basis == .construction(contractValue: -1_000_000) ? "-Rp1.000.000" : "-Rp1",
                                  reason: "must not be negative"))
    }

    struct NoRuleCase: Sendable, CustomStringConvertible {
        var basis: DuesBasis
        var programs: Set<Program>
        var month: String
        var rule: String
        var description: String { "\(rule) in \(month)" }
    }

    static let noRuleCases: [NoRuleCase] = [
        .init(basis: .wageEarner(wage: 5_000_000, riskGroup: .low, labourIntensive: false), programs: [.jkk, .jkp],
              month: "2019-06", rule: "contribution_rates wage_earner JKP"),
        .init(basis: .wageEarner(wage: 5_000_000, riskGroup: .low, labourIntensive: false), programs: [.jkk],
              month: "2015-06", rule: "contribution_rates wage_earner JKK low"),
        .init(basis: .informal(declaredIncome: 1_000_000), programs: [.jkk, .jkm],
              month: "2015-06", rule: "scheme_parameters bpu_income_floor"),
        .init(basis: .informal(declaredIncome: 1_000_000), programs: [.jkk, .jkm, .jp],
              month: "2024-06", rule: "contribution_rates informal JP"),
        .init(basis: .construction(contractValue: 1_000_000), programs: [.jkk, .jkm],
              month: "2015-06", rule: "construction_rate_tiers construction JKK"),
        .init(basis: .migrant(.placement(months: 6)), programs: [.jkk, .jkm],
              month: "2015-06", rule: "migrant_fixed_dues migrant placement"),
        .init(basis: .migrant(.beforePlacement), programs: [.jkk, .jkm],
              month: "2015-06", rule: "migrant_fixed_dues migrant before_placement"),
        .init(basis: .migrant(.beforePlacement), programs: [.jkk, .jkm, .jp],
              month: "2024-06", rule: "migrant_fixed_dues migrant JP"),
        .init(basis: .migrant(.placement(months: 6)), programs: [.jkk, .jkm, .jht],
              month: "2024-06", rule: "migrant_fixed_dues migrant JHT"),
    ]

    @Test("A program needing a rule with none in force", arguments: noRuleCases)
    func noRule(_ c: NoRuleCase) {
        let error = registryError { _ = try quote(c.basis, c.programs, c.month) }
        #expect(error == .noRuleInForce(rule: c.rule, date: c.month + "-01"))
    }

    @Test("Rules price only the month whose first day they were loaded for")
    func wrongMonth() throws {
        let rules = try SeededRules.shared.rules(month("2024-06"))
        let error = registryError {
            _ = try rules.quote(.informal(declaredIncome: 1_000_000), programs: [.jkk], month: month("2024-07"))
        }
        #expect(error?.field == "month")
    }

    // MARK: Rules as data

    @Test("Parameters in force on the rules' date")
    func parameters() throws {
        let rules = try SeededRules.shared.rules(month("2024-06"))
        #expect(rules.date == CalendarDate(year: 2024, month: 6, day: 1))
        #expect(rules.parameter("bpu_income_floor") == 1_000_000)
        #expect(rules.parameter("employer_late_penalty_per_month") == 20_000)
        #expect(rules.parameter("arrears_lapse_months") == 3)
        #expect(rules.parameter("agent_fee") == 75_000)
        #expect(rules.parameter("bpu_due_day_of_month") == 15)
        #expect(rules.parameter("pu_due_day_of_following_month") == 15)
        #expect(rules.parameter("jkp_wage_cap") == 5_000_000)
        #expect(rules.parameter("no_such_parameter") == nil)
        #expect(try SeededRules.shared.rules(month("2017-06")).parameter("agent_fee") == nil)
    }

    @Test("Declared income to band nominal", arguments: [
        (Int64(999_999), Int64?.none), (1_000_000, 1_000_000), (1_099_999, 1_000_000), (1_100_000, 1_100_000),
        (2_699_999, 2_500_000), (2_700_000, 2_700_000), (8_200_000, 8_200_000), (8_699_999, 8_200_000),
        (8_700_000, 8_700_000), (20_699_999, 19_700_000), (20_700_000, 20_700_000), (.max, 20_700_000),
    ])
    func bands(_ income: Int64, _ nominal: Int64?) throws {
        let rules = try SeededRules.shared.rules(month("2024-06"))
        #expect(rules.bandNominal(forDeclaredIncome: Rupiah(income)) == nominal.map { Rupiah($0) })
    }

    @Test("A new rule row changes pricing from its first day only")
    func newRuleRow() throws {
        let db = try migratedDatabase()
        let session = RegistrySession(db)
        let basis = DuesBasis.wageEarner(wage: 20_000_000, riskGroup: .medium, labourIntensive: false)
        let before = try session.quote(basis, programs: [.jp], month: month("2027-03"))
        #expect(before.total(for: .employer) == 221_726)

        try db.execute("""
            UPDATE scheme_parameters SET effective_to = ? WHERE code = ? AND effective_from = ?
            """, "2027-02-28", "jp_wage_cap", "2026-03-01")
        try db.execute("""
            INSERT INTO scheme_parameters (code, value, effective_from, confidence) VALUES (?, ?, ?, ?)
            """, "jp_wage_cap", Int64(11_600_000), "2027-03-01", "L")
        // A new relief row too: BPU JKM at 50% from 2027-04.
        try db.execute("""
            INSERT INTO dues_reliefs (segment_code, program_code, applies_to, charged_ppm, effective_from, confidence)
            VALUES (?, ?, ?, ?, ?, ?)
            """, "informal", "JKM", "all", Int64(500_000), "2027-04-01", "L")

        for (text, employer, worker) in [("2026-06", 221_726, 110_863), ("2027-02", 221_726, 110_863),
                                          ("2027-03", 232_000, 116_000), ("2028-01", 232_000, 116_000)] {
            let q = try session.quote(basis, programs: [.jp], month: month(text))
            #expect(q.total(for: .employer) == Rupiah(Int64(employer)), "\(text)")
            #expect(q.total(for: .worker) == Rupiah(Int64(worker)), "\(text)")
        }
        for (text, total) in [("2027-03", 16_800), ("2027-04", 13_400)] {
            let q = try session.quote(.informal(declaredIncome: 1_000_000), programs: [.jkk, .jkm], month: month(text))
            #expect(q.billableTotal == Rupiah(Int64(total)), "\(text)")
        }
    }

    @Test("Loaded rules price without the database")
    func noSQLAfterLoad() throws {
        let rules: ContributionRules = try {
            let db = try migratedDatabase()
            return try RegistrySession(db).rules(for: month("2025-03"))
        }()  // the connection is closed here
        var total = Rupiah.zero
        for wage in stride(from: Int64(1_000_000), to: 21_000_000, by: 1_000) {
            total += try rules.quote(.wageEarner(wage: Rupiah(wage), riskGroup: .medium, labourIntensive: false),
                                     programs: [.jkk, .jkm, .jht, .jp], month: month("2025-03")).billableTotal
        }
        // Sum over 20,000 wages, checked against the same sum done line by line in integers.
        var expected: Int64 = 0
        func round(_ wage: Int64, _ ppm: Int64) -> Int64 { (wage * ppm + 500_000) / 1_000_000 }
        for wage in stride(from: Int64(1_000_000), to: 21_000_000, by: 1_000) {
            let capped = min(wage, 10_547_400)
            expected += round(wage, 8_900) + round(wage, 3_000) + round(wage, 37_000) + round(wage, 20_000)
                + round(capped, 20_000) + round(capped, 10_000)
        }
        #expect(total == Rupiah(expected))
    }

    @Test("Quote lines are sorted by program then share")
    func sorting() {
        let q = DuesQuote(month: month("2025-03"), lines: [
            DuesLine(program: .jkp, share: .government, amount: 1),
            DuesLine(program: .jht, share: .worker, amount: 2),
            DuesLine(program: .jht, share: .employer, amount: 3),
            DuesLine(program: .jkk, share: .employer, amount: 4),
        ])
        #expect(q.lines.map(\.amount) == [4, 3, 2, 1])
        #expect(q.billable.map(\.amount) == [4, 3, 2])
        #expect(q.billableTotal == 9)
        #expect(q.total(for: .government) == 1)
    }
}
