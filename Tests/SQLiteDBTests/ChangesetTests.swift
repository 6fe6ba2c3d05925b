import Foundation
import SQLiteDB
import Testing

/// The session-extension wrapper: diff against an attached image, read, rewrite, apply.
@Suite struct ChangesetTests {
    static let schema = """
        CREATE TABLE people (id INTEGER PRIMARY KEY, nik TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
                             score REAL, photo BLOB) STRICT;
        CREATE TABLE notes (person_id INTEGER NOT NULL REFERENCES people (id), line INTEGER NOT NULL,
                            body TEXT, PRIMARY KEY (person_id, line)) STRICT, WITHOUT ROWID;
        """

    /// A database with two people, its image kept as the baseline, then changed: one insert
    /// (with every value type), one update, one delete.
    func changedDatabase() throws -> (Connection, [UInt8]) {
        let db = try Connection(.memory)
        try db.executeScript(Self.schema)
        try db.execute("INSERT INTO people (id, nik, name) VALUES (1, '3214010101900001', 'Siti'), (2, '3214010101900002', 'Budi')")
        let baseline = try db.serializedDatabase()
        try db.execute("INSERT INTO people VALUES (3, '3214010101900003', 'Ani', 2.5, x'00ff')")
        try db.execute("INSERT INTO notes VALUES (3, 1, 'enrolled in the field')")
        try db.execute("UPDATE people SET name = 'Siti Aminah' WHERE id = 1")
        try db.execute("DELETE FROM people WHERE id = 2")
        return (db, baseline)
    }

    @Test func diffAgainstAnAttachedImageListsEveryChange() throws {
        let (db, baseline) = try changedDatabase()
        try db.attachDatabaseImage(baseline, as: "baseline")
        let changes = try db.changeset(tables: ["people", "notes"], from: "baseline").changes()
        let byOperation = Dictionary(grouping: changes.filter { $0.table == "people" }, by: \.operation)
        #expect(byOperation[.insert]?.map(\.primaryKey) == [[.integer(3)]])
        #expect(byOperation[.insert]?.first?.new == [.integer(3), .text("3214010101900003"), .text("Ani"), .real(2.5), .blob(Data([0, 0xff]))])
        #expect(byOperation[.update]?.first?.new[2] == .text("Siti Aminah"))
        #expect(byOperation[.update]?.first?.new[1] == nil, "an unchanged column is not recorded")
        #expect(byOperation[.delete]?.map(\.primaryKey) == [[.integer(2)]])
        #expect(changes.filter { $0.table == "notes" }.map(\.primaryKey) == [[.integer(3), .integer(1)]])
        #expect(changes.first?.table == "people", "tables come in the order given")
    }

    @Test func anUnchangedDatabaseGivesAnEmptyChangeset() throws {
        let db = try Connection(.memory)
        try db.executeScript(Self.schema)
        try db.execute("INSERT INTO people (id, nik, name) VALUES (1, '3214010101900001', 'Siti')")
        try db.attachDatabaseImage(try db.serializedDatabase(), as: "baseline")
        #expect(try db.changeset(tables: ["people", "notes"], from: "baseline").isEmpty)
    }

    @Test func writingTheChangesBackGivesTheSameBytes() throws {
        let (db, baseline) = try changedDatabase()
        try db.attachDatabaseImage(baseline, as: "baseline")
        let changeset = try db.changeset(tables: ["people", "notes"], from: "baseline")
        #expect(Changeset(changes: try changeset.changes()).bytes == changeset.bytes)
        // A long text needs a multi-byte varint length.
        try db.execute("UPDATE people SET name = ? WHERE id = 3", String(repeating: "x", count: 20_000))
        let long = try db.changeset(tables: ["people"], from: "baseline")
        #expect(Changeset(changes: try long.changes()).bytes == long.bytes)
    }

    @Test func garbageIsNotAChangeset() {
        #expect(throws: SQLiteError.self) { try Changeset(bytes: [0x54, 0xff, 0xff, 0xff]).changes() }
    }

