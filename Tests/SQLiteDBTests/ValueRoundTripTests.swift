import Foundation
import SQLiteDB
import Testing

/// Every supported type goes in through a bound parameter and comes back equal, with the
/// storage class documented for it.
@Suite struct ValueRoundTripTests {
    let db: Connection

    init() throws {
        db = try Connection(.memory)
        try db.execute("CREATE TABLE t (v)")
    }

    func roundTrip<T: DatabaseValueConvertible & Equatable>(_ value: T) throws -> (T, String) {
        try db.execute("DELETE FROM t")
        try db.execute("INSERT INTO t (v) VALUES (?)", value)
        let row = try #require(try db.fetchOne("SELECT v, typeof(v) FROM t"))
        return (try row.get(0, as: T.self), try row.get(1))
    }

    @Test func integersKeepTheirExtremes() throws {
        for value in [Int64.min, -1, 0, 1, Int64.max] {
            let (back, type) = try roundTrip(value)
            #expect(back == value)
            #expect(type == "integer")
        }
        #expect(try roundTrip(Int.min).0 == Int.min)
        #expect(try roundTrip(Int32.max).0 == Int32.max)
    }

    @Test func doublesAndBooleans() throws {
        for value in [0.0, -0.5, 1e308, Double.leastNonzeroMagnitude, .pi] {
            let (back, type) = try roundTrip(value)
            #expect(back == value)
            #expect(type == "real")
        }
        #expect(try roundTrip(true) == (true, "integer"))
        #expect(try roundTrip(false) == (false, "integer"))
    }

    @Test func stringsOfEveryShape() throws {
        let samples = [
            "",
            "Siti Nurhaliza",
            "Ni Luh Putu Ayu Kusumawardhani",
            "Désirée Çağlar Ñúñez",  // diacritics, precomposed
            "Ade\u{301}",  // combining accent kept as written
            "Petani 🌾 dan nelayan 🎣👨‍👩‍👧",
            "line one\nline two\r\n\ttabbed",
            "O'Brien \"quoted\"; DROP TABLE t;--",
            "nul\u{0}inside",
            String(repeating: "Panjang sekali. ", count: 100_000),
        ]
        for value in samples {
            let (back, type) = try roundTrip(value)
            #expect(back == value)
            #expect(back.utf8.count == value.utf8.count)
            #expect(type == "text")
        }
    }

    @Test func blobsKeepNulBytesAndEmptiness() throws {
        let bytes: [UInt8] = [0, 1, 0, 255, 0]
        #expect(try roundTrip(Data(bytes)) == (Data(bytes), "blob"))
        #expect(try roundTrip(bytes) == (bytes, "blob"))
        let (empty, type) = try roundTrip(Data())
        #expect(empty.isEmpty)
        #expect(type == "blob")  // an empty blob is not NULL
        let large = Data((0..<1_000_000).map { UInt8($0 % 251) })
        #expect(try roundTrip(large).0 == large)
    }

    @Test func nullRoundTripsThroughOptionals() throws {
        let (back, type) = try roundTrip(String?.none)
        #expect(back == nil)
        #expect(type == "null")
        #expect(try roundTrip(Int64?.some(42)) == (42, "integer"))
        #expect(try roundTrip(DatabaseValue.null) == (.null, "null"))
    }

    @Test func datesAreISO8601TextInUTCWithMilliseconds() throws {
        let date = Date(timeIntervalSince1970: 1_763_686_200.123)  // 2025-11-21T00:50:00.123Z
        let (back, type) = try roundTrip(date)
        #expect(type == "text")
        #expect(abs(back.timeIntervalSince1970 - date.timeIntervalSince1970) < 0.0005)
        let stored = try db.fetchValue(String.self, "SELECT v FROM t")
        #expect(stored == "2025-11-21T00:50:00.123Z")
        // SQLite's own date functions read the stored text.
        #expect(try db.fetchValue(String.self, "SELECT date(v) FROM t") == "2025-11-21")
        // Dates before 1970 split days correctly.
        let old = try #require(Date(iso8601: "1945-08-17T10:00:00.000Z"))
        #expect(old.iso8601Milliseconds == "1945-08-17T10:00:00.000Z")
        #expect(try roundTrip(old).0 == old)
    }

