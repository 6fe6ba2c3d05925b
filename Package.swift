// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "MembershipRegistry",
    products: [
        .library(name: "SQLiteDB", targets: ["SQLiteDB"]),
        .library(name: "Registry", targets: ["Registry"]),
        .library(name: "RegistryDemo", targets: ["RegistryDemo"]),
        .executable(name: "registry", targets: ["RegistryTool"]),
    ],
    dependencies: [
        // The command-line tool's parser; the libraries depend on nothing but the system SQLite.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // `swift package generate-documentation` (DocC): a command plugin, so no product or
        // target depends on it and a library user never builds it.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
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
        // The registry's domain: schema (Migrations/, embedded at build time) and, on top, the typed API.
        .target(name: "Registry", dependencies: ["SQLiteDB"], plugins: ["EmbedMigrations"]),
        // A deterministic synthetic registry (real region structure, 24 months of ledger) for
        // the demo command, the benchmarks and tests.
        .target(name: "RegistryDemo", dependencies: ["Registry", "SQLiteDB"]),
        // The command-line tool `registry`.
        .executableTarget(
            name: "RegistryTool",
            dependencies: [
                "Registry", "SQLiteDB", "RegistryDemo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Build-time embedding of Migrations/*.sql into the Registry module.
        .executableTarget(name: "MigrationEmbedder"),
        .plugin(name: "EmbedMigrations", capability: .buildTool(), dependencies: ["MigrationEmbedder"]),

        // A tiny program the tests start several times to contend for writes from other processes.
        .executableTarget(
            name: "ContentionWriter",
            dependencies: ["SQLiteDB"],
            path: "Tests/ContentionWriter"
        ),
        // A payment channel the tool tests start beside an import and report readers: records
        // informal payments through the library, one write each, printing each committed receipt.
        .executableTarget(
            name: "PaymentStream",
            dependencies: ["Registry", "SQLiteDB"],
            path: "Tests/PaymentStream"
        ),
        .testTarget(name: "SQLiteDBTests", dependencies: ["SQLiteDB", "ContentionWriter"]),
        // The per-input checks of the fuzz targets (the separate package Fuzz/), compiled here
        // too so that `swift test` replays Tests/FuzzCorpus without a fuzzer build. Not a product.
        .target(name: "FuzzChecks", dependencies: ["Registry", "SQLiteDB"], path: "Fuzz/Sources/FuzzChecks"),
        .testTarget(name: "RegistryTests", dependencies: ["Registry", "SQLiteDB", "FuzzChecks"]),
        .testTarget(name: "RegistryDemoTests", dependencies: ["RegistryDemo", "Registry", "SQLiteDB"]),
        // End-to-end: runs the built `registry` executable on temporary databases.
        // Also kills imports mid-way (CrashSafety/) and runs writers and readers side by side (Concurrency/).
        .testTarget(name: "RegistryToolTests", dependencies: ["RegistryTool", "Registry", "SQLiteDB", "PaymentStream"]),
    ],
    swiftLanguageModes: [.v6]
)
