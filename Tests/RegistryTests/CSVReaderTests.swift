import Foundation
import Registry
import Testing

/// The streaming reader: byte order mark, line ends, RFC 4180 quoting, line numbers of records
/// spanning lines, invalid UTF-8 and unterminated quotes, at every chunk size down to one byte.
@Suite struct CSVReaderTests {
    /// Reads `bytes` through a pipe-free temporary file in chunks of `chunkSize`.
    private func records(_ bytes: [UInt8], chunkSize: Int) throws -> [CSVRecord] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID().uuidString).csv")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let descriptor = open(url.path, O_RDONLY)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        var reader = CSVReader(descriptor: descriptor, chunkSize: chunkSize)
        var result: [CSVRecord] = []
        while let record = try reader.next() { result.append(record) }
        #expect(reader.bytesRead == bytes.count)
        return result
    }

    private func records(_ text: String, chunkSize: Int) throws -> [CSVRecord] {
        try records(Array(text.utf8), chunkSize: chunkSize)
    }

    @Test(arguments: [1, 2, 3, 5, 64, 65_536])
    func quotedFieldsWithCommasQuotesAndLineBreaksKeepTheirStartingLine(chunkSize: Int) throws {
        let text = "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\nhere\"\r\nplain,,last\n"
        let read = try records(text, chunkSize: chunkSize)
        #expect(read.map(\.lossyFields) == [["a", "b", "c"], ["x, y", "say \"hi\"", "two\r\nlines\nhere"], ["plain", "", "last"]])
        #expect(read.map(\.line) == [1, 2, 5])
        #expect(read.allSatisfy { $0.problem == nil })
    }

    @Test(arguments: [1, 2, 4, 65_536])
    func aByteOrderMarkIsSkippedAndCRLFEndsARecord(chunkSize: Int) throws {
        let read = try records([0xEF, 0xBB, 0xBF] + Array("code,name\r\n32,Jawa Barat\r\n".utf8), chunkSize: chunkSize)
        #expect(read.map(\.lossyFields) == [["code", "name"], ["32", "Jawa Barat"]])
        #expect(read.map(\.line) == [1, 2])
    }

    @Test func aByteOrderMarkOnlyAtTheStartIsSkipped() throws {
        let read = try records(Array("a\n".utf8) + [0xEF, 0xBB, 0xBF] + Array("b\n".utf8), chunkSize: 2)
        #expect(read[1].string(at: 0) == "\u{FEFF}b")
    }

    @Test func blankLinesAreSkippedButCounted() throws {
        let read = try records("a,b\n\n\r\n1,2\n\n", chunkSize: 3)
        #expect(read.map(\.lossyFields) == [["a", "b"], ["1", "2"]])
        #expect(read.map(\.line) == [1, 4])
    }

    @Test func aLastRecordWithoutALineEndIsRead() throws {
        let read = try records("a,b\n1,\"2\"", chunkSize: 1)
        #expect(read.map(\.lossyFields) == [["a", "b"], ["1", "2"]])
    }

    @Test func anEmptyQuotedFieldIsAnEmptyField() throws {
        let read = try records("\"\",x,\"\"\n", chunkSize: 1)
        #expect(read.map(\.lossyFields) == [["", "x", ""]])
    }

    @Test(arguments: [1, 7, 65_536])
    func invalidUTF8IsAFieldLevelFinding(chunkSize: Int) throws {
        let bytes = Array("name,city\nok,Bandung\n".utf8) + Array("Bad".utf8) + [0xC3, 0x28] + Array(",Bogor\n".utf8)
        let read = try records(bytes, chunkSize: chunkSize)
        #expect(read.count == 3)
        #expect(read[2].string(at: 0) == nil)
        #expect(read[2].string(at: 1) == "Bogor")
        #expect(read[2].lossyString(at: 0) == "Bad\u{FFFD}(")
        #expect(read[2].line == 3)
    }

    @Test func anUnterminatedQuoteAtTheEndIsAProblemOfTheLastRecord() throws {
        let read = try records("a,b\n1,\"open\nstill open\n", chunkSize: 4)
        #expect(read.count == 2)
        #expect(read[1].line == 2)
        #expect(read[1].problem == .unterminatedQuote)
        #expect(read[0].problem == nil)
    }

    @Test func textAfterAClosingQuoteIsAProblemNamingTheField() throws {
        let read = try records("a,b\n1,\"x\"y\n2,3\n", chunkSize: 1)
        #expect(read[1].problem == .textAfterClosingQuote(field: 1))
        #expect(read[2].problem == nil)
        #expect(read[2].lossyFields == ["2", "3"])
    }

    @Test func aLoneCarriageReturnEndsARecord() throws {
        let read = try records("a\rb\r\nc\n", chunkSize: 1)
        #expect(read.map(\.lossyFields) == [["a"], ["b"], ["c"]])
        #expect(read.map(\.line) == [1, 2, 3])
    }

    @Test func anEmptyFileHasNoRecords() throws {
        #expect(try records("", chunkSize: 1).isEmpty)
        #expect(try records([0xEF, 0xBB, 0xBF], chunkSize: 1).isEmpty)
    }

    @Test func theWriterOutputReadsBackUnchanged() throws {
        let rows = [["plain", "with, comma", "say \"hi\""], ["two\nlines", " edge ", ""]]
        let read = try records(rows.map(CSVWriter.line).joined(), chunkSize: 3)
        #expect(read.map(\.lossyFields) == rows)
    }

    /// Found by `fuzz-csv`: the writer decided by `Character`, and a CRLF is one character
    /// equal to neither "\r" nor "\n", a quote followed by a combining mark no quote. A reject
    /// report echoing a cell with a Windows line break came out as two broken rows.
    @Test func theWriterQuotesByBytesNotCharacters() throws {
        #expect(CSVWriter.field("Budi\r\nSantoso") == "\"Budi\r\nSantoso\"")
        #expect(CSVWriter.field("say \"\u{301}hi") == "\"say \"\"\u{301}hi\"")
        // "\r\n" begins with a carriage return, so the writer also guards it against being read as
        // a formula (`'\r\n`); restoring that gives the cell back.
        #expect(CSVWriter.field("\r\n") == "\"'\r\n\"")
        let rows = [["Budi\r\nSantoso", "x"], ["a\"\u{301}b", "\r\n"], ["\u{301}\"", " \u{301}"]]
        for chunkSize in [1, 3, 65_536] {
            let read = try records(rows.map(CSVWriter.line).joined(), chunkSize: chunkSize)
            #expect(read.map { $0.lossyFields.map(CSVFormula.restored) } == rows)
            #expect(read.map(\.lossyFields)[1][1] == "'\r\n")
            #expect(read.allSatisfy { $0.problem == nil })
        }
    }
}
