// swift-tools-version: 5.4
//
// libFuzzer targets for the registry's parsers. A separate package, so the main package and
// its `swift test` never need a fuzzer build. Build and run them with `Fuzz/run [SECONDS]`.
//
// Why tools version 5.4: from 5.5 on, SwiftPM renames every executable's `main` (so tests can
// link executables), and then the link fails because these targets have no `main` of their
// own: it comes from libFuzzer. 5.4 still has `.executableTarget` and leaves `main` alone.
//
// The flags that matter are on the command line in `Fuzz/run`, because they must reach the
// registry library too (coverage instrumentation comes from `-sanitize=fuzzer` at compile time,
// AddressSanitizer's checks from `address`):
//
//     swift build -c release --package-path Fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld
//
// `-use-ld=lld`: the same flags also build the migration embedder (a build tool with its own
// `main`), and gold crashes linking it against libFuzzer; lld links it.
import PackageDescription

/// Each target's sources are one file with `@_cdecl("LLVMFuzzerTestOneInput")`; parsed as a
/// library so that libFuzzer's `main` is the program's.
func fuzzTarget(_ name: String) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["FuzzChecks"],
        swiftSettings: [.unsafeFlags(["-parse-as-library"])]
    )
}

let package = Package(
    name: "RegistryFuzz",
    dependencies: [
        .package(name: "MembershipRegistry", path: ".."),
    ],
    targets: [
        // What each input is checked for; the main package compiles the same folder for the
        // tests that replay Tests/FuzzCorpus, so a fuzz target and its replay cannot drift apart.
        .target(
            name: "FuzzChecks",
            dependencies: [
                .product(name: "Registry", package: "MembershipRegistry"),
                .product(name: "SQLiteDB", package: "MembershipRegistry"),
            ]
        ),
        fuzzTarget("fuzz-nik"),
        fuzzTarget("fuzz-csv"),
        fuzzTarget("fuzz-import-row"),
    ]
)
