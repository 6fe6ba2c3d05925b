import Registry

/// `fuzz-csv`: one input as a CSV file, read to the end by ``CSVReader`` at several chunk
/// sizes, so records, quotes, CRLF pairs and the byte order mark straddle chunk borders.
///
/// What must hold for any bytes: reading ends, every byte is consumed once, the chunk size
/// changes nothing, records start on increasing lines inside the file, fields hold no more
/// bytes or commas than the input, and a well-formed record written back by ``CSVWriter``
/// reads back the same.
public enum CSVReaderCheck {
    /// One record as plain values, comparable across reads.
    public struct Record: Hashable, CustomStringConvertible {
        public let line: Int
        public let fields: [[UInt8]]
        public let problem: CSVProblem?

        init(_ record: CSVRecord) {
            line = record.line
            fields = (0..<record.count).map { Array(record.bytes(at: $0)) }
            problem = record.problem
        }

        /// Fields as text, invalid UTF-8 replaced.
        public var text: [String] { fields.map { String(decoding: $0, as: UTF8.self) } }

        public var description: String { "line \(line): \(text)\(problem.map { " (\($0))" } ?? "")" }
    }

    public struct Outcome {
        /// The records read with the first chunk size.
        public let records: [Record]
        public let violations: [String]
    }

    /// The chunk sizes of a replay: one byte (every refill on a border), the three bytes of a
    /// byte order mark, odd sizes, and the reader's default.
    public static let allChunkSizes = [1, 2, 3, 4, 7, 64, 1 << 16]

    /// Reads `bytes` once per chunk size; the first size's records are the reference.
    public static func run(_ bytes: [UInt8], chunkSizes: [Int] = allChunkSizes) -> Outcome {
        precondition(!chunkSizes.isEmpty)
        var violations: [String] = []
        let reads = InputFile.shared.withContents(bytes) { descriptor, rewind in
            chunkSizes.map { chunkSize -> [Record] in
                rewind()
                return read(descriptor, chunkSize: chunkSize, inputSize: bytes.count, &violations)
            }
        }
        let records = reads[0]
        for (chunkSize, other) in zip(chunkSizes, reads).dropFirst() where other != records {
            violations.append("chunk size \(chunkSize) reads \(other.count) records, chunk size \(chunkSizes[0]) \(records.count): "
                + "first difference \(firstDifference(records, other))")
        }
        checkRecords(records, of: bytes, &violations)
        if violations.isEmpty { checkRoundTrip(records, &violations) }
        return Outcome(records: records, violations: violations)
    }

    private static func read(_ descriptor: Int32, chunkSize: Int, inputSize: Int, _ violations: inout [String]) -> [Record] {
        var reader = CSVReader(descriptor: descriptor, chunkSize: chunkSize)
        var record = CSVRecord()
        var records: [Record] = []
        var consumed = 0
        do {
            while try reader.next(into: &record) {
                if reader.bytesRead < consumed || reader.bytesRead > inputSize {
                    violations.append("chunk size \(chunkSize): bytesRead went from \(consumed) to \(reader.bytesRead) of \(inputSize)")
                }
                consumed = reader.bytesRead
                records.append(Record(record))
            }
        } catch {
            violations.append("chunk size \(chunkSize): reading a regular file failed: \(error)")
        }
        if reader.bytesRead != inputSize {
            violations.append("chunk size \(chunkSize): bytesRead is \(reader.bytesRead) at the end of \(inputSize) bytes")
        }
        return records
    }

    private static func checkRecords(_ records: [Record], of bytes: [UInt8], _ violations: inout [String]) {
        // Physical lines: LF, CRLF and a lone CR each end one.
        var lines = 1
        for (index, byte) in bytes.enumerated() where byte == 0x0A || (byte == 0x0D && bytes.dropFirst(index + 1).first != 0x0A) {
            lines += 1
        }
        let commas = bytes.count(where: { $0 == 0x2C })
        var previousLine = 0, fieldBytes = 0, extraFields = 0
        for (index, record) in records.enumerated() {
            if record.fields.isEmpty { violations.append("record \(index) has no fields") }
            if record.fields == [[]] && record.problem == nil { violations.append("blank record \(index) was returned") }
            if record.line <= previousLine || record.line > lines {
                violations.append("record \(index) starts on line \(record.line), after line \(previousLine), in a file of \(lines) lines")
            }
            switch record.problem {
            case .textAfterClosingQuote(let field) where field >= record.fields.count:
                violations.append("record \(index) blames field \(field) of \(record.fields.count)")
            case .unterminatedQuote where index != records.count - 1:
                violations.append("record \(index) has an unterminated quote but is not the last")
            default:
                break
            }
            previousLine = record.line
            fieldBytes += record.fields.reduce(0) { $0 + $1.count }
            extraFields += record.fields.count - 1
        }
        if fieldBytes > bytes.count || extraFields > commas {
            violations.append("records hold \(fieldBytes) bytes and \(extraFields) commas; the input has \(bytes.count) and \(commas)")
        }
    }

    /// Well-formed records in valid UTF-8, written by ``CSVWriter`` after a first line (so a
    /// field that starts with a byte order mark is not at the start of the file), read back
    /// and restored from the writer's formula guard (``CSVFormula/restored(_:)``), as an import does.
    private static func checkRoundTrip(_ records: [Record], _ violations: inout [String]) {
        let rows = records.filter { $0.problem == nil }.compactMap { record -> [String]? in
            let fields = record.fields.compactMap { String(validating: $0, as: UTF8.self) }
            return fields.count == record.fields.count ? fields : nil
        }
        guard !rows.isEmpty else { return }
        let written = Array(("first\n" + rows.map(CSVWriter.line).joined()).utf8)
        let reread = InputFile.shared.withContents(written) { descriptor, _ -> [[String]]? in
            var reader = CSVReader(descriptor: descriptor)
            var fields: [[String]] = []
            while let record = try? reader.next() {
                guard record.problem == nil else { return nil }
                fields.append(record.lossyFields.map(CSVFormula.restored))
            }
            return Array(fields.dropFirst())
        }
        if reread != rows {
            violations.append("written back by CSVWriter, \(rows.count) records read back as \(reread.map { "\($0.count) records" } ?? "a malformed file")")
        }
    }

    private static func firstDifference(_ a: [Record], _ b: [Record]) -> String {
        for (x, y) in zip(a, b) where x != y { return "\(x) versus \(y)" }
        return "one read stops early"
    }
}
