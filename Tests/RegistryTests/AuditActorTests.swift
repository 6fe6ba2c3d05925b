import Foundation
import Registry
import SQLiteDB
import Testing

@Suite struct AuditActorTests {
    let db: Connection

    init() throws {
        db = try Connection(.memory)
        try RegistrySchema.migrate(db)
        try db.executeScript("""
            INSERT INTO provinces (code, name) VALUES ('32', 'Jawa Barat');
            INSERT INTO regencies (code, province_code, name) VALUES ('32.14', '32', 'Purwakarta');
            INSERT INTO districts (code, regency_code, name) VALUES ('32.14.01', '32.14', 'Purwakarta');
            INSERT INTO villages (code, district_code, name) VALUES ('32.14.01.2001', '32.14.01', 'Desa Satu');
            INSERT INTO offices (id, code, name, kind, parent_office_id) VALUES
                (1, 'HO', 'Kantor Pusat', 'head_office', NULL),
                (2, 'KW-JB', 'Kantor Wilayah Jawa Barat', 'regional_office', 1),
                (3, 'KC-PWK', 'Kantor Cabang Purwakarta', 'branch', 2);
            """)
    }

    func committedActor() throws -> String? {
        try db.fetchValue(String?.self, "SELECT actor FROM audit_context WHERE id = 1") ?? nil
    }

    func auditTrail() throws -> [[DatabaseValue]] {
        try db.fetchAll("SELECT table_name, row_key, operation, actor FROM audit_log ORDER BY id").map(\.values)
    }

    @Test func changesAreLoggedUnderTheActorWhichIsNeverCommitted() throws {
        try RegistrySchema.recordingActor("clerk:siti", on: db) {
            #expect(try committedActor() == "clerk:siti")  // what the triggers read, inside
            try db.execute("""
                INSERT INTO employers (id, npp, name, size_class, jkk_risk_group, village_code, branch_office_id)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, 1, "NPP-0001", "CV Maju Jaya", "small", "low", "32.14.01.2001", 3)
        }
        #expect(try committedActor() == nil)  // never committed
        try db.execute("UPDATE employers SET name = ? WHERE id = ?", "CV Maju Jaya Abadi", 1)
        #expect(try auditTrail() == [
            ["employers", "1", "INSERT", "clerk:siti"],
            ["employers", "1", "UPDATE", .null],  // made without an actor: logged as unknown
        ])
        let newName = try db.fetchValue(
            String.self, "SELECT json_extract(new_values, '$.name') FROM audit_log WHERE operation = 'UPDATE'")
        #expect(newName == "CV Maju Jaya Abadi")
    }

    @Test func aThrowUndoesTheWorkAndTheActor() throws {
        struct Stop: Error {}
        try db.transaction(.immediate) { () throws -> Void in
            #expect(throws: Stop.self) {
                try RegistrySchema.recordingActor("import:bad.csv", on: db) {
                    try db.execute("UPDATE offices SET name = ? WHERE id = ?", "Kantor Cabang Baru", 3)
                    throw Stop()
                }
            }
            #expect(try committedActor() == nil)
            #expect(try db.fetchValue(String.self, "SELECT name FROM offices WHERE id = 3") == "Kantor Cabang Purwakarta")
        }
    }

    @Test func nestedCallsRestoreTheOuterActor() throws {
        try RegistrySchema.recordingActor("outer", on: db) {
            let inner = try RegistrySchema.recordingActor("inner", on: db) { try committedActor() }
            #expect(inner == "inner")
            #expect(try committedActor() == "outer")
        }
        #expect(try committedActor() == nil)
    }
}
