// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "MembershipRegistry",
    products: [
        .library(name: "SQLiteDB", targets: ["SQLiteDB"]),
    ],
    targets: [
        // The system SQLite (Debian's libsqlite3-dev) plus a shim for what Swift cannot call.
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // Our SQLite wrapper: knows SQL, nothing of workers or dues.
        .target(name: "SQLiteDB", dependencies: ["CSQLite"]),

        // A tiny program the tests start several times to contend for writes from other processes.
        .executableTarget(
            name: "ContentionWriter",
            dependencies: ["SQLiteDB"],
            path: "Tests/ContentionWriter"
        ),
        .testTarget(name: "SQLiteDBTests", dependencies: ["SQLiteDB", "ContentionWriter"]),
    ],
    swiftLanguageModes: [.v6]
)
