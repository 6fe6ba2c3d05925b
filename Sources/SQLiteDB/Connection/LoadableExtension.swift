import CSQLite
import Foundation

/// SQLite extensions loaded from shared libraries, for the whole process.
///
/// An extension that registers a VFS (Litestream's read-replica VFS) registers it for every
/// connection of the process, opened afterwards with ``Configuration/vfs``. Its library must stay
/// loaded as long as the VFS may be used, so the connection that loaded it is kept open until
/// the process ends (closing it would unload the library under the registered VFS).
///
/// Loading is enabled for the C call only (`SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION`), never for
/// SQL's `load_extension()`, so no SQL text can load a library.
public enum LoadableExtension {
    private static let loaded = LoadedLibraries()

    /// Loads the library at `path` once per process; later calls with the same path do nothing.
    ///
    /// - Parameters:
    ///   - path: the shared library's file.
    ///   - entryPoint: the library's init function, or nil for SQLite's default
    ///     (`sqlite3_extension_init`, or one derived from the file name).
    /// - Throws: ``SQLiteError`` with SQLite's message (a missing file, a missing symbol, an
    ///   init function that failed).
    public static func load(_ path: String, entryPoint: String? = nil) throws {
        try loaded.loadOnce(path) {
            let connection = try Connection(.memory)
            let enable = csqlite_db_config_bool(connection.handle, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 1, nil)
            guard enable == SQLITE_OK else { throw SQLiteError.from(connection: connection.handle, code: enable) }
            var message: UnsafeMutablePointer<CChar>?
            let code = sqlite3_load_extension(connection.handle, path, entryPoint, &message)
            defer { sqlite3_free(message) }
            guard code == SQLITE_OK else {
                throw SQLiteError(code: ResultCode(rawValue: code),
                                  message: "cannot load the SQLite extension \(path): \(message.map { String(cString: $0) } ?? "error \(code)")")
            }
            _ = csqlite_db_config_bool(connection.handle, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, nil)
            return connection
        }
    }
}

/// The connections that loaded each library, kept for the life of the process.
private final class LoadedLibraries: @unchecked Sendable {
    // @unchecked: `connections` is only touched with `lock` held.
    private let lock = NSLock()
    private var connections: [String: Connection] = [:]

    func loadOnce(_ path: String, _ load: () throws -> Connection) throws {
        lock.lock()
        defer { lock.unlock() }
        guard connections[path] == nil else { return }
        connections[path] = try load()
    }
}
