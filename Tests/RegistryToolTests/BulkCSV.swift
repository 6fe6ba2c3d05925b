import Foundation
import SQLiteDB

/// Large import files for the crash and concurrency tests: thousands of valid rows against
/// the register of ``InterchangeFixtures`` (Desa Satu, 32.14.01.2001, served by KC-PWK), so an
/// import runs long enough to be killed in the middle.
enum BulkCSV {
    /// Workers numbered `numbers`, every one with a NIK that agrees with the record: district
    /// 32.14.01, male, born 1980-01-01 plus `number / 9000` days, serial `number % 9000 + 1`.
    /// Distinct numbers give distinct NIKs, so two files with disjoint ranges import side by side.
    ///
    /// When `refusedEvery` is given, each row whose number is a multiple of it names a village
    /// that does not exist, which the registry refuses (the row is rejected, the import goes
    /// on with `--skip-invalid`). Returns the text and the file lines of the good rows.
    static func workers(_ numbers: Range<Int>, refusedEvery: Int? = nil) -> (text: String, goodLines: [Int]) {
        var text = "nik,full_name,birth_date,sex,village_code,branch_code,registered_at\n"
        text.reserveCapacity(numbers.count * 100)
        var goodLines: [Int] = []
        let firstBirthDay = CalendarDate(iso: "1980-01-01")!
        for (offset, number) in numbers.enumerated() {
            let born = firstBirthDay.adding(days: number / 9000)
            let nik = "321401" + twoDigits(born.day) + twoDigits(born.month) + twoDigits(born.year % 100)
                + String(number % 9000 + 1).leftPadded(to: 4)
            let refused = refusedEvery.map { number % $0 == 0 } ?? false
            let village = refused ? "32.14.01.2999" : "32.14.01.2001"
            text += "\(nik),Pekerja \(number),\(born.isoString),male,\(village),KC-PWK,2024-12-01T03:00:00.000Z\n"
            if !refused { goodLines.append(offset + 2) }   // line 1 is the header
        }
        return (text, goodLines)
    }

    /// An informal (BPU) membership from 2025-01-01 for each KPJ, JKK and JKM on the Rp1,000,000
    /// income floor: Rp16,800 a month (``monthlyDues``).
    static func informalMemberships(kpjs: [String]) -> String {
        var text = "kpj,segment,start_date,programs,declared_income\n"
        for kpj in kpjs { text += "\(kpj),BPU,2025-01-01,JKK JKM,1000000\n" }
        return text
    }

    /// One month's dues of each membership of ``informalMemberships(kpjs:)``.
    static let monthlyDues = 16_800

    /// `months` rounds of one-month payments: every KPJ pays January 2025, then every KPJ
    /// February, and so on; receipts `PREFIX-000001`….
    static func informalPayments(kpjs: [String], months: Int, receiptPrefix: String) -> String {
        var text = "receipt_number,paid_at,channel,amount,kpj,months_covered\n"
        var receipt = 0
        for month in 1...months {
            for kpj in kpjs {
                receipt += 1
                text += "\(receiptPrefix)-\(String(receipt).leftPadded(to: 6)),2025-\(twoDigits(month))-10T03:00:00.000Z,"
                    + "e_wallet,\(monthlyDues),\(kpj),1\n"
            }
        }
        return text
    }

    /// The KPJs of the workers in `database`, in the order they were registered.
    static func kpjs(in database: String) throws -> [String] {
        let db = try Connection(.file(database), mode: .readOnly)
        return try db.fetchValues(String.self, "SELECT kpj FROM workers ORDER BY id")
    }

    private static func twoDigits(_ value: Int) -> String { String(value).leftPadded(to: 2) }
}

extension String {
    /// The string with zeros in front up to `width` characters.
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
