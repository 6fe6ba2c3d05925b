import Foundation
import SQLiteDB

/// Imports one CSV file of one kind through the domain API.
///
/// Every row runs in its own savepoint, so a refused row leaves no trace and the rows after
/// it are still validated; rows earlier in the file are already inserted in the same
/// transaction, so a duplicate within the file is caught like one in the database.
///
/// An importer may hold rows back and store consecutive ones in one bulk call (payments:
/// `RowImporter.holdRow(_:in:)`), which refuses each row alone, exactly as the row's own
/// savepoint would; held rows are stored before any other row is stored or refused, and always
/// before a commit, so rows are stored and reported in file order and a batch never ends with
/// rows held.
///
/// - ``ImportMode/allOrNothing``: one write transaction for the whole file, rolled back at
///   the end when any row was rejected.
/// - ``ImportMode/skipInvalid``: a commit every `batchSize` rows, rejects left out. Each
///   batch holds the write lock only while it runs, so other writers (clerks recording
///   payments) get their turn between batches.
/// - ``ImportMode/dryRun``: one transaction, always rolled back.
public struct CSVImport {
    public var kind: ImportKind
    public var mode: ImportMode
    /// Rows per commit with ``ImportMode/skipInvalid`` (at least 1).
    public var batchSize = 10_000
    /// How long ``ImportMode/skipInvalid`` leaves the write lock free between two batches.
    ///
    /// SQLite's lock is not a queue: a writer waiting for it (a clerk's payment) gets it only
    /// if it tries while the lock is free, and without a pause the next batch takes it back
    /// within microseconds of the commit. Measured in a debug build beside an import in
    /// 10,000-row batches (under a second each): a payment stream failed with "database is
    /// locked" after 5 s under SQLite's own busy handler; trying every millisecond (the
    /// wrapper's handler) it still waited up to 0.75 s for a moment the import happened to
    /// leave free; with this pause it waits for at most about one batch. 10 ms is ten tries of
    /// every waiting connection, and costs 10 ms per batch.
    public var pauseBetweenBatches: Duration = .milliseconds(10)
    /// The audit actor the rows are written under.
    public var actor: String?
    /// The language of the rejects' reasons (``RegistryError/description(in:)``).
    public var language: Language = .english
    /// Whether the importer may hold rows to store them together (`RowImporter.holdRow(_:in:)`);
    /// off, every row is stored by itself. The tests compare the two.
    var holdsRows = true
    /// Called for each rejected row, in file order (write it out; do not keep millions).
    public var onReject: (ImportReject) throws -> Void = { _ in }
    /// Called after each row with the bytes read so far and the rows read.
    public var onProgress: (_ bytes: Int, _ rows: Int) -> Void = { _, _ in }
    /// Called right after each commit with the line of the last row it made durable: after
    /// every batch (``ImportMode/skipInvalid``), or once after the whole file
    /// (``ImportMode/allOrNothing``, when nothing was rejected). Never for a dry run or a
    /// rolled-back file, and never twice for one line. A crash between a commit and this
    /// call loses only the report, not the rows: callers counting on it must allow for one
    /// committed batch they were not told about.
    public var onCommit: (_ lastLine: Int) -> Void = { _ in }

    public init(kind: ImportKind, mode: ImportMode) {
        self.kind = kind
        self.mode = mode
    }

    /// Thrown inside the write closure to roll the transaction back.
    private struct RollBack: Error {}

