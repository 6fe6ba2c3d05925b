import Foundation
import SQLiteDB

extension RegistryError.Reason {
    /// The reason's message in both languages, with its parts rendered for `language` (dates in
    /// prose, segment names): one ``Localized`` per case, so a case cannot lack a translation.
    /// The catalogue tests check that both texts use exactly the parts given here.
    func message(in language: Language) -> (Localized, [String: String]) {
        func date(_ date: CalendarDate) -> String { date.prose(in: language) }
        func month(_ month: ContributionMonth) -> String { month.prose(in: language) }
        switch self {
        case .isEmpty:
            return (Localized(en: "is empty", id: "kosong"), [:])
        case .requiredColumnEmpty:
            return (Localized(en: "is empty; the column is required", id: "kosong; kolom ini wajib diisi"), [:])
        case .tooLong(let length, let maximum):
            return (Localized(en: "is {length} characters long; at most {maximum} are allowed",
                              id: "panjangnya {length} karakter; paling banyak {maximum} karakter"),
                    ["length": String(length), "maximum": String(maximum)])
        case .controlCharacter:
            return (Localized(en: "contains a control character", id: "berisi karakter kontrol"), [:])
        case .notAPhoneNumber:
            return (Localized(en: "is not a phone number (8 to 16 digits, optional leading +)",
                              id: "bukan nomor telepon (8 sampai 16 angka, boleh diawali +)"), [:])
        case .notValidUTF8:
            return (Localized(en: "is not valid UTF-8", id: "bukan UTF-8 yang sah"), [:])
        case .fieldCount(let found, let expected):
            return (found == 1
                        ? Localized(en: "has {found} field, the header has {expected}", id: "berisi {found} kolom, baris judul berisi {expected}")
                        : Localized(en: "has {found} fields, the header has {expected}", id: "berisi {found} kolom, baris judul berisi {expected}"),
                    ["found": String(found), "expected": String(expected)])
        case .negative:
            return (Localized(en: "is negative", id: "negatif"), [:])
        case .mustNotBeNegative:
            return (Localized(en: "must not be negative", id: "tidak boleh negatif"), [:])
        case .mustBeAtLeastOne:
            return (Localized(en: "must be at least 1", id: "paling sedikit 1"), [:])
        case .implausiblyLarge(let limit):
            return (Localized(en: "is more than {limit}, the most accepted; is it a typing slip?",
                              id: "lebih dari {limit}, batas tertinggi yang diterima; salah ketik?"),
                    ["limit": Self.quoted(limit, in: language)])
        case .integerTooLarge:
            return (Localized(en: "is too large: a whole number here is at most 9,223,372,036,854,775,807 (2^63 − 1)",
                              id: "terlalu besar: bilangan bulat di sini paling besar 9.223.372.036.854.775.807 (2^63 − 1)"), [:])
        case .notAWholeNumber:
            return (Localized(en: "is not a whole number (digits only, no separators)",
                              id: "bukan bilangan bulat (hanya angka, tanpa pemisah)"), [:])
        case .notABoolean:
            return (Localized(en: "is not true or false", id: "bukan true atau false"), [:])
        case .notADate:
            return (Localized(en: "is not a date YYYY-MM-DD", id: "bukan tanggal YYYY-MM-DD"), [:])
        case .notAMonth:
            return (Localized(en: "is not a month YYYY-MM", id: "bukan bulan YYYY-MM"), [:])
        case .notATimestamp:
            return (Localized(en: "is not an ISO 8601 timestamp such as 2025-01-31T03:00:00.000Z",
                              id: "bukan cap waktu ISO 8601 seperti 2025-01-31T03:00:00.000Z"), [:])
        case .notOneOf(let choices):
            return (Localized(en: "is not one of {choices}", id: "bukan salah satu dari {choices}"),
                    ["choices": choices.joined(separator: ", ")])
        case .notASegment:
            return (Localized(en: "is not a segment: PU, BPU, JAKON or PMI", id: "bukan segmen: PU, BPU, JAKON atau PMI"), [:])
        case .notASex:
            return (Localized(en: "is not male or female (or L / P)", id: "bukan male atau female (atau L / P)"), [:])
        case .unknownProgram(let code):
            return (Localized(en: "has {code}, which is not JKK, JKM, JHT, JP or JKP", id: "berisi {code}, yang bukan JKK, JKM, JHT, JP atau JKP"),
                    ["code": code])
        case .inTheFuture:
            return (Localized(en: "is in the future", id: "ada di masa depan"), [:])
        case .inTheFutureNow(let now):
            return (Localized(en: "is in the future (now is {now})", id: "ada di masa depan (sekarang {now})"),
                    ["now": now.iso8601Milliseconds])
        case .inTheFutureToday(let today):
            return (Localized(en: "is in the future (today is {today})", id: "ada di masa depan (hari ini {today})"),
                    ["today": date(today)])
        case .beforeYear1900:
            return (Localized(en: "is before 1900", id: "sebelum tahun 1900"), [:])
        case .beforeStartDate(let start):
            return (Localized(en: "is before the start date {start}", id: "sebelum tanggal mulai {start}"), ["start": date(start)])
        case .tooFarAhead(let today):
            return (Localized(en: "is more than 12 months ahead (today is {today}); enrol nearer the start",
                              id: "lebih dari 12 bulan ke depan (hari ini {today}); daftarkan menjelang tanggal mulai"),
                    ["today": date(today)])
        case .nikNotDigit(let position):
            return (Localized(en: "contains a character that is not a digit, at position {position}; a NIK is 16 digits",
                              id: "berisi karakter yang bukan angka, di posisi {position}; NIK terdiri dari 16 angka"),
                    ["position": String(position)])
        case .nikLength(let digits):
            return (Localized(en: "has {digits} digits; a NIK has 16", id: "berisi {digits} angka; NIK berisi 16"), ["digits": String(digits)])
        case .nikDistrict(let district):
            return (Localized(en: "starts with {district}, which is not a district code (province not 00, regency 01–69 or 71–99, district not 00)",
                              id: "diawali {district}, yang bukan kode kecamatan (provinsi bukan 00, kabupaten 01–69 atau kota 71–99, kecamatan bukan 00)"),
                    ["district": district])
        case .nikBirthDay(let day):
            return (Localized(en: "has birth day {day}; it must be 01–31 (men) or 41–71 (women: day + 40)",
                              id: "berisi tanggal lahir {day}; harus 01–31 (laki-laki) atau 41–71 (perempuan: tanggal + 40)"),
                    ["day": String(day)])
        case .nikBirthMonth(let month):
            return (Localized(en: "has birth month {month}; it must be 01–12", id: "berisi bulan lahir {month}; harus 01–12"),
                    ["month": String(month)])
        case .nikBirthDate(let day, let month, let year):
            return (Localized(en: "has birth date {day}/{month}/{year}, which does not exist", id: "berisi tanggal lahir {day}/{month}/{year}, yang tidak ada"),
                    ["day": String(day), "month": String(month), "year": String(year)])
        case .nikSerial:
            return (Localized(en: "has serial 0000; serials start at 0001", id: "bernomor urut 0000; nomor urut dimulai dari 0001"), [:])
        case .kpjNotDigit:
            return (Localized(en: "contains a character that is not a digit; a KPJ is 11 digits",
                              id: "berisi karakter yang bukan angka; KPJ terdiri dari 11 angka"), [:])
        case .kpjLength(let digits):
            return (Localized(en: "has {digits} digits; a KPJ has 11", id: "berisi {digits} angka; KPJ berisi 11"), ["digits": String(digits)])
        case .kpjCheckDigit:
            return (Localized(en: "fails its check digit: a digit is mistyped or two digits are swapped",
                              id: "angka pemeriksanya tidak cocok: ada angka yang salah ketik atau dua angka tertukar"), [:])
        case .notARegionCode:
            return (Localized(en: "is not a region code PP, PP.KK, PP.KK.CC or PP.KK.CC.DDDD",
                              id: "bukan kode wilayah PP, PP.KK, PP.KK.CC atau PP.KK.CC.DDDD"), [:])
        case .provinceZero:
            return (Localized(en: "has province 00", id: "berprovinsi 00"), [:])
        case .regencyNumber(let number):
            return (Localized(en: "has regency number {number}; regencies are 01–69 and cities 71–99",
                              id: "bernomor kabupaten {number}; kabupaten 01–69 dan kota 71–99"), ["number": number])
        case .districtZero:
            return (Localized(en: "has district 00", id: "berkecamatan 00"), [:])
        case .villageNumber(let number):
            return (Localized(en: "has village number {number}; villages are 1001–1999 (kelurahan) or 2001–2999 (desa)",
                              id: "bernomor desa {number}; kelurahan 1001–1999 dan desa 2001–2999"), ["number": number])
        case .programNotInMatrix(let segment, let size, let start):
            return (Localized(en: "the segment × program rules do not allow it for {members} on {start}",
                              id: "aturan segmen × program tidak membolehkannya bagi {members} pada {start}"),
                    ["members": Self.members(segment, size, in: language), "start": date(start)])
        case .programRequired(let segment, let size):
            return (Localized(en: "every member in {members} must join it", id: "setiap peserta {members} wajib mengikutinya"),
                    ["members": Self.members(segment, size, in: language)])
        case .memberQualifiesForJKP:
            return (Localized(en: "the member qualifies (Indonesian citizen, enrolled in JKN, under the age limit at registration)",
                              id: "peserta memenuhi syarat (WNI, terdaftar di JKN, di bawah batas usia saat pendaftaran)"), [:])
        case .noRulePrices(let rule, let day):
            return (Localized(en: "no rule prices it ({rule}, nothing in force on {date}), so it could never be billed",
                              id: "tidak ada aturan yang menetapkan iurannya ({rule}, tidak ada yang berlaku pada {date}), jadi tidak akan pernah bisa ditagih"),
                    ["rule": rule, "date": CalendarDate(iso: day).map(date) ?? day])
        case .overlaps(let membership, let start, let end):
            return (end == nil
                        ? Localized(en: "overlaps membership {membership} in the same segment (from {start}, open); end it first",
                                    id: "bertumpang tindih dengan kepesertaan {membership} di segmen yang sama (sejak {start}, masih berjalan); akhiri dulu kepesertaan itu")
                        : Localized(en: "overlaps membership {membership} in the same segment ({start} to {end}); end it first",
                                    id: "bertumpang tindih dengan kepesertaan {membership} di segmen yang sama ({start} sampai {end}); akhiri dulu kepesertaan itu"),
                    ["membership": String(membership), "start": date(start)].merging(end.map { ["end": date($0)] } ?? [:]) { $1 })
        case .owedForMonths(let count, let first, let last):
            return (Localized(en: "owed for {count} month(s), {first} to {last}", id: "terutang untuk {count} bulan, {first} sampai {last}"),
                    ["count": String(count), "first": month(first), "last": month(last)])
        case .monthsNotAllowed:
            return (Localized(en: "is not allowed; informal workers pay for 1, 3, 6 or 12 months",
                              id: "tidak dibolehkan; pekerja bukan penerima upah membayar untuk 1, 3, 6 atau 12 bulan"), [:])
        case .notInformalMembership(let segment):
            return (Localized(en: "is a {segment} membership; month payments are for informal workers (BPU)",
                              id: "adalah kepesertaan {segment}; pembayaran per bulan untuk pekerja bukan penerima upah (BPU)"),
                    ["segment": segment.name(in: language)])
        case .endedOwesNothing(let end):
            return (Localized(en: "ended on {end} and owes nothing; a new membership is needed",
                              id: "berakhir pada {end} dan tidak punya tunggakan; perlu kepesertaan baru"), ["end": date(end)])
        case .beyondMembershipEnd(let end, let payable):
            return (Localized(en: "is more than the membership has left: it ends on {end}, {payable} month(s) can be paid",
                              id: "melebihi sisa kepesertaan: berakhir pada {end}, hanya {payable} bulan yang bisa dibayar"),
                    ["end": date(end), "payable": String(payable)])
        case .untranslated(let text):
            return (Localized(en: text, id: text), [:])
        }
    }

    /// The members a segment × program rule is for: `informal workers (BPU)`, or a wage
    /// earner's with the employer's size, `wage earners (PU) at a small employer`.
    private static func members(_ segment: Segment, _ size: EmployerSizeClass?, in language: Language) -> String {
        guard let size else { return segment.name(in: language) }
        return switch language {
        case .english: "\(segment.name(in: language)) at a \(size.rawValue) employer"
        case .indonesian:
            "\(segment.name(in: language)) pada pemberi kerja " + [.micro: "mikro", .small: "kecil", .medium: "menengah", .large: "besar"][size]!
        }
    }

    /// A limit as a message can quote it whole: written out, Rp10^15 has 16 digits and would
    /// be masked like a NIK (``PersonalData/maskDigitRuns(_:)``), so it is given in trillions.
    private static func quoted(_ maximum: Rupiah, in language: Language) -> String {
        let trillion: Int64 = 1_000_000_000_000
        guard maximum.amount >= 1_000 * trillion, maximum.amount % trillion == 0 else { return maximum.description }
        return "\(Rupiah(maximum.amount / trillion)) " + (language == .english ? "trillion" : "triliun")
    }
}
