import SQLiteDB

/// An office of the scheme: the head office (Kantor Pusat), a regional office (Kantor
/// Wilayah), or a branch (Kantor Cabang) or pioneer branch (Kantor Cabang Perintis).
public struct Office: Sendable, Hashable, Identifiable {
    public typealias ID = RecordID<Office>

    public let id: ID
    /// The internal office code, unique.
    public let code: String
    public let name: String
    public let kind: OfficeKind
    /// The regional office of a branch, the head office of a regional office; nil for the head office.
    public let parent: ID?

    init(row: some RowReading) throws {
        id = try row["id"]
        code = try row["code"]
        name = try row["name"]
        kind = try row["kind"]
        parent = try row["parent_office_id"]
    }
}

/// An office to add. Regional offices belong to the head office; branches to a regional office.
public struct NewOffice: Sendable, Hashable {
    public var code: String
    public var name: String
    public var kind: OfficeKind
    public var parent: Office.ID?
    /// The office's address, optional.
    public var village: RegionCode?

    public init(code: String, name: String, kind: OfficeKind, parent: Office.ID? = nil, village: RegionCode? = nil) {
        self.code = code
        self.name = name
        self.kind = kind
        self.parent = parent
        self.village = village
    }
}
