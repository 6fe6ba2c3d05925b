import Foundation

/// Where Litestream keeps the replica: a directory (on another disk or a mounted remote one),
/// an SFTP server, or an S3 bucket. Parsed from `--to` / `--from` / `--replica`.
///
/// Secrets never go into the configuration file or onto the command line: a URL with a
/// password is refused; SFTP authenticates with a key file, S3 with the environment
/// (`LITESTREAM_ACCESS_KEY_ID`, `LITESTREAM_SECRET_ACCESS_KEY`, which Litestream reads itself).
enum ReplicaLocation: Equatable {
    /// An absolute directory path.
    case directory(String)
    /// `sftp://user@host[:port]/path` or `s3://bucket/path`, as given.
    case remote(URL)

    /// Parses `text`, naming `option` in any refusal.
    init(_ text: String, option: String) throws {
        guard !text.isEmpty else { throw ToolFailure(.usage, "\(option): give a directory, sftp://… or s3://…") }
        // Litestream expands $VAR in its configuration: a '$' in a location would be replaced.
        guard !text.contains("$") else {
            throw ToolFailure(.usage, "\(option) \(text): a '$' would be expanded by Litestream as an environment variable; choose a location without one")
        }
        guard text.contains("://") else {
            let absolute = URL(fileURLWithPath: text).standardizedFileURL.path
            self = .directory(absolute)
            return
        }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased() else {
            throw ToolFailure(.usage, "\(option) \(text): not a URL")
        }
        switch scheme {
        case "file":
            guard url.host == nil || url.host == "" || url.host == "localhost" else {
                throw ToolFailure(.usage, "\(option) \(text): a file URL names a directory of this machine (file:///path)")
            }
            self = .directory(URL(fileURLWithPath: url.path).standardizedFileURL.path)
        case "sftp", "s3":
            guard url.password == nil else {
                throw ToolFailure(.usage, """
                    \(option): the URL holds a password; the tool writes no secret into a file or a \
                    command line (use --sftp-key for SFTP, LITESTREAM_ACCESS_KEY_ID and \
                    LITESTREAM_SECRET_ACCESS_KEY in Litestream's environment for S3)
                    """)
            }
            guard let host = url.host, !host.isEmpty else {
                throw ToolFailure(.usage, "\(option) \(text): no \(scheme == "s3" ? "bucket" : "host")")
            }
            guard url.path.count > 1 else {
                throw ToolFailure(.usage, "\(option) \(text): give a path below the \(scheme == "s3" ? "bucket" : "host"), one for this register")
            }
            if scheme == "sftp", url.user == nil {
                throw ToolFailure(.usage, "\(option) \(text): name the SFTP user (sftp://user@host/path)")
            }
            self = .remote(url)
        default:
            throw ToolFailure(.usage, "\(option) \(text): the replica is a directory, sftp://user@host/path or s3://bucket/path, not \(scheme)://")
        }
    }

    /// The URL Litestream's commands take.
    var url: String {
        switch self {
        case .directory(let path): URL(fileURLWithPath: path, isDirectory: false).absoluteString
        case .remote(let url): url.absoluteString
        }
    }

    /// For messages: the directory's path, or the URL.
    var description: String {
        switch self {
        case .directory(let path): path
        case .remote(let url): url.absoluteString
        }
    }
}
