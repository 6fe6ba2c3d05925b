// The generated members: N workers spread over every village of the base register, each with
// one membership (70% informal/BPU, 30% wage earners/PU), written as the `workers` and
// `memberships` CSV files of docs/csv-formats.md. Deterministic (SplitMix64, fixed seed).
//
// Every value is one the registry accepts with all its checks on: the NIK encodes the birth
// date, the sex (+40 on the day) and the district of the village, with a serial per (district,
// birth date, sex) that skips the demo workers' NIKs; the KPJ is given (the next free serials
// with their Damm check digit), so the registry and raw C store the same card numbers.
import Foundation
import Registry
import SQLiteDB

struct Population {
    var workersCSV: String
    var membershipsCSV: String
    var members: Int
    var informal = 0
    var wageEarners = 0
}

enum PopulationWriter {
    static let seed: UInt64 = 0x5EED_BA5E_2026

    static let womenNames = ["Sri", "Siti", "Dewi", "Wati", "Rina", "Ani", "Yuni", "Nur", "Tuti", "Lilis", "Euis", "Neneng"]
    static let womenSecondNames = ["Lestari", "Rahayu", "Wulandari", "Susanti", "Sumarni", "Suryani", "Purnamasari", "Handayani"]
    static let menNames = ["Budi", "Agus", "Eko", "Dedi", "Asep", "Ujang", "Joko", "Bambang", "Hendra", "Rudi", "Yanto", "Slamet"]
    static let menSecondNames = ["Hartono", "Santoso", "Setiawan", "Hidayat", "Saputra", "Kurniawan", "Permana", "Nugroho"]
    static let occupations = ["pedagang", "petani", "nelayan", "pengemudi ojek", "buruh harian", "penjahit", "tukang"]

    static func write(members: Int, base: BaseRegister, directory: String) throws -> Population {
        var population = Population(workersCSV: directory + "/workers.csv",
                                    membershipsCSV: directory + "/memberships.csv", members: members)
        let workers = try CSVFile(population.workersCSV, header: [
            "nik", "full_name", "birth_date", "sex", "village_code", "occupation", "phone", "branch_code", "kpj", "registered_at",
        ])
        let memberships = try CSVFile(population.membershipsCSV, header: [
            "kpj", "segment", "start_date", "payer", "programs", "declared_income", "npp",
        ])
        var rng = SplitMix64(state: seed)
        let firstBirth = CalendarDate(year: 1966, month: 1, day: 1)!.dayNumber
        let birthSpan = CalendarDate(year: 2006, month: 12, day: 31)!.dayNumber - firstBirth + 1
        // The last serial used per (district, birth date, sex): 2 bytes per slot, a few MB.
        var serials = [UInt16](repeating: 0, count: base.districtDigits.count * birthSpan * 2)
        // Every village in turn, in a shuffled order: all of them get members, evenly.
        var villageOrder = Array(base.villages.indices)
        for index in villageOrder.indices.reversed() { villageOrder.swapAt(index, rng.below(index + 1)) }

        for index in 0..<members {
            let village = base.villages[villageOrder[index % villageOrder.count]]
            let birthDay = rng.below(birthSpan)
            let birth = CalendarDate(dayNumber: firstBirth + birthDay)
            let female = rng.below(2) == 0
            let slot = ((village.district * birthSpan) + birthDay) * 2 + (female ? 1 : 0)
            let datePart = pad(female ? birth.day + 40 : birth.day) + pad(birth.month) + pad(birth.year % 100)
            var serial = Int(serials[slot])
            var nik: String
            repeat {
                serial += 1
                precondition(serial <= 9999, "NIK serials exhausted for one district, birth date and sex")
                nik = base.districtDigits[village.district] + datePart + pad(serial, 4)
            } while base.existingNIKs.contains(nik)
            serials[slot] = UInt16(serial)

            let (given, second) = female ? (womenNames, womenSecondNames) : (menNames, menSecondNames)
            var name = given[rng.below(given.count)]
            if rng.below(3) != 0 { name += " " + second[rng.below(second.count)] }
            let start = BenchCalendar.ledgerStart.adding(months: rng.below(BenchCalendar.enrolmentMonths) - BenchCalendar.enrolmentMonths)
                .day(1 + rng.below(28))
            let kpj = KPJ(serial: base.firstFreeKPJSerial + Int64(index)).digits
            let informal = rng.below(100) < 70
            let phone = rng.below(2) == 0 ? "08" + pad(rng.below(10_000_000_000), 10) : ""
            workers.write([
                nik, name, birth.isoString, female ? "female" : "male", village.code,
                informal ? occupations[rng.below(occupations.count)] : "", phone,
                base.branchOfRegency[village.regency] ?? base.fallbackBranch, kpj,
                BenchCalendar.morningTimestamp(start),
            ])
            if informal {
                let income = 1_000_000 + 100_000 * rng.below(40)
                memberships.write([kpj, "BPU", start.isoString, "self", "JKK JKM", String(income), ""])
                population.informal += 1
            } else {
                let employer = base.employers[rng.below(base.employers.count)]
                let wage = 2_000_000 + 250_000 * rng.below(40)
                memberships.write([kpj, "PU", start.isoString, "employer", employer.programs, String(wage), employer.npp])
                population.wageEarners += 1
            }
        }
        try workers.close()
        try memberships.close()
        return population
    }

    private static func pad(_ value: Int, _ width: Int = 2) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
