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
        case .incomeNotForSegment(let segment):
            return (Localized(en: "cannot be set on a {segment} membership", id: "tidak dapat diisi pada kepesertaan {segment}"),
                    ["segment": segment.name(in: language)])
        case .endedIncomeFixed(let end):
            return (Localized(en: "ended on {end}; its income can no longer change",
                              id: "berakhir pada {end}; penghasilannya tidak dapat diubah lagi"), ["end": end.isoString])
        case .afterMembershipEnded(let end):
            return (Localized(en: "is after the membership already ended, on {end}", id: "sesudah kepesertaan berakhir, pada {end}"),
                    ["end": end.isoString])
        case .wouldLeaveBillOutside(let month):
            return (Localized(en: "would leave the bill for {month} outside the membership; cancel that bill first",
                              id: "akan membuat tagihan {month} berada di luar masa kepesertaan; batalkan dulu tagihan itu"),
                    ["month": month])
        case .employerMissing:
            return (Localized(en: "is missing; a wage earner's membership needs the employer",
                              id: "tidak diisi; kepesertaan pekerja penerima upah memerlukan pemberi kerja"), [:])
        case .projectMissing:
            return (Localized(en: "is missing; a construction membership needs the project",
                              id: "tidak diisi; kepesertaan jasa konstruksi memerlukan proyeknya"), [:])
        case .outsideProjectPeriod(let start, let end):
            return (Localized(en: "is outside the project's period {start} to {end}", id: "di luar masa proyek, {start} sampai {end}"),
                    ["start": start.isoString, "end": end.isoString])
        case .onlyForSegment(let segment):
            return (Localized(en: "is only for {segment}", id: "hanya untuk {segment}"), ["segment": segment.name(in: language)])
        case .incomeMissing(let segment):
            return (Localized(en: "is missing; {segment} are priced on it", id: "tidak diisi; iuran {segment} dihitung darinya"),
                    ["segment": segment.name(in: language)])
        case .zeroWage:
            return (Localized(en: "is zero; a wage earner has a wage", id: "nol; pekerja penerima upah tentu menerima upah"), [:])
        case .jkpEligibilityNotGiven:
            return (Localized(en: "JKP eligibility (citizenship, JKN enrolment) was not given",
                              id: "syarat JKP (kewarganegaraan, kepesertaan JKN) tidak diisi"), [:])
        case .jkpCitizensOnly:
            return (Localized(en: "JKP is for Indonesian citizens", id: "JKP hanya untuk warga negara Indonesia"), [:])
        case .jkpNeedsJKN:
            return (Localized(en: "JKP needs enrolment in national health insurance (JKN)",
                              id: "JKP mensyaratkan kepesertaan jaminan kesehatan nasional (JKN)"), [:])
        case .jkpNoAgeLimit(let day):
            return (Localized(en: "no JKP age limit is in force on {date}", id: "tidak ada batas usia JKP yang berlaku pada {date}"),
                    ["date": day.isoString])
        case .jkpAgeLimit(let age, let limit):
            return (Localized(en: "the member is {age} at registration; JKP is for members under {limit}",
                              id: "peserta berusia {age} tahun saat pendaftaran; JKP untuk peserta di bawah {limit} tahun"),
                    ["age": String(age), "limit": String(limit)])
        case .noUnpaidEmployerBills(let employer):
            return (Localized(en: "has no unpaid bills of employer {employer}",
                              id: "tidak punya tagihan yang belum dibayar untuk pemberi kerja {employer}"), ["employer": String(employer)])
        case .owedByEmployer(let employer, let month, let bills, let penalty):
            // After "{given} does not match the {expected}" / "tidak sama dengan {expected} yang".
            return (penalty
                        ? Localized(en: "owed by employer {employer} for {month} ({bills} bill(s), late penalty included)",
                                    id: "terutang oleh pemberi kerja {employer} untuk {month} ({bills} tagihan, termasuk denda keterlambatan)")
                        : Localized(en: "owed by employer {employer} for {month} ({bills} bill(s))",
                                    id: "terutang oleh pemberi kerja {employer} untuk {month} ({bills} tagihan)"),
                    ["employer": String(employer), "month": month.description, "bills": String(bills)])
        case .isAReversal:
            return (Localized(en: "is itself a reversal and cannot be reversed",
                              id: "merupakan pembatalan pembayaran dan tidak dapat dibatalkan lagi"), [:])
        case .alreadyReversed(let receipt):
            return (Localized(en: "was already reversed by {receipt}", id: "sudah dibatalkan oleh {receipt}"), ["receipt": receipt])
        case .heldInPartOnExtract:
            return (Localized(en: "also settles bills of workers outside this extract's area, which only the centre holds: reverse it at the centre, then pull",
                              id: "juga melunasi tagihan pekerja di luar wilayah ekstrak ini, yang hanya ada di kantor pusat: batalkan di pusat, lalu tarik ulang"), [:])
        case .paidOnBill(let amount):
            return (Localized(en: "has {amount} paid on it; reverse the payment first",
                              id: "sudah dibayar {amount}; batalkan dulu pembayarannya"), ["amount": amount.description])
        case .projectAlreadyBilled(let bill, let amount, let due):
            return (Localized(en: "is already billed (project bill {bill}: {amount}, due {due})",
                              id: "sudah ditagih (tagihan proyek {bill}: {amount}, jatuh tempo {due})"),
                    ["bill": String(bill), "amount": amount.description, "due": due.isoString])
        case .owedForProject(let project, let month, let due):
            return (Localized(en: "owed for construction project {project} (bill of {month}, due {due})",
                              id: "terutang untuk proyek konstruksi {project} (tagihan {month}, jatuh tempo {due})"),
                    ["project": String(project), "month": month.description, "due": due.isoString])
        case .projectOwesNothing(let contractValue, let priced):
            return (Localized(en: "owes nothing: its contract value {value} prices to {priced}",
                              id: "tidak terutang apa pun: iuran atas nilai kontraknya {value} adalah {priced}"),
                    ["value": contractValue.description, "priced": priced.description])
        case .constructionBilledPerProject:
            return (Localized(en: "is a construction membership: its dues are billed once to its project (issueProjectBill), not monthly per worker",
                              id: "adalah kepesertaan jasa konstruksi: iurannya ditagih sekali kepada proyeknya (issueProjectBill), bukan per bulan per pekerja"),
                    [:])
        case .outsideMembership(let membership, let start, let end):
            return (Localized(en: "lies outside membership {membership} ({start} to {end})",
                              id: "di luar masa kepesertaan {membership} ({start} sampai {end})"),
                    ["membership": String(membership), "start": start.isoString,
                     "end": end?.isoString ?? (language == .english ? "open" : "masih berjalan")])
        case .notFirstPlacementMonth(let first):
            return (Localized(en: "is not the first month of the placement; a migrant worker has one bill, for {first}",
                              id: "bukan bulan pertama penempatan; pekerja migran hanya punya satu tagihan, untuk {first}"),
                    ["first": first.description])
        case .alreadyBilled(let membership, let bill):
            return (Localized(en: "is already billed to membership {membership} (bill {bill})",
                              id: "sudah ditagihkan kepada kepesertaan {membership} (tagihan {bill})"),
                    ["membership": String(membership), "bill": String(bill)])
        case .owedForPlacement(let membership, let month):
            return (Localized(en: "owed for the placement of membership {membership} (bill of {month})",
                              id: "terutang untuk penempatan kepesertaan {membership} (tagihan {month})"),
                    ["membership": String(membership), "month": month.description])
        case .notMigrantMembership(let segment):
            return (Localized(en: "is a {segment} membership; placement payments are for migrant workers (PMI)",
                              id: "adalah kepesertaan {segment}; pembayaran penempatan untuk pekerja migran Indonesia (PMI)"),
                    ["segment": segment.name(in: language)])
        case .placementOwesNothing(let month, let amount):
            return (Localized(en: "owes nothing: the rules of {month} price the placement at {amount}",
                              id: "tidak terutang apa pun: menurut aturan {month} iuran penempatannya {amount}"),
                    ["month": month.description, "amount": amount.description])
        case .notAnActiveAgent(let day):
            return (Localized(en: "was not an active agent on {date}", id: "bukan agen aktif pada {date}"), ["date": day.isoString])
        case .pastLastCardSerial:
            return (Localized(en: "is past the last serial the card format allows",
                              id: "melewati nomor urut terakhir yang dimungkinkan format kartu"), [:])
        case .actorNotSetForEligibility:
            return (Localized(en: "is not set: an eligibility answer is audited with who asked; ask inside Registry.write(actor:) or through Registry.eligibility(of:program:on:askedBy:)",
                              id: "tidak diisi: setiap jawaban kelayakan dicatat bersama penanyanya; bertanyalah di dalam Registry.write(actor:) atau lewat Registry.eligibility(of:program:on:askedBy:)"),
                    [:])
        case .notABranch(let kind):
            return (Localized(en: "is a {kind}, not a branch or pioneer branch", id: "adalah {kind}, bukan kantor cabang atau kantor cabang perintis"),
                    ["kind": kind])
        case .notAYear:
            return (Localized(en: "is not a year", id: "bukan tahun"), [:])
        case .emptyForConstruction:
            return (Localized(en: "is empty; a construction membership names the contractor and the project",
                              id: "kosong; kepesertaan jasa konstruksi menyebut kontraktor dan proyeknya"), [:])
        case .emptyButGiven(let other):
            return (Localized(en: "is empty but {other} is given", id: "kosong padahal {other} diisi"), ["other": other])
        case .emptyButGivenBothOrNeither(let other):
            return (Localized(en: "is empty but {other} is given; give both or neither",
                              id: "kosong padahal {other} diisi; isi keduanya atau kosongkan keduanya"), ["other": other])
        case .namesSeveralProjects:
            return (Localized(en: "names more than one project of the contractor", id: "cocok dengan lebih dari satu proyek kontraktor itu"), [:])
        case .regencyDateNotADate:
            return (Localized(en: "has a date that is not YYYY-MM-DD", id: "berisi tanggal yang bukan YYYY-MM-DD"), [:])
        case .regenciesFromEmpty:
            return (Localized(en: "is empty; give it, or write each regency as PP.KK@YYYY-MM-DD",
                              id: "kosong; isilah, atau tulis setiap kabupaten/kota sebagai PP.KK@YYYY-MM-DD"), [:])
        case .reversedByThisRow(let receipt):
            // After "{given} does not match the {expected}" / "tidak sama dengan {expected} yang".
            return (Localized(en: "reversed by this row (minus payment {receipt})",
                              id: "dibatalkan oleh baris ini (minus pembayaran {receipt})"), ["receipt": receipt])
        case .paymentNamesNoOne:
            return (Localized(en: "is empty; a payment names a worker (kpj), an employer (npp) or the receipt it reverses",
                              id: "kosong; pembayaran menyebut pekerja (kpj), pemberi kerja (npp) atau kuitansi yang dibatalkannya"), [:])
        case .headCountRequired:
            return (Localized(en: "is empty; the column is required (empty, with replaces_as_of, it withdraws a figure)",
                              id: "kosong; kolom ini wajib diisi (dikosongkan bersama replaces_as_of, angka itu ditarik)"), [:])
        case .withdrawalKeepsDate(let replaced):
            return (Localized(en: "differs from replaces_as_of {date}: a withdrawal (empty head_count) keeps the date of the figure it withdraws",
                              id: "berbeda dari replaces_as_of {date}: penarikan (head_count kosong) memakai tanggal angka yang ditariknya"),
                    ["date": replaced.isoString])
        case .notAnAreaKind:
            return (Localized(en: "is not office, province or regency", id: "bukan office, province atau regency"), [:])
        case .danglingReferences(let count):
            return (Localized(en: "applying it would leave {count} reference(s) to rows missing from the central register (a row the extract relies on was removed centrally); nothing was applied",
                              id: "jika diterapkan akan menyisakan {count} rujukan ke baris yang tidak ada di register pusat (baris yang diandalkan ekstrak sudah dihapus di pusat); tidak ada yang diterapkan"),
                    ["count": String(count)])
        case .pricedOtherwise(let detail):
            return (Localized(en: "the centre's rules price it otherwise: {detail}", id: "menurut aturan pusat iurannya lain: {detail}"),
                    ["detail": detail])
        case .alreadyCentral(let message):
            return (Localized(en: "already in the central register under another row ({message})",
                              id: "sudah ada di register pusat pada baris lain ({message})"), ["message": message])
        case .changedCentrally(let columns):
            return (Localized(en: "changed centrally since the extract was taken ({columns}); the central value was kept",
                              id: "sudah diubah di pusat sejak ekstrak diambil ({columns}); nilai pusat dipertahankan"),
                    ["columns": columns.joined(separator: ", ")])
        case .goneCentrally:
            return (Localized(en: "no longer in the central register", id: "sudah tidak ada di register pusat"), [:])
        case .idTakenCentrally:
            return (Localized(en: "a row with this id already exists centrally", id: "baris dengan id ini sudah ada di pusat"), [:])
        case .refersToMissingRow:
            return (Localized(en: "refers to a row missing centrally", id: "merujuk ke baris yang tidak ada di pusat"), [:])
        case .dependsOnUnapplied(let table, let row):
            return (Localized(en: "depends on {table} row {row} of the extract, which was not applied",
                              id: "bergantung pada baris {table} {row} di ekstrak, yang tidak diterapkan"),
                    ["table": table, "row": String(row)])
        case .allocationNotApplied:
            return (Localized(en: "one of its allocations was not applied, so the payment is left out whole",
                              id: "salah satu alokasinya tidak diterapkan, jadi pembayaran ini ditinggalkan seluruhnya"), [:])
        case .wrongRegionLevel(let level):
            return switch level {
            case .province: (Localized(en: "is not a province code (PP)", id: "bukan kode provinsi (PP)"), [:])
            case .regency: (Localized(en: "is not a regency or city code (PP.KK)", id: "bukan kode kabupaten atau kota (PP.KK)"), [:])
            case .district: (Localized(en: "is not a district code (PP.KK.CC)", id: "bukan kode kecamatan (PP.KK.CC)"), [:])
            case .village: (Localized(en: "is not a village code (PP.KK.CC.DDDD)", id: "bukan kode desa atau kelurahan (PP.KK.CC.DDDD)"), [:])
            }
        case .notAProvinceOrRegencyCode:
            return (Localized(en: "is not a province or regency code", id: "bukan kode provinsi atau kabupaten/kota"), [:])
        case .notAValidParent(let kind, let parent):
            return parent.map { parent in
                (Localized(en: "is not a valid parent: a {kind} belongs to the {parent}", id: "bukan induk yang sah: {kind} berada di bawah {parent}"),
                 ["kind": kind, "parent": parent])
            } ?? (Localized(en: "is not a valid parent: the head office has no parent", id: "bukan induk yang sah: kantor pusat tidak punya induk"), [:])
        case .headOfficeExists:
            return (Localized(en: "exists already; there is one head office", id: "sudah ada; kantor pusat hanya satu"), [:])
        case .notAfterLatestAssignment(let latest):
            return (Localized(en: "is not after the regency's latest assignment, from {latest}",
                              id: "tidak sesudah penugasan terakhir kabupaten/kota itu, sejak {latest}"), ["latest": latest])
        case .correctionKeepsArea(let field, let figure, let described):
            return (Localized(en: "is not the {field} of figure {figure} ({described}): a correction keeps the area, segment and measure; withdraw the figure and record a new one to change them",
                              id: "bukan {field} angka {figure} ({described}): koreksi mempertahankan wilayah, segmen dan ukurannya; untuk mengubahnya, tarik angka itu dan catat angka baru"),
                    ["field": field, "figure": figure, "described": described])
        case .alreadyWithdrawn:
            return (Localized(en: "is a withdrawal already; record a figure to replace it (correctPublishedCount)",
                              id: "sudah merupakan penarikan; catat angka untuk menggantinya (correctPublishedCount)"), [:])
        case .headCountImplausible:
            return (Localized(en: "is more than 1,000,000,000, several times the population; is it a typing slip?",
                              id: "lebih dari 1.000.000.000, beberapa kali jumlah penduduk; salah ketik?"), [:])
        case .actorNotSetForPublishedCount:
            return (Localized(en: "is not set: a published figure is kept with who recorded it; record it inside Registry.write(actor:)",
                              id: "tidak diisi: angka terbitan disimpan bersama pencatatnya; catat di dalam Registry.write(actor:)"), [:])
        case .alreadyPublished(let described, let count, let source, let figure):
            return (Localized(en: "already has a published figure of {described}: {count} from “{source}” (figure {figure}); correct it (replaces_as_of in a file, correctPublishedCount in the library) rather than record the day twice",
                              id: "sudah punya angka terbitan {described}: {count} dari “{source}” (angka {figure}); koreksi angka itu (replaces_as_of di berkas, correctPublishedCount di pustaka), jangan mencatat hari yang sama dua kali"),
                    ["described": described, "count": String(count), "source": source, "figure": figure])
        case .alreadySuperseded(let later):
            return (Localized(en: "is already superseded by figure {later}; correct that one", id: "sudah digantikan oleh angka {later}; koreksi angka itu"),
                    ["later": later])
        case .cursorOfAnotherDay(let cursor, let day):
            return (Localized(en: "is a cursor of the arrears list on {cursor}, not on {date}",
                              id: "adalah kursor daftar tunggakan per {cursor}, bukan per {date}"),
                    ["cursor": cursor.isoString, "date": day.isoString])
        case .withdrawalHasNoCount:
            return (Localized(en: "is a withdrawal: it has no count to imply a coverage",
                              id: "adalah penarikan: tidak ada jumlah untuk menghitung cakupan"), [:])
        case .standingStale:
            return (Localized(en: "memberships changed outside the library since the report tables were refreshed: run `registry refresh` (or RegistrySession.refreshStanding()) first",
                              id: "kepesertaan diubah di luar pustaka sejak tabel laporan terakhir diperbarui: jalankan dulu `registry refresh` (atau RegistrySession.refreshStanding())"),
                    [:])
        case .neitherRateNorFlat:
            return (Localized(en: "has neither rate_ppm nor flat_amount", id: "tidak berisi rate_ppm maupun flat_amount"), [:])
        case .notAKnownKind:
            return (Localized(en: "is not a known kind", id: "bukan jenis yang dikenal"), [:])
        case .pricedOnFirstDay(let first, let rules):
            return (Localized(en: "is priced with the rules in force on its first day, {first}; these rules are for {rules}",
                              id: "iurannya dihitung dengan aturan yang berlaku pada hari pertamanya, {first}; aturan ini untuk {rules}"),
                    ["first": first.isoString, "rules": rules.isoString])
        case .tooLongToPrice:
            return (Localized(en: "is too long to price", id: "terlalu panjang untuk dihitung iurannya"), [:])
        case .longerThan(let maximum):
            return (Localized(en: "is longer than {maximum} characters", id: "lebih dari {maximum} karakter"), ["maximum": String(maximum)])
        case .agentNeedsNIKOrPhone:
            return (Localized(en: "and phone are both missing; an agent needs one of them",
                              id: "dan nomor telepon sama-sama kosong; agen memerlukan salah satunya"), [:])
        case .beforeAgentStarted(let start):
            return (Localized(en: "is before the agent started, {start}", id: "sebelum agen mulai bertugas, {start}"), ["start": start.isoString])
        case .notAChangesetFile:
            return (Localized(en: "is not a changeset written by `registry sync push --changeset`",
                              id: "bukan changeset yang ditulis oleh `registry sync push --changeset`"), [:])
        case .markerFieldCount(let found):
            return (Localized(en: "its marker line has {found} fields, not 5", id: "baris penandanya berisi {found} kolom, bukan 5"),
                    ["found": String(found)])
        case .agentAreaNeedsID:
            return (Localized(en: "an agent area needs the agent's id", id: "wilayah agen memerlukan id agennya"), [:])
        case .notAnExtractAreaKind:
            return (Localized(en: "must be office, region or agent", id: "harus office, region atau agent"), [:])
        case .notAnExtract:
            return (Localized(en: "is not an extract (no sync_extract marker): `registry extract` makes one",
                              id: "bukan ekstrak (tidak ada penanda sync_extract): `registry extract` membuatnya"), [:])
        case .baselineLost:
            return (Localized(en: "has lost its baseline (the file as extracted), so its work cannot be found: extract the area again",
                              id: "kehilangan data dasarnya (berkas saat diekstrak), sehingga pekerjaannya tidak dapat ditemukan: ekstrak ulang wilayahnya"),
                    [:])
        case .extractPredatesLayout(let migration):
            return (Localized(en: "was made before {migration} changed the tables it syncs, so its work cannot be applied here: push extracts before upgrading (with the version that made them), then extract again",
                              id: "dibuat sebelum {migration} mengubah tabel yang disinkronkan, sehingga pekerjaannya tidak dapat diterapkan di sini: kirim (push) ekstrak sebelum memperbarui (dengan versi yang membuatnya), lalu ekstrak ulang"),
                    ["migration": migration])
        case .unpushedWork:
            return (Localized(en: "holds work not yet pushed to this register: push it first (`registry sync push`), or discard it",
                              id: "berisi pekerjaan yang belum dikirim ke register ini: kirim dulu (`registry sync push`), atau buang"), [:])
        case .companionFile(let suffix):
            return (Localized(en: "has a {suffix} file beside it: it is open elsewhere or was not closed cleanly; close it first",
                              id: "ada berkas {suffix} di sampingnya: berkas ini sedang dibuka di tempat lain atau tidak ditutup dengan benar; tutup dulu"),
                    ["suffix": suffix])
        case .cannotReplace(let error):
            return (Localized(en: "cannot be replaced: {error}", id: "tidak dapat diganti: {error}"), ["error": error])
        case .extractNeedsFile:
            return (Localized(en: "an extract is taken from a register file", id: "ekstrak diambil dari berkas register"), [:])
        case .fileAlreadyThere:
            return (Localized(en: "is already there: an extract never replaces a file",
                              id: "sudah ada: ekstrak tidak pernah menimpa berkas"), [:])
        case .isAnExtract:
            return (Localized(en: "is itself an extract: extract from the central register", id: "adalah ekstrak: ambil ekstrak dari register pusat"), [:])
        case .notAYearBetween(let low, let high):
            return (Localized(en: "is not a year between {low} and {high}", id: "bukan tahun antara {low} dan {high}"),
                    ["low": String(low), "high": String(high)])
        case .beforePeriodStart(let start):
            return (Localized(en: "is before the period start {start}", id: "sebelum awal periode {start}"), ["start": start.isoString])
        case .projectNameAmbiguous(let ids):
            return (Localized(en: "names {count} projects (ids {ids}): give the id", id: "cocok dengan {count} proyek (id {ids}): sebutkan id-nya"),
                    ["count": String(ids.count), "ids": ids.joined(separator: ", ")])
        case .noInformalMembership(let day):
            return (Localized(en: "has no informal (BPU) membership started by {date}",
                              id: "tidak punya kepesertaan bukan penerima upah (BPU) yang dimulai paling lambat {date}"), ["date": day.isoString])
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
