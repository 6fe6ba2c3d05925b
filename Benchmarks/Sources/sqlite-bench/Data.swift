// Deterministic, worker-like test data. Pure Swift: no Foundation randomness, so every
// run on every machine generates byte-identical rows.
import SQLiteDB

/// One row of `workers`, as every contender decodes it.
struct Worker {
    var id: Int64
    var nik: String
    var fullName: String
    var birthDate: String
    var sex: String
    var villageCode: String
    var segment: String
    var income: Int64
    var registeredAt: String
}

/// The same row for the Decodable workload (coding keys are the column names).
struct DecodableWorker: Decodable {
    var id: Int64
    var nik: String
    var fullName: String
    var birthDate: String
    var sex: String
    var villageCode: String
    var segment: String
    var income: Int64
    var registeredAt: String

    enum CodingKeys: String, CodingKey {
        case id, nik, sex, segment, income
        case fullName = "full_name"
        case birthDate = "birth_date"
        case villageCode = "village_code"
        case registeredAt = "registered_at"
    }
}

/// One row of the GROUP BY result.
struct VillageSegmentTotal {
    var villageCode: String
    var segment: String
    var count: Int64
    var totalIncome: Int64
}

enum SQL {
    static let createTable = """
        CREATE TABLE workers (
            id INTEGER PRIMARY KEY,
            nik TEXT NOT NULL UNIQUE,
            full_name TEXT NOT NULL,
            birth_date TEXT NOT NULL,
            sex TEXT NOT NULL,
            village_code TEXT NOT NULL,
            segment TEXT NOT NULL,
            income INTEGER NOT NULL,
            registered_at TEXT NOT NULL
        )
        """
    static let insert = """
        INSERT INTO workers (nik, full_name, birth_date, sex, village_code, segment, income, registered_at) \
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """
    static let lookup = "SELECT id, full_name, income FROM workers WHERE nik = ?"
    static let scan = "SELECT * FROM workers"
    static let groupBy = """
        SELECT village_code, segment, count(*), sum(income) FROM workers GROUP BY village_code, segment
        """
    static let verify = "SELECT count(*), sum(income), sum(length(nik) + length(full_name) + length(registered_at)) FROM workers"
}

// MARK: Checksums (identical arithmetic for every contender)

enum Checksum {
    @inline(__always)
    static func mix(_ h: UInt64, _ v: UInt64) -> UInt64 {
        (h ^ v) &* 0x100_0000_01B3 &+ 0x9E37_79B9_7F4A_7C15
    }

    /// Length and last byte: cheap, O(1) for native strings, and catches a wrong column.
    @inline(__always)
    static func text(_ s: String) -> UInt64 {
        UInt64(s.utf8.count) &* 257 &+ UInt64(s.utf8.last ?? 0)
    }

    static func lookup(id: Int64, fullName: String, income: Int64) -> UInt64 {
        UInt64(bitPattern: id) &* 31 &+ UInt64(bitPattern: income) &+ text(fullName)
    }

    /// Order-independent sum over rows, each row an order-dependent mix of its fields.
    static func worker(_ w: Worker) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        h = mix(h, UInt64(bitPattern: w.id))
        h = mix(h, text(w.nik))
        h = mix(h, text(w.fullName))
        h = mix(h, text(w.birthDate))
        h = mix(h, text(w.sex))
        h = mix(h, text(w.villageCode))
        h = mix(h, text(w.segment))
        h = mix(h, UInt64(bitPattern: w.income))
        h = mix(h, text(w.registeredAt))
        return h
    }

    static func workers(_ list: [Worker]) -> UInt64 {
        var sum: UInt64 = UInt64(list.count)
        for w in list { sum &+= worker(w) }
        return sum
    }

    static func decodableWorkers(_ list: [DecodableWorker]) -> UInt64 {
        var sum: UInt64 = UInt64(list.count)
        for d in list {
            sum &+= worker(Worker(
                id: d.id, nik: d.nik, fullName: d.fullName, birthDate: d.birthDate, sex: d.sex,
                villageCode: d.villageCode, segment: d.segment, income: d.income, registeredAt: d.registeredAt))
        }
        return sum
    }

    static func totals(_ list: [VillageSegmentTotal]) -> UInt64 {
        var sum: UInt64 = UInt64(list.count)
        for t in list {
            var h: UInt64 = 0xCBF2_9CE4_8422_2325
            h = mix(h, text(t.villageCode))
            h = mix(h, text(t.segment))
            h = mix(h, UInt64(bitPattern: t.count))
            h = mix(h, UInt64(bitPattern: t.totalIncome))
            sum &+= h
        }
        return sum
    }
}

