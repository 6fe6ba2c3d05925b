import Foundation
import SQLiteDB
import Testing

@Suite struct RowTests {
    let db: Connection

    init() throws {
        db = try Connection(.memory)
        try db.executeScript("""
            CREATE TABLE workers (id INTEGER PRIMARY KEY, nik TEXT NOT NULL, full_name TEXT, income INTEGER,
                                  birth_date TEXT, active INTEGER);
            INSERT INTO workers VALUES (1, '3214010101900001', 'Asep Sunandar', 1500000, '1990-01-01', 1);
            INSERT INTO workers VALUES (2, '3402154512850002', 'Sri Wahyuni', NULL, '1985-12-05', 0);
            INSERT INTO workers VALUES (3, '3402150703920003', 'Bambang', 'not a number', '1992-03-07', 1);
            """)
    }

    @Test func columnsByIndexAndByNameInAnyCase() throws {
        let row = try #require(try db.fetchOne("SELECT * FROM workers WHERE id = ?", 1))
        #expect(try row.get(2) == "Asep Sunandar")
        #expect(try row["FULL_NAME"] == "Asep Sunandar")
        #expect(try row["Income"] == 1_500_000 as Int64)
        #expect(try row["active"] == true)
        #expect(row.count == 6)
        #expect(row.hasColumn("NIK"))
        #expect(!row.hasColumn("kpj"))
    }

    /// `withUTF8` hands over the bytes SQLite holds, embedded NUL included, the same from a row
    /// being stepped and from a copied row; NULL is no bytes.
    @Test func textBytesReadInPlace() throws {
        let sql = "SELECT 'Sri ' || char(0) || ' Wahyuni', '', NULL, 'Ñ'"
        var stepped: [[UInt8]] = []
        var copied: [Row] = []
        try db.forEach(sql) { row in
            stepped = (0..<4).map { row.columnSlot(uncheckedIndex: $0).withUTF8 { Array($0) } }
            copied.append(row.copy())
        }
        let expected: [[UInt8]] = [Array("Sri \u{0} Wahyuni".utf8), [], [], [0xC3, 0x91]]
        #expect(stepped == expected)
        let row = try #require(copied.first)
        #expect((0..<4).map { row.columnSlot(uncheckedIndex: $0).withUTF8 { Array($0) } } == expected)
    }

    @Test func nullIsAnErrorNamingTheColumnUnlessOptional() throws {
        let row = try #require(try db.fetchOne("SELECT * FROM workers WHERE id = ?", 2))
        let error = #expect(throws: RowDecodingError.self) { try row.get("income", as: Int64.self) }
        #expect(error?.column == "income")
        #expect(error?.index == 3)
        #expect(error?.problem == .unexpectedNull)
        #expect(error?.description.contains("expected Int64 in column \"income\" (index 3), found NULL") == true)
        #expect(try row.get("income", as: Int64?.self) == nil)
    }

    @Test func wrongTypeIsAnErrorNamingColumnAndStorageClass() throws {
        let row = try #require(try db.fetchOne("SELECT * FROM workers WHERE id = ?", 3))
        let error = #expect(throws: RowDecodingError.self) { try row.get("income", as: Int64?.self) }
        #expect(error?.problem == .mismatch(found: .text))
        #expect(error?.description.contains("found TEXT") == true)
        // The value itself (possibly personal data) is not in the message.
        #expect(error?.description.contains("not a number") == false)
        let missing = #expect(throws: RowDecodingError.self) { try row.get("kpj", as: String.self) }
        #expect(missing?.problem == .noSuchColumn)
        let outOfRange = #expect(throws: RowDecodingError.self) { try row.get(9, as: String.self) }
        #expect(outOfRange?.problem == .indexOutOfRange(columnCount: 6))
    }

    @Test func lazyCursorStepsOneRowAtATime() throws {
        let cursor = try db.cursor("SELECT id FROM workers ORDER BY id")
        var ids: [Int] = []
        while let row = try cursor.next() {
            ids.append(try row.get(0))
            if ids.count == 1 {
                // Still mid-way: the statement has not run to the end.
                #expect(cursor.statement.isBusy)
            }
        }
        #expect(ids == [1, 2, 3])
        #expect(!cursor.statement.isBusy)
        #expect(try cursor.next() == nil)
    }

    @Test func abandonedCursorReleasesItsStatement() throws {
        var statement: Statement?
        do {
            let cursor = try db.cursor("SELECT id FROM workers")
            _ = try cursor.next()
            statement = cursor.statement
            #expect(statement?.isBusy == true)
        }
        #expect(statement?.isBusy == false)
    }

    @Test func collectedRowsAreSendableCopies() throws {
        let rows = try db.fetchAll("SELECT id, full_name FROM workers ORDER BY id")
        #expect(rows.count == 3)
        #expect(rows[1] == Row(["id": 2, "full_name": "Sri Wahyuni"]))
        let names = try db.fetchValues(String.self, "SELECT full_name FROM workers ORDER BY id")
        #expect(names == ["Asep Sunandar", "Sri Wahyuni", "Bambang"])
    }

    @Test func decodableStructsMatchColumnsByName() throws {
        struct Worker: Decodable, Equatable {
            enum Status: Int, Decodable { case inactive = 0, active = 1 }
            var id: Int64
            var nik: String
            var fullName: String
            var income: Int64?
            var birthDate: CalendarDate
            var active: Status

            enum CodingKeys: String, CodingKey {
                case id, nik, fullName = "full_name", income, birthDate = "birth_date", active
            }
        }
        let workers = try db.fetchAll(Worker.self, "SELECT * FROM workers WHERE id < 3 ORDER BY id")
        #expect(workers.count == 2)
        #expect(workers[0].fullName == "Asep Sunandar")
        #expect(workers[0].birthDate == CalendarDate(year: 1990, month: 1, day: 1))
        #expect(workers[1].income == nil)
        #expect(workers[1].active == .inactive)
        // A bad column value surfaces as the row error, not as a default.
        #expect(throws: RowDecodingError.self) {
            try db.fetchOne(Worker.self, "SELECT * FROM workers WHERE id = 3")
        }
    }
}
