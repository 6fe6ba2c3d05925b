/// Why a migrator refused to touch a database. Every case names the file concerned.
public enum MigrationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A file name that is not `NNNN_description.sql`.
    case invalidName(String)
    /// Two files share a number.
    case duplicateNumber(Int, files: [String])
    /// A file applied to this database has changed since.
    case edited(file: String, recordedChecksum: String, currentChecksum: String)
    /// A file applied to this database is not among the known migrations.
    case missing(file: String)
    /// A file applied to this database now has another name (same content).
    case renamed(from: String, to: String)
    /// The database holds migrations newer than any this program knows: it was built by a newer version.
    case databaseIsNewer(file: String, latestKnown: String?)
    /// A pending file sorts before one already applied: it would run out of order.
    case outOfOrder(file: String, alreadyApplied: String)
    /// Applying the file left rows with dangling foreign keys; it was rolled back.
    case foreignKeyViolations(file: String, violations: [ForeignKeyViolation])
    /// SQLite refused a statement of the file; it was rolled back.
    case failed(file: String, error: SQLiteError)

    public var description: String {
        switch self {
        case .invalidName(let name):
            "migration file name \(name) is not of the form NNNN_description.sql"
        case .duplicateNumber(let number, let files):
            "migration number \(number) is used by more than one file: \(files.joined(separator: ", "))"
        case .edited(let file, let recorded, let current):
            "migration \(file) was edited after it was applied (checksum was \(recorded), is now \(current)); "
                + "add a new migration instead of changing an applied one"
        case .missing(let file):
            "migration \(file) was applied to this database but is missing from this program (removed or renamed)"
        case .renamed(let from, let to):
            "migration \(from) was applied to this database but is now named \(to); restore its name"
        case .databaseIsNewer(let file, let latest):
            "the database was migrated by a newer program (it has \(file); this program knows up to \(latest ?? "nothing")); "
                + "use a newer version"
        case .outOfOrder(let file, let applied):
            "migration \(file) is pending but the later \(applied) is already applied; renumber it after \(applied)"
        case .foreignKeyViolations(let file, let violations):
            "migration \(file) left \(violations.count) dangling foreign key(s), e.g. \(violations[0]); rolled back"
        case .failed(let file, let error):
            "migration \(file) failed and was rolled back: \(error)"
        }
    }
}
