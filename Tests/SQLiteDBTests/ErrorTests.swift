import SQLiteDB
import Testing

@Suite struct ErrorTests {
    let db: Connection

    init() throws {
        db = try Connection(.memory)
        try db.executeScript("""
            CREATE TABLE parents (id INTEGER PRIMARY KEY);
            CREATE TABLE people (
                id INTEGER PRIMARY KEY,
                nik TEXT NOT NULL UNIQUE CHECK (length(nik) = 16),
                parent_id INTEGER REFERENCES parents (id),
                income INTEGER
            ) STRICT;
            CREATE TABLE ledger (id INTEGER PRIMARY KEY, amount INTEGER);
            CREATE TRIGGER ledger_is_append_only BEFORE UPDATE ON ledger
            BEGIN SELECT RAISE(ABORT, 'ledger rows cannot be changed; add a reversing row'); END;
            INSERT INTO parents VALUES (1);
            INSERT INTO people (id, nik, parent_id) VALUES (1, '3214010101900001', 1);
            INSERT INTO ledger VALUES (1, 16800);
            """)
    }

    @Test func errorCarriesCodesMessageSQLAndArguments() throws {
        let sql = "INSERT INTO people (nik, parent_id) VALUES (?, ?)"
        let error = try #require(sqliteError { try db.execute(sql, "3214010101900001", 1) })
        #expect(error.code == .constraintUnique)
        #expect(error.primaryCode == .constraint)
        #expect(error.message == "UNIQUE constraint failed: people.nik")
        #expect(error.sql == sql)
        #expect(error.arguments == ["3214010101900001", 1])
    }

    @Test func argumentsStayOutOfTheDescriptionUnlessRevealed() throws {
        let error = try #require(sqliteError {
            try db.execute("INSERT INTO people (nik) VALUES (?)", "3214010101900001")
        })
        #expect(!error.description.contains("3214010101900001"))
        #expect(error.description.contains("1 argument(s) (hidden)"))
        #expect(error.description.contains("UNIQUE constraint failed: people.nik"))
        #expect(error.description(revealingArguments: true).contains("'3214010101900001'"))

        var configuration = Configuration()
        configuration.revealsArgumentsInErrors = true
        let revealing = try Connection(.memory, configuration: configuration)
        try revealing.execute("CREATE TABLE t (x UNIQUE)")
        try revealing.execute("INSERT INTO t VALUES (?)", "dup")
        let revealed = try #require(sqliteError { try revealing.execute("INSERT INTO t VALUES (?)", "dup") })
        #expect(revealed.description.contains("with arguments ['dup']"))
    }

    @Test func eachConstraintKindIsMatchable() throws {
        let cases: [(ConstraintKind, () throws -> Void)] = [
            (.unique, { try db.execute("INSERT INTO people (nik) VALUES (?)", "3214010101900001") }),
            (.primaryKey, { try db.execute("INSERT INTO parents (id) VALUES (?)", 1) }),
            (.foreignKey, { try db.execute("INSERT INTO people (nik, parent_id) VALUES (?, ?)", "3214010101900002", 99) }),
            (.check, { try db.execute("INSERT INTO people (nik) VALUES (?)", "123") }),
            (.notNull, { try db.execute("INSERT INTO people (nik) VALUES (?)", String?.none) }),
            (.trigger, { try db.execute("UPDATE ledger SET amount = ?", 0) }),
            (.dataType, { try db.execute("INSERT INTO people (nik, income) VALUES (?, ?)", "3214010101900003", 1.5) }),
        ]
        for (kind, attempt) in cases {
            let error = sqliteError(attempt)
            #expect(error?.constraint == kind, "expected a \(kind) violation, got \(String(describing: error))")
        }
        let trigger = sqliteError { try db.execute("UPDATE ledger SET amount = ?", 0) }
        #expect(trigger?.message == "ledger rows cannot be changed; add a reversing row")
        // Not a constraint at all:
        #expect(sqliteError { try db.execute("SELECT * FROM nowhere") }?.constraint == nil)
    }

    @Test func nothingIsStoredByAFailedStatement() throws {
        _ = sqliteError { try db.execute("INSERT INTO people (nik) VALUES (?)", "123") }
        #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM people") == 1)
    }

    @Test func syntaxErrorsNameTheSQL() throws {
        let error = try #require(sqliteError { try db.execute("SELEC 1") })
        #expect(error.code == .error)
        #expect(error.message.contains("syntax error"))
        #expect(error.sql == "SELEC 1")
    }
}
