import Foundation
import Registry
import SQLiteDB

/// Pays a migrant worker's (PMI) placement bill.
///
/// RAW SQL, on purpose and only here: the library bills a placement (`issueBill`) but has no
/// operation to pay it (`payInformalDues` is for BPU members, `payEmployerDues` for employers).
/// The rows written are those `insertPayment` of the library writes: one payment of exactly the
/// amount owed and one allocation to the bill; the ledger's triggers still refuse allocations
/// above the payment or the bill. Replace with the library call once there is one.
enum MigrantPayment {
    static func pay(_ bill: Bill, payer: Payer, receipt: String, at instant: Date, in session: RegistrySession) throws {
        guard bill.outstanding > .zero else { return }
        let db = session.connection
        try db.execute("""
            INSERT INTO payments (receipt_number, payer_code, employer_id, amount, paid_at, months_covered, channel_code, recorded_at)
            VALUES (?, ?, NULL, ?, ?, NULL, ?, ?)
            """, receipt, payer, bill.outstanding, instant, PaymentChannel.bankTransfer, instant)
        try db.execute("INSERT INTO payment_allocations (payment_id, bill_id, amount, recorded_at) VALUES (?, ?, ?, ?)",
                       db.lastInsertedRowID, bill.id, bill.outstanding, instant)
    }
}
