import Foundation

/// A file the tool is about to write: a database, a backup, an export, a reject report.
///
/// Every such path is checked before anything is read or written, and written so that no
/// mistake or planted name can destroy data:
/// - it is never a file the command is using (the database, its `-wal`, `-shm` or
///   `-journal`, the input file), compared by device and inode after resolving links, and
///   by name for a companion file that does not exist yet; not even with `--force`;
/// - a symbolic link is never followed, dangling or not: another user who can write to the
///   directory could point it at a file of ours, or somewhere they can read;
/// - an existing file is replaced only with `--force`;
/// - the real directory the file lands in (after resolving links) is not writable by every
///   user, unless `--force`: there another user could get there first.
///
/// The content is written to a new owner-only file beside the target (``stage()``), created
/// with `O_EXCL | O_NOFOLLOW`, and put in place by ``StagedFile/publish()`` at the end, so
/// a failed or interrupted run never leaves a half-written file under the real name, nor
/// costs an existing one.
struct OutputFile {
    /// The path as given.
    let path: String
    /// What the file is, for messages: "the reject file", "the backup".
    let role: String
    /// The real directory the file lands in, links resolved.
    let directory: String
    /// The file's name in ``directory``.
    let name: String
    /// Whether a file is there now (it will be replaced: only with `--force`).
    let exists: Bool

    /// The target's real path: ``directory`` and ``name``.
    var resolvedPath: String { Self.join(directory, name) }

    private static func join(_ directory: String, _ name: String) -> String {
        directory == "/" ? "/" + name : directory + "/" + name
    }

    /// Checks `path` against every rule above; throws a usage failure naming the rule broken.
    /// `protecting` lists the files the command reads or writes besides this one.
    /// `neverReplaced`, when given, is the refusal for a file that is there, even with `--force`.
    init(_ path: String, role: String, force: Bool, protecting: [ProtectedFile] = [], neverReplaced: String? = nil) throws {
        self.path = path
        self.role = role
        let url = URL(fileURLWithPath: path)
        name = url.lastPathComponent
        guard !path.isEmpty, !path.hasSuffix("/"), name != ".", name != ".." else {
            throw ToolFailure(.usage, "'\(path)' names a directory, not a file for \(role)")
        }
        let given = url.deletingLastPathComponent().path
        guard let real = FileIdentity.realPath(given) else {
            throw ToolFailure(.usage, "cannot write \(role) \(path): its directory \(given) does not exist")
        }
        directory = real

        let target = Self.join(directory, name)
        var info = stat()
        exists = lstat(target, &info) == 0
        if exists {
            if info.st_mode & S_IFMT == S_IFLNK {
                throw ToolFailure(.usage, """
                    \(path) is a symbolic link; the tool never writes through one (it could point \
                    at the register or at a file another user reads). Name the real file
                    """)
            }
            guard info.st_mode & S_IFMT == S_IFREG else {
                throw ToolFailure(.usage, "\(path) is not a regular file; choose another name for \(role)")
            }
        }
        for protected in protecting {
            if let clash = protected.clash(withExisting: exists ? FileIdentity(info) : nil, path: target) {
                throw ToolFailure(.usage, "\(path) is \(clash); \(role) must be another file")
            }
        }
        if let mode = FileIdentity.mode(of: directory), mode & S_IWOTH != 0, !force {
            throw ToolFailure(.usage, """
                \(directory) is writable by every user (mode \(String(mode & 0o7777, radix: 8))): \
                another user could read or replace \(role) there. Choose another directory, or give --force
                """)
        }
        if exists, let neverReplaced {
            throw ToolFailure(.usage, "\(path) already exists; \(neverReplaced)")
        }
        if exists, !force {
            if info.st_mode & S_IWOTH != 0 {
                throw ToolFailure(.usage, """
                    \(path) exists and is writable by every user (mode \(String(info.st_mode & 0o7777, radix: 8))); \
                    make it owner-only (chmod 600) or give --force to replace it
                    """)
            }
            throw ToolFailure(.usage, "\(path) already exists; give --force to replace it, or choose another name for \(role)")
        }
    }

    /// Creates the new content's file beside the target: owner-only, exclusive, never a link.
    func stage() throws -> StagedFile {
        let temporary = Self.join(directory, ".\(name).XXXXXX.partial")
        var template = Array(temporary.utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 8) }
        guard descriptor >= 0 else { throw failure("cannot write \(role) in \(directory)") }
        fchmod(descriptor, 0o600)
        return StagedFile(target: self, temporaryPath: Self.path(template), descriptor: descriptor, privateDirectory: nil)
    }

    /// A path for a database that SQLite creates by name, in a new directory only the owner
    /// can enter: SQLite's `-journal` and `-wal` files land there too, out of other users' reach.
    func stageDatabase() throws -> StagedFile {
        var template = Array(Self.join(directory, ".\(name).partial-XXXXXX").utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw failure("cannot write \(role) in \(directory)")
        }
        let privateDirectory = Self.path(template)
        return StagedFile(target: self, temporaryPath: Self.join(privateDirectory, name), descriptor: -1,
                          privateDirectory: privateDirectory)
    }

    /// The path `mkstemps`/`mkdtemp` filled in, from its NUL-terminated template.
    private static func path(_ template: [CChar]) -> String {
        String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    fileprivate func failure(_ what: String) -> ToolFailure {
        ToolFailure(.usage, "\(what): \(String(cString: strerror(errno)))")
    }
}