    @Test func unixMillisecondsAreIntegersTheShellCanRead() throws {
        let moment = UnixMilliseconds(Date(timeIntervalSince1970: 1_763_686_200.1234))
        #expect(moment.value == 1_763_686_200_123, "rounded to the millisecond")
        let (back, type) = try roundTrip(moment)
        #expect(type == "integer")
        #expect(back == moment)
        #expect(moment.description == "2025-11-21T00:50:00.123Z")
        // The shell's reading of the integer is the text a Date would have stored.
        #expect(try db.fetchValue(String.self, "SELECT strftime('%Y-%m-%dT%H:%M:%fZ', v / 1000.0, 'unixepoch') FROM t")
                == "2025-11-21T00:50:00.123Z")
        // Text is not silently taken for a moment: reading it is refused, naming the column.
        try db.execute("DELETE FROM t")
        try db.execute("INSERT INTO t (v) VALUES ('2025-11-21T00:50:00.123Z')")
        #expect { _ = try db.fetchValue(UnixMilliseconds.self, "SELECT v FROM t") } throws: { error in
            "\(error)".contains("found TEXT")
        }
        #expect(UnixMilliseconds(-1) < UnixMilliseconds(0))
    }

    @Test func storageTextIsZeroPaddedAcrossTheYearRange() throws {
        // The formatter writes digits by hand; check it against printf's padding.
        for seconds in [-62_135_596_800.0, -1.5, 0, 0.001, 86_399.999, 1_000_000_000.25, 253_402_300_799.999] {
            let date = Date(timeIntervalSince1970: seconds)
            let text = date.iso8601Milliseconds
            #expect(text.utf8.count == 24)
            #expect(Date(iso8601: text).map { abs($0.timeIntervalSince1970 - seconds) < 0.0005 } == true)
        }
        #expect(Date(timeIntervalSince1970: -62_135_596_800).iso8601Milliseconds == "0001-01-01T00:00:00.000Z")
        #expect(Date(timeIntervalSince1970: 253_402_300_799.999).iso8601Milliseconds == "9999-12-31T23:59:59.999Z")
        #expect(CalendarDate(year: 1, month: 2, day: 3)?.isoString == "0001-02-03")
        #expect(CalendarDate(year: 9999, month: 12, day: 31)?.isoString == "9999-12-31")
    }

    @Test func datesAlsoReadWhatSQLiteWrites() throws {
        let now = try #require(try db.fetchValue(Date.self, "SELECT datetime('now')"))
        #expect(abs(now.timeIntervalSinceNow) < 5)
        #expect(Date(iso8601: "2024-02-29")?.iso8601Milliseconds == "2024-02-29T00:00:00.000Z")
        #expect(Date(iso8601: "2024-02-29 23:59:59")?.iso8601Milliseconds == "2024-02-29T23:59:59.000Z")
        #expect(Date(iso8601: "2023-02-29") == nil)
        #expect(Date(iso8601: "2024-01-01T24:00:00Z") == nil)
        #expect(Date(iso8601: "yesterday") == nil)
    }

    @Test func calendarDatesValidateAndStoreAsText() throws {
        let date = try #require(CalendarDate(year: 1987, month: 6, day: 15))
        #expect(try roundTrip(date) == (date, "text"))
        #expect(try db.fetchValue(String.self, "SELECT v FROM t") == "1987-06-15")
        #expect(CalendarDate(year: 2023, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CalendarDate(iso: "2026-13-01") == nil)
        #expect(CalendarDate(iso: "2026-1-01") == nil)
        #expect(CalendarDate(iso: "1970-01-01")?.dayNumber == 0)
        #expect(CalendarDate(dayNumber: -1).isoString == "1969-12-31")
        #expect(date.adding(days: 365 * 4 + 1).isoString == "1991-06-15")
    }

    @Test func rawRepresentableTypesConvertThroughTheirRawValue() throws {
        enum Sex: String, DatabaseValueConvertible { case male = "M", female = "F" }
        #expect(try roundTrip(Sex.female) == (.female, "text"))
        try db.execute("UPDATE t SET v = 'X'")
        let error = #expect(throws: RowDecodingError.self) { try db.fetchValue(Sex.self, "SELECT v FROM t") }
        #expect(error?.problem == .mismatch(found: .text))
    }
}
