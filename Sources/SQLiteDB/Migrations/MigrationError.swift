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
    /// The database has no migration history at all: it is empty, or not made by this program.
    case notMigrated
    /// Known migrations are not applied yet (a program that must not write found an older schema).
    case pending(files: [String])
    /// The database holds tables but no migration history: another program's database, which
    /// a migration would mix with ours.
    case unversioned(tables: [String])

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
        case .notMigrated:
            "the database has no schema_migrations: it is empty or was not made by this program"
        case .pending(let files):
            "the database's schema is older than this program's: \(files.count) migration(s) pending, from \(files[0])"
        case .unversioned(let tables):
            "the database holds tables (\(tables.prefix(5).joined(separator: ", "))\(tables.count > 5 ? ", …" : "")) "
                + "but no schema_migrations: it was not made by this program, and migrating it would mix another "
                + "application's tables with ours"
        }
    }
}
