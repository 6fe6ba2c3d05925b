// A buffered CSV writer: rows go straight to the file in 1 MiB writes, so generating millions
// of members never holds their rows in memory.
import Foundation

final class CSVFile {
    private let file: UnsafeMutablePointer<FILE>
    private var buffer: [UInt8] = []
    private(set) var rows = 0

    init(_ path: String, header: [String]) throws {
        guard let file = fopen(path, "w") else { throw RawError(description: "cannot write \(path)") }
        self.file = file
        buffer.reserveCapacity(1 << 20)
        write(header)
        rows = 0
    }

    /// One row; a field holding a comma, a quote or a line break is quoted (RFC 4180).
    func write(_ fields: [String]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            if field.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }) {
                buffer.append(UInt8(ascii: "\""))
                for byte in field.utf8 {
                    if byte == UInt8(ascii: "\"") { buffer.append(byte) }
                    buffer.append(byte)
                }
                buffer.append(UInt8(ascii: "\""))
            } else {
                buffer.append(contentsOf: field.utf8)
            }
        }
        buffer.append(10)
        rows += 1
        if buffer.count >= 1 << 20 { flush() }
    }

    private func flush() {
        buffer.withUnsafeBytes { _ = fwrite($0.baseAddress, 1, $0.count, file) }
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        flush()
        guard fclose(file) == 0 else { throw RawError(description: "cannot finish a CSV file") }
    }
}
