import SQLiteDB

/// Checks `schema` and `rule_rows`: the register against what its migrations create.
///
/// The triggers and constraints are the register's defence against SQL typed by hand, so they
/// are themselves checked: a dropped trigger refuses nothing, an altered view reports something
/// else, an edited rule reprices the past. The comparison is with a fresh in-memory database
/// migrated with the migrations this register records as applied (``MigratedSchema``), so a
/// register not yet upgraded is compared with its own version and told what it lacks.
extension RegistrySession {
    /// The migrations this register has applied, and the lines for any disagreement between its
    /// history and this build's migrations.
    func appliedMigrations() throws -> (migrations: [Migration], problems: [ConsistencyProblem]) {
        let known = try RegistrySchema.migrations()
        let history = try RegistrySchema.migrator().history(db)
        guard !history.isEmpty else {
            return (known, [ConsistencyProblem(
                check: .schema, subject: "table \(Migrator.historyTable)",
                detail: "records no migration; the register was not created by the registry")])
        }
        let byName = Dictionary(uniqueKeysWithValues: known.map { ($0.name, $0) })
        var problems: [ConsistencyProblem] = []
        for record in history {
            guard let migration = byName[record.fileName] else {
                problems.append(ConsistencyProblem(
                    check: .schema, subject: "migration \(record.fileName)",
                    detail: "applied to this register but unknown to this build of the registry"))
                continue
            }
            if migration.checksum != record.checksum {
                problems.append(ConsistencyProblem(
                    check: .schema, subject: "migration \(record.fileName)",
                    detail: "applied with other content (checksum \(record.checksum.prefix(12))…, this build's is \(migration.checksum.prefix(12))…)"))
            }
        }
        let appliedNames = Set(history.map(\.fileName))
        for migration in known where !appliedNames.contains(migration.name) {
            problems.append(ConsistencyProblem(
                check: .schema, subject: "migration \(migration.name)",
                detail: "not applied: the register is older than this build (opening it through the library applies it)"))
        }
        return (known.filter { appliedNames.contains($0.name) }, problems)
    }

    /// Each table, index, trigger and view missing, added or altered against `expected`.
    func schemaProblems(against expected: MigratedSchema) throws -> [ConsistencyProblem] {
        let actual = try MigratedSchema.objects(in: db)
        let expectedByKey = Dictionary(uniqueKeysWithValues: expected.objects.map { (ObjectKey($0), $0) })
        let actualByKey = Dictionary(uniqueKeysWithValues: actual.map { (ObjectKey($0), $0) })
        var problems: [ConsistencyProblem] = []
        for object in expected.objects {
            guard let found = actualByKey[ObjectKey(object)] else {
                problems.append(ConsistencyProblem(check: .schema, subject: Self.describe(object),
                                                   detail: "missing; the migrations create it"))
                continue
            }
            if found.table != object.table {
                problems.append(ConsistencyProblem(
                    check: .schema, subject: Self.describe(object),
                    detail: "is on table \(found.table); the migrations create it on \(object.table)"))
            } else if found.sql != object.sql {
                problems.append(ConsistencyProblem(
                    check: .schema, subject: Self.describe(object),
                    detail: "its SQL differs from what the migrations create, from “\(Self.firstDifference(found.sql ?? "", object.sql ?? ""))”"))
            }
        }
        for object in actual where expectedByKey[ObjectKey(object)] == nil {
            problems.append(ConsistencyProblem(check: .schema, subject: Self.describe(object),
                                               detail: "not created by the migrations"))
        }
        return problems
    }

    /// Each row of a rule or code table edited, deleted or added against `expected`. A table
    /// missing or with other columns is left to the schema check, which reports its SQL.
    func ruleRowProblems(against expected: MigratedSchema) throws -> [ConsistencyProblem] {
        var problems: [ConsistencyProblem] = []
        for table in RuleTables.all {
            guard let migrated = expected.ruleTables[table],
                  let stored = try MigratedSchema.rows(of: table, in: db),
                  stored.columns == migrated.columns, stored.key == migrated.key
            else { continue }
            let storedByKey = stored.keyed(), migratedByKey = migrated.keyed()
            func subject(_ row: [DatabaseValue]) -> String {
                let key = migrated.key.map { "\(migrated.columns[$0]) \(row[$0].sqlLiteral)" }.joined(separator: ", ")
                let code = migrated.columns.firstIndex(of: "code").flatMap { migrated.key.contains($0) ? nil : $0 }
                return "\(table) row \(key)" + (code.map { " (code \(row[$0].sqlLiteral))" } ?? "")
            }
            func listing(_ row: [DatabaseValue]) -> String {
                zip(migrated.columns, row).map { "\($0) \($1.sqlLiteral)" }.joined(separator: ", ")
            }
            for row in migrated.rows {
                let key = migrated.key.map { row[$0] }
                guard let now = storedByKey[key] else {
                    problems.append(ConsistencyProblem(
                        check: .ruleRows, subject: subject(row),
                        detail: "deleted; the migrations insert (\(listing(row)))"))
                    continue
                }
                let changes = migrated.columns.indices.filter { now[$0] != row[$0] }.map {
                    "\(migrated.columns[$0]) is \(now[$0].sqlLiteral), the migrations say \(row[$0].sqlLiteral)"
                }
                if !changes.isEmpty {
                    problems.append(ConsistencyProblem(check: .ruleRows, subject: subject(row),
                                                       detail: "edited: " + changes.joined(separator: "; ")))
                }
            }
            for row in stored.rows where migratedByKey[migrated.key.map { row[$0] }] == nil {
                problems.append(ConsistencyProblem(
                    check: .ruleRows, subject: subject(row),
                    detail: "added, not by a migration (\(listing(row)))"))
            }
        }
        return problems
    }

    private struct ObjectKey: Hashable {
        let type: String
        let name: String
        init(_ object: MigratedSchema.Object) {
            type = object.type
            name = object.name
        }
    }

    private static func describe(_ object: MigratedSchema.Object) -> String {
        object.type == "index" || object.type == "trigger"
            ? "\(object.type) \(object.name) (on \(object.table))"
            : "\(object.type) \(object.name)"
    }

    /// Up to 60 characters of `actual` from where it first differs from `expected`, with the
    /// words just before it.
    private static func firstDifference(_ actual: String, _ expected: String) -> String {
        let characters = Array(actual)
        let common = zip(characters, expected).prefix { $0 == $1 }.count
        var start = max(0, common - 24)
        if start > 0, let space = characters[start..<common].firstIndex(of: " ") { start = space + 1 }
        let end = min(characters.count, start + 60)
        return (start > 0 ? "…" : "") + String(characters[start..<end]) + (end < characters.count ? "…" : "")
    }
}
