import Foundation
import Registry
import SQLiteDB
import Testing

// The value types pricing stands on: Rupiah (notation, half-up rounding, 128-bit products),
// Rate (ppm and its notation), ContributionMonth (YYYY-MM arithmetic) and JakartaCalendar
// (UTC+7 dates and ages).

/// The instant `year-month-day hour:minute:second` UTC.
func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Double) -> Date {
    let days = CalendarDate(year: year, month: month, day: day)!.dayNumber
    return Date(timeIntervalSince1970: Double(days * 86_400 + hour * 3_600 + minute * 60) + second)
}

func date(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

@Suite("Money and calendar")
struct MoneyAndCalendarTests {
    // MARK: Rupiah

    @Test("Rupiah in Indonesian notation", arguments: [
        (Int64(16_800), "Rp16.800"), (-1_540_000, "-Rp1.540.000"), (0, "Rp0"), (7, "Rp7"), (-7, "-Rp7"),
        (999, "Rp999"), (1_000, "Rp1.000"), (100_000, "Rp100.000"), (1_000_000, "Rp1.000.000"),
        (5_000_000_000_000, "Rp5.000.000.000.000"),
        (.max, "Rp9.223.372.036.854.775.807"), (.min, "-Rp9.223.372.036.854.775.808"),
    ])
    func rupiahDescription(_ amount: Int64, _ text: String) {
        #expect(Rupiah(amount).description == text)
    }

    @Test("Applying a rate rounds half up, away from zero", arguments: [
        (Int64(50), Int64(10_000), Int64(1)),        // 0.5
        (49, 10_000, 0),                             // 0.49
        (150, 10_000, 2),                            // 1.5
        (250, 10_000, 3),                            // 2.5: not to even
        (-50, 10_000, -1),                           // -0.5
        (-49, 10_000, 0),
        (-150, 10_000, -2),
        (-1_540_000, 500_000, -770_000),
        (1, 500_000, 1), (-1, 500_000, -1),           // ±0.5
        (1, 499_999, 0), (-1, 499_999, 0),
        (6_800, 10_000, 68),
        (3_333_333, 2_400, 8_000),                    // 7,999.9992
        (1_000_000, 0, 0),
        (16_800, 1_000_000, 16_800),
    ])
    func rounding(_ amount: Int64, _ ppm: Int64, _ expected: Int64) {
        #expect(Rupiah(amount).applying(Rate(partsPerMillion: ppm)) == Rupiah(expected))
    }

    @Test("Products beyond 64 bits are exact (128-bit path)", arguments: [
        (Int64(5_000_000_000_000), Int64(900), Int64(4_500_000_000)),       // Rp5 trillion × 0.09%
        (5_000_000_000_000, 2_100, 10_500_000_000),                         // × 0.21%
        (5_000_000_000_000, 1_000_000, 5_000_000_000_000),                  // × 100%
        (50_000_000_000_000, 1_000_000, 50_000_000_000_000),                // 5·10^19 ppm-rupiah
        (50_000_000_000_001, 500_000, 25_000_000_000_001),                  // …0.5 rounds up
        (.max, 1_000_000, .max),
        (.max, 500_000, 4_611_686_018_427_387_904),                         // …903.5
        (.min, 500_000, -4_611_686_018_427_387_904),
        (-9_000_000_000_000_000, 999_999, -8_999_991_000_000_000),
    ])
    func wideProducts(_ amount: Int64, _ ppm: Int64, _ expected: Int64) {
        #expect(Rupiah(amount).applying(Rate(partsPerMillion: ppm)) == Rupiah(expected))
    }

    @Test("Rupiah arithmetic, caps, sums and JSON")
    func rupiahArithmetic() throws {
        #expect(Rupiah(12_000_000).capped(at: 10_547_400) == 10_547_400)
        #expect(Rupiah(8_000_000).capped(at: 10_547_400) == 8_000_000)
        #expect([Rupiah(10_000), 6_800, 20_000].sum() == 36_800)
        #expect(-Rupiah(5) + 3 - 1 == -3)
        #expect(Rupiah(13_500) * 6 == 81_000)
        let data = try JSONEncoder().encode([Rupiah(16_800)])
        #expect(String(decoding: data, as: UTF8.self) == "[16800]")
        #expect(try JSONDecoder().decode([Rupiah].self, from: data) == [16_800])
    }

    // MARK: Rate

    @Test("Rate notation uses as few decimals as needed", arguments: [
        (Int64(2_400), "0.24%"), (75_000, "7.5%"), (20_000, "2%"), (0, "0%"), (1_000_000, "100%"),
        (3_600, "0.36%"), (4_450, "0.445%"), (17_400, "1.74%"), (1, "0.0001%"), (100, "0.01%"),
        (-5_000, "-0.5%"), (-75_000, "-7.5%"), (-20_000, "-2%"),
    ])
    func rateDescription(_ ppm: Int64, _ text: String) {
        #expect(Rate(partsPerMillion: ppm).description == text)
    }

    @Test("Rate from hundredths of a percent")
    func rateHundredths() {
        #expect(Rate(percentHundredths: 24) == Rate(partsPerMillion: 2_400))
        #expect(Rate(percentHundredths: 570) == Rate(partsPerMillion: 57_000))
        #expect(Rate.whole.description == "100%")
        #expect(Rate(percentHundredths: 24) < Rate(percentHundredths: 54))
    }

    // MARK: ContributionMonth

    @Test("Parses exactly YYYY-MM", arguments: [("2025-01", 2025, 1), ("1900-01", 1900, 1), ("9999-12", 9999, 12)])
    func monthParse(_ text: String, _ year: Int, _ month: Int) {
        let parsed = ContributionMonth(text)
        #expect(parsed?.year == year)
        #expect(parsed?.month == month)
        #expect(parsed?.description == text)
    }

    @Test("Rejects anything else", arguments: [
        "2025-13", "2025-1", "20250-01", "2025-00", "1899-12", "2025/01", "2025-011", "", "2025", "25-01",
        " 2025-01", "2025-01 ", "+025-01", "-025-01", "２０２５-01", "2025-0١",
    ])
    func monthReject(_ text: String) {
        #expect(ContributionMonth(text) == nil)
    }

    @Test("Adding months crosses years", arguments: [
        ("2024-11", 3, "2025-02"), ("2025-01", -1, "2024-12"), ("2024-12", 1, "2025-01"),
        ("2025-01", 24, "2027-01"), ("2025-03", -15, "2023-12"), ("2025-06", 0, "2025-06"),
        ("2020-08", 5, "2021-01"), ("1999-12", 1, "2000-01"),
    ])
    func monthAdding(_ start: String, _ months: Int, _ end: String) {
        let first = ContributionMonth(start)!
        #expect(first.adding(months: months) == ContributionMonth(end)!)
        #expect(first.months(until: ContributionMonth(end)!) == months)
    }

    @Test("First and last day", arguments: [
        ("2024-02", "2024-02-29"), ("2023-02", "2023-02-28"), ("2000-02", "2000-02-29"), ("2100-02", "2100-02-28"),
        ("2025-04", "2025-04-30"), ("2025-12", "2025-12-31"), ("9999-12", "9999-12-31"),
    ])
    func monthLastDay(_ text: String, _ last: String) {
        let month = ContributionMonth(text)!
        #expect(month.lastDay == date(last))
        #expect(month.firstDay == date(text + "-01"))
    }

    @Test("Next, previous, day clamping, containing")
    func monthNavigation() {
        let february = ContributionMonth("2025-02")!
        #expect(february.next.description == "2025-03")
        #expect(february.previous.description == "2025-01")
        #expect(ContributionMonth("2025-01")!.previous.description == "2024-12")
        #expect(february.day(15) == date("2025-02-15"))
        #expect(february.day(31) == date("2025-02-28"))
        #expect(ContributionMonth(containing: date("2024-02-29")) == ContributionMonth("2024-02"))
        #expect(ContributionMonth(year: 2025, month: 13) == nil)
        #expect(ContributionMonth(year: 1899, month: 12) == nil)
        #expect(ContributionMonth("2024-12")! < ContributionMonth("2025-01")!)
    }

    @Test(arguments: ["", "2025", "2025-1", "2025-001", "2025-13", "2025-00", "1899-12", "2025/01", "2025-0a", "+025-01",
                      " 2025-01", "2025-01 ", "２０２５-01", "2025-01-01"])
    func monthTextOtherThanYYYYMMIsRefused(text: String) {
        #expect(ContributionMonth(text) == nil)
    }

    @Test func monthTextIsParsed() {
        #expect(ContributionMonth("2025-01") == ContributionMonth(year: 2025, month: 1))
        #expect(ContributionMonth("9999-12") == ContributionMonth(year: 9999, month: 12))
        #expect(ContributionMonth("1900-01")?.description == "1900-01")
    }

    @Test("Range, both ends included")
    func monthRange() {
        let range = ContributionMonth.range(ContributionMonth("2024-11")!, through: ContributionMonth("2025-02")!)
        #expect(range.map(\.description) == ["2024-11", "2024-12", "2025-01", "2025-02"])
        #expect(ContributionMonth.range(ContributionMonth("2025-02")!, through: ContributionMonth("2024-11")!).isEmpty)
        #expect(ContributionMonth.range(ContributionMonth("2025-02")!, through: ContributionMonth("2025-02")!).count == 1)
        #expect(ContributionMonth.range(ContributionMonth("2020-08")!, through: ContributionMonth("2021-01")!).count == 6)
    }

    @Test("JSON is the YYYY-MM text; a bad month does not decode")
    func monthCodable() throws {
        let data = try JSONEncoder().encode([ContributionMonth("2025-03")!])
        #expect(String(decoding: data, as: UTF8.self) == #"["2025-03"]"#)
        #expect(try JSONDecoder().decode([ContributionMonth].self, from: data) == [ContributionMonth("2025-03")!])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([ContributionMonth].self, from: Data(#"["2025-13"]"#.utf8))
        }
    }

    // MARK: JakartaCalendar

    @Test("Jakarta's date changes at 17:00 UTC", arguments: [
        (utc(2024, 12, 31, 16, 59, 59), "2024-12-31"),
        (utc(2024, 12, 31, 16, 59, 59.999), "2024-12-31"),
        (utc(2024, 12, 31, 17, 0, 0), "2025-01-01"),
        (utc(2025, 2, 28, 16, 59, 59), "2025-02-28"),
        (utc(2025, 2, 28, 17, 0, 0), "2025-03-01"),
        (utc(2024, 2, 28, 17, 0, 0), "2024-02-29"),
        (utc(1969, 12, 31, 16, 59, 59), "1969-12-31"),
        (utc(1969, 12, 31, 17, 0, 0), "1970-01-01"),
        (utc(1960, 6, 1, 0, 0, 0.5), "1960-06-01"),
    ])
    func jakartaDate(_ instant: Date, _ expected: String) {
        #expect(JakartaCalendar.date(at: instant) == date(expected))
    }

    @Test("The contribution month and start of day in Jakarta")
    func jakartaMonth() {
        #expect(JakartaCalendar.month(at: utc(2024, 12, 31, 16, 59, 59)) == ContributionMonth("2024-12"))
        #expect(JakartaCalendar.month(at: utc(2024, 12, 31, 17, 0, 0)) == ContributionMonth("2025-01"))
        #expect(JakartaCalendar.startOfDay(date("2025-01-01")) == utc(2024, 12, 31, 17, 0, 0))
        #expect(JakartaCalendar.date(at: JakartaCalendar.startOfDay(date("2025-03-01"))) == date("2025-03-01"))
    }

    @Test("Age on the day before, of and after a birthday", arguments: [
        ("1990-05-17", "2024-05-16", 33), ("1990-05-17", "2024-05-17", 34), ("1990-05-17", "2024-05-18", 34),
        ("1971-01-01", "2024-12-31", 53), ("1971-01-01", "2025-01-01", 54),
        ("2004-02-29", "2023-02-28", 18), ("2004-02-29", "2023-03-01", 19),
        ("2004-02-29", "2024-02-28", 19), ("2004-02-29", "2024-02-29", 20),
        ("2000-06-15", "2000-06-15", 0),
    ])
    func age(_ birth: String, _ on: String, _ years: Int) {
        #expect(JakartaCalendar.age(bornOn: date(birth), on: date(on)) == years)
    }
}
