import SQLiteDB

/// A Kemendagri administrative region code, `PP.KK.CC.DDDD`: a province (`32`), a regency or
/// city (`32.14`, Purwakarta), a district (kecamatan, `32.14.01`) or a village (desa or
/// kelurahan, `32.14.01.2001`).
///
/// Parsing checks the shape the schema checks: regency numbers 01–69 (kabupaten) or 71–99
/// (kota), districts not 00, village numbers starting with 1 (urban kelurahan) or 2 (rural
/// desa). Whether the region exists is a question for the region tables.
public struct RegionCode: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public enum Level: Int, Sendable, Comparable, CaseIterable {
        case province = 1, regency, district, village

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The dotted code, e.g. `32.14.01.2001`.
    public let code: String
    public let level: Level

    /// Parses a dotted code of any level; throws ``RegistryError/invalid(field:value:reason:)``.
    public init(_ text: String, field: String = "region_code") throws(RegistryError) {
        // Every imported worker and every worker read back parses codes: check the bytes in
        // one pass, and leave the slower split below to explain a code that fails.
        if let level = Self.wellFormedLevel(text.utf8) {
            code = text
            self.level = level
            return
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let widths = [2, 2, 2, 4]
        func fail(_ reason: RegistryError.Reason) -> RegistryError { .invalid(field: field, value: text, reason: reason) }
        guard (1...4).contains(parts.count),
              zip(parts, widths).allSatisfy({ $0.count == $1 && $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { throw fail(.notARegionCode) }
        guard parts[0] != "00" else { throw fail(.provinceZero) }
        if parts.count >= 2, !(("01"..."69").contains(parts[1]) || ("71"..."99").contains(parts[1])) {
            throw fail(.regencyNumber(String(parts[1])))
        }
        if parts.count >= 3, parts[2] == "00" { throw fail(.districtZero) }
        if parts.count == 4, !(parts[3].hasPrefix("1") || parts[3].hasPrefix("2")) || parts[3].dropFirst() == "000" {
            throw fail(.villageNumber(String(parts[3])))
        }
        code = text
        level = Level(rawValue: parts.count)!
    }

    /// The level of a well-formed code (the same rules as the checks of ``init(_:field:)``),
    /// or nil when it is not one.
    private static func wellFormedLevel(_ bytes: String.UTF8View) -> Level? {
        let widths = [2, 2, 2, 4]
        var parts: [Int] = [], partLength = 0, value = 0
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard parts.count < 3, partLength == widths[parts.count] else { return nil }
                parts.append(value)
                partLength = 0
                value = 0
            } else {
                // A part longer than its width is refused before its value can overflow: a
                // cell of twenty digits used to trap the whole import here.
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), partLength < widths[parts.count] else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                partLength += 1
            }
        }
        guard partLength == widths[parts.count] else { return nil }
        parts.append(value)
        guard parts[0] != 0 else { return nil }
        if parts.count >= 2, !((1...69).contains(parts[1]) || (71...99).contains(parts[1])) { return nil }
        if parts.count >= 3, parts[2] == 0 { return nil }
        if parts.count == 4, !((1001...1999).contains(parts[3]) || (2001...2999).contains(parts[3])) { return nil }
        return Level(rawValue: parts.count)
    }

    /// A code known to be well formed (cut from a validated one).
    init(unchecked code: String, level: Level) {
        self.code = code
        self.level = level
    }

    /// The code of the enclosing region at `level` (self when `level` is its own).
    public func ancestor(at level: Level) -> RegionCode? {
        guard level <= self.level else { return nil }
        let length = [2, 5, 8, 13][level.rawValue - 1]
        return RegionCode(unchecked: String(code.prefix(length)), level: level)
    }

    /// The enclosing region one level up; nil for a province.
    public var parent: RegionCode? {
        level == .province ? nil : ancestor(at: Level(rawValue: level.rawValue - 1)!)
    }

    /// True for a city (kota, regency number 71–99) or a place inside one.
    public var isInCity: Bool { level >= .regency && code.dropFirst(3).prefix(2) >= "71" }

    /// Whether `other` is this region or lies inside it.
    public func contains(_ other: RegionCode) -> Bool {
        other.level >= level && other.code.hasPrefix(code)
    }

    public var description: String { code }

    public static func < (lhs: RegionCode, rhs: RegionCode) -> Bool { lhs.code < rhs.code }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self = try RegionCode(try container.decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}

extension RegionCode: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { .text(code) }

    public static func fromDatabaseValue(_ value: DatabaseValue) -> RegionCode? {
        guard case .text(let text) = value else { return nil }
        return try? RegionCode(text)
    }
}
