import Foundation
import Registry
import SQLiteDB

/// `fuzz-nik`: one input, taken as text (invalid UTF-8 replaced, as no CSV field reaches the
/// parsers undecoded), through the identity parsers and what they decode: ``NIK`` (region,
/// birth date, sex, serial, masking), ``KPJ`` (the Damm check digit) and ``RegionCode``.
///
/// Each parser's verdict is compared with a plain restatement of its rules written here, so a
/// wrong answer is a finding and not only a crash.
public enum IdentityCheck {
    public struct Outcome {
        public let text: String
        public let nik: Result<NIK, RegistryError>
        public let kpj: Result<KPJ, RegistryError>
        public let region: Result<RegionCode, RegistryError>
        /// Broken invariants, each a sentence with any NIK masked; empty when all hold.
        public internal(set) var violations: [String] = []
    }

    /// The day birth dates are decoded against: fixed, so a replay gives the same answer every year.
    public static let today = CalendarDate(year: 2026, month: 1, day: 1)!

    public static func run(_ bytes: [UInt8]) -> Outcome {
        let text = String(decoding: bytes, as: UTF8.self)
        var outcome = Outcome(
            text: text,
            nik: Result { () throws(RegistryError) in try NIK(text) },
            kpj: Result { () throws(RegistryError) in try KPJ(text) },
            region: Result { () throws(RegistryError) in try RegionCode(text) })
        var violations: [String] = []
        checkNIK(outcome.nik, text: text, &violations)
        checkStoredNIK(text, parsed: outcome.nik, &violations)
        checkKPJ(outcome.kpj, text: text, &violations)
        checkRegion(outcome.region, text: text, &violations)
        outcome.violations = violations
        return outcome
    }

    // MARK: NIK

    private static func checkNIK(_ result: Result<NIK, RegistryError>, text: String, _ violations: inout [String]) {
        let masked = NIK.mask(text)
        let expected = expectedNIKValidity(text)
        switch result {
        case .success(let nik):
            guard expected else { return violations.append("NIK(\(masked)) parsed, but the rules refuse it") }
            let digits = Array(text.utf8).map { Int($0) - 48 }
            func number(_ offset: Int, _ length: Int) -> Int { digits[offset..<offset + length].reduce(0) { $0 * 10 + $1 } }
            let encodedDay = number(6, 2)
            let pieces = "\(nik.provinceCode.code)|\(nik.regencyCode.code)|\(nik.districtCode.code)"
            let expectedPieces = "\(text.prefix(2))|\(text.prefix(2)).\(text.dropFirst(2).prefix(2))|"
                + "\(text.prefix(2)).\(text.dropFirst(2).prefix(2)).\(text.dropFirst(4).prefix(2))"
            if nik.digits != text { violations.append("NIK(\(masked)).digits differ from the input") }
            if pieces != expectedPieces { violations.append("NIK(\(masked)) decodes regions \(pieces)") }
            if nik.districtCode.level != .district || (try? RegionCode(nik.districtCode.code)) != nik.districtCode {
                violations.append("NIK(\(masked)).districtCode \(nik.districtCode) is not a well-formed district")
            }
            if nik.districtCode.parent != nik.regencyCode || nik.regencyCode.parent != nik.provinceCode {
                violations.append("NIK(\(masked)): district, regency and province do not nest")
            }
            if nik.sex != (encodedDay > 40 ? .female : .male) { violations.append("NIK(\(masked)).sex is \(nik.sex)") }
            if nik.birthDay != (encodedDay > 40 ? encodedDay - 40 : encodedDay) || nik.birthMonth != number(8, 2)
                || nik.birthYearInCentury != number(10, 2) || nik.serial != number(12, 4) {
                violations.append("NIK(\(masked)) decodes day \(nik.birthDay), month \(nik.birthMonth), year \(nik.birthYearInCentury), serial \(nik.serial)")
            }
            if let born = nik.birthDate(notAfter: today) {
                // Two digits of year: the latest century that keeps the date on or before today.
                let centuryBefore = CalendarDate(year: today.year - 100, month: today.month, day: today.day)!
                if born > today || born <= centuryBefore || !nik.encodes(birthDate: born) {
                    violations.append("NIK(\(masked)).birthDate(notAfter: \(today)) is \(born)")
                }
            } else {
                violations.append("NIK(\(masked)) parsed but has no birth date on or before \(today)")
            }
            if nik.masked != masked || nik.description != masked
                || nik.masked != String(text.prefix(4)) + "********" + String(text.suffix(4)) {
                violations.append("NIK(\(masked)) is masked as \(NIK.mask(nik.masked))")
            }
            if (try? NIK(nik.digits)) != nik { violations.append("NIK(\(masked)) does not parse its own digits") }
            if let json = try? JSONEncoder().encode([nik]),
               (try? JSONDecoder().decode([NIK].self, from: json)) != [nik] {
                violations.append("NIK(\(masked)) does not survive a JSON round trip")
            }
        case .failure(let error):
            if expected { violations.append("NIK(\(masked)) refused, but the rules accept it: \(error)") }
            guard case .invalid(let field, let value, _) = error, field == "nik", value == masked else {
                return violations.append("NIK(\(masked)) refused with \(error), not .invalid(field: nik, value: masked)")
            }
            // The only text that could be a NIK is digits; a refusal must never print it whole.
            if text.count > 8, text.utf8.allSatisfy({ (48...57).contains($0) }), error.description.containsBytes(of: text) {
                violations.append("the refusal of \(masked) prints it unmasked")
            }
        }
    }

