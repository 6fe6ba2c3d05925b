import Foundation
import Registry
import Testing

/// `CSVFormula`: cells a spreadsheet would run as a formula are written with a leading `'`,
/// and read back to what they were.
@Suite struct CSVFormulaTests {
    static let written: [(cell: String, written: String)] = [
        ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"),
        ("+cmd", "'+cmd"), ("@SUM(A1)", "'@SUM(A1)"), ("-2+3", "'-2+3"), ("=", "'="), ("-", "'-"),
        ("\tx", "'\tx"), ("\r=1", "'\r=1"), ("+62812345678", "'+62812345678"),
        ("-1e5", "'-1e5"), ("-1.2.3", "'-1.2.3"), ("--5", "'--5"), ("-.", "'-."),
        // Already guarded (or looking so): one more quote, so the import's one removal restores it.
        ("'=already", "''=already"), ("''+x", "'''+x"), ("'-16800", "''-16800"),
        // Left alone: plain numbers, text, a quote before something harmless, the empty cell.
        ("-16800", "-16800"), ("-1.5", "-1.5"), ("-.5", "-.5"), ("16800", "16800"), ("", ""),
        ("'plain", "'plain"), ("'", "'"), ("''", "''"), ("Budi", "Budi"), (" =x", " =x"), ("x=1", "x=1"),
        ("\u{FF1D}1+1", "\u{FF1D}1+1"),
    ]

    @Test func neutralisesWhatASpreadsheetWouldRunAndNothingElse() {
        for (cell, written) in Self.written {
            #expect(CSVFormula.neutralised(cell) == written, "\(cell.debugDescription)")
            #expect(CSVFormula.restored(written) == cell, "\(written.debugDescription) restores to \(cell.debugDescription)")
        }
    }

    @Test func restoringRemovesOneQuoteOnlyWhereTheWriterAddsOne() {
        #expect(CSVFormula.restored("'=x") == "=x")
        #expect(CSVFormula.restored("''=x") == "'=x")
        #expect(CSVFormula.restored("'plain") == "'plain")
        #expect(CSVFormula.restored("'") == "'")
        #expect(CSVFormula.restored("=x") == "=x")
        #expect(CSVFormula.restored("'\u{301}=x") == "'\u{301}=x", "a combining mark after the quote is not a formula character")
    }

    /// Every cell of a mixed set, alone and after prefixes of quotes, written by `CSVWriter`,
    /// parsed by `CSVReader` and restored, is the cell again.
    @Test func writerReaderAndRestoreRoundTrip() throws {
        let bases = ["=1+1", "+", "-", "@", "\t", "\r", "\r\n", "-5", "-5.5", "x", "", "\"=q\"", "=a,b", " ", "=\u{301}"]
        var cells: [String] = []
        for base in bases {
            for quotes in 0...3 { cells.append(String(repeating: "'", count: quotes) + base) }
        }
        let text = cells.map { CSVWriter.line([$0, "end"]) }.joined()
        let file = try descriptor(reading: Array(text.utf8))
        try #require(file >= 0)
        defer { close(file) }
        var reader = CSVReader(descriptor: file)
        var read: [String] = []
        while let record = try reader.next() {
            #expect(record.problem == nil)
            read.append(CSVFormula.restored(record.lossyFields[0]))
        }
        #expect(read == cells)
    }

    /// A descriptor open on a file holding `bytes`; the file is already unlinked.
    private func descriptor(reading bytes: [UInt8]) throws -> Int32 {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("csv-formula-\(UUID().uuidString).csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { unlink(path) }
        return open(path, O_RDONLY)
    }
}
