import FuzzChecks

/// libFuzzer's entry point: `KIND` (or `KIND header`) on the first line, then rows, through a
/// dry-run import against a small register built once per process (see `ImportRowCheck`).
/// Inputs that name no kind return -1, so libFuzzer does not keep them.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImportRow(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let outcome = ImportRowCheck.run(fuzzInput(data, size))
    trapOnViolations(outcome.violations, target: "fuzz-import-row")
    return outcome.kind == nil ? -1 : 0
}
