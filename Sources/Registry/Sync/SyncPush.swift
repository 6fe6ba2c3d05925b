import Foundation
import SQLiteDB

extension Registry {
    /// Applies the work done on the extract at `path` to this (central) register.
    /// See ``apply(_:from:)``.
    public func push(extractAt path: String) throws -> PushOutcome {
        let (marker, changeset) = try Self.changeset(ofExtractAt: path)
        return try apply(changeset, from: marker)
    }

    /// Applies an extract's changeset to this register in one transaction: all of it that
    /// can be applied, or, when it cannot be applied without breaking a foreign key, none.
    ///
    /// - Rows made offline get new central ids (the extract's ids were free only on the
    ///   device, and two devices hand out the same ones); references to them follow. The
    ///   mapping is kept (`sync_id_map`), so a later push of the same extract finds them.
    /// - A change that conflicts (the same NIK or receipt already stored, a row changed or
    ///   removed centrally, a business rule of the centre's triggers: income floor, month
    ///   outside a membership ended centrally, a month already paid) is left out and reported,
    ///   never replaced; so is every change that depends on it (a rejected worker's
    ///   memberships, a rejected allocation's payment).
    /// - Triggers derive the audit log, allocation totals and standing on the centre.
    /// - The same changeset applied twice is stored once (`sync_pushes`).
    public func apply(_ changeset: Changeset, from marker: ExtractMarker) throws -> PushOutcome {
        try write(actor: "sync:\(marker.area)") { session in
            try SyncApply(db: session.connection, marker: marker, changeset: changeset, now: Timestamp.utc(clock())).run()
        }
    }
}

/// One push, inside the caller's transaction.
struct SyncApply {
    let db: Connection
    let marker: ExtractMarker
    let changeset: Changeset
    let now: String

    /// The (table, local id) of a row made offline.
    struct LocalRow: Hashable {
        let table: String
        let id: Int64
    }

    private struct Retry: Error {}