    @Test func applyingToACopyOfTheBaselineReproducesTheChanges() throws {
        let (db, baseline) = try changedDatabase()
        try db.attachDatabaseImage(baseline, as: "baseline")
        let changeset = try db.changeset(tables: ["people", "notes"], from: "baseline")
        let target = try Connection(.memory)
        try target.executeScript(Self.schema)
        try target.execute("INSERT INTO people (id, nik, name) VALUES (1, '3214010101900001', 'Siti'), (2, '3214010101900002', 'Budi')")
        var conflicts: [ChangesetConflict] = []
        try target.apply(changeset) { conflicts.append($0); return .omit }
        #expect(conflicts.isEmpty)
        #expect(try target.fetchValues(String.self, "SELECT name FROM people ORDER BY id") == ["Siti Aminah", "Ani"])
        #expect(try target.fetchValue(String.self, "SELECT body FROM notes") == "enrolled in the field")
    }

    @Test func conflictsAreReportedByKindAndOmitted() throws {
        let (db, baseline) = try changedDatabase()
        try db.attachDatabaseImage(baseline, as: "baseline")
        let changeset = try db.changeset(tables: ["people"], from: "baseline")
        let target = try Connection(.memory)
        try target.executeScript(Self.schema)
        // Siti renamed here too (data), Budi gone (not found), Ani's NIK taken by someone else (constraint).
        try target.execute("INSERT INTO people (id, nik, name) VALUES (1, '3214010101900001', 'Siti A.'), (9, '3214010101900003', 'Other')")
        var kinds: [ChangesetConflict.Kind] = []
        var refused: [ChangesetChange] = []
        try target.apply(changeset) { conflict in
            kinds.append(conflict.kind)
            if conflict.kind == .constraint { refused.append(conflict.change) }
            if conflict.kind == .data { #expect(conflict.conflictingRow?[2] == .text("Siti A.")) }
            return .omit
        }
        #expect(Set(kinds) == [.data, .notFound, .constraint])
        #expect(refused.count == 1)
        #expect(try refused.first.flatMap(target.failure(of:))?.message.contains("people.nik") == true)
        #expect(try target.fetchValue(Int.self, "SELECT count(*) FROM people") == 2, "the replay left nothing behind")
        let update = try #require(try changeset.changes().first { $0.operation == .update })
        #expect(try target.failure(of: update) == nil, "renaming Siti alone would apply")
        #expect(throws: SQLiteError.self, "no such table") { try Connection(.memory).failure(of: update) }
        #expect(try target.fetchValues(String.self, "SELECT name FROM people ORDER BY id") == ["Siti A.", "Other"], "nothing replaced")
    }

    @Test func abortingUndoesEverythingTheApplyDid() throws {
        let (db, baseline) = try changedDatabase()
        try db.attachDatabaseImage(baseline, as: "baseline")
        let changeset = try db.changeset(tables: ["people", "notes"], from: "baseline")
        let target = try Connection(.memory)
        try target.executeScript(Self.schema)
        try target.execute("INSERT INTO people (id, nik, name) VALUES (1, '3214010101900001', 'Siti'), (9, '3214010101900003', 'Other')")
        // Ani's insert conflicts; omitting it leaves her note without its person: a foreign-key conflict.
        var sawForeignKey = false
        #expect(throws: SQLiteError.self) {
            try target.apply(changeset) { conflict in
                if case .foreignKey = conflict.kind { sawForeignKey = true; return .abort }
                return .omit
            }
        }
        #expect(sawForeignKey)
        #expect(try target.fetchValues(String.self, "SELECT name FROM people ORDER BY id") == ["Siti", "Other"])
        #expect(try target.fetchValue(Int.self, "SELECT count(*) FROM notes") == 0)
    }

    @Test func anImageOfAWALFileAttaches() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try Connection(.file(directory.appendingPathComponent("a.sqlite").path))
        try file.executeScript(Self.schema)
        try file.execute("INSERT INTO people (id, nik, name) VALUES (1, '3214010101900001', 'Siti')")
        let image = try file.serializedDatabase()
        #expect(image[18] == 2, "the file is in WAL mode")
        let other = try Connection(.memory)
        try other.attachDatabaseImage(image, as: "copy")
        #expect(try other.fetchValue(String.self, "SELECT name FROM copy.people") == "Siti")
    }
}
