import Registry
import SQLiteDB
import Testing

@Suite struct NIKTests {
    @Test func decodesRegionBirthDateSexAndSerial() throws {
        let nik = try NIK("3214015505920006")
        #expect(nik.districtCode.code == "32.14.01")
        #expect(nik.regencyCode.code == "32.14")
        #expect(nik.provinceCode.code == "32")
        #expect(nik.sex == .female)
        #expect(nik.birthDay == 15 && nik.birthMonth == 5 && nik.birthYearInCentury == 92)
        #expect(nik.birthDate(notAfter: day("2026-11-21")) == day("1992-05-15"))
        #expect(nik.serial == 6)
        #expect(nik.encodes(birthDate: day("1992-05-15")))
        #expect(!nik.encodes(birthDate: day("1992-05-16")))
        let man = try NIK("3402011203850001")
        #expect(man.sex == .male && man.birthDay == 12)
    }

    @Test func centuryIsTheLatestNotInTheFuture() throws {
        let nik = try NIK("3214011203250001")   // 12-03-25
        #expect(nik.birthDate(notAfter: day("2026-11-21")) == day("2025-03-12"))
        #expect(nik.birthDate(notAfter: day("2025-03-11")) == day("1925-03-12"))
    }

    @Test func maskingKeepsFourDigitsAtEachEnd() throws {
        let nik = try NIK("3214015505920006")
        #expect(nik.masked == "3214********0006")
        #expect(nik.description == nik.masked)
        #expect("\(nik)" == "3214********0006")
        #expect(NIK.mask("12345") == "*****")
        #expect(NIK.mask("12345678") == "********")
        #expect(NIK.mask("123456789") == "1234*6789")
        #expect(NIK.mask("3214015505920006") == "3214********0006")
        #expect(NIK.mask("") == "")
        // Text that is not ASCII is masked by characters, not bytes.
        #expect(NIK.mask("ÅÅÅÅéééééÅÅÅÅ") == "ÅÅÅÅ*****ÅÅÅÅ")
        #expect(NIK.mask("3214 é 0006") == "3214***0006")
    }

    @Test(arguments: [
        ("321401550592000", "has 15 digits; a NIK has 16"),
        ("32140155059200061", "has 17 digits; a NIK has 16"),
        ("3214O15505920006", "contains a character that is not a digit, at position 5"),
        ("0014015505920006", "which is not a district code"),
        ("3270015505920006", "which is not a district code"),
        ("3214005505920006", "which is not a district code"),
        ("3214013205920006", "has birth day 32"),
        ("3214017205920006", "has birth day 72"),
        ("3214010005920006", "has birth day 0"),
        ("3214011513920006", "has birth month 13"),
        ("3214013104920006", "has birth date 31/4/92, which does not exist"),
        ("3214017104920006", "has birth date 31/4/92, which does not exist"),
        ("3214012902010006", "has birth date 29/2/1, which does not exist"),
        ("3214015505920000", "has serial 0000"),
        ("", "has 0 digits"),
    ])
    func refusesWhatCannotBeANIK(text: String, reason: String) {
        let error = registryError { _ = try NIK(text) }
        #expect(error?.field == "nik")
        #expect(error?.description.contains(reason) == true, "\(String(describing: error))")
        // The message never carries the whole number.
        if text.count >= 16 { #expect(error?.description.contains(text) == false) }
    }

    @Test func leapDayOfACenturyYearIsAccepted() throws {
        #expect(try NIK("3214012902000006").birthDay == 29)     // 2000-02-29 exists
    }
}

@Suite struct KPJTests {
    @Test func issuedNumbersPassTheirCheckDigit() throws {
        for serial: Int64 in [1_000_000_000, 1_000_000_001, 4_294_967_296, 9_999_999_999] {
            let kpj = KPJ(serial: serial)
            #expect(kpj.digits.count == 11)
            #expect(kpj.serial == serial)
            #expect(try KPJ(kpj.digits) == kpj)
        }
    }

    @Test func everySingleDigitTypoIsCaught() throws {
        let digits = Array(KPJ(serial: 1_234_567_890).digits)
        for position in digits.indices {
            for replacement in "0123456789" where replacement != digits[position] {
                var typo = digits
                typo[position] = replacement
                #expect(registryError { _ = try KPJ(String(typo)) } != nil, "\(String(typo))")
            }
        }
    }

    @Test func everyAdjacentSwapIsCaught() throws {
        for serial: Int64 in [1_234_567_890, 1_090_909_090, 5_000_000_005] {
            let digits = Array(KPJ(serial: serial).digits)
            for position in 0..<(digits.count - 1) where digits[position] != digits[position + 1] {
                var swapped = digits
                swapped.swapAt(position, position + 1)
                #expect(registryError { _ = try KPJ(String(swapped)) } != nil, "\(String(swapped))")
            }
        }
    }

    @Test(arguments: ["1234567890", "123456789012", "1234567890a", ""])
    func refusesTheWrongShape(text: String) {
        #expect(registryError { _ = try KPJ(text) }?.field == "kpj")
    }
}

@Suite struct RegionCodeTests {
    @Test(arguments: [
        ("32", RegionCode.Level.province), ("32.14", .regency), ("32.73", .regency), ("32.14.01", .district),
        ("32.14.01.2001", .village), ("32.73.01.1001", .village), ("32.99.01.1999", .village), ("32.69.99.2999", .village),
    ])
    func parsesEachLevel(code: String, level: RegionCode.Level) throws {
        let region = try RegionCode(code)
        #expect(region.level == level)
        #expect(region.code == code)
    }

    @Test(arguments: ["3", "32.", "32.70", "32.00", "00", "32.14.00", "32.14.01.3001", "32.14.01.1000", "32-14", "32.14.01.2001.1", "ab",
                       "", ".32", "32..01", "32.14.01.", "3\u{FF12}", "32.1\u{0664}", "32.14.01.0001", "32.14.01.2000"])
    func refusesMalformedCodes(code: String) {
        #expect(registryError { _ = try RegionCode(code) }?.field == "region_code")
    }

    /// Found by `fuzz-nik`: the one-pass check added up a part's digits without looking at
    /// its width, so twenty digits overflowed and trapped; a `village_code` cell like that
    /// stopped a whole import instead of being a reject of its row.
    @Test(arguments: [String(repeating: "5", count: 23), "3203850021401120" + "3850001\n",
                       "32.14.01." + String(repeating: "9", count: 20), "32." + String(repeating: "1", count: 40)])
    func refusesPartsTooLongToCount(code: String) {
        #expect(registryError { _ = try RegionCode(code) }?.field == "region_code")
    }

    @Test func knowsItsAncestorsAndCities() throws {
        let village = try RegionCode("32.73.01.1001")
        #expect(village.parent?.code == "32.73.01")
        #expect(village.ancestor(at: .province)?.code == "32")
        #expect(village.isInCity)
        #expect(try !RegionCode("32.14").isInCity)
        #expect(try RegionCode("32.14").contains(RegionCode("32.14.01.2001")))
        #expect(try !RegionCode("32.14").contains(RegionCode("32.73.01")))
    }
}
