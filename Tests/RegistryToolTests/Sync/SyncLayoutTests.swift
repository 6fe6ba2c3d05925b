import Foundation
import Registry
import SQLiteDB
import Testing

/// 0027 changed the columns of payment_allocations, 0028 those of bills (no due_date), 0029 the
/// type of payments.paid_at (ISO text to INTEGER milliseconds): work done on an extract made
/// before them cannot be applied to a register after them (a changeset lists rows by column
/// position, SQLite skips a table whose column count differs without a word, and STRICT refuses
/// a text paid_at row by row). Push refuses it, naming the latest layout and saying to push
/// before upgrading, and the centre is left as it was.
@Suite(.serialized) struct SyncLayoutTests {
    /// The last migration that changed a fact table's columns.
    private static let layout = "0029_payment_instants.sql"

    /// The reason of a refused push, or nil when it was accepted.
    private func refusal(_ body: () throws -> Void) -> RegistryError.Reason? {
        do {
            try body()
        } catch let RegistryError.invalid(_, _, reason) {
            return reason
        } catch {
            Issue.record("unexpected error \(error)")
        }
        return nil
    }

    /// An extract whose history stops before 0029 (as one extracted by the older library): its
    /// push is refused, naming the migration; the same extract with its history intact pushes.
    @Test func anExtractFromBeforeTheLayoutIsRefusedAndTheCentreKeptAsItWas() throws {
        let fixture = try SyncFixture()
        let path = try fixture.extract(.office(code: "KC-PWK"), named: "pwk.sqlite")
        try SyncFixture.enrolAndPay(on: try fixture.open(path), serial: "0077", name: "Dimas Prakoso", receipt: "OFF-1")
        let centreBefore = try SyncFixture.ledgerTotals(try fixture.centre)

        let extract = try Connection(.file(path))
        let history = try #require(try extract.fetchOne(
            "SELECT file_name, checksum, applied_at FROM schema_migrations WHERE file_name = ?", Self.layout))
        try extract.execute("DELETE FROM schema_migrations WHERE file_name = ?", Self.layout)
        let reason = refusal { _ = try fixture.centre.push(extractAt: path) }
        #expect(reason == .extractPredatesLayout(migration: Self.layout))
        #expect(reason.map { "\($0)" }?.contains("push extracts before upgrading") == true, "\(String(describing: reason))")
        #expect(try SyncFixture.ledgerTotals(try fixture.centre) == centreBefore)

        // Control: the same work, from an extract of this layout, is applied.
        try extract.execute("INSERT INTO schema_migrations (file_name, checksum, applied_at) VALUES (?, ?, ?)",
                            arguments: history.values)
        let outcome = try fixture.centre.push(extractAt: path)
        #expect(outcome.rejects.isEmpty && outcome.applied > 0)
        #expect(try SyncFixture.ledgerTotals(try fixture.centre) != centreBefore)
    }

    /// A changeset whose allocations have 0007's six columns (id, payment_id, bill_id, amount,
    /// reverses_id, recorded_at text) is refused whole, not applied without its allocations; the
    /// changeset as this layout writes it is applied.
    @Test func aChangesetWithTheOldAllocationColumnsIsRefusedWhole() throws {
        let fixture = try SyncFixture()
        let path = try fixture.extract(.office(code: "KC-PWK"), named: "pwk.sqlite")
        try SyncFixture.enrolAndPay(on: try fixture.open(path), serial: "0078", name: "Eko Saputra", receipt: "OFF-2")
        let (marker, changeset) = try Registry.changeset(ofExtractAt: path)
        let changes = try changeset.changes()
        #expect(changes.contains { $0.table == "payment_allocations" && $0.new.count == 5 })
        let old = Changeset(changes: changes.enumerated().map { index, change in
            let values = change.new.map { $0 ?? .null }
            guard change.table == "payment_allocations", change.operation == .insert, values.count == 5 else { return change }
            // bill_id, payment_id, reversal, amount, recorded_at → id, payment_id, bill_id, amount, reverses_id, recorded_at
            let recorded = UnixMilliseconds.fromDatabaseValue(values[4]).map { DatabaseValue.text($0.description) } ?? .null
            return ChangesetChange(table: change.table, operation: change.operation, primaryKeyFlags: [1, 0, 0, 0, 0, 0],
                                   old: [],
                                   new: [.integer(Int64(900 + index)), values[1], values[0], values[3], .null, recorded])
        })
        let centreBefore = try SyncFixture.ledgerTotals(try fixture.centre)
        #expect(refusal { _ = try fixture.centre.apply(old, from: marker) } == .extractPredatesLayout(migration: Self.layout))
        #expect(try SyncFixture.ledgerTotals(try fixture.centre) == centreBefore)

        let outcome = try fixture.centre.apply(changeset, from: marker)
        #expect(outcome.rejects.isEmpty && outcome.applied == changes.count)
        #expect(try SyncFixture.problems(try fixture.centre) == [])
    }

    /// A changeset whose bills carry 0027's stored due_date (one column more, after the month) is
    /// refused whole, not applied without its bills; the changeset of this layout is applied.
    @Test func aChangesetWithTheStoredDueDateIsRefusedWhole() throws {
        let fixture = try SyncFixture()
        let path = try fixture.extract(.office(code: "KC-PWK"), named: "pwk.sqlite")
        try SyncFixture.enrolAndPay(on: try fixture.open(path), serial: "0079", name: "Fajar Nugroho", receipt: "OFF-3")
        let (marker, changeset) = try Registry.changeset(ofExtractAt: path)
        let changes = try changeset.changes()
        let bills = changes.filter { $0.table == "bills" && $0.operation == .insert }
        #expect(!bills.isEmpty && bills.allSatisfy { $0.new.count == 14 }, "bills without due_date: \(bills)")
        let old = Changeset(changes: changes.map { change in
            guard change.table == "bills", change.operation == .insert else { return change }
            var values = change.new.map { $0 ?? .null }
            values.insert(.text("2025-07-15"), at: 3)   // id, membership_id, contribution_month, due_date, …
            return ChangesetChange(table: change.table, operation: change.operation,
                                   primaryKeyFlags: [1] + Array(repeating: 0, count: values.count - 1), old: [], new: values)
        })
        let centreBefore = try SyncFixture.ledgerTotals(try fixture.centre)
        #expect(refusal { _ = try fixture.centre.apply(old, from: marker) } == .extractPredatesLayout(migration: Self.layout))
        #expect(try SyncFixture.ledgerTotals(try fixture.centre) == centreBefore)

        let outcome = try fixture.centre.apply(changeset, from: marker)
        #expect(outcome.rejects.isEmpty && outcome.applied == changes.count)
    }

    /// A changeset whose payments carry 0027's ISO text paid_at (the same columns, the old type)
    /// is refused whole, before anything is applied; the changeset as this layout writes it,
    /// paid_at in milliseconds, is applied.
    @Test func aChangesetWithATextPaidAtIsRefusedWhole() throws {
        let fixture = try SyncFixture()
        let path = try fixture.extract(.office(code: "KC-PWK"), named: "pwk.sqlite")
        try SyncFixture.enrolAndPay(on: try fixture.open(path), serial: "0079", name: "Fajar Nugroho", receipt: "OFF-3")
        let (marker, changeset) = try Registry.changeset(ofExtractAt: path)
        let changes = try changeset.changes()
        let payments = changes.filter { $0.table == "payments" && $0.operation == .insert }
        #expect(!payments.isEmpty && payments.allSatisfy { UnixMilliseconds.fromDatabaseValue($0.new[5] ?? .null) != nil },
                "this layout writes paid_at (column 5) as an integer")
        let old = Changeset(changes: changes.map { change in
            guard change.table == "payments", change.operation == .insert,
                  let paidAt = UnixMilliseconds.fromDatabaseValue(change.new[5] ?? .null) else { return change }
            var aged = change
            aged.new[5] = .text(paidAt.description)
            return aged
        })
        let centreBefore = try SyncFixture.ledgerTotals(try fixture.centre)
        #expect(refusal { _ = try fixture.centre.apply(old, from: marker) } == .extractPredatesLayout(migration: Self.layout))
        #expect(try SyncFixture.ledgerTotals(try fixture.centre) == centreBefore)

        let outcome = try fixture.centre.apply(changeset, from: marker)
        #expect(outcome.rejects.isEmpty && outcome.applied == changes.count)
        #expect(try SyncFixture.ledgerTotals(try fixture.centre) != centreBefore)
    }
}