    /// A NIK as the database hands it back: 16 digits, date part unchecked (legacy rows).
    /// Decoding it must not trap, whatever the digits.
    private static func checkStoredNIK(_ text: String, parsed: Result<NIK, RegistryError>, _ violations: inout [String]) {
        guard let stored = NIK.fromDatabaseValue(.text(text)) else {
            let sixteenDigits = text.utf8.count == 16 && text.utf8.allSatisfy { (48...57).contains($0) }
            if sixteenDigits { violations.append("NIK.fromDatabaseValue refuses 16 digits \(NIK.mask(text))") }
            return
        }
        let born = stored.birthDate(notAfter: today)
        _ = (stored.sex, stored.serial, stored.districtCode, stored.regencyCode, stored.provinceCode, stored.masked)
        if case .success = parsed, born == nil {
            violations.append("the stored form of valid NIK \(NIK.mask(text)) has no birth date")
        }
        if let born, !stored.encodes(birthDate: born) {
            violations.append("stored NIK \(NIK.mask(text)) decodes birth date \(born), which it does not encode")
        }
    }

    /// The NIK rules of ``NIK/init(_:field:)``, restated: 16 ASCII digits `PPKKCC DDMMYY SSSS`,
    /// province not 00, regency 01–69 or 71–99, district not 00, a day of 01–31 (41–71 for
    /// women) that exists in that month in 19YY or 20YY, serial not 0000.
    public static func expectedNIKValidity(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 16, bytes.allSatisfy({ (48...57).contains($0) }) else { return false }
        let d = bytes.map { Int($0) - 48 }
        func two(_ i: Int) -> Int { d[i] * 10 + d[i + 1] }
        let serial = two(12) * 100 + two(14)
        let encodedDay = two(6), month = two(8), year = two(10)
        let day = encodedDay > 40 ? encodedDay - 40 : encodedDay
        func exists(_ fullYear: Int) -> Bool {
            let leap = fullYear % 4 == 0 && (fullYear % 100 != 0 || fullYear % 400 == 0)
            let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            return (1...12).contains(month) && day >= 1 && day <= lengths[month - 1]
        }
        return two(0) != 0 && ((1...69).contains(two(2)) || (71...99).contains(two(2))) && two(4) != 0
            && ((1...31).contains(encodedDay) || (41...71).contains(encodedDay))
            && (exists(1900 + year) || exists(2000 + year)) && serial != 0
    }

    // MARK: KPJ

