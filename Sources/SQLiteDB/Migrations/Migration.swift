/// One versioned SQL script, e.g. `0003_workers.sql`.
///
/// Its name orders it (a four-digit number, an underscore, a description, `.sql`) and its
/// SHA-256 checksum pins its content: once applied, a migration must never change.
public struct Migration: Sendable, Hashable {
    /// The file name, e.g. `0003_workers.sql`.
    public let name: String
    /// The SQL text, exactly as in the file.
    public let sql: String
    /// The number the name starts with.
    public let number: Int
    /// SHA-256 of the SQL's UTF-8 bytes, lowercase hex: what `sha256sum` prints for the file.
    public let checksum: String

    /// Throws ``MigrationError/invalidName(_:)`` unless the name looks like `0001_description.sql`.
    public init(name: String, sql: String) throws {
        guard let number = Migration.number(in: name) else { throw MigrationError.invalidName(name) }
        self.name = name
        self.sql = sql
        self.number = number
        checksum = SHA256.hexDigest(sql.utf8)
    }

    /// The leading number of a well-formed name (`NNNN_words.sql`, lowercase words, digits, underscores).
    static func number(in name: String) -> Int? {
        let bytes = Array(name.utf8)
        guard bytes.count > 9, name.hasSuffix(".sql"), bytes[4] == UInt8(ascii: "_"),
              bytes[0..<4].allSatisfy({ (48...57).contains($0) }),
              bytes[5..<(bytes.count - 4)].allSatisfy({
                  (97...122).contains($0) || (48...57).contains($0) || $0 == UInt8(ascii: "_")
              })
        else { return nil }
        return Int(String(decoding: bytes[0..<4], as: UTF8.self))
    }
}
