import SQLiteDB

/// The registry's database schema: the SQL files of `Migrations/`, compiled into the library.
///
/// ```swift
/// let db = try Connection(.file("registry.sqlite"))
/// try RegistrySchema.migrate(db)            // creates or upgrades; a no-op when up to date
/// ```
///
/// The same files can be applied by hand, in order, with
/// `sqlite3 registry.sqlite < Migrations/0001_regions.sql` and so on.
public enum RegistrySchema {
    /// The migrations embedded at build time, in order.
    public static func migrations() throws -> [Migration] {
        try EmbeddedMigrations.files.map { try Migration(name: $0.name, sql: $0.sql) }
    }

    /// A migrator for the embedded migrations.
    public static func migrator() throws -> Migrator {
        try Migrator(migrations: migrations())
    }

    /// Brings a database up to the latest schema. Returns the names of the files applied.
    @discardableResult
    public static func migrate(_ db: Connection) throws -> [String] {
        try migrator().migrate(db)
    }

    /// Brings a pool's database up to the latest schema, on its writer connection.
    @discardableResult
    public static func migrate(_ pool: DatabasePool) throws -> [String] {
        try pool.writeWithoutTransaction { db in try migrate(db) }
    }
}
