import SQLiteDB
import Testing

struct Refused: Error {}

@Suite struct TransactionTests {
    let db: Connection

    init() throws {
        db = try Connection(.memory)
        try db.execute("CREATE TABLE t (x INTEGER)")
    }

    func values() throws -> [Int] {
        try db.fetchValues(Int.self, "SELECT x FROM t ORDER BY x")
    }

    @Test(arguments: [TransactionKind.deferred, .immediate, .exclusive])
    func commitsWhenBodyReturnsAndRollsBackWhenItThrows(kind: TransactionKind) throws {
        try db.transaction(kind) { try db.execute("INSERT INTO t VALUES (?)", 1) }
        #expect(throws: Refused.self) {
            try db.transaction(kind) {
                try db.execute("INSERT INTO t VALUES (?)", 2)
                throw Refused()
            }
        }
        #expect(try values() == [1])
        #expect(!db.isInTransaction)
    }

    @Test func savepointRollbackKeepsTheOuterWork() throws {
        try db.transaction(.immediate) {
            try db.execute("INSERT INTO t VALUES (?)", 1)
            #expect(throws: Refused.self) {
                try db.savepoint {
                    try db.execute("INSERT INTO t VALUES (?)", 2)
                    throw Refused()
                }
            }
            try db.savepoint { try db.execute("INSERT INTO t VALUES (?)", 3) }
            #expect(try values() == [1, 3])
        }
        #expect(try values() == [1, 3])
    }

    @Test func aThrowRollsBackExactlyItsOwnLevel() throws {
        try db.transaction {
            try db.savepoint {
                try db.execute("INSERT INTO t VALUES (?)", 1)
                try? db.savepoint {
                    try db.execute("INSERT INTO t VALUES (?)", 2)
                    try? db.savepoint {
                        try db.execute("INSERT INTO t VALUES (?)", 3)
                        throw Refused()
                    }
                    #expect(try values() == [1, 2])
                    throw Refused()
                }
                #expect(try values() == [1])
            }
        }
        #expect(try values() == [1])
    }

    @Test func savepointOutsideATransactionIsOne() throws {
        #expect(throws: Refused.self) {
            try db.savepoint {
                try db.execute("INSERT INTO t VALUES (?)", 1)
                #expect(db.isInTransaction)
                throw Refused()
            }
        }
        try db.savepoint { try db.execute("INSERT INTO t VALUES (?)", 2) }
        #expect(try values() == [2])
        #expect(!db.isInTransaction)
    }

    @Test func transactionsDoNotNest() throws {
        try db.transaction {
            let error = sqliteError { try db.transaction {} }
            #expect(error?.code == .misuse)
        }
    }

    @Test func failedCommitIsThrownAndRolledBack() throws {
        try db.executeScript("""
            CREATE TABLE parents (id INTEGER PRIMARY KEY);
            CREATE TABLE children (parent_id INTEGER REFERENCES parents (id) DEFERRABLE INITIALLY DEFERRED);
            """)
        let error = sqliteError {
            try db.transaction {
                // Accepted now, checked at COMMIT.
                try db.execute("INSERT INTO children VALUES (?)", 42)
            }
        }
        #expect(error?.constraint == .foreignKey)
        #expect(error?.sql == "COMMIT TRANSACTION")
        #expect(!db.isInTransaction)
        #expect(try db.fetchValue(Int.self, "SELECT count(*) FROM children") == 0)
    }
}
