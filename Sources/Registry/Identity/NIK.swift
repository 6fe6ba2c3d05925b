import SQLiteDB

/// A national identity number (Nomor Induk Kependudukan): 16 digits `PPKKCC DDMMYY SSSS`.
///
/// - `PPKKCC`: the province, regency/city and district (kecamatan) of first registration;
/// - `DDMMYY`: the birth date, with 40 added to the day for women (so 41–71);
/// - `SSSS`: a serial from 0001.
///
/// Parsing rejects what cannot be a NIK: wrong length, non-digits, a district code of the
/// wrong shape, an impossible birth day or month (31 April, 29 February of a year that is
/// not a leap year in either century), serial 0000. Whether the district exists and whether
/// the date matches a worker's record are checked when the worker is registered.
///
/// ``description`` is the masked form (`3214**********0001`), so a NIK printed by accident
/// into a log or an error does not leak; ``digits`` is the full number.
public struct NIK: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The 16 digits.
    public let digits: String

    /// Parses 16 digits; throws ``RegistryError/invalid(field:value:reason:)`` naming the fault.
    public init(_ text: String, field: String = "nik") throws(RegistryError) {
        func fail(_ reason: RegistryError.Reason) -> RegistryError {
            .invalid(field: field, value: NIK.mask(text), reason: reason)
        }
        let bytes = Array(text.utf8)
        if let index = bytes.firstIndex(where: { !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) {
            throw fail(.nikNotDigit(position: index + 1))
        }
        guard bytes.count == 16 else { throw fail(.nikLength(digits: bytes.count)) }
        func number(_ offset: Int, _ length: Int) -> Int {
            bytes[offset..<offset + length].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        }
        let district = "\(text.prefix(2)).\(text.dropFirst(2).prefix(2)).\(text.dropFirst(4).prefix(2))"
        guard (try? RegionCode(district)) != nil else {
            throw fail(.nikDistrict(district: district))
        }
        let day = number(6, 2), month = number(8, 2), year = number(10, 2)
        guard (1...31).contains(day) || (41...71).contains(day) else {
            throw fail(.nikBirthDay(day: day))
        }
        guard (1...12).contains(month) else { throw fail(.nikBirthMonth(month: month)) }
        let realDay = day > 40 ? day - 40 : day
        guard CalendarDate(year: 1900 + year, month: month, day: realDay) != nil
           || CalendarDate(year: 2000 + year, month: month, day: realDay) != nil else {
            throw fail(.nikBirthDate(day: realDay, month: month, year: year))
        }
        guard number(12, 4) != 0 else { throw fail(.nikSerial) }
        digits = text
    }

    /// A NIK read back from the database, where only "16 digits" is a constraint: legacy rows
    /// with an impossible date part must still load (the view `worker_identity_issues` lists them).
    init(stored digits: String) { self.digits = digits }

    /// The district (kecamatan) of first registration, `PP.KK.CC`.
    public var districtCode: RegionCode { RegionCode(unchecked: "\(digits.prefix(2)).\(slice(2, 2)).\(slice(4, 2))", level: .district) }

    /// The regency or city of first registration, `PP.KK`.
    public var regencyCode: RegionCode { RegionCode(unchecked: "\(digits.prefix(2)).\(slice(2, 2))", level: .regency) }

    /// The province of first registration, `PP`.
    public var provinceCode: RegionCode { RegionCode(unchecked: String(digits.prefix(2)), level: .province) }

    /// Female when 40 was added to the birth day.
    public var sex: Sex { Int(slice(6, 2))! > 40 ? .female : .male }

    /// Day (1–31), month and two-digit year of birth.
    public var birthDay: Int {
        let encoded = Int(slice(6, 2))!
        return encoded > 40 ? encoded - 40 : encoded
    }
    public var birthMonth: Int { Int(slice(8, 2))! }
    public var birthYearInCentury: Int { Int(slice(10, 2))! }

    /// The serial within the district and birth date.
    public var serial: Int { Int(slice(12, 4))! }

    /// The birth date, taking the latest century that does not put it after `today`
    /// (a NIK records only two digits of the year).
    public func birthDate(notAfter today: CalendarDate) -> CalendarDate? {
        let century = today.year / 100 * 100
        for base in [century, century - 100, century - 200] {
            if let date = CalendarDate(year: base + birthYearInCentury, month: birthMonth, day: birthDay), date <= today {
                return date
            }
        }
        return nil
    }

    /// Whether the NIK's date part encodes `date` (day, month and the year's last two digits).
    public func encodes(birthDate date: CalendarDate) -> Bool {
        date.day == birthDay && date.month == birthMonth && date.year % 100 == birthYearInCentury
    }

    /// `3214**********0001`: the district's first four digits and the serial, the rest hidden.
    public var masked: String { NIK.mask(digits) }

    public var description: String { masked }

    /// Masks any text that might be a NIK: the first and last four characters are kept when the
    /// text is longer than eight, everything else becomes `*`.
    public static func mask(_ text: String) -> String {
        var text = text
        return text.withUTF8(mask(utf8:))
    }

    /// ``mask(_:)`` of UTF-8 text, read in place: the arrears list masks each row's NIK straight
    /// from SQLite's bytes (hundreds of thousands at a time), so no unmasked copy is made.
    public static func mask(utf8 bytes: UnsafeBufferPointer<UInt8>) -> String {
        // Every NIK is ASCII: mask its bytes rather than build Characters.
        if bytes.allSatisfy({ $0 < 0x80 }) {
            let count = bytes.count
            return String(unsafeUninitializedCapacity: count) { buffer in
                for index in 0..<count {
                    buffer[index] = count > 8 && (index < 4 || index >= count - 4) ? bytes[index] : UInt8(ascii: "*")
                }
                return count
            }
        }
        let characters = Array(String(decoding: bytes, as: UTF8.self))
        guard characters.count > 8 else { return String(repeating: "*", count: characters.count) }
        return String(characters.prefix(4)) + String(repeating: "*", count: characters.count - 8)
            + String(characters.suffix(4))
    }

    private func slice(_ offset: Int, _ length: Int) -> Substring { digits.dropFirst(offset).prefix(length) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self = try NIK(try container.decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(digits)
    }
}

extension NIK: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { .text(digits) }

    public static func fromDatabaseValue(_ value: DatabaseValue) -> NIK? {
        guard case .text(let text) = value, text.utf8.count == 16,
              text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        return NIK(stored: text)
    }
}
