import Foundation

/// A file the tool is about to create with personal data in it: a database, a backup, an
/// export, a reject report.
///
/// The file itself is created owner-only, but in a directory every user may write to
/// (`/tmp`, a shared folder left at 0777) another user can get there first: plant a symlink
/// under the name so the data lands where they can read it, or create the database's `-wal`
/// and `-shm` files so they receive every page written. So the tool refuses such a
/// directory, and a file that anyone may write, unless the command is given `--force`.
struct WriteTarget {
    let path: String
    /// What the file is, for the message: "the database", "the backup".
    let role: String

    /// Throws a usage failure when the file or its directory is writable by every user.
    func requireSafe(force: Bool) throws {
        guard !force else { return }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if let mode = Self.mode(of: directory), mode & S_IWOTH != 0 {
            throw ToolFailure(.usage, """
                \(directory) is writable by every user (mode \(String(mode & 0o7777, radix: 8))): \
                another user could read or replace \(role) there. Choose another directory, or give --force
                """)
        }
        if let mode = Self.mode(of: path), mode & S_IWOTH != 0 {
            throw ToolFailure(.usage, """
                \(path) is writable by every user (mode \(String(mode & 0o7777, radix: 8))); \
                make it owner-only (chmod 600) or give --force
                """)
        }
    }

    /// The mode bits of what `path` names (through symlinks); nil when nothing is there.
    private static func mode(of path: String) -> mode_t? {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode : nil
    }
}