    /// Reads `reader` to the end. Throws ``ImportFileError`` when the header is unusable,
    /// and `SQLiteError` when the database fails (not for a refused row).
    public func run(_ reader: inout CSVReader, into registry: Registry) throws -> ImportOutcome {
        var record = CSVRecord()
        guard try reader.next(into: &record) else { throw ImportFileError.empty }
        let header = try readHeader(record)
        var state = RunState(importer: kind.importerType.init(), header: header)

        switch mode {
        case .allOrNothing, .dryRun:
            do {
                try registry.write(actor: actor) { written in
                    let session = rowSession(written)
                    while try reader.next(into: &record) {
                        try process(record, &state, session, reader.bytesRead)
                    }
                    try storeHeldRows(&state, session)
                    if mode == .dryRun || state.rejected > 0 { throw RollBack() }
                }
                if state.rows > 0 { onCommit(state.lastLine) }
            } catch is RollBack {}
        case .skipInvalid:
            precondition(batchSize > 0, "an import batch holds at least one row")
            var finished = false
            while !finished {
                let rowsBefore = state.rows
                try registry.write(actor: actor) { written in
                    let session = rowSession(written)
                    var inBatch = 0
                    while inBatch < batchSize {
                        guard try reader.next(into: &record) else {
                            finished = true
                            break
                        }
                        try process(record, &state, session, reader.bytesRead)
                        inBatch += 1
                    }
                    try storeHeldRows(&state, session)
                }
                // The last, empty transaction (the file ended on a batch boundary) commits no row.
                if state.rows > rowsBefore { onCommit(state.lastLine) }
                if !finished { Thread.sleep(forTimeInterval: Self.seconds(pauseBetweenBatches)) }
            }
        }
        return ImportOutcome(kind: kind, mode: mode, rows: state.rows, accepted: state.accepted, rejected: state.rejected)
    }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        TimeInterval(duration.components.seconds) + TimeInterval(duration.components.attoseconds) / 1e18
    }

    /// The session the rows of one write transaction run in: remembering reference data when
    /// the kind allows it.
    private func rowSession(_ session: RegistrySession) -> RegistrySession {
        kind.importerType.cachesReferenceData ? session.cachingReferenceData() : session
    }

    private struct RunState {
        var importer: any RowImporter
        let header: ImportHeader
        var rows = 0
        var accepted = 0
        var rejected = 0
        var lastLine = 0
        var row: ImportRow
        /// Rows the importer holds (`RowImporter.holdRow(_:in:)`), in file order.
        var heldRows: [ImportRow] = []

        init(importer: any RowImporter, header: ImportHeader) {
            self.importer = importer
            self.header = header
            row = ImportRow(line: 0, header: header, values: [])
        }
    }

    /// Rows held before the importer stores them together.
    static let heldRowLimit = 2_000

    private func process(_ record: CSVRecord, _ state: inout RunState, _ session: RegistrySession, _ bytes: Int) throws {
        state.rows += 1
        state.lastLine = record.line
        defer { onProgress(bytes, state.rows) }
        if let reject = try prepare(record, &state) {
            try storeHeldRows(&state, session)
            state.rejected += 1
            try onReject(reject)
            return
        }
        do {
            if holdsRows, try state.importer.holdRow(state.row, in: session) {
                state.heldRows.append(state.row)
                if state.heldRows.count >= Self.heldRowLimit { try storeHeldRows(&state, session) }
                return
            }
        } catch let error as RegistryError {
            try storeHeldRows(&state, session)
            state.rejected += 1
            try onReject(reject(error, row: state.row))
            return
        }
        try storeHeldRows(&state, session)
        try store(state.row, &state, session)
    }

    /// Stores one row in its own savepoint; a refusal is a reject.
    private func store(_ row: ImportRow, _ state: inout RunState, _ session: RegistrySession) throws {
        do {
            try session.connection.savepoint { try state.importer.importRow(row, into: session) }
            state.accepted += 1
        } catch let error as RegistryError {
            state.rejected += 1
            try onReject(reject(error, row: row))
        } catch let error as SQLiteError where error.constraint != nil {
            // A rule only the schema enforces: the row is refused, the import goes on.
            state.rejected += 1
            try onReject(ImportReject(line: row.line, column: "", value: "", reason: error.message))
        }
    }

    /// Stores the held rows in one bulk call, in a savepoint, then reports the refused ones in
    /// order. When the schema refuses something (a constraint, which names no row), that
    /// savepoint is rolled back and the held rows are stored one at a time, as if never held.
    private func storeHeldRows(_ state: inout RunState, _ session: RegistrySession) throws {
        guard !state.heldRows.isEmpty else { return }
        let rows = state.heldRows
        state.heldRows.removeAll(keepingCapacity: true)
        var refusals: [(index: Int, error: RegistryError)] = []
        do {
            try session.connection.savepoint {
                try state.importer.storeHeldRows(into: session) { refusals.append(($0, $1)) }
            }
        } catch let error as SQLiteError where error.constraint != nil {
            state.importer.dropHeldRows()
            for row in rows { try store(row, &state, session) }
            return
        } catch {
            state.importer.dropHeldRows()
            throw error
        }
        state.accepted += rows.count - refusals.count
        for refusal in refusals {
            state.rejected += 1
            try onReject(reject(refusal.error, row: rows[refusal.index]))
        }
    }

    /// Decodes the record into `state.row`, or says why it cannot be a row.
    private func prepare(_ record: CSVRecord, _ state: inout RunState) throws -> ImportReject? {
        let names = state.header.names
        if let problem = record.problem {
            var column = ""
            if case .textAfterClosingQuote(let field) = problem, field < names.count { column = names[field] }
            return ImportReject(line: record.line, column: column, value: "", reason: problem.description)
        }
        guard record.count == names.count else {
            return ImportReject(line: record.line, column: "", value: "",
                                reason: RegistryError.Reason.fieldCount(found: record.count, expected: names.count).text(in: language))
        }
        state.row = ImportRow(line: record.line, header: state.header, values: state.row.values)
        state.row.values.removeAll(keepingCapacity: true)
        for index in 0..<record.count {
            guard let value = record.string(at: index) else {
                let text = record.lossyString(at: index)
                return ImportReject(line: record.line, column: names[index],
                                    value: names[index] == "nik" ? NIK.mask(text) : text, reason: RegistryError.Reason.notValidUTF8.text(in: language))
            }
            // Undo the writer's formula guard, so an export imports back to what was stored.
            state.row.values.append(CSVFormula.restored(value))
        }
        return nil
    }

    /// The reject for a refusal: the error's field mapped to its column, and that cell's value.
    private func reject(_ error: RegistryError, row: ImportRow) -> ImportReject {
        let mapped = kind.importerType.fieldColumns[error.field] ?? error.field
        let column = row.header.index(of: mapped) != nil ? mapped : error.field
        var value = row.header.index(of: column) != nil ? (row.text(column) ?? "") : error.value
        if column == "nik" { value = NIK.mask(value) }
        return ImportReject(line: row.line, column: column, value: value, reason: error.description(in: language))
    }

    private func readHeader(_ record: CSVRecord) throws -> ImportHeader {
        if let problem = record.problem { throw ImportFileError.malformedHeader(problem.description) }
        var names: [String] = []
        for index in 0..<record.count {
            guard let name = record.string(at: index) else { throw ImportFileError.headerNotUTF8(column: index + 1) }
            names.append(name.trimmingASCIISpaces().lowercased())
        }
        let known = Set(kind.columns.map(\.name))
        var seen = Set<String>()
        for name in names {
            guard known.contains(name) else { throw ImportFileError.unknownColumn(name, kind: kind) }
            guard seen.insert(name).inserted else { throw ImportFileError.duplicateColumn(name) }
        }
        for column in kind.columns where column.isRequired && !seen.contains(column.name) {
            throw ImportFileError.missingColumn(column.name, kind: kind)
        }
        return ImportHeader(names)
    }
}

extension String {
    func trimmingASCIISpaces() -> String {
        var text = Substring(self)
        while text.first == " " || text.first == "\t" { text = text.dropFirst() }
        while text.last == " " || text.last == "\t" { text = text.dropLast() }
        return String(text)
    }
}
