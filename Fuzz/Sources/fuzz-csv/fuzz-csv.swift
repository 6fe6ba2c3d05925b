import FuzzChecks

/// libFuzzer's entry point: the input as a CSV file through `CSVReader`, at the default chunk
/// size and at a small one so that records straddle chunk borders (see `CSVReaderCheck`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzInput(data, size)
    // Every size on every input would spend most of the time in one-byte reads (a system call
    // per byte); one small size of 1, 2, 3, 4 or 7 bytes, picked by the input's length, is
    // enough for libFuzzer to put any byte on a border. The replay tests use them all.
    let small = CSVReaderCheck.allChunkSizes[bytes.count % 5]
    trapOnViolations(CSVReaderCheck.run(bytes, chunkSizes: [1 << 16, small]).violations, target: "fuzz-csv")
    return 0
}