    func run() throws -> PushOutcome {
        let hash = changeset.sha256
        if try db.fetchValue(Int.self, "SELECT count(*) FROM sync_pushes WHERE changeset_sha256 = ?", hash) ?? 0 > 0 {
            return PushOutcome(changesetSHA256: hash, alreadyApplied: true, applied: 0, alreadyStored: 0, cardsReissued: 0, rejects: [])
        }
        let changes = try changeset.changes()
        try requireCurrentLayout(changes, hash: hash)
        let foreignKeys = try foreignKeyColumns()
        var mapping = try storedMapping()
        let alreadyStored = changes.filter { $0.operation == .insert && isStored($0, mapping) }
        var pending = changes.filter { !($0.operation == .insert && isStored($0, mapping)) }
        pending.sort { order($0) < order($1) }
        let newIDs = try assignIDs(to: pending, mapping: &mapping)
        let cardsReissued = try reissueTakenCards(in: &pending)

        var excluded: Set<Int> = []
        var rejects: [SyncReject] = []
        while true {
            let included = pending.indices.filter { !excluded.contains($0) }
            let rewritten = included.map { rewrite(pending[$0], mapping: mapping, foreignKeys: foreignKeys) }
            var refused: [(index: Int, reject: SyncReject)] = []
            do {
                try db.savepoint {
                    var conflicts: [(Int, ChangesetConflict)] = []
                    var position: [ChangesetChange: Int] = [:]
                    for (offset, change) in rewritten.enumerated() { position[change] = included[offset] }
                    var foreignKeyCount = 0
                    do {
                        try db.apply(Changeset(changes: rewritten)) { conflict in
                            // Left-out rows leave their dependents dangling: then the foreign
                            // keys are let be, the reasons gathered, and the savepoint undone.
                            // Broken foreign keys with nothing left out are the centre's own.
                            if case .foreignKey(let count) = conflict.kind {
                                foreignKeyCount = count
                                return conflicts.contains { !isAlreadyApplied($0.1) } ? .omit : .abort
                            }
                            if let index = position[conflict.change] { conflicts.append((index, conflict)) }
                            return .omit
                        }
                    } catch where foreignKeyCount > 0 {
                        throw RegistryError.conflict(
                            field: "changeset", value: String(hash.prefix(12)),
                            reason: .danglingReferences(count: foreignKeyCount))
                    }
                    for (index, conflict) in conflicts where !isAlreadyApplied(conflict) {
                        refused.append((index, try reject(pending[index], conflict: conflict, rewritten: conflict.change)))
                    }
                    if refused.isEmpty { refused = try mispriced(rewritten, at: included, of: pending) }
                    if !refused.isEmpty { throw Retry() }
                }
            } catch is Retry {
                for (index, reject) in refused where excluded.insert(index).inserted { rejects.append(reject) }
                for (index, reason) in dependents(of: excluded, in: pending, foreignKeys: foreignKeys) where excluded.insert(index).inserted {
                    rejects.append(SyncReject(table: pending[index].table, localID: localID(pending[index]), reason: reason))
                }
                continue
            }
            break
        }
        let applied = pending.count - excluded.count
        for (index, change) in pending.enumerated() where !excluded.contains(index) && change.operation == .insert {
            guard let local = change.new.first.flatMap({ $0 }).flatMap(Int64.fromDatabaseValue),
                  SyncTables.renumbered.contains(change.table), let central = newIDs[LocalRow(table: change.table, id: local)]
            else { continue }
            try db.execute(
                "INSERT INTO sync_id_map (extract_id, table_name, local_id, central_id) VALUES (?, ?, ?, ?)",
                marker.extractID, change.table, local, central)
        }
        try db.execute(
            """
            INSERT INTO sync_pushes (changeset_sha256, extract_id, area_kind, area_code, pushed_at, applied, rejected)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, hash, marker.extractID, marker.area.kind, marker.area.code, now, applied, rejects.count)
        return PushOutcome(changesetSHA256: hash, alreadyApplied: false, applied: applied,
                           alreadyStored: alreadyStored.count, cardsReissued: cardsReissued, rejects: rejects)
    }

    /// The bills made offline that the centre's rules price otherwise (a rule that changed
    /// centrally since the extract, or a device with old rules): the changeset says nothing about
    /// rules, so each new bill is priced again here, as `registry check` would, and refused with
    /// its dependents (its allocations, and the payment they belong to) when it differs.
    private func mispriced(_ applied: [ChangesetChange], at indices: [Int], of pending: [ChangesetChange]) throws -> [(index: Int, reject: SyncReject)] {
        var pendingIndex: [Int64: Int] = [:]
        for (offset, change) in applied.enumerated() where change.table == "bills" && change.operation == .insert {
            guard let id = change.new.first.flatMap({ $0 }).flatMap(Int64.fromDatabaseValue) else { continue }
            pendingIndex[id] = indices[offset]
        }
        guard !pendingIndex.isEmpty else { return [] }
        return try RegistrySession(db).mispricedBills(among: pendingIndex.keys.sorted()).compactMap { bill, problem in
            guard let index = pendingIndex[bill] else { return nil }
            return (index, SyncReject(table: "bills", localID: localID(pending[index]), reason: .pricedOtherwise(detail: problem.detail)))
        }
    }

    /// A card number (KPJ) issued offline is the next serial on the device, which the centre
    /// or another device may have issued too. A worker made offline whose card number is taken
    /// gets the centre's next one, as if registered here; the count is reported. (A NIK is
    /// never changed: a taken NIK is the same person enrolled twice, a conflict.)
    private func reissueTakenCards(in changes: inout [ChangesetChange]) throws -> Int {
        let columns = try db.fetchValues(String.self, "SELECT name FROM pragma_table_info('workers') ORDER BY cid")
        guard let column = columns.firstIndex(of: "kpj") else { return 0 }
        var next = (try db.fetchValue(String?.self, "SELECT max(kpj) FROM workers") ?? nil)
            .flatMap { Int64($0.prefix(10)) }.map { $0 + 1 } ?? KPJ.serials.lowerBound
        var issued: Set<String> = []
        var reissued = 0
        for index in changes.indices where changes[index].table == "workers" && changes[index].operation == .insert {
            guard case .text(let card)?? = changes[index].new[safe: column] else { continue }
            let taken = try db.fetchValue(Int.self, "SELECT count(*) FROM workers WHERE kpj = ?", card) ?? 0 > 0
            if taken || issued.contains(card) {
                guard KPJ.serials.contains(next) else {
                    throw RegistryError.conflict(field: "kpj", value: String(next), reason: .pastLastCardSerial)
                }
                let fresh = KPJ(serial: next).description
                next += 1
                changes[index].new[column] = .text(fresh)
                issued.insert(fresh)
                reissued += 1
            } else {
                issued.insert(card)
            }
        }
        return reissued
    }

    /// Refuses a changeset made on an older layout of the fact tables (``SyncTables/layoutMigration``):
    /// a table whose column count differs would be skipped by SQLite without a word, and a
    /// payment stamped with text where the layout keeps milliseconds would be refused row by row.
    private func requireCurrentLayout(_ changes: [ChangesetChange], hash: String) throws {
        var columnCounts: [String: Int] = [:]
        let refusal = RegistryError.invalid(field: "changeset", value: String(hash.prefix(12)),
                                            reason: .extractPredatesLayout(migration: SyncTables.layoutMigration))
        for change in changes {
            // Before 0026 bills' lines were the table bill_lines, now a view of that name.
            guard SyncTables.facts.contains(change.table) else { throw refusal }
            if columnCounts[change.table] == nil {
                columnCounts[change.table] = try db.fetchValue(
                    Int.self, "SELECT count(*) FROM pragma_table_info(?)", change.table) ?? 0
            }
            guard change.primaryKeyFlags.count == columnCounts[change.table] else { throw refusal }
            // payments.recorded_at (column 9) became milliseconds in 0027, paid_at (column 5) in
            // 0029: the column counts did not change, the values' type did.
            if change.table == "payments", change.operation == .insert {
                if case .text?? = change.new[safe: 9] { throw refusal }
                if case .text?? = change.new[safe: 5] { throw refusal }
            }
        }
    }

    // MARK: Ids

    /// Central ids given to this extract's rows by earlier pushes.
    private func storedMapping() throws -> [String: [Int64: Int64]] {
        var mapping: [String: [Int64: Int64]] = [:]
        try db.forEach("SELECT table_name, local_id, central_id FROM sync_id_map WHERE extract_id = ?", marker.extractID) { row in
            mapping[try row.get(0, as: String.self), default: [:]][try row.get(1, as: Int64.self)] = try row.get(2, as: Int64.self)
        }
        return mapping
    }

    private func isStored(_ change: ChangesetChange, _ mapping: [String: [Int64: Int64]]) -> Bool {
        guard SyncTables.renumbered.contains(change.table), let id = localIDIfInteger(change) else { return false }
        return mapping[change.table]?[id] != nil
    }

    /// New central ids for the rows made offline, after the largest id of each table, in the
    /// order the device made them.
    private func assignIDs(to changes: [ChangesetChange], mapping: inout [String: [Int64: Int64]]) throws -> [LocalRow: Int64] {
        var assigned: [LocalRow: Int64] = [:]
        var next: [String: Int64] = [:]
        for change in changes where change.operation == .insert && SyncTables.renumbered.contains(change.table) {
            guard let local = localIDIfInteger(change) else { continue }
            if next[change.table] == nil {
                next[change.table] = (try db.fetchValue(Int64.self, "SELECT coalesce(max(id), 0) FROM main.\(change.table)") ?? 0) + 1
            }
            let central = next[change.table]!
            next[change.table] = central + 1
            assigned[LocalRow(table: change.table, id: local)] = central
            mapping[change.table, default: [:]][local] = central
        }
        return assigned
    }

    /// Per table, the columns that refer to a renumbered table's id.
    private func foreignKeyColumns() throws -> [String: [Int: String]] {
        var result: [String: [Int: String]] = [:]
        for table in SyncTables.facts {
            let columns = try db.fetchValues(String.self, "SELECT name FROM pragma_table_info(?) ORDER BY cid", table)
            try db.forEach("SELECT \"from\", \"table\" FROM pragma_foreign_key_list(?)", table) { row in
                let column = try row.get(0, as: String.self)
                let parent = try row.get(1, as: String.self)
                if SyncTables.renumbered.contains(parent), let index = columns.firstIndex(of: column) {
                    result[table, default: [:]][index] = parent
                }
            }
        }
        return result
    }

    /// The change with the ids of rows made offline replaced by their central ids.
    private func rewrite(_ change: ChangesetChange, mapping: [String: [Int64: Int64]], foreignKeys: [String: [Int: String]]) -> ChangesetChange {
        var result = change
        func mapped(_ values: [DatabaseValue?], ownKey: Bool) -> [DatabaseValue?] {
            values.enumerated().map { column, value in
                guard case .integer(let id)? = value else { return value }
                if ownKey, column == 0, SyncTables.renumbered.contains(change.table), let central = mapping[change.table]?[id] {
                    return .integer(central)
                }
                if let parent = foreignKeys[change.table]?[column], let central = mapping[parent]?[id] { return .integer(central) }
                if change.table == "bill_adjustments", column == Self.adjustmentReversesColumn {
                    return .integer(Self.centralLineID(id, mapping: mapping))
                }
                return value
            }
        }
        result.new = mapped(change.new, ownKey: change.operation == .insert)
        result.old = mapped(change.old, ownKey: false)
        return result
    }

    /// `bill_adjustments.reverses_id`, which names a line of the `bill_lines` view and so has no
    /// foreign key: its position in the table.
    static let adjustmentReversesColumn = 6

    /// The central id of the line `local` names: an adjustment made offline by its new id; a
    /// column line, `-(bill × 8 + slot)`, by its bill's new id.
    static func centralLineID(_ local: Int64, mapping: [String: [Int64: Int64]]) -> Int64 {
        if local > 0 { return mapping["bill_adjustments"]?[local] ?? local }
        let bill = -local / 8, slot = -local % 8
        guard let central = mapping["bills"]?[bill] else { return local }
        return -(central * 8 + slot)
    }

    private func order(_ change: ChangesetChange) -> (Int, Int64) {
        (SyncTables.facts.firstIndex(of: change.table) ?? Int.max, localIDIfInteger(change) ?? 0)
    }

    private func localIDIfInteger(_ change: ChangesetChange) -> Int64? {
        let row = change.operation == .insert ? change.new : change.old
        guard case .integer(let id)?? = row.first else { return nil }
        return id
    }

    private func localID(_ change: ChangesetChange) -> Int64 { localIDIfInteger(change) ?? 0 }

    // MARK: Conflicts

    /// A change the centre already holds: an update whose new values are the central row's,
    /// or an insert of a row keyed by its parents (a membership's program) that is there with
    /// the same values. An earlier push of the same extract applied it.
    private func isAlreadyApplied(_ conflict: ChangesetConflict) -> Bool {
        guard let row = conflict.conflictingRow else { return false }
        switch (conflict.kind, conflict.change.operation) {
        case (.data, .update), (.conflict, .insert):
            return conflict.change.new.enumerated().allSatisfy { column, value in value == nil || value == row[column] }
        default:
            return false
        }
    }

    private func reject(_ original: ChangesetChange, conflict: ChangesetConflict, rewritten: ChangesetChange) throws -> SyncReject {
        let id = localID(original)
        switch conflict.kind {
        case .constraint:
            let message = try db.failure(of: rewritten)?.message ?? "refused by a constraint of the central register"
            let columns = try db.fetchValues(String.self, "SELECT name FROM pragma_table_info(?) ORDER BY cid", original.table)
            if let range = message.range(of: "\(original.table)."),
               let column = columns.first(where: { message[range.upperBound...].hasPrefix($0) }),
               let index = columns.firstIndex(of: column) {
                let value = original.valueAfter(column: index).map(text) ?? ""
                return SyncReject(table: original.table, localID: id, column: column, value: value,
                                  reason: .alreadyCentral(message: message))
            }
            // SQLite's (or a trigger's) own message: English, as docs/cli.md says.
            return SyncReject(table: original.table, localID: id, reason: .untranslated(message))
        case .data:
            let columns = try db.fetchValues(String.self, "SELECT name FROM pragma_table_info(?) ORDER BY cid", original.table)
            let changed = columns.indices.filter { column in
                guard let old = original.old[column], let row = conflict.conflictingRow else { return false }
                return old != row[column]
            }
            let column = changed.first.map { columns[$0] } ?? ""
            return SyncReject(table: original.table, localID: id, column: column,
                              value: changed.first.flatMap { conflict.conflictingRow?[$0] }.map(text) ?? "",
                              reason: .changedCentrally(columns: changed.map { columns[$0] }))
        case .notFound:
            return SyncReject(table: original.table, localID: id, reason: .goneCentrally)
        case .conflict:
            return SyncReject(table: original.table, localID: id, column: "id", reason: .idTakenCentrally)
        case .foreignKey:
            return SyncReject(table: original.table, localID: id, reason: .refersToMissingRow)
        }
    }

    /// The changes that cannot stand without an excluded one: rows that refer to an excluded
    /// row made offline, and the payment of an excluded allocation (its money would otherwise
    /// look unallocated). Repeated until nothing new is found.
    private func dependents(of excluded: Set<Int>, in changes: [ChangesetChange], foreignKeys: [String: [Int: String]]) -> [(Int, RegistryError.Reason)] {
        var gone = Set(excluded.compactMap { index -> LocalRow? in
            let change = changes[index]
            guard change.operation == .insert, let id = localIDIfInteger(change) else { return nil }
            return LocalRow(table: change.table, id: id)
        })
        var found: [(Int, RegistryError.Reason)] = []
        var taken = excluded
        var grew = true
        while grew {
            grew = false
            // Payments (by id in the extract) one of whose allocations is left out: payment_id is
            // column 1 of both allocation tables.
            let paymentsShort = Set(taken.compactMap { index -> Int64? in
                let change = changes[index]
                guard ["payment_allocations", "project_payment_allocations"].contains(change.table),
                      case .integer(let payment)?? = change.new[safe: 1] else { return nil }
                return payment
            })
            for (index, change) in changes.enumerated() where !taken.contains(index) && change.operation != .delete {
                var reason: RegistryError.Reason?
                for (column, parent) in foreignKeys[change.table] ?? [:] {
                    if case .integer(let id)?? = change.new[safe: column], gone.contains(LocalRow(table: parent, id: id)) {
                        reason = .dependsOnUnapplied(table: parent, row: id)
                        break
                    }
                }
                if reason == nil, change.table == "payments", change.operation == .insert, let id = localIDIfInteger(change),
                   paymentsShort.contains(id) {
                    reason = .allocationNotApplied
                }
                guard let reason else { continue }
                taken.insert(index)
                found.append((index, reason))
                if change.operation == .insert, let id = localIDIfInteger(change) { gone.insert(LocalRow(table: change.table, id: id)) }
                grew = true
            }
        }
        return found
    }

    private func text(_ value: DatabaseValue) -> String {
        switch value {
        case .null: ""
        case .integer(let integer): String(integer)
        case .real(let real): String(real)
        case .text(let text): text
        case .blob(let data): "\(data.count) bytes"
        }
    }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
