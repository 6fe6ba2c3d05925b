import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Creating database files that only their owner can read.
///
/// SQLite creates new files with mode 0644 (less the umask): anyone on the machine could
/// read national ID numbers. So the library creates the empty file itself, mode 0600,
/// before SQLite opens it; SQLite then gives the `-wal` and `-shm` files the same mode.
enum OwnerOnlyFile {
    /// Creates an empty file with mode 0600 if nothing exists at `path`. An existing file is
    /// left as it is (its owner chose its mode).
    static func createIfMissing(_ path: String) throws {
        let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        if descriptor >= 0 {
            close(descriptor)
            return
        }
        let code = errno
        if code == EEXIST { return }
        throw SQLiteError(
            code: .cannotOpen,
            message: "cannot create database file \(path): \(String(cString: strerror(code)))")
    }
}