    /// The Damm check digit's promise, with the parser as its own oracle: of the ten last
    /// digits after any ten-digit body exactly one is valid, and a valid number stops being
    /// valid when any one digit is changed or two different neighbours are swapped.
    private static func checkKPJ(_ result: Result<KPJ, RegistryError>, text: String, _ violations: inout [String]) {
        let bytes = Array(text.utf8)
        let elevenDigits = bytes.count == 11 && bytes.allSatisfy { (48...57).contains($0) }
        func parses(_ candidate: [UInt8]) -> Bool { (try? KPJ(String(decoding: candidate, as: UTF8.self))) != nil }
        switch result {
        case .success(let kpj):
            guard elevenDigits else { return violations.append("KPJ(\(text.debugDescription)) parsed, not 11 digits") }
            if kpj.digits != text || kpj.serial != Int64(text.prefix(10)) {
                violations.append("KPJ(\(text)) reads back as \(kpj.digits), serial \(kpj.serial)")
            }
            if KPJ.serials.contains(kpj.serial), KPJ(serial: kpj.serial) != kpj {
                violations.append("KPJ(serial: \(kpj.serial)) is not \(text)")
            }
            for index in 0..<11 {
                for digit in UInt8(48)...57 where digit != bytes[index] {
                    var typo = bytes
                    typo[index] = digit
                    if parses(typo) { violations.append("KPJ \(text) with digit \(index + 1) mistyped still parses") }
                }
                if index < 10, bytes[index] != bytes[index + 1] {
                    var swapped = bytes
                    swapped.swapAt(index, index + 1)
                    if parses(swapped) { violations.append("KPJ \(text) with digits \(index + 1) and \(index + 2) swapped still parses") }
                }
            }
        case .failure(let error):
            guard case .invalid(let field, _, _) = error, field == "kpj" else {
                return violations.append("KPJ refused with \(error), not .invalid(field: kpj)")
            }
            if elevenDigits {
                let valid = (UInt8(48)...57).filter { parses(Array(bytes.prefix(10)) + [$0]) }
                if valid.count != 1 { violations.append("the body \(text.prefix(10)) has \(valid.count) valid check digits") }
            }
        }
    }

    // MARK: RegionCode

    private static func checkRegion(_ result: Result<RegionCode, RegistryError>, text: String, _ violations: inout [String]) {
        let expectedLevel = expectedRegionLevel(text)
        switch result {
        case .success(let region):
            guard let expectedLevel else { return violations.append("RegionCode(\(text.debugDescription)) parsed, but the rules refuse it") }
            if region.code != text || region.level.rawValue != expectedLevel || region.description != text {
                violations.append("RegionCode(\(text)) reads back as \(region.code) at level \(region.level)")
            }
            for level in RegionCode.Level.allCases {
                let ancestor = region.ancestor(at: level)
                guard level <= region.level else {
                    if ancestor != nil { violations.append("RegionCode(\(text)) has an ancestor below itself") }
                    continue
                }
                guard let ancestor, (try? RegionCode(ancestor.code)) == ancestor, ancestor.contains(region) else {
                    violations.append("RegionCode(\(text)) at level \(level) has a malformed or unrelated ancestor")
                    continue
                }
            }
            if !region.contains(region) { violations.append("RegionCode(\(text)) does not contain itself") }
            if let parent = region.parent {
                if parent.level.rawValue != region.level.rawValue - 1 || !parent.contains(region) || region.contains(parent) {
                    violations.append("RegionCode(\(text)) has parent \(parent), which does not enclose it")
                }
            } else if region.level != .province {
                violations.append("RegionCode(\(text)) has no parent")
            }
            let cityNumber = region.level >= .regency ? Int(text.dropFirst(3).prefix(2)) ?? 0 : 0
            if region.isInCity != (cityNumber >= 71) { violations.append("RegionCode(\(text)).isInCity is \(region.isInCity)") }
        case .failure(let error):
            if let expectedLevel { violations.append("RegionCode(\(text)) refused at level \(expectedLevel): \(error)") }
            guard case .invalid(let field, _, _) = error, field == "region_code" else {
                return violations.append("RegionCode refused with \(error), not .invalid(field: region_code)")
            }
        }
    }

    /// The shape rules of ``RegionCode``, restated: `PP`, `PP.KK`, `PP.KK.CC` or `PP.KK.CC.DDDD`
    /// in ASCII digits, province not 00, regency 01–69 or 71–99, district not 00, village
    /// 1001–1999 or 2001–2999. The level, or nil when `text` is not a code.
    public static func expectedRegionLevel(_ text: String) -> Int? {
        let parts = text.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard (1...4).contains(parts.count) else { return nil }
        var numbers: [Int] = []
        for (part, width) in zip(parts, [2, 2, 2, 4]) {
            guard part.count == width, part.allSatisfy({ (48...57).contains($0) }) else { return nil }
            numbers.append(part.reduce(0) { $0 * 10 + Int($1) - 48 })
        }
        guard numbers[0] != 0 else { return nil }
        if numbers.count >= 2, !((1...69).contains(numbers[1]) || (71...99).contains(numbers[1])) { return nil }
        if numbers.count >= 3, numbers[2] == 0 { return nil }
        if numbers.count == 4, !((1001...1999).contains(numbers[3]) || (2001...2999).contains(numbers[3])) { return nil }
        return numbers.count
    }
}
