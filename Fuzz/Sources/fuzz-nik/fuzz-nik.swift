import FuzzChecks

/// libFuzzer's entry point: the input as text through the NIK, KPJ and region code parsers
/// (see `IdentityCheck`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNIK(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    trapOnViolations(IdentityCheck.run(fuzzInput(data, size)).violations, target: "fuzz-nik")
    return 0
}