// MARK: Generation

struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in 0..<bound (bound small next to 2^64, so the modulo bias is negligible and fixed).
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

@inline(__always)
func padded(_ value: Int, _ width: Int) -> String {
    var digits = String(value)
    while digits.utf8.count < width { digits = "0" + digits }
    return digits
}

/// Days since 1970-01-01 to a civil date: the library's own calendar arithmetic.
func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
    let date = CalendarDate(dayNumber: days)
    return (date.year, date.month, date.day)
}

func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
    CalendarDate(year: year, month: month, day: day)!.dayNumber
}

enum DataSet {
    /// Village codes `PP.KK.CC.DDDD`: 15 provinces × 8 regencies/cities × 5 districts × 5 villages = 3,000.
    static let villages: [(code: String, nikPrefix: String)] = {
        let provinces = [11, 12, 13, 14, 31, 32, 33, 34, 35, 36, 51, 52, 61, 64, 73]
        var list: [(String, String)] = []
        for p in provinces {
            for r in 0..<8 {
                let regency = r < 6 ? r + 1 : 71 + (r - 6)  // regencies 01–06, cities 71–72
                for c in 1...5 {
                    for v in 1...5 {
                        let village = (regency >= 71 ? 1000 : 2000) + v  // kelurahan 1xxx, desa 2xxx
                        let code = "\(p).\(padded(regency, 2)).\(padded(c, 2)).\(village)"
                        list.append((code, "\(p)\(padded(regency, 2))\(padded(c, 2))"))
                    }
                }
            }
        }
        return list
    }()

    static let firstSyllables = ["Su", "Sri", "Wa", "Ti", "Bu", "Di", "An", "Pu", "Ra", "Nur", "Ha", "Ma", "Yu", "Ek", "Fa", "Ri", "Se", "Ag", "In", "De"]
    static let middleSyllables = ["ti", "yan", "di", "ni", "to", "ja", "wa", "sa", "ra", "ma", "li", "na", "ha", "ko", "gus", "yu"]
    static let lastSyllables = ["wati", "yono", "rah", "sih", "man", "har", "yanti", "di", "to", "ni", "jo", "no", "ah", "wan", "sari"]
    static let familyNames = ["Wibowo", "Saputra", "Hidayat", "Rahayu", "Santoso", "Lestari", "Nugroho", "Kurniawan",
                              "Pratama", "Siregar", "Nasution", "Simanjuntak", "Hutapea", "Setiawan", "Purnomo", "Susanto",
                              "Wijaya", "Halim", "Gunawan", "Utami", "Permana", "Suryadi", "Ginting", "Tarigan"]
    static let segments = ["wage_earner", "informal", "construction", "migrant"]

