import Registry
import SQLiteDB

/// Issues valid, unique NIKs: `PPKKCC DDMMYY SSSS`, the district of first registration, the
/// birth date with 40 added to the day for women, and the next free serial for that district
/// and date, as the civil registry would.
struct NIKFactory {
    /// Next serial per 12-digit prefix (district + date part). Looked up, never iterated.
    private var serials: [String: Int] = [:]

    mutating func make(district: RegionCode, birthDate: CalendarDate, sex: Sex) throws -> NIK {
        let digits = district.code.filter { $0 != "." }
        let day = birthDate.day + (sex == .female ? 40 : 0)
        let prefix = digits + Self.pad(day) + Self.pad(birthDate.month) + Self.pad(birthDate.year % 100)
        let serial = serials[prefix, default: 1]
        serials[prefix] = serial + 1
        let text = prefix + String(repeating: "0", count: 4 - String(serial).count) + String(serial)
        return try NIK(text)
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
