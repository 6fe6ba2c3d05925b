import Registry
import Testing

/// `PersonalData.maskDigitRuns`: the one mask every output path uses.
@Suite struct DigitRunMaskingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let input: String
        let output: String
        var testDescription: String { input.debugDescription }
    }

    static let masked: [Case] = [
        // 15 digits stay, 16 are masked: first four and last four kept, like NIK.masked.
        Case(input: "3214011203850001", output: "3214********0001"),
        Case(input: "nik: '3214011203850001' has 16 digits", output: "nik: '3214********0001' has 16 digits"),
        Case(input: "12345678901234567890", output: "1234************7890"),
        Case(input: "x1234567890123456789012345y", output: "x1234*****************2345y"),
        // Where it was typed does not matter: a phone number, a KPJ argument, a receipt.
        Case(input: "+62 3214011203850001", output: "+62 32**********0001"),
        Case(input: "+623214011203850001", output: "+6232**********0001"),
        Case(input: "kpj: '3214011203850001' has 16 digits; a KPJ has 11",
             output: "kpj: '3214********0001' has 16 digits; a KPJ has 11"),
        Case(input: "recorded NIK3214011203850001: Rp16.800", output: "recorded NIK3214********0001: Rp16.800"),
        // Two runs in one message, each masked by itself.
        Case(input: "3214011203850001 and 3402010101800003", output: "3214********0001 and 3402********0003"),
        Case(input: "3214011203850001,3402010101800003", output: "3214********0001,3402********0003"),
        // Separated as on the card: the separators stay, the digits are masked.
        Case(input: "3214 0112 0385 0001", output: "3214 **** **** 0001"),
        Case(input: "3214-0112-0385-0001", output: "3214-****-****-0001"),
        Case(input: "3214.0112.0385.0001", output: "3214.****.****.0001"),
        Case(input: "3214/0112/0385/0001", output: "3214/****/****/0001"),
        Case(input: "3214_0112_0385_0001", output: "3214_****_****_0001"),
        Case(input: "321401 120385 0001", output: "3214** ****** 0001"),
        Case(input: "32.14.01 120385/0001", output: "32.14.** ******/0001"),
        Case(input: "3 2 1 4 0 1 1 2 0 3 8 5 0 0 0 1", output: "3 2 1 4 * * * * * * * * 0 0 0 1"),
        // Other spaces and dashes: no-break, thin, ideographic space; en dash, minus sign.
        Case(input: "3214\u{00A0}0112\u{00A0}0385\u{00A0}0001", output: "3214\u{00A0}****\u{00A0}****\u{00A0}0001"),
        Case(input: "3214\u{2009}0112\u{3000}0385 0001", output: "3214\u{2009}****\u{3000}**** 0001"),
        Case(input: "3214\u{2013}0112\u{2212}0385-0001", output: "3214\u{2013}****\u{2212}****-0001"),
        // Digits of other scripts.
        Case(input: "３２１４０１１２０３８５０００１", output: "３２１４********０００１"),
        Case(input: "٣٢١٤٠١١٢٠٣٨٥٠٠٠١", output: "٣٢١٤********٠٠٠١"),
        Case(input: "3214０１１２0385٠٠٠1", output: "3214********٠٠٠1"),
        // Invisible characters inside the run join it.
        Case(input: "3214\u{200B}0112\u{200B}0385\u{200B}0001", output: "3214\u{200B}****\u{200B}****\u{200B}0001"),
        Case(input: "32140112\u{2060}03850001", output: "3214****\u{2060}****0001"),
        Case(input: "3214\u{00AD}011203850001", output: "3214\u{00AD}********0001"),
        Case(input: "3214 \u{200B}0112\u{200D} 0385-\u{FEFF}0001", output: "3214 \u{200B}****\u{200D} ****-\u{FEFF}0001"),
        Case(input: "3\u{0301}214011203850001", output: "3\u{0301}214********0001"),
        // Text that is not ASCII around it.
        Case(input: "Nomor KTP Śiti — 3214015507900002 — Désa Dua", output: "Nomor KTP Śiti — 3214********0002 — Désa Dua"),
        Case(input: "名前 3214011203850001 です", output: "名前 3214********0001 です"),
        // A longer amount is masked too: it could be a NIK typed in an amount column.
        Case(input: "-Rp9.223.372.036.854.775.808 does not match", output: "-Rp9.223.***.***.***.**5.808 does not match"),
        Case(input: "'3214011203850001", output: "'3214********0001"),
    ]

    @Test(arguments: masked)
    func masksEveryRunOfSixteenOrMoreDigits(_ c: Case) {
        #expect(PersonalData.maskDigitRuns(c.input) == c.output)
        #expect(PersonalData.maskDigitRuns(c.output) == c.output, "masking twice changes nothing")
    }

    static let untouched: [String] = [
        "", "plain text", "321401120385000", "3214 0112 0385 000", "kpj 10000000003", "081234567890",
        "2025-06-20", "2025-06-20T03:00:00.000Z", "09:30:00", "Rp1.000.000", "-Rp1.540.000", "Rp100.000.000.000",
        "at most 9,223,372,036,854,775,807 (2^63 − 1)",
        // A table: cells two spaces apart; a list: comma and space.
        "1000000  2000000  3000000", "3214  0112  0385  0001", "2024  500000  25000  BPS", "1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11",
        // Two separators in a row end a run; so do a tab, a line break, a comma, a colon.
        "3214--0112--0385--0001", "3214 - 0112 - 0385 - 0001", "32140112\t03850001", "32140112\n03850001",
        "32140112,03850001", "32140112:03850001",
        "3214********0001", "3214 **** **** 0001", "Rp16.800 for 2025-01, 2025-02, 2025-03",
        "Śiti ３２１ 名前", "\u{200B}\u{200B}", "１２３４５６７８９０１２３４５",
    ]

    @Test(arguments: untouched)
    func leavesDatesAmountsTablesAndShortNumbersAlone(_ text: String) {
        #expect(PersonalData.maskDigitRuns(text) == text)
    }

    /// The common case, an ASCII cell with fewer than 16 digits, comes back as the same string,
    /// not a copy: exports run the mask on every cell.
    @Test func anASCIICellWithFewDigitsIsReturnedWithoutACopy() {
        let cell = String(repeating: "Budi Santoso, trader in Purwakarta ", count: 4) + "081234567890"
        let masked = PersonalData.maskDigitRuns(cell)
        let original = cell.utf8.withContiguousStorageIfAvailable { $0.baseAddress }
        let returned = masked.utf8.withContiguousStorageIfAvailable { $0.baseAddress }
        #expect(original != nil && original == returned)
        // Positive control: a cell that is masked is a new string.
        let nik = cell + "3214011203850001"
        #expect(nik.utf8.withContiguousStorageIfAvailable { $0.baseAddress }
                != PersonalData.maskDigitRuns(nik).utf8.withContiguousStorageIfAvailable { $0.baseAddress })
    }

    /// No more of a NIK shows than `NIK.masked` shows, however it is written.
    @Test func aMaskedNIKShowsNoMoreThanNIKMasked() throws {
        let nik = try NIK("3214011203850001")
        #expect(PersonalData.maskDigitRuns(nik.digits) == nik.masked)
        for written in ["3214 0112 0385 0001", "32-14-01-12-03-85-00-01", "+62 3214011203850001", "3214011203850001 9"] {
            let shown = PersonalData.maskDigitRuns(written).filter(\.isNumber)
            #expect(shown.count <= 8, "\(written) shows \(shown.count) digits")
        }
    }

    @Test func registryErrorsMaskTheirDescriptionAndValueButKeepThePayload() {
        let typed = "3214011203850001"
        let refusal: RegistryError
        do {
            _ = try KPJ(typed)
            Issue.record("a NIK parsed as a KPJ")
            return
        } catch {
            refusal = error
        }
        #expect(refusal.description == "kpj: '3214********0001' has 16 digits; a KPJ has 11")
        #expect(refusal.value == "3214********0001")
        guard case .invalid(_, let raw, _) = refusal else {
            Issue.record("\(refusal)")
            return
        }
        #expect(raw == typed, "code matching on the case still gets the value as typed")

        let spaced = RegistryError.notFound(field: "npp", value: "3214 0112 0385 0001")
        #expect(spaced.description == "npp: nothing is registered under '3214 **** **** 0001'")
        #expect(RegistryError.notFound(field: "kpj", value: "10000000091").description
                == "kpj: nothing is registered under '10000000091'")
    }

    @Test func importRejectsMaskValueAndReasonBeforeShorteningTheValue() {
        let reject = ImportReject(line: 2, column: "phone", value: "3214-0112-0385-0001",
                                  reason: "phone: '3214-0112-0385-0001' is not a phone number")
        #expect(reject.value == "3214-****-****-0001")
        #expect(reject.reason == "phone: '3214-****-****-0001' is not a phone number")

        // The cut at 100 characters falls inside the NIK: cut first, ten of its digits would show.
        let long = String(repeating: "a", count: 90) + "3214011203850001" + String(repeating: "b", count: 20)
        #expect(String(long.prefix(ImportReject.maximumValueLength)).hasSuffix("3214011203"), "the control")
        let cut = ImportReject(line: 2, column: "full_name", value: long, reason: "is too long")
        #expect(cut.value == String(repeating: "a", count: 90) + "3214******… (126 characters)")
    }

    @Test func fileErrorsMaskTheHeaderTheyQuote() {
        let error = ImportFileError.unknownColumn("3214011203850001", kind: .regions)
        #expect(error.description == "has an unknown column '3214********0001'; regions files have code, name")
    }
}