    static func generate(count: Int, seed: UInt64 = 0x5EED_2026_1121) -> [Worker] {
        var rng = SplitMix64(state: seed)
        var serials: [UInt64: Int] = [:]
        serials.reserveCapacity(count)
        var rows: [Worker] = []
        rows.reserveCapacity(count)
        let firstBirth = days(fromCivil: 1960, 1, 1)
        let lastBirth = days(fromCivil: 2007, 12, 31)
        let firstRegistration = days(fromCivil: 2015, 1, 1) * 86_400_000
        let lastRegistration = days(fromCivil: 2026, 11, 1) * 86_400_000
        for index in 0..<count {
            let villageIndex = rng.below(villages.count)
            let village = villages[villageIndex]
            let birthDays = firstBirth + rng.below(lastBirth - firstBirth + 1)
            let (year, month, day) = civil(fromDays: birthDays)
            let female = rng.below(2) == 0
            // NIK: PPKKCC DDMMYY SSSS, day + 40 for women, serial per (district, birth date, sex).
            let district = villageIndex / 5
            let key = (UInt64(district) << 32) | (UInt64(birthDays - firstBirth) << 1) | (female ? 1 : 0)
            let serial = serials[key, default: 0] + 1
            serials[key] = serial
            precondition(serial <= 9999, "NIK serial overflow")
            let nik = village.nikPrefix + padded(female ? day + 40 : day, 2) + padded(month, 2)
                + padded(year % 100, 2) + padded(serial, 4)

            var given = firstSyllables[rng.below(firstSyllables.count)]
            if rng.below(3) == 0 { given += middleSyllables[rng.below(middleSyllables.count)] }
            given += lastSyllables[rng.below(lastSyllables.count)]
            var name = given
            if rng.below(4) != 0 {
                var second = firstSyllables[rng.below(firstSyllables.count)]
                second += lastSyllables[rng.below(lastSyllables.count)]
                name += " " + second
            }
            name += " " + familyNames[rng.below(familyNames.count)]

            let segmentRoll = rng.below(100)
            let segment = segmentRoll < 55 ? 0 : segmentRoll < 85 ? 1 : segmentRoll < 95 ? 2 : 3
            let income: Int64
            switch segment {
            case 0: income = 2_000_000 + Int64(rng.below(18_000_000))
            case 1: income = 1_000_000 + Int64(rng.below(7_000_000))
            case 2: income = 2_500_000 + Int64(rng.below(6_000_000))
            default: income = 3_000_000 + Int64(rng.below(12_000_000))
            }

            let millis = firstRegistration + rng.below(lastRegistration - firstRegistration)
            let (ry, rm, rd) = civil(fromDays: millis / 86_400_000)
            let msOfDay = millis % 86_400_000
            let registeredAt = "\(ry)-\(padded(rm, 2))-\(padded(rd, 2))T"
                + "\(padded(msOfDay / 3_600_000, 2)):\(padded(msOfDay / 60_000 % 60, 2)):"
                + "\(padded(msOfDay / 1000 % 60, 2)).\(padded(msOfDay % 1000, 3))Z"

            rows.append(Worker(
                id: Int64(index + 1), nik: nik, fullName: name,
                birthDate: "\(year)-\(padded(month, 2))-\(padded(day, 2))",
                sex: female ? "F" : "M", villageCode: village.code, segment: segments[segment],
                income: income, registeredAt: registeredAt))
        }
        return rows
    }

    /// A deterministic sample of NIKs that exist, drawn with replacement.
    static func lookupSample(_ rows: [Worker], count: Int, seed: UInt64 = 0x100C_0F5A_4D1E) -> [String] {
        var rng = SplitMix64(state: seed)
        return (0..<count).map { _ in rows[rng.below(rows.count)].nik }
    }

    /// What the lookups must find, computed from memory.
    static func expectedLookupChecksum(_ rows: [Worker], _ sample: [String]) -> UInt64 {
        var byNik: [String: Int] = [:]
        byNik.reserveCapacity(rows.count)
        for (i, w) in rows.enumerated() { byNik[w.nik] = i }
        var sum: UInt64 = 0
        for nik in sample {
            let w = rows[byNik[nik]!]
            sum &+= Checksum.lookup(id: w.id, fullName: w.fullName, income: w.income)
        }
        return sum
    }
}
