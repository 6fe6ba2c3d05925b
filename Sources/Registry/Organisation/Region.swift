import SQLiteDB

/// A province, regency or city, district (kecamatan) or village (desa or kelurahan).
public struct Region: Sendable, Hashable, Codable {
    public let code: RegionCode
    public let name: String

    public var level: RegionCode.Level { code.level }
}
