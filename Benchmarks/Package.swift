// swift-tools-version: 6.0
import PackageDescription

// The benchmark is its own package so that the library never depends on GRDB.
// It depends on the repository root by path; SwiftPM names a path dependency after
// its directory, so take that name from where this manifest lives.
let rootIdentity = Context.packageDirectory
    .split(separator: "/").dropLast().last.map(String.init) ?? "main"

let package = Package(
    name: "SQLiteDBBenchmarks",
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    ],
    targets: [
        // Raw C access for the baseline contender (its own module, imported by one file only).
        .systemLibrary(
            name: "CSQLiteRaw",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .executableTarget(
            name: "sqlite-bench",
            dependencies: [
                "CSQLiteRaw",
                .product(name: "SQLiteDB", package: rootIdentity),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // registry-bench: the registry library at national scale (--members, --sizes), beside
        // raw C on the same rows. It starts the `registry` tool as a child process for the CSV
        // import, so it depends on that executable product: one `swift build` builds both and
        // puts `registry` next to `registry-bench`.
        .executableTarget(
            name: "registry-bench",
            dependencies: [
                "CSQLiteRaw",
                .product(name: "Registry", package: rootIdentity),
                .product(name: "RegistryDemo", package: rootIdentity),
                .product(name: "SQLiteDB", package: rootIdentity),
                .product(name: "registry", package: rootIdentity),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
