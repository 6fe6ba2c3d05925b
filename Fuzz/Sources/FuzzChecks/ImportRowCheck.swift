import Foundation
import Registry
import SQLiteDB

/// `fuzz-import-row`: rows of an import file, validated by a dry-run ``CSVImport`` against
/// ``FuzzRegister``, so every row goes through the same checks as a clerk's entry (NIK
/// against birth date and region, the income floor, the segment × program matrix…).
///
/// The input's first line names the kind (`workers`, `memberships`, any ``ImportKind``); the
/// rest are data rows, read after the kind's full header. With ` header` after the kind
/// (`workers header`), the rest is a whole file, header included. Any other first line is
/// not an input of this target.
///
/// What must hold: a refused row is an ``ImportReject`` (never a trap, never an error of the
/// whole import other than an unusable header of its own), every record is counted once, a
/// reject never prints the row's NIK whole, and a dry run stores nothing.
public enum ImportRowCheck {
    public struct Outcome {
        public let kind: ImportKind?
        /// The import's result; nil when the input names no kind.
        public let result: Result<ImportOutcome, ImportFileError>?
        public let rejects: [ImportReject]
        public let violations: [String]
    }

    /// The header a kind's rows are read after: every column, in export order.
    public static func header(of kind: ImportKind) -> String { kind.columns.map(\.name).joined(separator: ",") }

    public static func run(_ bytes: [UInt8]) -> Outcome {
        guard let newline = bytes.firstIndex(of: 0x0A) else { return Outcome(kind: nil, result: nil, rejects: [], violations: []) }
        var words = String(decoding: bytes[..<newline], as: UTF8.self).split(separator: " ", omittingEmptySubsequences: false)
        if words.last?.last == "\r" { words[words.count - 1] = words[words.count - 1].dropLast() }
        guard (1...2).contains(words.count), let kind = ImportKind(rawValue: String(words[0])),
              words.count == 1 || words[1] == "header" else {
            return Outcome(kind: nil, result: nil, rejects: [], violations: [])
        }
        let ownHeader = words.count == 2
        let file = ownHeader ? Array(bytes[(newline + 1)...]) : Array((header(of: kind) + "\n").utf8) + bytes[(newline + 1)...]

        let register: FuzzRegister
        do {
            register = try FuzzRegister.shared()
        } catch {
            return Outcome(kind: kind, result: nil, rejects: [], violations: ["the fuzz register cannot be built: \(error)"])
        }
        var violations: [String] = []
        var rejects: [ImportReject] = []
        var csvImport = CSVImport(kind: kind, mode: .dryRun)
        csvImport.actor = "fuzz"
        csvImport.onReject = { rejects.append($0) }

        let (records, imported) = InputFile.shared.withContents(file) { descriptor, rewind in
            // The records as the import reads them, to count rows and find each row's NIK.
            var records: [CSVRecord] = []
            var reader = CSVReader(descriptor: descriptor)
            while let record = try? reader.next() { records.append(record) }
            rewind()
            reader = CSVReader(descriptor: descriptor)
            return (records, Result { try csvImport.run(&reader, into: register.registry) })
        }

        var result: Result<ImportOutcome, ImportFileError>?
        switch imported {
        case .success(let outcome):
            result = .success(outcome)
            check(outcome, rejects, records: records, &violations)
        case .failure(let error as ImportFileError):
            result = .failure(error)
            if !ownHeader { violations.append("the full \(kind) header was refused: \(error)") }
            if !rejects.isEmpty { violations.append("rows were rejected before the header was refused") }
        case .failure(let error):
            violations.append("a \(kind) import failed with \(type(of: error)), not a reject: \(error)")
        }
        checkPrivacy(rejects, records: records, &violations)
        do {
            let after = try FuzzRegister.fingerprint(of: register.registry)
            if after != register.fingerprint { violations.append("a dry run changed the register: \(register.fingerprint) → \(after)") }
        } catch {
            violations.append("the register cannot be read after the import: \(error)")
        }
        return Outcome(kind: kind, result: result, rejects: rejects, violations: violations)
    }

    /// Every record after the header is one row, accepted or rejected once, rejects in file order.
    private static func check(_ outcome: ImportOutcome, _ rejects: [ImportReject], records: [CSVRecord], _ violations: inout [String]) {
        let rows = max(records.count - 1, 0)
        if outcome.rows != rows || outcome.accepted + outcome.rejected != rows || rejects.count != outcome.rejected || outcome.stored != 0 {
            violations.append("\(rows) rows read as \(outcome.rows): \(outcome.accepted) accepted, \(outcome.rejected) rejected, "
                + "\(rejects.count) rejects reported, \(outcome.stored) stored by a dry run")
        }
        let rowLines = Set(records.dropFirst().map(\.line))
        var previous = 0
        for reject in rejects {
            if reject.line <= previous || !rowLines.contains(reject.line) {
                violations.append("a reject names line \(reject.line), after line \(previous), not the start of a row")
            }
            previous = reject.line
        }
    }

    /// A reject shows a NIK masked: the row's `nik` cell appears whole in no reject of that row,
    /// unless the reject is about another cell that itself holds that text.
    private static func checkPrivacy(_ rejects: [ImportReject], records: [CSVRecord], _ violations: inout [String]) {
        guard let header = records.first else { return }
        let names = header.lossyFields.map { $0.trimmingCharacters(in: [" ", "\t"]).lowercased() }
        guard let nikColumn = names.firstIndex(of: "nik") else { return }
        var rows: [Int: [String]] = [:]
        for record in records.dropFirst() { rows[record.line] = record.lossyFields }
        for reject in rejects {
            guard let cells = rows[reject.line], nikColumn < cells.count else { continue }
            let nik = cells[nikColumn]
            guard nik.utf8.count > 8 else { continue }
            if reject.column != "nik", let column = names.firstIndex(of: reject.column), column < cells.count,
               cells[column].containsBytes(of: nik) {
                continue
            }
            if reject.value.containsBytes(of: nik) || reject.reason.containsBytes(of: nik) {
                violations.append("the reject of line \(reject.line) (\(reject.column)) shows the NIK \(NIK.mask(nik)) unmasked")
            }
        }
    }
}
