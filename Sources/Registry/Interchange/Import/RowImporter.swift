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

    /// Checks the row as ``importRow(_:into:)`` would and keeps it, to store it with the rows
    /// kept after it in one bulk call (``storeHeldRows(into:refused:)``); false when the row
    /// must be stored now by ``importRow(_:into:)``. Throws the refusal ``importRow(_:into:)``
    /// would throw for what it checks. Writes nothing.
    ///
    /// Only for rows whose checks here no row stored after them can change; the import stores
    /// the held rows before any other row and before reporting any other refusal, so rows are
    /// stored and refused in file order.
    mutating func holdRow(_ row: ImportRow, in session: RegistrySession) throws -> Bool

    /// Stores the held rows in order, as ``importRow(_:into:)`` would one after the other, and
    /// forgets them: a refused row is told to `refused` (its index among the held rows, the
    /// error) and left out, the others stored as if it had never been there.
    mutating func storeHeldRows(into session: RegistrySession, refused: (Int, RegistryError) throws -> Void) throws

    /// Forgets the held rows without storing them.
    mutating func dropHeldRows()
}

extension RowImporter {
    static var fieldColumns: [String: String] { [:] }
    static var cachesReferenceData: Bool { false }

    mutating func holdRow(_ row: ImportRow, in session: RegistrySession) throws -> Bool { false }
    mutating func storeHeldRows(into session: RegistrySession, refused: (Int, RegistryError) throws -> Void) throws {}
    mutating func dropHeldRows() {}
}
