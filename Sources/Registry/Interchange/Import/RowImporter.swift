/// Turns one row of an import file into a call of the domain API, so that every rule the
/// registry enforces (NIK checks, regions that exist, the income floor, the segment ×
/// program matrix…) applies to imported rows exactly as to a clerk's entry.
///
/// An importer may keep caches of lookups that the import itself cannot change (an office's
/// id by its code while importing workers).
protocol RowImporter {
    /// The file's columns.
    static var columns: [ImportColumn] { get }
    /// The domain's field names (those of ``RegistryError/field``) that are called otherwise
    /// in the file, e.g. `branch_office_id` → `branch_code`, so a reject names the column.
    static var fieldColumns: [String: String] { get }
    /// Whether the kind's rows leave regions, offices, employers and rules alone, so that each
    /// write transaction of the import may remember them (see ``ReferenceCache``).
    static var cachesReferenceData: Bool { get }

    init()

    /// Stores the row; throws ``RegistryError`` when the registry refuses it.
    mutating func importRow(_ row: ImportRow, into session: RegistrySession) throws
}

extension RowImporter {
    static var fieldColumns: [String: String] { [:] }
    static var cachesReferenceData: Bool { false }
}