/// The new content of an ``OutputFile``, written under a temporary name until ``publish()``.
final class StagedFile {
    let target: OutputFile
    /// Where the content is written meanwhile (owner-only, in the target's directory).
    let temporaryPath: String
    /// Open for writing (-1 for a database, which SQLite opens by name); closed by ``publish()``.
    let descriptor: Int32
    /// For a database: the owner-only directory holding it and its companions until published.
    private let privateDirectory: String?
    private var done = false

    /// The files SQLite keeps beside a database.
    static let companionSuffixes = ["-wal", "-shm", "-journal"]

    fileprivate init(target: OutputFile, temporaryPath: String, descriptor: Int32, privateDirectory: String?) {
        self.target = target
        self.temporaryPath = temporaryPath
        self.descriptor = descriptor
        self.privateDirectory = privateDirectory
    }

    deinit { if !done { discard() } }

    /// Puts the content under the target's name: replacing the file there only when the
    /// target was checked with it existing (and so with `--force`); otherwise refusing a file
    /// that appeared meanwhile rather than replacing it.
    func publish() throws {
        done = true
        if descriptor >= 0 {
            fsync(descriptor)
            close(descriptor)
        }
        let destination = target.resolvedPath
        if privateDirectory != nil, target.exists {
            // The replaced database's WAL must not be replayed into the new one.
            for suffix in Self.companionSuffixes { unlink(destination + suffix) }
        }
        if target.exists {
            // rename() replaces the directory entry itself: were it swapped for a link since
            // the check, the link is replaced, never its target.
            guard rename(temporaryPath, destination) == 0 else {
                let failure = target.failure("cannot replace \(target.path)")
                removeTemporary()
                throw failure
            }
        } else {
            // link() never replaces: a file or link planted under the name since the check
            // makes it fail with EEXIST.
            guard link(temporaryPath, destination) == 0 else {
                let failure = target.failure(errno == EEXIST
                    ? "\(target.path) appeared while \(target.role) was written; it was left as it is"
                    : "cannot write \(target.path)")
                removeTemporary()
                throw failure
            }
            unlink(temporaryPath)
        }
        if privateDirectory != nil {
            for suffix in ["-wal", "-shm"] where access(temporaryPath + suffix, F_OK) == 0 {
                rename(temporaryPath + suffix, destination + suffix)
            }
        }
        removeTemporary()
    }

    /// Removes the content; the target is left as it was.
    func discard() {
        done = true
        if descriptor >= 0 { close(descriptor) }
        removeTemporary()
    }

    private func removeTemporary() {
        unlink(temporaryPath)
        guard let privateDirectory else { return }
        for suffix in Self.companionSuffixes { unlink(temporaryPath + suffix) }
        rmdir(privateDirectory)
    }
}

/// A file the command is using, which no output may land on.
struct ProtectedFile {
    /// What it is, for the message: "the database", "the input file".
    let role: String
    /// Its real path, links resolved (nil when it does not exist).
    private let realPath: String?
    private let identity: FileIdentity?
    /// Names beside it that belong to it too (a database's `-wal`, `-shm`, `-journal`).
    private let companionSuffixes: [String]

    init(_ path: String, role: String, companionSuffixes: [String] = []) {
        self.role = role
        realPath = FileIdentity.realPath(path)
        identity = FileIdentity(following: path)
        self.companionSuffixes = companionSuffixes
    }

    /// A database and the files SQLite keeps beside it.
    static func database(_ path: String) -> ProtectedFile {
        ProtectedFile(path, role: "the database", companionSuffixes: StagedFile.companionSuffixes)
    }

    /// Why an output at `path` (which is `existing` when a file is there) would land on this
    /// file, or nil when it would not.
    func clash(withExisting existing: FileIdentity?, path: String) -> String? {
        guard let realPath else { return nil }
        if path == realPath { return role }
        if let existing, existing == identity { return "\(role) (under another name)" }
        for suffix in companionSuffixes {
            if path == realPath + suffix { return "\(role)'s \(suffix) file" }
            if let existing, existing == FileIdentity(following: realPath + suffix) { return "\(role)'s \(suffix) file (under another name)" }
        }
        return nil
    }
}

/// A file's device and inode: the same file whatever name or link reaches it.
struct FileIdentity: Equatable {
    let device: UInt64
    let inode: UInt64

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }

    /// The identity of what `path` names, through links; nil when nothing is there.
    init?(following path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        self.init(info)
    }

    /// `path` with every link and `.`/`..` resolved; nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The mode bits of what `path` names (through links); nil when nothing is there.
    static func mode(of path: String) -> mode_t? {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode : nil
    }
}
