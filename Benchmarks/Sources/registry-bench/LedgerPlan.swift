// Who pays what in each ledger month, decided before any timing, the same for every run.
//
// - Informal (BPU) members: 15% pay three months at once whenever the current month is not yet
//   paid (then nothing for two months); the others pay one month on a day from the 1st to the
//   14th, except that each month 10% of them skip: the next payment then settles the oldest
//   unpaid month, so they stay behind and show in arrears. The generated members are billed
//   from the ledger's first month; the demo's own members are billed but do not pay.
// - Employers pay each month's bills of their wage earners on the 25th, before the due date
//   (the 15th of the next month), so no late penalty.
//
// Amounts are exact, as the library demands: informal prices come from the library's pricing
// (`rules(for:)` + `quote`) per declared income and month; what each employer owes each month
// is read by the warm-up run and replayed by the timed ones (as a bank file would carry it).
import Foundation
import Registry
import SQLiteDB

struct LedgerPlan {
    static let seed: UInt64 = 0x1ED6_E202_6001
    static let quarterlyPercent: UInt64 = 15
    static let skipPercent: UInt64 = 10

    let months: Int
    /// The generated informal memberships, by id.
    var informal: [Int64] = []
    /// Each one's row in ``prices``.
    var priceRow: [UInt16] = []
    /// Dues per month in rupiah: `prices[row][offset]`, offset 0 = the ledger's first month,
    /// up to `months + 1` (a three-month payment in the last month reaches that far).
    var prices: [[Int64]] = []
    var employers: [Int64] = []
    /// What each employer owes each month (`[month][employer index]`, 0 = nothing); set by the warm-up.
    var employerAmounts: [[Int64]] = []
    /// The tables' highest ids before the first month and after each (`months + 1` entries);
    /// set by the warm-up. Month k's rows are the ids between entries k and k + 1.
    var maxima: [TableMaxima] = []

    static let channels: [PaymentChannel] = [.eWallet, .retailOutlet, .bankCounter, .bankTransfer, .branchCounter]

    func isQuarterly(_ member: Int) -> Bool {
        SplitMix64.mix(UInt64(bitPattern: informal[member]) ^ Self.seed) % 100 < Self.quarterlyPercent
    }

    /// Whether a one-month payer skips month `month` (0-based).
    func skips(_ member: Int, month: Int) -> Bool {
        roll(member, month, salt: 1) % 100 < Self.skipPercent
    }

    /// The day of the month (1–14) a member pays.
    func payDay(_ member: Int, month: Int) -> Int { Int(roll(member, month, salt: 2) % 14) + 1 }

    func channel(_ member: Int, month: Int) -> PaymentChannel {
        Self.channels[Int(roll(member, month, salt: 3) % UInt64(Self.channels.count))]
    }

    private func roll(_ member: Int, _ month: Int, salt: UInt64) -> UInt64 {
        SplitMix64.mix(UInt64(bitPattern: informal[member]) &* 0x100_0000_01B3 &+ UInt64(month) &* 97 &+ salt ^ Self.seed)
    }

    /// Reads the generated informal memberships and employers of `imported` and prices every
    /// declared income for every month the ledger can bill.
    static func make(imported: ImportedRegister, base: BaseRegister, months: Int) throws -> LedgerPlan {
        var plan = LedgerPlan(months: months)
        var rowOfIncome: [Int64: UInt16] = [:]
        var incomes: [Int64] = []
        let db = try RawDB(imported.path, cacheKiB: 65_536)
        try db.forEach("""
            SELECT id, declared_income FROM memberships
            WHERE id > \(base.maxima.memberships) AND segment_code = 'informal' ORDER BY id
            """) { row in
            let income = row.int(1)
            let priceRow = rowOfIncome[income] ?? {
                incomes.append(income)
                rowOfIncome[income] = UInt16(incomes.count - 1)
                return UInt16(incomes.count - 1)
            }()
            plan.informal.append(row.int(0))
            plan.priceRow.append(priceRow)
        }
        try db.forEach("SELECT id FROM employers ORDER BY id") { plan.employers.append($0.int(0)) }

        let registry = try Registry(path: imported.path)
        plan.prices = try registry.read { session in
            let rules = try (0..<months + 2).map { try session.rules(for: BenchCalendar.ledgerStart.adding(months: $0)) }
            return try incomes.map { income in
                try rules.indices.map { offset in
                    try rules[offset].quote(.informal(declaredIncome: Rupiah(income)), programs: [.jkk, .jkm],
                                            month: BenchCalendar.ledgerStart.adding(months: offset)).billableTotal.amount
                }
            }
        }
        return plan
    }
}
