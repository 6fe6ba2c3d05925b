import SQLiteDB
import Testing

@Suite struct StatementTests {
    let db: Connection

    init() throws {
        db = try Connection(.memory)
        try db.execute("CREATE TABLE t (a INTEGER, b TEXT)")
    }

    @Test func cachedStatementIsCompiledOnceAndReused() throws {
        let sql = "INSERT INTO t (a, b) VALUES (?, ?)"
        let first = try db.cachedStatement(sql)
        let second = try db.cachedStatement(sql)
        #expect(first === second)
        try db.execute(sql, 1, "x")
        #expect(try db.cachedStatement(sql) === first)
        // An uncached statement is a new one each time.
        #expect(try db.prepare(sql) !== first)
    }

    @Test func busyCachedStatementIsNotHijackedByANestedQuery() throws {
        for i in 1...3 { try db.execute("INSERT INTO t (a, b) VALUES (?, ?)", i, "r\(i)") }
        var pairs: [String] = []
        try db.forEach("SELECT a FROM t ORDER BY a") { outer in
            let a: Int = try outer.get(0)
            // The same SQL again, while the outer loop is still stepping.
            let count = try db.fetchValue(Int.self, "SELECT a FROM t ORDER BY a")
            pairs.append("\(a):\(count ?? -1)")
        }
        #expect(pairs == ["1:1", "2:1", "3:1"])
    }

    @Test func bindByIndexAndByName() throws {
        let insert = try db.prepare("INSERT INTO t (a, b) VALUES (:a, :b)")
        #expect(insert.parameterCount == 2)
        try insert.bind(7, at: 1)
        try insert.bind("seven", named: ":b")
        #expect(try !insert.step())
        try db.execute("INSERT INTO t (a, b) VALUES (:a, :b)", named: ["a": 8, "b": "eight"])
        try db.execute("INSERT INTO t (a, b) VALUES (@a, $b)", named: ["@a": 9, "$b": String?.none])
        let rows = try db.fetchAll("SELECT a, b FROM t ORDER BY a")
        #expect(rows.map(\.values) == [[7, "seven"], [8, "eight"], [9, .null]])
    }

    @Test func wrongArgumentsAreRefusedBeforeRunning() throws {
        let tooFew = sqliteError { try db.execute("INSERT INTO t (a, b) VALUES (?, ?)", 1) }
        #expect(tooFew?.code == .range)
        #expect(tooFew?.message == "the statement takes 2 argument(s), 1 given")
        let unknownName = sqliteError { try db.execute("INSERT INTO t (a) VALUES (:a)", named: ["a": 1, "z": 2]) }
        #expect(unknownName?.message == "no parameter named z in the statement")
        let missingName = sqliteError { try db.execute("INSERT INTO t (a, b) VALUES (:a, :b)", named: ["a": 1]) }
        #expect(missingName?.message == "no value for parameter(s) :b")
        let outOfRange = sqliteError { try db.prepare("SELECT ?").bind(1, at: 2) }
        #expect(outOfRange?.code == .range)
        #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM t") == 0)
    }

    @Test func rebindingReplacesEveryValueOfTheLastRun() throws {
        let statement = try db.cachedStatement("INSERT INTO t (a, b) VALUES (?, ?)")
        try statement.execute(1, "one")
        try statement.execute(2, String?.none)
        try statement.execute(arguments: [3, "three"])
        let rows = try db.fetchAll("SELECT a, b FROM t ORDER BY a")
        #expect(rows.map(\.values) == [[1, "one"], [2, .null], [3, "three"]])
    }

    @Test func resetAndClearBindings() throws {
        let query = try db.prepare("SELECT ?")
        try query.bind(5, at: 1)
        #expect(try query.step())
        #expect(try query.currentRow.get(0) == 5)
        query.reset()
        query.clearBindings()
        #expect(try query.step())
        #expect(try query.currentRow.get(0, as: Int?.self) == nil)
    }

    @Test func oneStatementAtATimeButScriptsRunThemAll() throws {
        let error = sqliteError { _ = try db.prepare("SELECT 1; SELECT 2") }
        #expect(error?.code == .misuse)
        // A trailing semicolon or comment is not a second statement.
        _ = try db.prepare("SELECT 1; -- the answer\n")
        _ = try db.prepare("SELECT 1 /* a comment */ ;")
        try db.executeScript("""
            -- a migration-like script
            CREATE TABLE u (x);
            INSERT INTO u VALUES (1); INSERT INTO u VALUES (2);
            /* done */
            """)
        #expect(try db.fetchValue(Int.self, "SELECT sum(x) FROM u") == 3)
    }

    @Test func scriptErrorNamesTheFailingStatement() throws {
        let error = sqliteError {
            try db.executeScript("CREATE TABLE v (x); INSERT INTO nowhere VALUES (1); CREATE TABLE w (x);")
        }
        #expect(error?.sql == "INSERT INTO nowhere VALUES (1)")
        #expect(error?.message == "no such table: nowhere")
        // Statements before the failure ran; those after did not.
        #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM sqlite_schema WHERE name = 'v'") == 1)
        #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM sqlite_schema WHERE name = 'w'") == 0)
    }

    @Test func doubleQuotedStringsAreNotSilentlyAccepted() throws {
        // With SQLite's legacy default, "abc" falls back to a string when no column has that name.
        let error = sqliteError { _ = try db.fetchAll("SELECT * FROM t WHERE b = \"abc\"") }
        #expect(error?.message == "no such column: abc")
    }

    @Test func changesAndLastInsertedRowID() throws {
        try db.execute("INSERT INTO t (a) VALUES (?)", 1)
        try db.execute("INSERT INTO t (a) VALUES (?)", 2)
        #expect(db.lastInsertedRowID == 2)
        try db.execute("UPDATE t SET b = ?", "z")
        #expect(db.changes == 2)
    }
}
